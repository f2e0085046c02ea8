import Foundation

/// A recursive-descent reader over UTF-8 bytes (RFC 8259), for files read often or large:
/// scenario lines (a microsecond a line) and MOLA configurations (megabytes of parameter tables),
/// where Foundation's JSONDecoder spends most of its time on generic metadata. Callers fall back
/// to JSONDecoder for a file it does not accept, which then gives the message.
public struct JSONByteReader {
    public let bytes: UnsafeRawBufferPointer
    public var position = 0
    /// Also take Python's `Infinity`, `-Infinity` and `NaN` as numbers (MOLA writes them).
    public let allowsNonFinite: Bool

    public init(bytes: UnsafeRawBufferPointer, allowsNonFinite: Bool = false) {
        self.bytes = bytes
        self.allowsNonFinite = allowsNonFinite
    }

    public mutating func skipSpace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            position += 1
        }
    }

    public mutating func atEnd() -> Bool {
        skipSpace()
        return position == bytes.count
    }

    /// An object at `position`: `member` is called with each key, positioned at its value,
    /// and reads that value (false stops: not the expected shape).
    public mutating func members(_ member: (inout JSONByteReader, String) -> Bool) -> Bool {
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else { return false }
        position += 1
        skipSpace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") { position += 1; return true }
        while true {
            skipSpace()
            guard let key = string() else { return false }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return false }
            position += 1
            skipSpace()
            guard member(&self, key) else { return false }
            skipSpace()
            guard position < bytes.count else { return false }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return true }
            return false
        }
    }

    /// A list of strings.
    public mutating func strings() -> [String]? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else { return nil }
        position += 1
        var items: [String] = []
        skipSpace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") { position += 1; return items }
        while true {
            skipSpace()
            guard let item = string() else { return nil }
            items.append(item)
            skipSpace()
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return items }
            return nil
        }
    }

    /// Consumes `null` when it is next.
    public mutating func skipNull() -> Bool { literal("null") }

    /// Checks and skips any value.
    public mutating func skipValue(depth: Int) -> Bool {
        skipSpace()
        guard position < bytes.count, depth < 32 else { return false }
        switch bytes[position] {
        case UInt8(ascii: "{"): return members { reader, _ in reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            position += 1
            skipSpace()
            if position < bytes.count && bytes[position] == UInt8(ascii: "]") { position += 1; return true }
            while true {
                guard skipValue(depth: depth + 1) else { return false }
                skipSpace()
                guard position < bytes.count else { return false }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return true }
                return false
            }
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number() != nil
        }
    }

    public mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[position + offset] != text.utf8Start[offset] { return false }
        position += count
        return true
    }

    /// A string at `position` (its opening quote); escapes decoded, control characters refused.
    public mutating func string() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        position += 1
        let start = position
        var ascii = true
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
            guard bytes[position] >= 0x20 else { return nil }
            ascii = ascii && bytes[position] < 0x80
            position += 1
        }
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "\"") {
            defer { position += 1 }
            let run = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
            // ASCII is valid UTF-8: skip the (unspecialised, slower) validation.
            return ascii ? String(decoding: run, as: UTF8.self) : String(validating: run, as: UTF8.self)
        }
        // With escapes: collect UTF-16 code units.
        guard var text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self) else { return nil }
        var units: [UInt16] = []
        func flush() -> Bool {
            guard !units.isEmpty else { return true }
            guard let decoded = String(validating: units, as: UTF16.self) else { return false }
            text += decoded
            units.removeAll()
            return true
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return flush() ? text : nil
            }
            if byte == UInt8(ascii: "\\") {
                guard position + 1 < bytes.count else { return nil }
                let escape = bytes[position + 1]
                position += 2
                switch escape {
                case UInt8(ascii: "\""): units.append(0x22)
                case UInt8(ascii: "\\"): units.append(0x5C)
                case UInt8(ascii: "/"): units.append(0x2F)
                case UInt8(ascii: "b"): units.append(0x08)
                case UInt8(ascii: "f"): units.append(0x0C)
                case UInt8(ascii: "n"): units.append(0x0A)
                case UInt8(ascii: "r"): units.append(0x0D)
                case UInt8(ascii: "t"): units.append(0x09)
                case UInt8(ascii: "u"):
                    guard position + 4 <= bytes.count,
                          let unit = UInt16(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + 4]), as: UTF8.self), radix: 16)
                    else { return nil }
                    units.append(unit)
                    position += 4
                default: return nil
                }
                continue
            }
            guard byte >= 0x20, flush() else { return nil }
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\"), bytes[position] >= 0x20 {
                position += 1
            }
            guard let run = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self) else { return nil }
            text += run
        }
        return nil
    }

    /// A number with JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, or, with
    /// ``allowsNonFinite``, `Infinity`, `-Infinity` or `NaN`.
    public mutating func number() -> Double? {
        if allowsNonFinite {
            if literal("Infinity") { return .infinity }
            if literal("-Infinity") { return -.infinity }
            if literal("NaN") { return .nan }
        }
        let start = position
        var mantissa = 0, significant = 0, decimals = 0
        func digits(fraction: Bool = false) -> Int {
            let from = position
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                if significant < 16 {
                    mantissa = mantissa * 10 + Int(bytes[position] - UInt8(ascii: "0"))
                    if significant > 0 || mantissa > 0 { significant += 1 }
                    if fraction { decimals += 1 }
                } else {
                    significant += 1
                }
                position += 1
            }
            return position - from
        }
        let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let integerStart = position
        let integerDigits = digits()
        guard integerDigits > 0, !(integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0")) else { return nil }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(fraction: true) > 0 else { return nil }
        }
        var exponent = false
        if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
            exponent = true
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) { position += 1 }
            guard digits() > 0 else { return nil }
        }
        // Clinger's fast path: up to 15 significant digits and a power of ten up to 10^22 are exact
        // doubles, so one division is correctly rounded (strtod took a fifth of a line's reading).
        if !exponent && significant <= 15 && decimals <= 22 {
            let value = Double(mantissa) / Self.powersOfTen[decimals]
            return negative ? -value : value
        }
        guard let value = Double(Substring(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)),
              value.isFinite else { return nil }
        return value
    }

    static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }
}
