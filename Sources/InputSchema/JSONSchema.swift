import Foundation

extension Shape {
    /// This shape as a JSON Schema (draft 2020-12), so that editors complete and check keys as a
    /// file is typed: objects list their properties, required keys and no others; maps take any
    /// key; choices are enums.
    public func jsonSchema(title: String? = nil) -> [String: Any] {
        var schema = fragment
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        if let title { schema["title"] = title }
        return schema
    }

    /// ``jsonSchema(title:)`` as pretty, key-sorted JSON text.
    public func jsonSchemaText(title: String? = nil) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: jsonSchema(title: title), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private var fragment: [String: Any] {
        switch self {
        case .string: return ["type": "string"]
        case .choice(let options): return ["type": "string", "enum": options]
        case .number: return ["type": "number"]
        case .integer: return ["type": "integer"]
        case .boolean: return ["type": "boolean"]
        case .list(let element): return ["type": "array", "items": element.fragment]
        case .map(let element): return ["type": "object", "additionalProperties": element.fragment]
        case .either(let shapes): return ["anyOf": shapes.map(\.fragment)]
        case .object(let fields):
            var properties: [String: Any] = [:]
            for field in fields {
                var property = field.shape.fragment
                if !field.doc.isEmpty { property["description"] = field.doc }
                properties[field.name] = property
            }
            var object: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
            let required = fields.filter(\.required).map(\.name)
            if !required.isEmpty { object["required"] = required }
            return object
        }
    }
}
