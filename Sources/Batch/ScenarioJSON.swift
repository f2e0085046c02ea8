import Foundation

/// A small JSON reader for scenario lines: a scenario is a flat object of strings, numbers,
/// string lists and one string -> number map, and reading it with Foundation cost 5-9 us a line
/// (a tenth of a warm GLPK re-solve of the bundled example); this reads one in about 1 us.
/// Anything it does not accept goes to JSONDecoder, which then gives the message.
enum ScenarioJSON {
    indirect enum Value {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])
    }

    /// The scenario of one line, or nil when the line is not JSON or a key has another type.
    static func scenario(_ bytes: UnsafeRawBufferPointer) -> Scenario? {
        var reader = Reader(bytes: bytes)
        guard case .object(let members)? = reader.value(), reader.atEnd() else { return nil }
        var scenario = Scenario(id: "")
        var hasId = false
        for (key, value) in members {
            if case .null = value { if key == "id" { return nil } else { continue } }
            switch (key, value) {
            case ("id", .string(let text)): scenario.id = text; hasId = true
            case ("model", .string(let text)): scenario.model = text
            case ("run", .string(let text)): scenario.run = text
            case ("objective", .string(let text)): scenario.objective = text
            case ("disable", .array(let items)): guard let ids = strings(items) else { return nil }; scenario.disable = ids
            case ("objectives", .array(let items)): guard let names = strings(items) else { return nil }; scenario.objectives = names
            case ("scaleDemand", .number(let factor)): scenario.scaleDemand = factor
            case ("points", .number(let points)):
                guard points == points.rounded(), abs(points) < 1e9 else { return nil }
                scenario.points = Int(points)
            case ("set", .object(let entries)):
                var values: [String: Double] = [:]
                for (path, entry) in entries {
                    guard case .number(let number) = entry else { return nil }
                    values[path] = number
                }
                scenario.set = values
            case ("id", _), ("model", _), ("run", _), ("objective", _), ("disable", _), ("objectives", _),
                 ("scaleDemand", _), ("points", _), ("set", _):
                return nil
            default: continue  // unknown keys are ignored, as JSONDecoder does
            }
        }
        return hasId ? scenario : nil
    }

    private static func strings(_ items: [Value]) -> [String]? {
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item else { return nil }
            result.append(text)
        }
        return result
    }

    /// A recursive-descent reader over UTF-8 bytes (RFC 8259).
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func atEnd() -> Bool {
            skipSpace()
            return position == bytes.count
        }

        mutating func value(depth: Int = 0) -> Value? {
            skipSpace()
            guard position < bytes.count, depth < 32 else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ text: StaticString, _ value: Value) -> Value? {
            let count = text.utf8CodeUnitCount
            guard position + count <= bytes.count else { return nil }
            for offset in 0..<count where bytes[position + offset] != text.utf8Start[offset] { return nil }
            position += count
            return value
        }

        mutating func object(depth: Int) -> Value? {
            position += 1
            var members: [(String, Value)] = []
            skipSpace()
            if position < bytes.count && bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                guard let member = value(depth: depth + 1) else { return nil }
                members.append((key, member))
                skipSpace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
                return nil
            }
        }

        mutating func array(depth: Int) -> Value? {
            position += 1
            var items: [Value] = []
            skipSpace()
            if position < bytes.count && bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            while true {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipSpace()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
                return nil
            }
        }

        /// A string at `position` (its opening quote); escapes decoded, control characters refused.
        mutating func string() -> String? {
            position += 1
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
                guard bytes[position] >= 0x20 else { return nil }
                position += 1
            }
            guard position < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: "\"") {
                defer { position += 1 }
                return String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
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

        /// A number with JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        mutating func number() -> Value? {
            let start = position
            func digits() -> Int {
                let from = position
                while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") { position += 1 }
                return position - from
            }
            if position < bytes.count && bytes[position] == UInt8(ascii: "-") { position += 1 }
            let integerStart = position
            let integerDigits = digits()
            guard integerDigits > 0, !(integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0")) else { return nil }
            if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { return nil }
            }
            if position < bytes.count && (bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")) {
                position += 1
                if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) { position += 1 }
                guard digits() > 0 else { return nil }
            }
            guard let value = Double(Substring(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)),
                  value.isFinite else { return nil }
            return .number(value)
        }
    }
}
