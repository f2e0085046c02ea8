import Impact
import LPModel
import ModelFamily
import Pareto

/// What `lcaopt uncertainty` runs: how many samples, from which seed, on how many jobs and
/// which shard, and which of the two questions.
public struct UncertaintyOptions: Sendable {
    /// Samples in the whole run (a shard computes its share of them).
    public var samples: Int
    /// Sample `i` draws the same numbers for any jobs, shards and order (``SampleStream``).
    public var seed: UInt64
    public var jobs: Int
    /// `index` of `count`: the samples whose index modulo `count` is `index`.
    public var shard: (index: Int, count: Int)?
    /// Where results are appended (`results.jsonl`, `results.csv`) and summarised; nil: in memory only.
    public var outDirectory: String?
    /// Keeps the results in ``outDirectory`` and computes only the samples missing there.
    public var resume: Bool
    /// Re-solves the model per sample (warm) instead of evaluating fixed decisions.
    public var reoptimise: Bool
    /// The objective minimised: for the decision evaluated (default `cost`), or per sample with
    /// ``reoptimise`` (default the first indicator).
    public var objective: String?
    /// Evaluates the points of the front of these objectives instead of one solve's decision.
    public var front: [String]?
    /// Points of that front: grid points, or points evenly spaced along an exact front; nil:
    /// an exact front's corners (a grid's 10 points), as `lcaopt pareto` without `--points`.
    public var points: Int?
    /// How that front is found (``ParetoOptions/Method``).
    public var method: ParetoOptions.Method
    /// The front's points already swept (their column values, in order): evaluated as they
    /// are instead of sweeping again (`lcaopt report --samples` passes its own front's).
    public var frontDecisions: [[Double]]?
    public var convention: LogNormalConvention
    /// Seconds per solve.
    public var timeLimit: Double?
    public var makeBackend: @Sendable () -> any SolverBackend

    public init(samples: Int = 1000, seed: UInt64 = 1, jobs: Int = 1, shard: (index: Int, count: Int)? = nil, outDirectory: String? = nil,
                resume: Bool = false, reoptimise: Bool = false, objective: String? = nil, front: [String]? = nil, points: Int? = nil,
                method: ParetoOptions.Method = .auto,
                convention: LogNormalConvention = .median, timeLimit: Double? = nil, makeBackend: @escaping @Sendable () -> any SolverBackend) {
        self.samples = samples
        self.seed = seed
        self.jobs = jobs
        self.shard = shard
        self.outDirectory = outDirectory
        self.resume = resume
        self.reoptimise = reoptimise
        self.objective = objective
        self.front = front
        self.points = points
        self.method = method
        self.convention = convention
        self.timeLimit = timeLimit
        self.makeBackend = makeBackend
    }
}

/// What a run was, written as `uncertainty.json` beside its results, so that a summary (of this
/// folder, or of shards merged with `lcaopt batch merge`) knows what its numbers are.
public struct UncertaintyManifest: Sendable, Codable, Equatable {
    /// A decision evaluated (or the deterministic optimum, with `--reoptimise`) without any draw.
    public struct Reference: Sendable, Codable, Equatable {
        /// `solve`, `point 1`, ... or `optimum`.
        public var label: String
        public var objectives: [String: Double]
        public var choices: [String]
    }

    public var model: String
    /// `evaluate` or `reoptimise`.
    public var mode: String
    /// The objective minimised (by the decision evaluated, or per sample).
    public var objective: String
    /// The front's objectives when its points are evaluated.
    public var front: [String]?
    public var samples: Int
    public var seed: UInt64
    public var shard: String?
    /// How a log-normal's first parameter is read (``LogNormalConvention``).
    public var lognormal: String
    public var scope: String
    public var objectives: [String]
    public var units: [String: String]
    public var decisions: [Reference]
    /// What was drawn and what was held (``UncertaintyCensus/notes``).
    public var drawn: [String]
    /// The model's notes.
    public var notes: [String]
    public var context: ResultContext

    /// Sample ids as results name them.
    public static func id(ofSample index: Int) -> String { "sample-\(index + 1)" }
}

/// Why an uncertainty run cannot be made (bad input: exit 1) or its reference solve failed (exit 2).
public struct UncertaintyError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// True when a solver said infeasible, unbounded or failed.
    public var isSolverFailure: Bool
    public init(_ message: String, solverFailure: Bool = false) {
        self.message = message
        isSolverFailure = solverFailure
    }
    public var description: String { message }
}
