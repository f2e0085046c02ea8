import Foundation
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

    /// True when `data` looks like a MOLA configuration (a JSON object with `sets` and `parameters`).
    public static func recognises(_ data: Data) -> Bool {
        guard let probe = try? decoder.decode(Probe.self, from: data) else { return false }
        return probe.sets != nil && probe.parameters != nil
    }

    /// Reads a MOLA configuration file.
    public static func load(path: String) throws(ModelError) -> MOLAConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError(file: path, issues: [ModelIssue("$", "cannot read the file", hint: "check the path")])
        }
        return try decode(data, file: path)
    }

    /// Decodes a MOLA configuration.
    public static func decode(_ data: Data, file: String) throws(ModelError) -> MOLAConfiguration {
        do {
            let raw = try decoder.decode(Raw.self, from: data)
            guard let sets = raw.sets else {
                throw ModelError(file: file, issues: [ModelIssue("$.sets", "missing", hint: "a MOLA configuration has sets and parameters")])
            }
            return MOLAConfiguration(
                sets: sets.mapValues { $0.map(\.text) },
                parameters: (raw.parameters ?? [:]).mapValues(\.entries),
                settings: raw.settings ?? [:], dbFile: raw.db_file, specification: raw.specification)
        } catch let error as ModelError {
            throw error
        } catch let error as DecodingError {
            throw ModelError(file: file, issues: [ModelFile.issue(from: error)])
        } catch {
            throw ModelError(file: file, issues: [ModelIssue("$", "not valid JSON: \(error)")])
        }
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true  // Infinity and NaN as Python writes them
        return decoder
    }

    private struct Probe: Decodable {
        var sets: AnyKey?
        var parameters: AnyKey?
        struct AnyKey: Decodable { init(from decoder: any Decoder) throws {} }
    }

    private struct Raw: Decodable {
        var sets: [String: [Scalar]]?
        var parameters: [String: ParameterValue]?
        var settings: [String: Bool]?
        var db_file: String?
        var specification: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            sets = try container.decodeIfPresent([String: [Scalar]].self, forKey: Key("sets"))
            parameters = try container.decodeIfPresent([String: ParameterValue].self, forKey: Key("parameters"))
            // Settings other than booleans are not used by the General Specification.
            settings = (try? container.decodeIfPresent([String: Lenient].self, forKey: Key("settings")))??.compactMapValues(\.bool)
            db_file = try? container.decodeIfPresent(String.self, forKey: Key("db_file"))
            specification = try? container.decodeIfPresent(String.self, forKey: Key("specification"))
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
    private struct Scalar: Decodable {
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
    private struct ParameterValue: Decodable {
        var entries: [Entry]
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Double.self) {
                entries = [Entry(index: [], value: value)]
            } else {
                entries = try container.decode([RawEntry].self).map { Entry(index: $0.index.map(\.text), value: $0.value ?? .nan) }
            }
        }
    }

    private struct RawEntry: Decodable {
        var index: [Scalar]
        var value: Double?
    }

    private struct Lenient: Decodable {
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
