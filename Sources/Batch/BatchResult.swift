import Foundation
import InputSchema
import ModelFamily
import Reports

/// One finished scenario, as a line of `results.jsonl`.
public struct BatchResult: Sendable, Codable, Equatable {
    public var id: String
    /// Position in the scenario file (orders merged shards).
    public var index: Int
    /// `optimal`, `infeasible`, `unbounded`, ... or `invalid` (the scenario could not be used).
    public var status: String
    /// Every objective's value for `solve`; the first point's for `pareto`.
    public var objectives: [String: Double]
    public var seconds: Double
    /// Seconds inside GLPK.
    public var solverSeconds: Double
    public var error: String?
    /// `pareto` runs: the front's points as `lcaopt pareto --json` prints them.
    public var points: [FrontReport<JSONValue>.Point]?
    /// `uncertainty --reoptimise` samples: the choices of the sample's optimal decision.
    public var choices: [String]?

    package init(id: String, index: Int, status: String, objectives: [String: Double], seconds: Double, solverSeconds: Double, error: String?,
                 points: [FrontReport<JSONValue>.Point]? = nil, choices: [String]? = nil) {
        (self.id, self.index, self.status, self.objectives, self.seconds, self.solverSeconds) = (id, index, status, objectives, seconds, solverSeconds)
        (self.error, self.points, self.choices) = (error, points, choices)
    }

    /// Appends the `results.csv` row (`columns` in order) to `csv` and the `results.jsonl` line
    /// (keys sorted) to `json`. Written as bytes, each number formatted once (the JSON line copies
    /// the row's digits) and seconds to the microsecond: the writer runs beside the workers, and
    /// building these lines by concatenating Strings cost 5 us a result, a tenth of a small
    /// model's GLPK re-solve.
    ///
    /// CSV columns: id, index (position in the scenario file), point (1... for each point of a
    /// `pareto` scenario, one row each; empty for `solve`), status, the objectives, seconds, error.
    func appendLines(json: inout [UInt8], csv: inout [UInt8], columns: ResultColumns) throws {
        let comma = UInt8(ascii: ",")
        if points != nil || choices != nil {
            // One row per point; a front with no point (infeasible) still gets its row; a
            // result with choices and no points is one row of its objectives.
            let points = self.points ?? []
            let rows: [FrontReport<JSONValue>.Point?] = points.isEmpty ? [nil] : points
            for (number, point) in rows.enumerated() {
                Self.append(csvField(id), to: &csv)
                Self.append(",\(index),\(point == nil ? "" : "\(number + 1)"),", to: &csv)
                Self.append(csvField(point?.status ?? status), to: &csv)
                let values = point?.objectives ?? (self.points == nil ? objectives : [:])
                for name in columns.names {
                    csv.append(comma)
                    if let value = values[name] { Self.append(value.description, to: &csv) }
                }
                csv.append(comma)
                Self.appendSeconds(seconds, to: &csv)
                csv.append(comma)
                if let error { Self.append(csvField(error), to: &csv) }
                csv.append(UInt8(ascii: "\n"))
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            json.append(contentsOf: try encoder.encode(self))
            json.append(UInt8(ascii: "\n"))
            return
        }
        Self.append(csvField(id), to: &csv)
        csv.append(comma)
        Self.append(index.description, to: &csv)
        csv.append(comma)  // no point number: a solve
        csv.append(comma)
        Self.append(csvField(status), to: &csv)
        try withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: max(1, columns.names.count)) { digits in
            var present = 0
            for (position, name) in columns.names.enumerated() {
                csv.append(comma)
                let start = csv.count
                if let value = objectives[name] {
                    Self.append(value.description, to: &csv)
                    present += 1
                }
                digits[position] = start..<csv.count
            }
            csv.append(comma)
            let secondsStart = csv.count
            Self.appendSeconds(seconds, to: &csv)
            let secondsDigits = secondsStart..<csv.count
            csv.append(comma)
            if let error { Self.append(csvField(error), to: &csv) }
            csv.append(UInt8(ascii: "\n"))

            json.append(UInt8(ascii: "{"))
            if let error { Self.append(#""error":"#, to: &json); Self.appendString(error, to: &json); json.append(comma) }
            Self.append(#""id":"#, to: &json)
            Self.appendString(id, to: &json)
            Self.append(#","index":"#, to: &json)
            Self.append(index.description, to: &json)
            Self.append(#","objectives":{"#, to: &json)
            var first = true
            func key(_ name: String) {
                if !first { json.append(comma) }
                first = false
                Self.appendString(name, to: &json)
                json.append(UInt8(ascii: ":"))
            }
            if present == objectives.count {
                for position in columns.sortedPositions where !digits[position].isEmpty {
                    key(columns.names[position])
                    let number = csv[digits[position]]
                    // nan, inf and -inf are JSON strings, as in `lcaopt pareto --json`.
                    let finite = number.first != UInt8(ascii: "n") && number.last != UInt8(ascii: "f")
                    if !finite { json.append(UInt8(ascii: "\"")) }
                    json.append(contentsOf: number)
                    if !finite { json.append(UInt8(ascii: "\"")) }
                }
            } else {
                for name in objectives.keys.sorted() {
                    key(name)
                    Self.appendNumber(objectives[name]!, to: &json)
                }
            }
            Self.append(#"},"seconds":"#, to: &json)
            json.append(contentsOf: csv[secondsDigits])
            Self.append(#","solverSeconds":"#, to: &json)
            Self.appendSeconds(solverSeconds, to: &json)
            Self.append(#","status":"#, to: &json)
            Self.appendString(status, to: &json)
            json.append(UInt8(ascii: "}"))
            json.append(UInt8(ascii: "\n"))
        }
    }

    /// Seconds with six decimals (the clock's useful resolution here), from integer microseconds.
    private static func appendSeconds(_ seconds: Double, to bytes: inout [UInt8]) {
        guard seconds >= 0 && seconds < 1e9 else { return appendNumber(seconds, to: &bytes) }
        let micro = Int((seconds * 1e6).rounded())
        append((micro / 1_000_000).description, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        var fraction = micro % 1_000_000, divisor = 100_000
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A JSON number; non-finite values as the strings `nan`, `inf`, `-inf` (as `lcaopt pareto --json`).
    private static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        if value.isNaN { append(#""nan""#, to: &bytes) }
        else if value.isInfinite { append(value > 0 ? #""inf""# : #""-inf""#, to: &bytes) }
        else { append(value.description, to: &bytes) }
    }

    /// `text` as a JSON string; the common case (nothing to escape) is checked on the UTF-8 bytes.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        if !text.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
            bytes.append(contentsOf: text.utf8)
        } else {
            for byte in text.utf8 {
                switch byte {
                case 0x22: append(#"\""#, to: &bytes)
                case 0x5C: append(#"\\"#, to: &bytes)
                case 0x0A: append(#"\n"#, to: &bytes)
                case 0x0D: append(#"\r"#, to: &bytes)
                case 0x09: append(#"\t"#, to: &bytes)
                case ..<0x20: append(String(format: "\\u%04x", byte), to: &bytes)
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public static func == (a: BatchResult, b: BatchResult) -> Bool {
        a.id == b.id && a.index == b.index && a.status == b.status && a.objectives == b.objectives && a.error == b.error
    }
}

/// The objective columns of `results.csv`, and their positions in name order (the JSON lines' keys).
struct ResultColumns: Sendable {
    let names: [String]
    let sortedPositions: [Int]

    init(_ names: [String]) {
        self.names = names
        sortedPositions = names.indices.sorted { names[$0] < names[$1] }
    }
}

/// What a batch output folder records about its run: the scenario ids in file order, the shard,
/// and the objective columns of `results.csv`.
public struct BatchManifest: Sendable, Codable, Equatable {
    public var scenarios: String
    public var ids: [String]
    public var shard: String?
    public var objectives: [String]
    public var units: [String: String]
    /// Per model path: where its numbers come from (database, scope, categories, tolerance of
    /// the base model), so the results files say what they are.
    public var contexts: [String: ResultContext]?

    package init(scenarios: String, ids: [String], shard: String?, objectives: [String], units: [String: String], contexts: [String: ResultContext]?) {
        (self.scenarios, self.ids, self.shard, self.objectives, self.units, self.contexts) = (scenarios, ids, shard, objectives, units, contexts)
    }

    private static var contextEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `batch.json`, one id a line. Written by hand: JSONEncoder took 12 ms for 20,000 ids, serially
    /// before the first scenario starts; ``BatchMerge`` reads it back with JSONDecoder.
    package func jsonData() -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + ids.count * 16)
        func key(_ name: String) {
            bytes.append(contentsOf: "  ".utf8)
            BatchResult.appendString(name, to: &bytes)
            bytes.append(contentsOf: " : ".utf8)
        }
        func list(_ values: [String]) {
            bytes.append(UInt8(ascii: "["))
            for (position, value) in values.enumerated() {
                bytes.append(contentsOf: (position == 0 ? "\n    " : ",\n    ").utf8)
                BatchResult.appendString(value, to: &bytes)
            }
            bytes.append(contentsOf: (values.isEmpty ? "]" : "\n  ]").utf8)
        }
        bytes.append(contentsOf: "{\n".utf8)
        key("ids"); list(ids); bytes.append(contentsOf: ",\n".utf8)
        key("objectives"); list(objectives); bytes.append(contentsOf: ",\n".utf8)
        key("scenarios"); BatchResult.appendString(scenarios, to: &bytes); bytes.append(contentsOf: ",\n".utf8)
        if let shard { key("shard"); BatchResult.appendString(shard, to: &bytes); bytes.append(contentsOf: ",\n".utf8) }
        key("units")
        bytes.append(UInt8(ascii: "{"))
        for (position, name) in units.keys.sorted().enumerated() {
            bytes.append(contentsOf: (position == 0 ? "\n    " : ",\n    ").utf8)
            BatchResult.appendString(name, to: &bytes)
            bytes.append(contentsOf: " : ".utf8)
            BatchResult.appendString(units[name]!, to: &bytes)
        }
        bytes.append(contentsOf: (units.isEmpty ? "}" : "\n  }").utf8)
        if let contexts, let encoded = try? Self.contextEncoder.encode(contexts) {
            bytes.append(contentsOf: ",\n".utf8)
            key("contexts")
            bytes.append(contentsOf: encoded)
        }
        bytes.append(contentsOf: "\n}\n".utf8)
        return Data(bytes)
    }
}

extension FrontReport.Point: Equatable {
    /// Equal objectives, epsilons and statuses (decisions aside).
    public static func == (a: Self, b: Self) -> Bool {
        a.objectives == b.objectives && a.epsilon == b.epsilon && a.status == b.status
    }
}
