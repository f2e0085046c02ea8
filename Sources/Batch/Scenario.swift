import Dispatch
import Foundation
import ModelFamily
import InputSchema
import Pareto

/// One scenario of a batch: changes to a model and what to run.
///
/// JSON Lines: `{"id": "s1", "model": "base.json", "disable": ["pla-blair", "barge"],
/// "set": {"suppliers.hdpe-houston.cost": 1.5}, "scaleDemand": 1.1, "run": "solve", "objective": "gwp"}`
/// or `{"id": "s2", "run": "pareto", "points": 5}`.
public struct Scenario: Sendable, Codable, Equatable {
    public var id: String
    /// The model file; default the batch's `--model`.
    public var model: String?
    /// Supplier, transport mode and service ids to leave out.
    public var disable: [String]?
    /// `KIND.ID.FIELD` -> value (suppliers, transport, services, demands, storage).
    public var set: [String: Double]?
    /// Factor on every demand amount and total.
    public var scaleDemand: Double?
    /// `solve` (default) or `pareto`.
    public var run: String?
    /// For `solve`: the objective (default `cost`).
    public var objective: String?
    /// For `pareto`: grid points (default 10) and objectives (default cost and the first indicator).
    public var points: Int?
    public var objectives: [String]?

    public init(id: String) { self.id = id }

    /// What the scenario changes in its model (``FamilyModel/applying(_:)``).
    public var changes: ModelChanges { ModelChanges(disable: disable ?? [], set: set ?? [:], scaleDemand: scaleDemand) }

    /// The keys of a scenario line.
    public static var keys: [String] {
        guard case .object(let fields) = shape else { return [] }
        return fields.map(\.name)
    }

    /// The shape of a scenario line (`lcaopt schema scenario` prints it as a JSON Schema).
    public static let shape = Shape.object([
        .init("id", .string, required: true, "unique in the file"),
        .init("model", .string, "the model file (default the batch's --model), relative to the scenario file"),
        .init("disable", .list(.string), "supplier, transport mode and service ids to leave out"),
        .init("set", .map(.number), "KIND.ID.FIELD -> value, with the model file's meaning and units"),
        .init("scaleDemand", .number, "factor on every demand amount and total"),
        .init("run", .choice(["solve", "pareto"])),
        .init("objective", .string, "for solve: cost, an indicator id, weighted, a category name, environment"),
        .init("points", .integer, "for pareto: grid points"),
        .init("objectives", .list(.string), "for pareto: two or more objectives"),
    ])
}

/// A line of a scenario file: its position, and the scenario or why it could not be read.
public struct ScenarioLine: Sendable {
    /// 0-based position among the scenario lines (the index `--shard` uses).
    public var index: Int
    /// 1-based line number in the file, for messages.
    public var lineNumber: Int
    public var result: Result<Scenario, ScenarioError>

    /// The scenario id, or `line-N` when the line could not be read.
    public var id: String {
        switch result {
        case .success(let scenario): return scenario.id
        case .failure(let error): return error.id ?? "line-\(lineNumber)"
        }
    }
}

/// A scenario line that cannot be used.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var lineNumber: Int
    public var id: String?
    public var message: String
    public var description: String { "line \(lineNumber): \(message)" }
}

/// Reads scenario files: JSON Lines (`.jsonl`, `.ndjson`, anything else) or CSV (`.csv`).
public enum ScenarioFile {
    /// Every non-empty line as a scenario or an error; never throws for a bad line.
    public static func read(path: String) throws -> [ScenarioLine] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(lineNumber: 0, id: nil, message: "\(path): cannot read the scenario file")
        }
        let lines = path.lowercased().hasSuffix(".csv") ? csv(String(decoding: data, as: UTF8.self)) : jsonLines(data)
        return rejectingDuplicateIds(lines)
    }

    /// A scenario whose id an earlier line already has is invalid (its result would be
    /// indistinguishable, and `--resume` would skip it).
    static func rejectingDuplicateIds(_ lines: [ScenarioLine]) -> [ScenarioLine] {
        var first: [String: Int] = [:]
        first.reserveCapacity(lines.count)
        var checked = lines
        for position in checked.indices {
            guard case .success(let scenario) = checked[position].result else { continue }
            if let earlier = first[scenario.id] {
                checked[position].result = .failure(ScenarioError(lineNumber: checked[position].lineNumber, id: scenario.id,
                                                                  message: "duplicate id '\(scenario.id)' (first on line \(earlier)); ids must be unique"))
            } else {
                first[scenario.id] = checked[position].lineNumber
            }
        }
        return checked
    }

    /// One scenario per line. Lines are found and trimmed as bytes and read by ``ScenarioJSON``
    /// (1-2 us a line with validation, where trimming Strings and JSONDecoder took 20 us). A
    /// file of more than 4,096 lines is read in chunks on every core: this runs before the first
    /// scenario starts. A smaller one is read on this thread, leaving the other cores to the
    /// model load that runs beside it (a few milliseconds, longer than reading such a file).
    /// A line ScenarioJSON does not accept is decoded again with JSONDecoder, which accepts it
    /// or says why not.
    static func jsonLines(_ data: Data) -> [ScenarioLine] {
        let ranges = lineRanges(data)
        let numbered = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [Int] in
            ranges.indices.filter { !ranges[$0].isEmpty && bytes[ranges[$0].lowerBound] != UInt8(ascii: "#") }
        }
        let chunkSize = numbered.count > 4096 ? 512 : max(1, numbered.count)
        let chunks = (numbered.count + chunkSize - 1) / chunkSize
        return [ScenarioLine](unsafeUninitializedCapacity: numbered.count) { buffer, count in
            nonisolated(unsafe) let lines = buffer
            data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                nonisolated(unsafe) let bytes = bytes
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let decoder = JSONDecoder()
                    for index in chunk * chunkSize..<min(numbered.count, (chunk + 1) * chunkSize) {
                        let offset = numbered[index]
                        let line = UnsafeRawBufferPointer(rebasing: bytes[ranges[offset]])
                        let result = scenario(line, number: offset + 1, decoder: decoder)
                        (lines.baseAddress! + index).initialize(to: ScenarioLine(index: index, lineNumber: offset + 1, result: result))
                    }
                }
            }
            count = numbered.count
        }
    }

    /// The scenario of one JSON line, or why it cannot be used.
    private static func scenario(_ line: UnsafeRawBufferPointer, number: Int, decoder: JSONDecoder) -> Result<Scenario, ScenarioError> {
        if let (scenario, unknown) = ScenarioJSON.scenario(line) {
            return unknown.isEmpty ? validate(scenario, line: number) : unknownKeys(unknown, id: scenario.id, line: number)
        }
        let data = Data(line)
        do {
            let scenario = try decoder.decode(Scenario.self, from: data)
            let keys = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?.keys.map { $0 } ?? []
            let unknown = keys.filter { !Scenario.keys.contains($0) }.sorted()
            return unknown.isEmpty ? validate(scenario, line: number) : unknownKeys(unknown, id: scenario.id, line: number)
        } catch {
            let id = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["id"] as? String
            if let syntax = StructuredText.jsonSyntaxProblem(allowingNonFinite: data) {
                return .failure(ScenarioError(lineNumber: number, id: id, message: "not a valid scenario: not valid JSON: \(syntax)"))
            }
            return .failure(ScenarioError(lineNumber: number, id: id, message: "not a valid scenario: \(describe(error))"))
        }
    }

    /// A line with keys a scenario does not have: an error naming each, with a did-you-mean.
    static func unknownKeys(_ keys: [String], id: String, line: Int) -> Result<Scenario, ScenarioError> {
        let message = keys.map { "unknown key '\($0)' (\(unknownKeyHint($0, known: Scenario.keys)))" }.joined(separator: "; ")
        return .failure(ScenarioError(lineNumber: line, id: id.isEmpty ? nil : id, message: message))
    }

    /// The byte range of every line, without its line break and surrounding ASCII white space
    /// (a scan of the bytes: `Data.split` cost as much per line as parsing it).
    static func lineRanges(_ data: Data) -> [Range<Int>] {
        data.withUnsafeBytes { bytes in
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
            var ranges: [Range<Int>] = []
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                var lower = start, upper = end
                while lower < upper && isSpace(bytes[lower]) { lower += 1 }
                while upper > lower && isSpace(bytes[upper - 1]) { upper -= 1 }
                if end < bytes.count || start < end { ranges.append(lower..<upper) }
                start = end + 1
            }
            return ranges
        }
    }

    /// CSV with the same columns: `id, model, disable` (`;`-separated), `scaleDemand, run,
    /// objective, points, objectives` (`;`-separated), and any `KIND.ID.FIELD` column for `set`.
    static func csv(_ text: String) -> [ScenarioLine] {
        var rows = CSV.parse(text)
        guard !rows.isEmpty else { return [] }
        let header = rows.removeFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        var lines: [ScenarioLine] = []
        for (offset, row) in rows.enumerated() where !row.allSatisfy({ $0.isEmpty }) {
            let number = offset + 2
            var scenario = Scenario(id: "")
            var problems: [String] = []
            for (column, name) in header.enumerated() {
                let value = column < row.count ? row[column].trimmingCharacters(in: .whitespaces) : ""
                if value.isEmpty { continue }
                switch name {
                case "id": scenario.id = value
                case "model": scenario.model = value
                case "disable": scenario.disable = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                case "objectives": scenario.objectives = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                case "run": scenario.run = value
                case "objective": scenario.objective = value
                case "points":
                    if let points = Int(value) { scenario.points = points } else { problems.append("points '\(value)' is not a whole number") }
                case "scaleDemand":
                    if let factor = Double(value) { scenario.scaleDemand = factor } else { problems.append("scaleDemand '\(value)' is not a number") }
                default:
                    if !name.contains(".") {
                        problems.append("unknown column '\(name)' (\(unknownKeyHint(name, known: Scenario.keys + ["KIND.ID.FIELD"])))")
                    } else if let number = Double(value) { scenario.set = (scenario.set ?? [:]).merging([name: number]) { $1 } }
                    else { problems.append("\(name) '\(value)' is not a number") }
                }
            }
            let result: Result<Scenario, ScenarioError> = problems.isEmpty ? validate(scenario, line: number)
                : .failure(ScenarioError(lineNumber: number, id: scenario.id.isEmpty ? nil : scenario.id, message: problems.joined(separator: "; ")))
            lines.append(ScenarioLine(index: lines.count, lineNumber: number, result: result))
        }
        return lines
    }

    static func validate(_ scenario: Scenario, line: Int) -> Result<Scenario, ScenarioError> {
        func fail(_ message: String) -> Result<Scenario, ScenarioError> {
            .failure(ScenarioError(lineNumber: line, id: scenario.id.isEmpty ? nil : scenario.id, message: message))
        }
        if scenario.id.isEmpty { return fail("missing id") }
        if let run = scenario.run, run != "solve" && run != "pareto" { return fail("run must be solve or pareto, not '\(run)'") }
        if let points = scenario.points, points < 2 || points > ParetoLimits.maximumPoints {
            return fail("points must be 2 to \(ParetoLimits.maximumPoints), not \(points)")
        }
        if let factor = scenario.scaleDemand, !(factor >= 0 && factor <= 1e6) { return fail("scaleDemand must be 0 to 1e6, not \(factor)") }
        for (path, value) in scenario.set ?? [:] {
            guard let first = path.utf8.firstIndex(of: UInt8(ascii: ".")), let last = path.utf8.lastIndex(of: UInt8(ascii: ".")), first < last else {
                return fail("set path '\(path)' is not KIND.ID.FIELD")
            }
            if !value.isFinite { return fail("set \(path) is not finite") }
        }
        return .success(scenario)
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? DecodingError {
            switch error {
            case .keyNotFound(let key, _): return "missing \(key.stringValue)"
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                return "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
            case .dataCorrupted(let context): return context.debugDescription
            @unknown default: return "\(error)"
            }
        }
        return "\(error)"
    }
}

/// A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF).
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            handle(next)
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            handle(character)
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows

        func handle(_ character: Character) {
            switch character {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n", "\r":
                row.append(field); field = ""
                rows.append(row); row = []
            default: field.append(character)
            }
        }
    }
}
