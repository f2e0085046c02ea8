/// Why the solver stopped.
public enum TerminationStatus: String, Sendable, Codable, Equatable {
    case optimal
    case infeasible
    case unbounded
    /// The LP relaxation is feasible but no integer solution exists.
    case noFeasibleIntegerSolution
    /// Infeasible or unbounded; the solver could not tell which (presolve found dual infeasibility).
    case infeasibleOrUnbounded
    case timeLimit
    case iterationLimit
    case numericalFailure
    /// The solver rejected the model data.
    case invalidModel
    case otherError

    /// True when the status describes the model (infeasible, unbounded), not the solver.
    public var isModelStatus: Bool {
        switch self {
        case .infeasible, .unbounded, .noFeasibleIntegerSolution, .infeasibleOrUnbounded: return true
        default: return false
        }
    }
}

/// Whether a solution is available, independently of why the solver stopped.
public enum ResultStatus: String, Sendable, Codable, Equatable {
    case noSolution
    /// Feasible (and optimal when the termination status is `.optimal`).
    case feasiblePoint
}

/// Options of one solve.
public struct SolveOptions: Sendable, Equatable {
    /// Simplex variant for LPs.
    public enum Method: String, Sendable, CaseIterable {
        /// Dual simplex, falling back to primal (GLPK's `GLP_DUALP`): far faster on transport LPs.
        case dual
        /// Primal simplex.
        case primal
    }

    public var method: Method
    /// Wall-clock limit in seconds; nil for none.
    public var timeLimit: Double?
    /// Simplex iteration limit; nil for none.
    public var iterationLimit: Int?
    /// Solve from scratch (with presolve) even when a basis from the previous solve exists.
    public var forceCold: Bool
    /// Relative MIP gap at which branch and bound stops.
    public var mipGap: Double

    public init(method: Method = .dual, timeLimit: Double? = nil, iterationLimit: Int? = nil,
                forceCold: Bool = false, mipGap: Double = 1e-9) {
        self.method = method
        self.timeLimit = timeLimit
        self.iterationLimit = iterationLimit
        self.forceCold = forceCold
        self.mipGap = mipGap
    }
}

/// The outcome of one solve: statuses are values, never thrown.
public struct SolveResult: Sendable {
    public var termination: TerminationStatus
    public var primalStatus: ResultStatus
    /// The solver's own words for how it stopped.
    public var rawStatus: String
    /// The active objective's value (meaningful with a feasible point).
    public var objectiveValue: Double
    /// Every named objective evaluated at the solution, in model order.
    public var objectiveValues: [Double]
    /// Column values.
    public var primal: [Double]
    /// Row activities `A x`.
    public var rowActivity: [Double]
    /// Row duals (LP only; empty for MILPs).
    public var rowDuals: [Double]
    /// Reduced costs (LP only; empty for MILPs).
    public var reducedCosts: [Double]
    /// Simplex iterations of this solve.
    public var iterations: Int
    /// Seconds spent in the solver.
    public var seconds: Double
    /// True when the solve started from the previous basis.
    public var warmStarted: Bool

    public init(termination: TerminationStatus, primalStatus: ResultStatus, rawStatus: String,
                objectiveValue: Double = .nan, objectiveValues: [Double] = [], primal: [Double] = [],
                rowActivity: [Double] = [], rowDuals: [Double] = [], reducedCosts: [Double] = [],
                iterations: Int = 0, seconds: Double = 0, warmStarted: Bool = false) {
        self.termination = termination
        self.primalStatus = primalStatus
        self.rawStatus = rawStatus
        self.objectiveValue = objectiveValue
        self.objectiveValues = objectiveValues
        self.primal = primal
        self.rowActivity = rowActivity
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.iterations = iterations
        self.seconds = seconds
        self.warmStarted = warmStarted
    }

    /// True for an optimal solution.
    public var isOptimal: Bool { termination == .optimal && primalStatus == .feasiblePoint }

    /// The value of `variable`.
    public func value(_ variable: Variable) -> Double { primal[Int(variable.index)] }
}

/// A solver that loads a ``LinearModel`` once and then accepts in-place edits, re-solving from
/// the previous basis where it can. Structure changes go through ``load(_:)`` again.
///
/// One instance is used from one thread at a time; several instances may solve concurrently.
public protocol SolverBackend: AnyObject {
    /// Loads (or replaces) the model. Validates it first; nothing invalid reaches the solver.
    func load(_ model: LinearModel) throws(LPModelError)
    /// Changes a row's bounds in place (the basis is kept).
    func setRowBounds(_ constraint: Constraint, lower: Double, upper: Double) throws(LPModelError)
    /// Changes a column's bounds in place (the basis is kept).
    func setColumnBounds(_ variable: Variable, lower: Double, upper: Double) throws(LPModelError)
    /// Makes objective `index` of the loaded model the one minimised (the basis is kept).
    func setActiveObjective(_ index: Int) throws(LPModelError)
    /// Replaces objective `index`'s coefficients (e.g. an augmented objective), keeping the basis.
    func setObjective(_ index: Int, _ objective: Objective) throws(LPModelError)
    /// Solves the current model.
    func solve(_ options: SolveOptions) throws(LPModelError) -> SolveResult
}

extension Duration {
    /// The duration in seconds, as a Double (for timings in results and reports).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
