import Foundation
@_exported import ModelFamily
import InputSchema
import Yams

extension ModelFile {
    /// Reads a JSON or YAML model file (chosen by extension, else by content).
    public static func load(path: String) throws(ModelError) -> ModelFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError(file: path, issues: [ModelIssue("$", "cannot read the file", hint: "check the path")])
        }
        return try decode(data, file: path)
    }

    /// Decodes a model from JSON or YAML text. The text is first checked against ``shape``, so an
    /// unknown key (with a did-you-mean), a missing one and every wrong type are reported at once.
    public static func decode(_ data: Data, file: String) throws(ModelError) -> ModelFile {
        let isYAML = StructuredText.isYAML(data, file: file)
        let tree: JSONValue
        do { tree = try StructuredText.parse(data, yaml: isYAML) } catch {
            throw ModelError(file: file, issues: [error])
        }
        let problems = shape.problems(in: tree)
        guard problems.isEmpty else { throw ModelError(file: file, issues: problems) }
        do {
            if isYAML {
                return try YAMLDecoder().decode(ModelFile.self, from: String(decoding: data, as: UTF8.self))
            }
            return try JSONDecoder().decode(ModelFile.self, from: data)
        } catch let error as DecodingError {
            throw ModelError(file: file, issues: [issue(from: error)])
        } catch {
            throw ModelError(file: file, issues: [ModelIssue("$", "not valid \(isYAML ? "YAML" : "JSON"): \(error)")])
        }
    }

    /// The issue (JSON path and message) a decoding error stands for.
    public static func issue(from error: DecodingError) -> ModelIssue {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("$") { result, key in
                if let index = key.intValue { return result + "[\(index)]" }
                return result + "." + key.stringValue
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return ModelIssue(path(context.codingPath + [key]), "missing", hint: "add \"\(key.stringValue)\"")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return ModelIssue(path(context.codingPath), "wrong type: \(context.debugDescription)")
        case .dataCorrupted(let context):
            return ModelIssue(path(context.codingPath), context.debugDescription)
        @unknown default:
            return ModelIssue("$", "\(error)")
        }
    }
}

extension ModelFile {
    /// The model as pretty-printed JSON (keys sorted), or YAML.
    public func encoded(yaml: Bool = false) throws -> Data {
        if yaml { return Data(try YAMLEncoder().encode(self).utf8) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Writes the model to `path`: YAML for `.yaml`/`.yml`, else JSON.
    public func write(to path: String) throws {
        let lower = path.lowercased()
        try encoded(yaml: lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
