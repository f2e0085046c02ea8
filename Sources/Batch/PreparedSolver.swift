import LPModel
import SupplyChain

/// One worker's model and solver, kept across scenarios: a scenario of the same model is
/// renumbered into the previous ``SupplyChainProblem`` (no build), and the ``CachingSolver``
/// hands the backend only the numbers that changed, so it re-solves from its previous basis; a
/// scenario that changes the structure (a disabled mode, another model) is built and loaded anew.
public final class PreparedSolver {
    private let cache: CachingSolver
    /// The last problem built (with its model path), renumbered in place for the next scenario.
    private var current: (path: String, problem: SupplyChainProblem)?

    /// A prepared solver on `backend` (made from the CLI's `--solver`).
    public init(backend: any SolverBackend) {
        cache = CachingSolver(backend)
    }

    /// Seconds spent handing changes to the backend (bound and objective edits, loads), summed.
    var editSeconds: Double { cache.editSeconds }
    /// Simplex iterations of every solve, summed.
    var iterations: Int { cache.iterations }

    /// Solves `data` (a scenario of the model at `path`) for `objective`: the previous problem of
    /// that model with the new numbers when the structure allows (no copy, no build), else a new
    /// build; the backend's problem is edited in place when only numbers changed.
    public func solve(_ data: SupplyChainData, path: String, objective: String, timeLimit: Double? = nil) throws -> SolveResult {
        let renumbered = current?.path == path ? try current!.problem.renumber(with: data, objective: objective) : false
        if !renumbered {
            current = (path, try SupplyChainProblem(data: data, objective: objective, names: false))
        }
        return try cache.solve(current!.problem.model, options: SolveOptions(timeLimit: timeLimit))
    }

    /// The problem solved last (a copy: for explanations of a failed scenario).
    public var problem: SupplyChainProblem? { current?.problem }

    /// The objective names of the problem solved last, in model order.
    public var objectiveNames: [String] { current?.problem.objectiveNames ?? [] }
}
