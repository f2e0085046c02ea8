import Foundation
import InputSchema

extension MOLAConfiguration.Content {
    /// A configuration read in one pass over its bytes; nil when they are not the shape MOLA
    /// writes (JSONDecoder then reads them and says what is wrong). Numbers may be Python's
    /// `Infinity`, `-Infinity` and `NaN` (``JSONByteReader/allowsNonFinite``); set members and
    /// index elements strings or numbers.
    static func read(_ data: Data) -> MOLAConfiguration.Content? {
        data.withUnsafeBytes { bytes -> MOLAConfiguration.Content? in
            var reader = JSONByteReader(bytes: bytes, allowsNonFinite: true)
            var content = MOLAConfiguration.Content()
            let read = reader.members { reader, key in
                switch key {
                case "sets":
                    var sets: [String: [String]] = [:]
                    guard reader.members({ reader, name in
                        guard let members = Self.scalars(&reader) else { return false }
                        sets[name] = members
                        return true
                    }) else { return false }
                    content.sets = sets
                case "parameters":
                    return reader.members { reader, name in Self.parameter(&reader, name: name, into: &content) }
                case "settings":
                    return reader.members { reader, name in
                        content.settingKeys.append(name)
                        if reader.literal("true") { content.settings[name] = true; return true }
                        if reader.literal("false") { content.settings[name] = false; return true }
                        return reader.skipValue(depth: 2)
                    }
                case "db_file", "specification":
                    reader.skipSpace()
                    if reader.position < reader.bytes.count && reader.bytes[reader.position] == UInt8(ascii: "\"") {
                        guard let text = reader.string() else { return false }
                        if key == "db_file" { content.dbFile = text } else { content.specification = text }
                        return true
                    }
                    return reader.skipValue(depth: 1)
                default:
                    if !MOLAConfiguration.Known.topLevel.contains(key) { content.unknownKeys.append(key) }
                    return reader.skipValue(depth: 1)
                }
                return true
            }
            guard read, reader.atEnd() else { return nil }
            content.unknownKeys.sort()
            return content
        }
    }

    /// A parameter: one number, or a list of `{"index": [...], "value": v}`.
    private static func parameter(_ reader: inout JSONByteReader, name: String, into content: inout MOLAConfiguration.Content) -> Bool {
        reader.skipSpace()
        guard reader.position < reader.bytes.count else { return false }
        if reader.bytes[reader.position] != UInt8(ascii: "[") {
            guard let value = reader.number() else { return false }
            content.parameters[name] = [MOLAConfiguration.Entry(index: [], value: value)]
            return true
        }
        reader.position += 1
        let zerosDropped = MOLAConfiguration.Known.zerosDropped.contains(name)
        var entries: [MOLAConfiguration.Entry] = []
        var unknown: [(Int, [String])] = []
        var offset = 0
        reader.skipSpace()
        if reader.position < reader.bytes.count && reader.bytes[reader.position] == UInt8(ascii: "]") {
            reader.position += 1
            content.parameters[name] = entries
            return true
        }
        while true {
            var index: [String]?
            var value = Double.nan
            var extra: [String] = []
            guard reader.members({ reader, key in
                switch key {
                case "index": index = scalars(&reader); return index != nil
                case "value":
                    if reader.skipNull() { return true }
                    guard let number = reader.number() else { return false }
                    value = number
                    return true
                default:
                    extra.append(key)
                    return reader.skipValue(depth: 3)
                }
            }), let index else { return false }
            if !extra.isEmpty { unknown.append((offset, extra.sorted())) }
            offset += 1
            if value != 0 || !zerosDropped { entries.append(MOLAConfiguration.Entry(index: index, value: value)) }
            reader.skipSpace()
            guard reader.position < reader.bytes.count else { return false }
            if reader.bytes[reader.position] == UInt8(ascii: ",") { reader.position += 1; reader.skipSpace(); continue }
            if reader.bytes[reader.position] == UInt8(ascii: "]") { reader.position += 1; break }
            return false
        }
        content.parameters[name] = entries
        if !unknown.isEmpty { content.entryUnknownKeys[name] = unknown }
        return true
    }

    /// A list of strings and numbers, as text (whole numbers without a decimal point, as
    /// JSONDecoder's reading of them as Int gave).
    private static func scalars(_ reader: inout JSONByteReader) -> [String]? {
        reader.skipSpace()
        guard reader.position < reader.bytes.count, reader.bytes[reader.position] == UInt8(ascii: "[") else { return nil }
        reader.position += 1
        var items: [String] = []
        reader.skipSpace()
        if reader.position < reader.bytes.count && reader.bytes[reader.position] == UInt8(ascii: "]") { reader.position += 1; return items }
        while true {
            reader.skipSpace()
            guard reader.position < reader.bytes.count else { return nil }
            if reader.bytes[reader.position] == UInt8(ascii: "\"") {
                guard let text = reader.string() else { return nil }
                items.append(text)
            } else {
                guard let value = reader.number() else { return nil }
                items.append(value == value.rounded() && abs(value) < 9e15 ? String(Int64(value)) : String(value))
            }
            reader.skipSpace()
            guard reader.position < reader.bytes.count else { return nil }
            if reader.bytes[reader.position] == UInt8(ascii: ",") { reader.position += 1; continue }
            if reader.bytes[reader.position] == UInt8(ascii: "]") { reader.position += 1; return items }
            return nil
        }
    }
}
