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
