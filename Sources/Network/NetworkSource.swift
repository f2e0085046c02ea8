import Foundation
import InputSchema
import ModelFamily
import SwiftCSV

/// Reads a network file (YAML or JSON) into one value tree: lists given as CSV files are read
/// into the tree (a row per item, a column per key, `a.b` columns for nested keys such as
/// `legs.elec` or `expansion.cost`), and per-snapshot values given as CSV files (a `snapshot`
/// column, optionally `period`, and a column per component id) become maps. The tree is then
/// checked against ``NetworkShape`` so that every problem of the file and its CSVs is reported
/// at once.
public enum NetworkSource {
    /// The value tree of `contents` when it is a network file (its top level says
    /// `kind: network`), else nil. Only text that holds both words is parsed, once; the tree goes
    /// on to ``read(tree:file:)``.
    public static func networkTree(_ contents: Data, file: String) -> JSONValue? {
        guard contents.range(of: Data("kind".utf8)) != nil, contents.range(of: Data("network".utf8)) != nil,
              let tree = try? StructuredText.parse(contents, yaml: StructuredText.isYAML(contents, file: file)),
              tree["kind"] == .string("network") else { return nil }
        return tree
    }

    /// True when the network names an openLCA process or impact category (and so needs a database).
    public static func needsDatabase(_ tree: JSONValue) -> Bool { NetworkLCA.needsDatabase(tree) }

    /// The checked tree of the network file at `file` (read as `contents`).
    public static func read(_ contents: Data, file: String) throws(ModelError) -> JSONValue {
        let tree: JSONValue
        do { tree = try StructuredText.parse(contents, yaml: StructuredText.isYAML(contents, file: file)) } catch {
            throw ModelError(file: file, issues: [error])
        }
        return try read(tree: tree, file: file)
    }

    /// `tree` (a network file's, at `file`) with its CSV files read in, checked against the shape.
    public static func read(tree: JSONValue, file: String) throws(ModelError) -> JSONValue {
        var reader = CSVReader(base: URL(fileURLWithPath: file).deletingLastPathComponent())
        let tree = reader.inline(tree)
        var problems = reader.issues
        if problems.isEmpty { problems = NetworkShape.shape.problems(in: tree) }
        guard problems.isEmpty else { throw ModelError(file: file, issues: problems) }
        return tree
    }
}

/// Reads the CSV files a network file names, collecting problems with their file and line.
struct CSVReader {
    let base: URL
    var issues: [ModelIssue] = []
    private var tables: [String: (header: [String], rows: [[String]])] = [:]

    init(base: URL) { self.base = base }

    /// `tree` with every CSV list and per-snapshot CSV read in.
    mutating func inline(_ tree: JSONValue) -> JSONValue {
        guard case .object(var members) = tree else { return tree }
        for key in NetworkShape.listKeys {
            guard let item = NetworkShape.items[key], case .object(let fields) = item else { continue }
            if case .string(let name)? = members[key] {
                members[key] = list(name, key: key, fields: fields)
            }
            guard case .array(var items)? = members[key] else { continue }
            for index in items.indices {
                items[index] = varyingRead(items[index], fields: fields, path: "$.\(key)[\(index)]")
            }
            members[key] = .array(items)
        }
        return .object(members)
    }

    /// The table of CSV file `name` (relative to the network file), read once.
    private mutating func table(_ name: String, path: String) -> (header: [String], rows: [[String]])? {
        if let table = tables[name] { return table }
        let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : base.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            issues.append(ModelIssue(path, "cannot read the CSV file '\(name)' (looked for \(url.path))", hint: "give a path relative to the network file"))
            return nil
        }
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
            let header = csv.header.map { $0.trimmingCharacters(in: .whitespaces) }
            let rows = csv.rows.filter { !($0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty) }
            tables[name] = (header, rows)
            return (header, rows)
        } catch {
            issues.append(ModelIssue(path, "'\(name)' is not valid CSV: \(error)"))
            return nil
        }
    }

    /// True when `row` has a non-empty cell past the header (SwiftCSV pads short rows with empty
    /// cells, which mean "absent", and pads every row to the longest).
    private static func overflows(_ row: [String], _ header: [String]) -> Bool {
        row.count > header.count && row[header.count...].contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// A list from a CSV file: each row an object of the item's keys, cells typed by `fields`.
    private mutating func list(_ name: String, key: String, fields: [Shape.Field]) -> JSONValue {
        let path = "$.\(key)"
        guard let (header, rows) = table(name, path: path) else { return .array([]) }
        let topNames = Set(fields.map(\.name))
        for column in header where !topNames.contains(String(column.split(separator: ".").first ?? "")) {
            issues.append(ModelIssue(path, "\(name): unknown column '\(column)'", hint: "columns are the keys of \(key): " + fields.map(\.name).joined(separator: ", ")))
        }
        for field in fields where field.required && !header.contains(field.name) && !header.contains(where: { $0.hasPrefix(field.name + ".") }) {
            issues.append(ModelIssue(path, "\(name): missing column '\(field.name)'", hint: "add a column \(field.name)"))
        }
        var items: [JSONValue] = []
        for (offset, row) in rows.enumerated() {
            let line = offset + 2
            if Self.overflows(row, header) {
                issues.append(ModelIssue("\(path)[\(offset)]", "\(name) line \(line) has more cells than the header's \(header.count)", hint: "add the missing column names, or remove the extra cells"))
                continue
            }
            var object: [String: JSONValue] = [:]
            for (column, rawCell) in zip(header, row.prefix(header.count)) {
                let cell = rawCell.trimmingCharacters(in: .whitespaces)
                if cell.isEmpty { continue }
                let parts = column.split(separator: ".").map(String.init)
                guard let field = fields.first(where: { $0.name == parts[0] }) else { continue }
                let value = typed(cell, field.shape, nested: parts.count > 1 ? Array(parts.dropFirst()) : [],
                                  path: "\(path)[\(offset)].\(column)", where: "\(name) line \(line), column \(column)")
                Self.set(&object, parts, value)
            }
            items.append(.object(object))
        }
        return .array(items)
    }

    /// A CSV cell as the value `shape` wants (`nested`: the key path below the column's field).
    private mutating func typed(_ cell: String, _ shape: Shape, nested: [String], path: String, where location: String) -> JSONValue {
        var shape = shape
        for key in nested {
            switch shape {
            case .map(let element): shape = element
            case .object(let fields): shape = fields.first { $0.name == key }?.shape ?? .string
            default: break
            }
        }
        switch shape {
        case .number, .integer:
            if let number = Double(cell) { return .number(number) }
            issues.append(ModelIssue(path, "\(location): '\(cell)' is not a number"))
            return .string(cell)
        case .boolean:
            switch cell.lowercased() {
            case "true", "1", "yes": return .bool(true)
            case "false", "0", "no": return .bool(false)
            default:
                issues.append(ModelIssue(path, "\(location): '\(cell)' is not true or false"))
                return .string(cell)
            }
        case .either(let options):
            // A number where one fits (a varying value), `all` for routes, else a file name.
            if options.contains(where: { if case .number = $0 { return true }; return false }) {
                if let number = Double(cell) { return .number(number) }
                if !cell.lowercased().hasSuffix(".csv") {
                    issues.append(ModelIssue(path, "\(location): '\(cell)' is not a number (or the name of a per-snapshot .csv file)"))
                }
                return .string(cell)
            }
            if cell == "all" { return .string(cell) }
            return routes(cell, path: path, where: location)
        default:
            return .string(cell)
        }
    }

    /// Routes in a CSV cell: `all`, or `from>to` pairs separated by `;`.
    private mutating func routes(_ cell: String, path: String, where location: String) -> JSONValue {
        var routes: [JSONValue] = []
        for pair in cell.split(separator: ";") {
            let ends = pair.split(separator: ">").map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, !ends[0].isEmpty, !ends[1].isEmpty else {
                issues.append(ModelIssue(path, "\(location): '\(pair)' is not a route", hint: "write routes as from>to pairs separated by ;, or all"))
                continue
            }
            routes.append(.object(["from": .string(ends[0]), "to": .string(ends[1])]))
        }
        return .array(routes)
    }

    private static func set(_ object: inout [String: JSONValue], _ keys: [String], _ value: JSONValue) {
        guard keys.count > 1 else { object[keys[0]] = value; return }
        var inner: [String: JSONValue] = [:]
        if case .object(let existing)? = object[keys[0]] { inner = existing }
        set(&inner, Array(keys.dropFirst()), value)
        object[keys[0]] = .object(inner)
    }

    /// `item` with each per-snapshot value named as a CSV file read into a map.
    private mutating func varyingRead(_ item: JSONValue, fields: [Shape.Field], path: String) -> JSONValue {
        guard case .object(var members) = item, case .string(let id)? = members["id"] else { return item }
        for field in fields {
            guard case .either(let options) = field.shape, options.count == 3, case .string(let name)? = members[field.name] else { continue }
            guard name.lowercased().hasSuffix(".csv") else {
                if !issues.contains(where: { $0.path == "\(path).\(field.name)" }) {
                    issues.append(ModelIssue("\(path).\(field.name)", "'\(name)' is not a number, a map by snapshot, or the name of a per-snapshot .csv file"))
                }
                continue
            }
            members[field.name] = series(name, column: id, path: "\(path).\(field.name)")
        }
        return .object(members)
    }

    /// Column `column` of a per-snapshot CSV: snapshot -> number, or period -> snapshot -> number.
    private mutating func series(_ name: String, column: String, path: String) -> JSONValue {
        guard let (header, rows) = table(name, path: path) else { return .number(0) }
        guard let snapshotColumn = header.firstIndex(of: "snapshot") else {
            issues.append(ModelIssue(path, "\(name): missing column 'snapshot'", hint: "a per-snapshot CSV has a snapshot column and one column per component"))
            return .number(0)
        }
        guard let valueColumn = header.firstIndex(of: column) else {
            issues.append(ModelIssue(path, "\(name): missing column '\(column)'", hint: "add a column named after the component"))
            return .number(0)
        }
        let periodColumn = header.firstIndex(of: "period")
        var flat: [String: JSONValue] = [:], byPeriod: [String: [String: JSONValue]] = [:]
        for (offset, row) in rows.enumerated() {
            guard !Self.overflows(row, header) else {
                issues.append(ModelIssue(path, "\(name) line \(offset + 2) has more cells than the header's \(header.count)"))
                continue
            }
            let cell = row[valueColumn].trimmingCharacters(in: .whitespaces)
            guard let number = Double(cell) else {
                issues.append(ModelIssue(path, "\(name) line \(offset + 2), column \(column): '\(cell)' is not a number"))
                continue
            }
            let snapshot = row[snapshotColumn].trimmingCharacters(in: .whitespaces)
            if let periodColumn {
                byPeriod[row[periodColumn].trimmingCharacters(in: .whitespaces), default: [:]][snapshot] = .number(number)
            } else {
                flat[snapshot] = .number(number)
            }
        }
        return periodColumn == nil ? .object(flat) : .object(byPeriod.mapValues { .object($0) })
    }
}
