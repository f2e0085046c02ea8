import Foundation
import InputSchema
import SupplyChain

/// A MOLA configuration file (MOLA's General Specification, version 5): `sets`, `parameters`
/// (each a list of `{"index": [...], "value": v}`), `settings` and the `db_file` it was made for.
///
/// MOLA writes these files with Python's `json`, so they may contain `Infinity` and `NaN`.
public struct MOLAConfiguration: Sendable, Equatable {
    /// One value of an indexed parameter.
    public struct Entry: Sendable, Equatable {
        public var index: [String]
        public var value: Double

        public init(index: [String], value: Double) {
            self.index = index
            self.value = value
        }
    }

    public var sets: [String: [String]]
    public var parameters: [String: [Entry]]
    public var settings: [String: Bool]
    /// The database MOLA used (often an absolute Windows path).
    public var dbFile: String?
    /// MOLA's specification class name, e.g. `<class 'mola.specification5.GeneralSpecification'>`.
    public var specification: String?

    public init(sets: [String: [String]], parameters: [String: [Entry]], settings: [String: Bool] = [:],
                dbFile: String? = nil, specification: String? = nil) {
        self.sets = sets
        self.parameters = parameters
        self.settings = settings
        self.dbFile = dbFile
        self.specification = specification
    }

    /// The members of set `name` (empty when absent).
    public func set(_ name: String) -> [String] { sets[name] ?? [] }

    /// The entries of parameter `name` (empty when absent).
    public func parameter(_ name: String) -> [Entry] { parameters[name] ?? [] }

    /// Parameter `name` as a map from its index (joined by U+001F) to its value; the last entry wins, as in MOLA.
    public func table(_ name: String) -> [String: Double] {
        var table: [String: Double] = [:]
        for entry in parameter(name) { table[Self.key(entry.index)] = entry.value }
        return table
    }

    /// The lookup key of an index tuple in ``table(_:)``.
    public static func key(_ index: [String]) -> String { index.joined(separator: "\u{1F}") }

    /// True when `data` looks like a MOLA configuration (a JSON object with `sets` and
    /// `parameters`), found by one pass that skips the values (a JSONDecoder probe parsed the
    /// whole file into values, a tenth of a second at 100 tasks).
    public static func recognises(_ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            var reader = JSONByteReader(bytes: bytes, allowsNonFinite: true)
            var keys = Set<String>()
            var found = false
            // Stops at the second of the two keys, before its value: `parameters` is most of the file.
            let object = reader.members { reader, key in
                keys.insert(key)
                if keys.contains("sets") && keys.contains("parameters") {
                    found = true
                    return false
                }
                return reader.skipValue(depth: 1)
            }
            return found || (object && keys.contains("sets") && keys.contains("parameters"))
        }
    }

    /// Reads a MOLA configuration file.
    public static func load(path: String) throws(ModelError) -> MOLAConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError(file: path, issues: [ModelIssue("$", "cannot read the file", hint: "check the path")])
        }
        return try decode(data, file: path)
    }

    /// Decodes a MOLA configuration. Keys MOLA's General Specification v5 does not have (at the
    /// top, in `settings`, `sets`, `parameters` and their entries) are rejected with a
    /// did-you-mean, all at once; other MOLA specifications (AIMMS, Kondili, ...) are rejected
    /// by name.
    public static func decode(_ data: Data, file: String) throws(ModelError) -> MOLAConfiguration {
        // One pass over the bytes (MOLA's GUI writes every parameter densely: megabytes at 100
        // tasks, where JSONDecoder spent 0.33 s); JSONDecoder reads what that pass does not
        // accept, and says why.
        if let content = Content.read(data) { return try validated(content, file: file) }
        return try decodeWithFoundation(data, file: file)
    }

    /// ``decode(_:file:)`` through JSONDecoder alone: the fallback with the messages, and the
    /// reference the one-pass reader is tested against.
    static func decodeWithFoundation(_ data: Data, file: String) throws(ModelError) -> MOLAConfiguration {
        do {
            return try validated(Content(try decoder.decode(Raw.self, from: data)), file: file)
        } catch let error as ModelError {
            throw error
        } catch let error as DecodingError {
            if let syntax = StructuredText.jsonSyntaxProblem(allowingNonFinite: data) {
                throw ModelError(file: file, issues: [ModelIssue("$", "not valid JSON: \(syntax)")])
            }
            throw ModelError(file: file, issues: [ModelFile.issue(from: error)])
        } catch {
            throw ModelError(file: file, issues: [ModelIssue("$", "not valid JSON: \(error)")])
        }
    }

    /// The configuration in `content`, or every problem with it: unknown keys, sets, parameters
    /// and settings, another specification, a missing `sets`, indexes given twice.
    static func validated(_ content: Content, file: String) throws(ModelError) -> MOLAConfiguration {
        var issues = content.unknownKeys.map { ModelIssue("$.\($0)", "unknown key '\($0)'", hint: unknownKeyHint($0, known: Known.topLevel)) }
        if let specification = content.specification, !specification.contains(".GeneralSpecification'") {
            throw ModelError(file: file, issues: [ModelIssue(
                "$.specification", "unsupported MOLA specification \(specification)",
                hint: "lcaopt reads configurations of MOLA's General Specification v5 (mola.specification5.GeneralSpecification)")])
        }
        guard let sets = content.sets else {
            throw ModelError(file: file, issues: [ModelIssue("$.sets", "missing", hint: "a MOLA configuration has sets and parameters")])
        }
        func unknown(_ names: some Sequence<String>, _ known: [String], _ path: String, _ kind: String) {
            for name in names.sorted() where !known.contains(name) {
                issues.append(ModelIssue("\(path).\(name)", "unknown \(kind) '\(name)' of MOLA's General Specification v5",
                                         hint: unknownKeyHint(name, known: known)))
            }
        }
        unknown(sets.keys, Known.sets, "$.sets", "set")
        unknown(content.parameters.keys, Known.parameters, "$.parameters", "parameter")
        unknown(content.settingKeys, Known.settings, "$.settings", "setting")
        for (name, list) in content.entryUnknownKeys.sorted(by: { $0.key < $1.key }) {
            for (offset, keys) in list {
                for key in keys {
                    issues.append(ModelIssue("$.parameters.\(name)[\(offset)].\(key)", "unknown key '\(key)'",
                                             hint: unknownKeyHint(key, known: ["index", "value"])))
                }
            }
        }
        // An index given twice: MOLA (a Python dict) keeps the last silently; lcaopt says so.
        for name in Known.read {
            var first: [String: Int] = [:]
            for (offset, entry) in (content.parameters[name] ?? []).enumerated() {
                if let earlier = first.updateValue(offset, forKey: key(entry.index)) {
                    first[key(entry.index)] = earlier
                    issues.append(ModelIssue("$.parameters.\(name)[\(offset)]", "index [\(entry.index.joined(separator: ", "))] given twice (also at [\(earlier)])",
                                             hint: "keep one entry: MOLA would silently use the last"))
                }
            }
        }
        guard issues.isEmpty else { throw ModelError(file: file, issues: issues) }
        return MOLAConfiguration(sets: sets, parameters: content.parameters, settings: content.settings,
                                 dbFile: content.dbFile, specification: content.specification)
    }

    /// The names MOLA's General Specification v5 uses (`mola/specification5.py`, `GeneralSpecification`,
    /// and the keys MOLA's GUI writes around it).
    enum Known {
        static let topLevel = ["settings", "doc_name", "doc_path", "specification", "controller", "db_file", "sets", "indexed_sets", "parameters"]
        static let sets = ["P_m", "P_t", "P_s", "F_m", "F_t", "F_s", "T", "K", "D", "KPI", "OBJ", "F", "P", "AF", "E", "AP", "AKPI"]
        static let parameters = ["C", "U", "Demand", "Total_Demand", "L", "X", "Y", "d", "J", "w", "u", "calA", "calB", "calC", "Arc"]
        static let settings = ["distance_calculated", "test_setting"]
        /// The parameters lcaopt reads values from (the ones it rejects when non-zero, L, Arc and
        /// the task ports, cannot be silently wrong by a repeated index, and are the largest).
        static let read = ["C", "Demand", "Total_Demand", "X", "Y", "d", "J", "w", "u"]
        /// Parameters whose zero entries are dropped on reading: lcaopt ignores U and rejects any
        /// non-zero L, Arc and task port, and MOLA's GUI writes them densely (Arc has tasks^2
        /// entries: a million at 1,000 tasks).
        static let zerosDropped: Set<String> = ["U", "L", "Arc", "calA", "calB", "calC"]
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true  // Infinity and NaN as Python writes them
        return decoder
    }

    fileprivate struct Raw: Decodable {
        var sets: [String: [Scalar]]?
        var parameters: [String: ParameterValue]?
        var settings: [String: Lenient]?
        var db_file: String?
        var specification: String?
        var unknownKeys: [String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            unknownKeys = container.allKeys.map(\.stringValue).filter { !Known.topLevel.contains($0) }.sorted()
            sets = try container.decodeIfPresent([String: [Scalar]].self, forKey: Key("sets"))
            parameters = try container.decodeIfPresent([String: ParameterValue].self, forKey: Key("parameters"))
            // Settings other than booleans are not used by the General Specification.
            settings = (try? container.decodeIfPresent([String: Lenient].self, forKey: Key("settings"))) ?? nil
            db_file = try? container.decodeIfPresent(String.self, forKey: Key("db_file"))
            specification = try? container.decodeIfPresent(String.self, forKey: Key("specification"))
        }
    }

    /// What a configuration file holds, read by either reader, before validation.
    struct Content {
        var unknownKeys: [String] = []
        var sets: [String: [String]]?
        var parameters: [String: [Entry]] = [:]
        /// Per parameter: entry position -> keys other than `index` and `value`.
        var entryUnknownKeys: [String: [(Int, [String])]] = [:]
        var settingKeys: [String] = []
        var settings: [String: Bool] = [:]
        var dbFile: String?
        var specification: String?

        init() {}

        fileprivate init(_ raw: Raw) {
            unknownKeys = raw.unknownKeys
            sets = raw.sets?.mapValues { $0.map(\.text) }
            for (name, value) in raw.parameters ?? [:] {
                parameters[name] = Known.zerosDropped.contains(name) ? value.entries.filter { $0.value != 0 } : value.entries
                if !value.unknownKeys.isEmpty { entryUnknownKeys[name] = value.unknownKeys }
            }
            settingKeys = Array((raw.settings ?? [:]).keys)
            settings = (raw.settings ?? [:]).compactMapValues(\.bool)
            dbFile = raw.db_file
            specification = raw.specification
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// A set member or index element: MOLA allows strings and numbers.
    fileprivate struct Scalar: Decodable {
        var text: String
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) {
                text = string
            } else if let integer = try? container.decode(Int.self) {
                text = String(integer)
            } else {
                text = String(try container.decode(Double.self))
            }
        }
    }

    /// A parameter: a list of `{index, value}` entries, or one number (a scalar parameter).
    fileprivate struct ParameterValue: Decodable {
        var entries: [Entry]
        /// Entry position -> keys other than `index` and `value`.
        var unknownKeys: [(Int, [String])] = []
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Double.self) {
                entries = [Entry(index: [], value: value)]
            } else {
                let raw = try container.decode([RawEntry].self)
                entries = raw.map { Entry(index: $0.index.map(\.text), value: $0.value ?? .nan) }
                for (offset, entry) in raw.enumerated() where !entry.unknownKeys.isEmpty { unknownKeys.append((offset, entry.unknownKeys)) }
            }
        }
    }

    fileprivate struct RawEntry: Decodable {
        var index: [Scalar]
        var value: Double?
        var unknownKeys: [String] = []
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            index = try container.decode([Scalar].self, forKey: Key("index"))
            value = try container.decodeIfPresent(Double.self, forKey: Key("value"))
            if container.allKeys.count > (value == nil ? 1 : 2) {
                unknownKeys = container.allKeys.map(\.stringValue).filter { $0 != "index" && $0 != "value" }.sorted()
            }
        }
    }

    fileprivate struct Lenient: Decodable {
        var bool: Bool?
        init(from decoder: any Decoder) throws {
            bool = try? decoder.singleValueContainer().decode(Bool.self)
        }
    }
}

extension MOLAConfiguration {
    /// The configuration as MOLA writes it: `settings`, `db_file`, `specification`, `sets` and
    /// `parameters` as lists of `{"index": [...], "value": v}` (finite values only).
    public func jsonData() throws -> Data {
        struct Written: Encodable {
            struct Entry: Encodable { var index: [String]; var value: Double }
            var settings: [String: Bool]
            var db_file: String?
            var specification: String?
            var sets: [String: [String]]
            var parameters: [String: [Entry]]
        }
        let written = Written(settings: settings, db_file: dbFile, specification: specification, sets: sets,
                              parameters: parameters.mapValues { $0.map { Written.Entry(index: $0.index, value: $0.value) } })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(written)
    }
}
