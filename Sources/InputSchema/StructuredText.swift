import Foundation
import Yams

/// Reads JSON or YAML text into a ``JSONValue`` tree, with syntax errors that say where.
public enum StructuredText {
    /// True for `.yaml`/`.yml` files, and for text that does not start with `{` or `[` when
    /// the extension says nothing.
    public static func isYAML(_ data: Data, file: String) -> Bool {
        let lower = file.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return true }
        if lower.hasSuffix(".json") { return false }
        let first = data.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        return first != UInt8(ascii: "{") && first != UInt8(ascii: "[")
    }

    /// The value tree of `data`; a syntax error is a problem at `$` naming its line and column.
    public static func parse(_ data: Data, yaml: Bool) throws(ShapeProblem) -> JSONValue {
        do {
            if yaml { return try YAMLDecoder().decode(JSONValue.self, from: String(decoding: data, as: UTF8.self)) }
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ShapeProblem("$", "not valid \(yaml ? "YAML" : "JSON"): \(syntaxMessage(error, data: data, yaml: yaml))")
        }
    }

    /// The parser's message, with the line and column of the error when the parser gave an offset.
    static func syntaxMessage(_ error: any Error, data: Data, yaml: Bool) -> String {
        var text: String
        if !yaml, (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil {
            // JSONDecoder does not say where; JSONSerialization gives the character offset.
            do { _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
                text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
                return located(text, data: data)
            }
        }
        if case DecodingError.dataCorrupted(let context) = error {
            text = context.debugDescription
            if let underlying = context.underlyingError { text += " " + String(describing: underlying) }
        } else {
            text = String(describing: error)
        }
        return located(text.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces), data: data)
    }

    /// Where JSON text that may hold Python's `Infinity`, `-Infinity` and `NaN` (MOLA writes
    /// them) is not valid: the tokens are blanked to `0` with the same length, and the parser's
    /// message gets its line and column. Nil when the text is valid JSON that way.
    public static func jsonSyntaxProblem(allowingNonFinite data: Data) -> String? {
        var text = String(decoding: data, as: UTF8.self)
        for token in ["-Infinity", "Infinity", "NaN"] {
            text = text.replacingOccurrences(of: token, with: "0" + String(repeating: " ", count: token.utf8.count - 1))
        }
        let bytes = Data(text.utf8)
        do {
            _ = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
            return nil
        } catch {
            let message = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            return located(message, data: bytes)
        }
    }

    /// `text` with the line and column of the byte offset it names, when it names one.
    static func located(_ text: String, data: Data) -> String {
        if text.contains("line") { return text }
        // Foundation reports a byte offset on some platforms: turn it into a line and a column.
        if let range = text.range(of: #"(?:offset|character) (\d+)"#, options: .regularExpression),
           let offset = Int(text[range].split(separator: " ").last ?? "") {
            let prefix = data.prefix(max(0, min(offset, data.count)))
            let line = prefix.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let column = prefix.count - (prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            return "\(text) (line \(line), column \(column))"
        }
        return text
    }
}
