/// The shape of a file kind lcaopt reads: which keys an object has, which are required, what
/// type each value is. One description serves three purposes: rejecting unknown keys (with a
/// did-you-mean) and every type problem at once, before the typed decoding runs; and printing a
/// JSON Schema that editors understand.
public indirect enum Shape: Sendable {
    case string
    /// One of these strings.
    case choice([String])
    /// A finite number (Infinity and NaN are not numbers here).
    case number
    case integer
    case boolean
    case list(Shape)
    /// An object with fixed keys.
    case object([Field])
    /// An object whose keys are ids or labels (periods, materials) and whose values share a shape.
    case map(Shape)
    /// The first shape that fits (e.g. a number, or a map period -> number).
    case either([Shape])

    /// One key of an object.
    public struct Field: Sendable {
        public var name: String
        public var shape: Shape
        public var required: Bool
        /// What the key means (shown by editors).
        public var doc: String

        public init(_ name: String, _ shape: Shape, required: Bool = false, _ doc: String = "") {
            self.name = name
            self.shape = shape
            self.required = required
            self.doc = doc
        }
    }
}

/// A problem in a file: where (JSON path), what, and how to fix it (`ModelIssue` in SupplyChain).
public struct ShapeProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var hint: String?

    public init(_ path: String, _ message: String, hint: String? = nil) {
        self.path = path
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(path): \(message)" + (hint.map { " (\($0))" } ?? "") }
}

extension Shape {
    /// Every problem of `value` against this shape (unknown keys, missing keys, wrong types), in
    /// document order with object keys sorted.
    public func problems(in value: JSONValue, at path: String = "$") -> [ShapeProblem] {
        var found: [ShapeProblem] = []
        check(value, path, &found)
        return found
    }

    /// True when `value` fits without problems.
    func fits(_ value: JSONValue) -> Bool {
        var found: [ShapeProblem] = []
        check(value, "$", &found)
        return found.isEmpty
    }

    private func check(_ value: JSONValue, _ path: String, _ found: inout [ShapeProblem]) {
        switch (self, value) {
        case (.string, .string), (.boolean, .bool):
            return
        case (.choice(let options), .string(let text)):
            if !options.contains(text) {
                let hint = closest(to: text, in: options).map { "did you mean '\($0)'?" } ?? "use one of " + options.joined(separator: ", ")
                found.append(ShapeProblem(path, "'\(text)' is not one of \(options.joined(separator: ", "))", hint: hint))
            }
        case (.number, .number(let number)):
            if !number.isFinite { found.append(ShapeProblem(path, "must be a finite number, not \(number)")) }
        case (.integer, .number(let number)):
            if !(number.isFinite && number == number.rounded() && abs(number) < 9e15) {
                found.append(ShapeProblem(path, "must be a whole number, not \(number)"))
            }
        case (.list(let element), .array(let items)):
            for (offset, item) in items.enumerated() { element.check(item, "\(path)[\(offset)]", &found) }
        case (.map(let element), .object(let members)):
            for key in members.keys.sorted() { element.check(members[key]!, "\(path).\(key)", &found) }
        case (.object(let fields), .object(let members)):
            let names = fields.map(\.name)
            for key in members.keys.sorted() {
                if let field = fields.first(where: { $0.name == key }) {
                    if case .null = members[key]!, !field.required { continue }
                    field.shape.check(members[key]!, "\(path).\(key)", &found)
                } else {
                    found.append(ShapeProblem("\(path).\(key)", "unknown key '\(key)'", hint: unknownKeyHint(key, known: names)))
                }
            }
            for field in fields where field.required && members[field.name] == nil {
                found.append(ShapeProblem("\(path).\(field.name)", "missing", hint: "add \"\(field.name)\""))
            }
        case (.either(let shapes), _):
            if let fitting = shapes.first(where: { $0.fits(value) }) { return fitting.check(value, path, &found) }
            // Report against the alternative of the same kind of value, else say what was expected.
            if let same = shapes.first(where: { $0.accepts(kind: value) }) { return same.check(value, path, &found) }
            found.append(ShapeProblem(path, "expected \(expected), found \(value.kind)"))
        default:
            found.append(ShapeProblem(path, "expected \(expected), found \(value.kind)"))
        }
    }

    /// True when this shape takes values of `value`'s kind (whatever their content).
    private func accepts(kind value: JSONValue) -> Bool {
        switch (self, value) {
        case (.string, .string), (.choice, .string), (.number, .number), (.integer, .number), (.boolean, .bool),
             (.list, .array), (.object, .object), (.map, .object):
            return true
        case (.either(let shapes), _):
            return shapes.contains { $0.accepts(kind: value) }
        default:
            return false
        }
    }

    /// What this shape expects, as a message names it.
    public var expected: String {
        switch self {
        case .string: return "a string"
        case .choice(let options): return "one of " + options.joined(separator: ", ")
        case .number: return "a number"
        case .integer: return "a whole number"
        case .boolean: return "true or false"
        case .list(let element): return "a list of \(element.plural)"
        case .object: return "an object"
        case .map(let element): return "an object of \(element.plural)"
        case .either(let shapes): return shapes.map(\.expected).joined(separator: " or ")
        }
    }

    private var plural: String {
        switch self {
        case .string, .choice: return "strings"
        case .number: return "numbers"
        case .integer: return "whole numbers"
        case .boolean: return "booleans"
        case .list: return "lists"
        case .object, .map: return "objects"
        case .either(let shapes): return shapes.map(\.plural).joined(separator: " or ")
        }
    }
}
