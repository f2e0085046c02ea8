import Foundation
import LPModel

/// Bounds on a sweep's size, checked before it starts, so that a mistyped point count cannot
/// run the machine out of memory: each efficient point keeps its column values (8 bytes a
/// column), so memory grows as points x columns.
public enum ParetoLimits {
    /// Grid points per constrained objective.
    public static let maximumPoints = 10_000
    /// Grid points in all (points to the power of the constrained objectives).
    public static let maximumGridPoints = 1_000_000
    /// Bytes of kept column values (grid points x columns x 8).
    public static let maximumDecisionBytes = 2 << 30
}

/// Options of a Pareto sweep.
public struct ParetoOptions: Sendable {
    /// `auto` (the default: `exact` for two objectives of an LP, `augmecon2` otherwise),
    /// `augmecon2` (augmented epsilon-constraint with bypass and early exit), plain `epsilon`,
    /// or `exact` (every corner of a bi-objective LP's front, by dichotomic search).
    public enum Method: String, Sendable, CaseIterable {
        case auto, augmecon2, epsilon, exact

        /// The method `auto` stands for on `model` with `objectives` swept; others stand for themselves.
        public func resolved(for model: LinearModel, objectives: Int) -> Method {
            guard self == .auto else { return self }
            return objectives == 2 && !model.hasIntegerColumns ? .exact : .augmecon2
        }

        /// The algorithm this name stands for (`auto` resolved first: ``resolved(for:objectives:)``).
        public var algorithm: any FrontAlgorithm {
            switch self {
            case .augmecon2, .auto: return AugmentedEpsilonConstraint()
            case .epsilon: return EpsilonConstraint()
            case .exact: return ExactFront()
            }
        }
    }

    /// Grid points per constrained objective (end points included).
    public var points: Int
    public var method: Method
    /// The exact front of an LP: this many points evenly spaced along it (by length, each
    /// objective scaled by its range), each an exact convex combination of its edge's corners;
    /// nil: the corners themselves.
    public var spacedPoints: Int?
    /// The augmentation weight (scaled by each objective's range).
    public var delta: Double
    public var solve: SolveOptions
    /// Seconds for the whole sweep: no grid solve starts after it (the points found are kept
    /// and ``ParetoResult/stoppedAtTimeLimit`` says so). A solve's own limit is `solve.timeLimit`.
    public var totalTimeLimit: Double?
    /// Asked between solves: true stops the sweep as the time limit does (the points found are kept).
    public var shouldStop: (@Sendable () -> Bool)?
    /// Grid sweeps: the grid split into this many contiguous blocks of the outermost constrained
    /// objective's epsilons, each on its own warm backend and thread (1: one backend).
    public var jobs = 1

    public init(points: Int = 10, method: Method = .augmecon2, spacedPoints: Int? = nil, delta: Double = 1e-3,
                solve: SolveOptions = SolveOptions(), totalTimeLimit: Double? = nil) {
        self.points = points
        self.method = method
        self.spacedPoints = spacedPoints
        self.delta = delta
        self.solve = solve
        self.totalTimeLimit = totalTimeLimit
    }
}

/// One efficient point.
public struct ParetoPoint: Sendable {
    /// The values of every objective of the model (model order).
    public var objectiveValues: [Double]
    /// The epsilon of each constrained objective (sweep order, the first objective has none).
    public var epsilon: [Double]
    public var status: TerminationStatus
    /// Column values of the original model.
    public var primal: [Double]
    /// The payoff-table row this point is the lexicographic optimum of, nil for a grid point.
    public var payoffRow: Int?
    /// On a two-objective LP grid: the local trade-off price, minus the dual of the epsilon row
    /// (the first objective's increase per unit the second is tightened; 0 where the row is
    /// slack). Nil elsewhere (MILPs, end points, more objectives).
    public var price: Double?

    public init(objectiveValues: [Double], epsilon: [Double], status: TerminationStatus, primal: [Double], payoffRow: Int? = nil,
                price: Double? = nil) {
        self.objectiveValues = objectiveValues
        self.epsilon = epsilon
        self.status = status
        self.primal = primal
        self.payoffRow = payoffRow
        self.price = price
    }
}

/// The result of a sweep.
public struct ParetoResult: Sendable {
    /// The method that made it (never `auto`).
    public var method: ParetoOptions.Method = .augmecon2
    /// The swept objectives (indexes into the model's objectives), the first one minimised.
    public var objectives: [Int]
    /// Payoff table: row k holds the swept objectives' values at the lexicographic optimum of objective k.
    public var payoff: [[Double]]
    /// The lexicographic optimum of each payoff row; these are the front's end points.
    public var payoffPoints: [ParetoPoint]
    /// Distinct non-dominated points, ordered by the first objective, then the others.
    public var points: [ParetoPoint]
    /// Solver calls (payoff table and grid).
    public var solves: Int
    /// Grid points skipped because the slack showed they give the same solution (AUGMECON2 bypass).
    public var bypassed: Int
    /// Grid points not solved because a looser one was already infeasible (early exit).
    public var skippedAfterInfeasible: Int
    /// Points dropped as duplicates of another, and as dominated (numerical tolerance).
    public var duplicates: Int
    public var dominated: Int
    /// Wall-clock seconds of the whole sweep and of the solver calls alone.
    public var seconds: Double
    public var solverSeconds: Double
    /// Grid points left unsolved because the sweep's time limit passed (0 when it finished).
    public var stoppedAtTimeLimit: Int = 0
    /// The exact front's corners in order of the first objective (``points`` unless spaced
    /// points were asked for); empty for a grid.
    public var corners: [ParetoPoint] = []
}

/// How many solves a front algorithm made and the seconds its solver spent in them.
struct SolveTally {
    var solves = 0
    var seconds = 0.0

    /// Solves on `backend` with `options`, from scratch (with presolve) when `cold`, and counts it.
    mutating func solve(_ backend: any SolverBackend, _ options: SolveOptions, cold: Bool) throws -> SolveResult {
        var options = options
        if cold { options.forceCold = true }
        let result = try backend.solve(options)
        solves += 1
        seconds += result.seconds
        return result
    }
}

extension LinearModel {
    /// A row holding `objective`'s terms (free: the algorithm sets its bounds), so a front
    /// algorithm can bound or fix an objective; returns the row.
    mutating func addRow(of objective: Objective, name: String) -> Constraint {
        let row = beginConstraint(name: name)
        for (offset, column) in objective.variables.enumerated() { addTerm(row, Variable(index: column), objective.coefficients[offset]) }
        return row
    }
}

extension ParetoError {
    /// A payoff solve of `objective` that gave no optimum: its status, and the solver's words
    /// (saying so when the solver called it optimal without a feasible point).
    static func payoff(_ objective: String, _ result: SolveResult) -> ParetoError {
        let detail = result.termination == .optimal ? "the solver reported an optimum without a feasible point (\(result.primalStatus)): \(result.rawStatus)" : result.rawStatus
        return .payoffFailed(objective: objective, status: result.termination, detail: detail)
    }

    /// `body`'s errors as sweep errors: solver errors become ``model(_:)``; every algorithm's entry point uses it.
    static func mapping<T>(_ body: () throws -> T) throws(ParetoError) -> T {
        do {
            return try body()
        } catch let error as ParetoError {
            throw error
        } catch let error as LPModelError {
            throw .model(error)
        } catch {
            throw .model(.notLoaded)
        }
    }
}

/// Why a sweep could not run.
public enum ParetoError: Error, CustomStringConvertible, Sendable {
    case needsTwoObjectives
    /// The exact front is for exactly two objectives.
    case exactNeedsTwoObjectives(Int)
    case invalidPoints(Int)
    /// Spaced points were asked of a front with integer decisions (their combinations are no decisions).
    case spacedPointsNeedAnLP
    /// The grid would keep more than ``ParetoLimits`` allow.
    case tooLarge(gridPoints: Double, bytes: Double)
    case unknownObjective(Int)
    case payoffFailed(objective: String, status: TerminationStatus, detail: String)
    case model(LPModelError)

    public var description: String {
        switch self {
        case .needsTwoObjectives: return "a Pareto sweep needs at least two distinct objectives"
        case .exactNeedsTwoObjectives(let count):
            return "the exact front is for two distinct objectives (got \(count)); sweep more with the grid (augmecon2)"
        case .invalidPoints(let points): return "points must be 2 to \(ParetoLimits.maximumPoints) (got \(points))"
        case .spacedPointsNeedAnLP:
            return "points along the exact front are convex combinations of its corners, which a model with integer decisions does not allow: use the grid (augmecon2) for points between them, or leave out the points for the supported corners"
        case .tooLarge(let gridPoints, let bytes):
            return String(format: "the grid has %.0f points and would keep %.1f GB of decisions (at most %d points and %.0f GB): use fewer points or objectives",
                          gridPoints, bytes / 1e9, ParetoLimits.maximumGridPoints, Double(ParetoLimits.maximumDecisionBytes) / 1e9)
        case .unknownObjective(let index): return "objective \(index) is not in the model"
        case .payoffFailed(let objective, let status, let detail):
            return "minimising \(objective) alone is \(status.rawValue) (\(detail)); a front needs every objective bounded and the model feasible"
        case .model(let error): return error.description
        }
    }
}
