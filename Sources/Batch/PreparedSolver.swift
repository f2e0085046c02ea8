import LPModel
import SupplyChain

/// One worker's solver problem, kept across scenarios: when a scenario's LP has the same
/// structure as the one loaded (same columns, rows, matrix and integer flags), only the changed
/// bounds and objectives are edited and the backend re-solves from the previous basis; otherwise
/// the LP is loaded anew (a change in structure: a disabled mode, another model).
public final class PreparedSolver {
    private let solver: any SolverBackend

    /// A prepared solver on a backend made by `makeBackend` (the CLI's `--solver`).
    public init(backend: any SolverBackend) {
        solver = backend
    }
    /// The LP loaded into `solver` (valid when `hasLoaded`).
    private var loaded = LinearModel()
    private var hasLoaded = false
    /// The last problem built (with its model path), renumbered in place for the next scenario.
    private var current: (path: String, problem: SupplyChainProblem)?
    /// Seconds spent handing changes to GLPK (bound and objective edits, loads), summed.
    private(set) var editSeconds = 0.0
    /// Simplex iterations of every solve, summed: how much each warm start had left to do.
    private(set) var iterations = 0


    /// Solves `data` (a scenario of the model at `path`) for `objective`: the previous problem of
    /// that model with the new numbers when the structure allows (no copy, no build), else a new
    /// build; the GLPK problem is edited in place when only numbers changed.
    public func solve(_ data: SupplyChainData, path: String, objective: String, timeLimit: Double? = nil) throws -> SolveResult {
        let renumbered = current?.path == path ? try current!.problem.renumber(with: data, objective: objective) : false
        if !renumbered {
            current = (path, try SupplyChainProblem(data: data, objective: objective, names: false))
        }
        return try solve(current!.problem.model, timeLimit: timeLimit)
    }

    /// The problem solved last (a copy: for explanations of a failed scenario).
    public var problem: SupplyChainProblem? { current?.problem }

    /// The objective names of the problem solved last, in model order.
    public var objectiveNames: [String] { current?.problem.objectiveNames ?? [] }

    /// Solves `model`, editing the loaded LP in place when only numbers changed.
    public func solve(_ model: LinearModel, timeLimit: Double? = nil) throws -> SolveResult {
        let clock = ContinuousClock()
        let start = clock.now
        if hasLoaded && Self.sameStructure(loaded, model) {
            // Whole-array comparisons first: unchanged arrays are shared, so they compare in O(1).
            if loaded.rowLower != model.rowLower || loaded.rowUpper != model.rowUpper {
                for row in 0..<model.rowCount where loaded.rowLower[row] != model.rowLower[row] || loaded.rowUpper[row] != model.rowUpper[row] {
                    try solver.setRowBounds(Constraint(index: Int32(row)), lower: model.rowLower[row], upper: model.rowUpper[row])
                }
            }
            if loaded.columnLower != model.columnLower || loaded.columnUpper != model.columnUpper {
                for column in 0..<model.columnCount
                where loaded.columnLower[column] != model.columnLower[column] || loaded.columnUpper[column] != model.columnUpper[column] {
                    try solver.setColumnBounds(Variable(index: Int32(column)), lower: model.columnLower[column], upper: model.columnUpper[column])
                }
            }
            for index in model.objectives.indices where model.objectives[index] != loaded.objectives[index] {
                try solver.setObjective(index, model.objectives[index])
            }
            try solver.setActiveObjective(model.activeObjective)
        } else {
            try solver.load(model)
        }
        loaded = model
        hasLoaded = true
        editSeconds += (clock.now - start).inSeconds
        let result = try solver.solve(SolveOptions(timeLimit: timeLimit))
        iterations += result.iterations
        return result
    }

    static func sameStructure(_ a: LinearModel, _ b: LinearModel) -> Bool {
        a.columnCount == b.columnCount && a.rowCount == b.rowCount && a.objectives.count == b.objectives.count
            && a.isInteger == b.isInteger && a.entryRows == b.entryRows && a.entryColumns == b.entryColumns
            && a.entryValues == b.entryValues
    }
}
