import Foundation
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
    public var points: [FrontReport.Point]?

    /// The `results.jsonl` line (keys sorted). Written by hand for the common case: Foundation's
    /// JSONEncoder cost more than a small model's GLPK solve per scenario.
    func jsonLine() throws -> Data {
        if points != nil {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            return try encoder.encode(self)
        }
        var text = "{"
        text.reserveCapacity(160)
        if let error { text += "\"error\":" + Self.string(error) + "," }
        text += "\"id\":" + Self.string(id) + ",\"index\":\(index),\"objectives\":{"
        var first = true
        for key in objectives.keys.sorted() {
            if !first { text += "," }
            first = false
            text += Self.string(key) + ":" + Self.number(objectives[key]!)
        }
        text += "},\"seconds\":" + Self.number(seconds) + ",\"solverSeconds\":" + Self.number(solverSeconds)
            + ",\"status\":" + Self.string(status) + "}"
        return Data(text.utf8)
    }

    static func number(_ value: Double) -> String {
        if value.isNaN { return "\"nan\"" }
        if value.isInfinite { return value > 0 ? "\"inf\"" : "\"-inf\"" }
        return value.description
    }

    /// `text` as a JSON string; the common case (nothing to escape) is checked on the UTF-8 bytes.
    static func string(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    public static func == (a: BatchResult, b: BatchResult) -> Bool {
        a.id == b.id && a.index == b.index && a.status == b.status && a.objectives == b.objectives && a.error == b.error
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
}

extension FrontReport.Point: Equatable {
    public static func == (a: FrontReport.Point, b: FrontReport.Point) -> Bool {
        a.objectives == b.objectives && a.epsilon == b.epsilon && a.status == b.status
    }
}
