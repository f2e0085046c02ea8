import LPModel
import ModelFamily

/// One worker's model and solver, kept across scenarios, for models of any family: a scenario
/// of the same model is renumbered into the previous problem (no build), which leaves the LP's
/// edits listing what changed; the ``CachingSolver`` hands the backend exactly those, so it
/// re-solves from its previous basis. A scenario that changes the structure (a disabled mode,
/// another model) is built and loaded anew.
public final class PreparedSolver {
    private let cache: CachingSolver
    /// The last problem built (with its model path), renumbered in place for the next scenario.
    private var current: (path: String, prepared: any PreparedProblem)?

    /// A prepared solver on `backend` (made from the CLI's `--solver`).
    public init(backend: any SolverBackend) {
        cache = CachingSolver(backend)
    }

    /// Seconds spent handing changes to the backend (bound and objective edits, loads), summed.
    var editSeconds: Double { cache.editSeconds }
    /// Simplex iterations of every solve, summed.
    var iterations: Int { cache.iterations }
    /// Models the backend loaded whole (one per structure).
    public var loads: Int { cache.loads }

    /// Solves `model` (a scenario of the model at `path`) for `objective`: the previous problem of
    /// that model with the new numbers when the structure allows (no copy, no build), else a new
    /// build; the backend's problem is edited in place when only numbers changed.
    public func solve<Model: FamilyModel>(_ model: Model, path: String, objective: String, timeLimit: Double? = nil) throws -> SolveResult {
        var renumbered = false
        if let current, current.path == path { renumbered = try current.prepared.renumber(with: model, objective: objective) }
        if !renumbered {
            current = (path, try Self.prepare(model, objective: objective))
        }
        let prepared = current!.prepared
        return try cache.solve(prepared.model, edits: prepared.takeEdits(), options: SolveOptions(timeLimit: timeLimit))
    }

    /// A new build of `model`'s LP, kept in a box of its own type.
    private static func prepare<Model: FamilyModel>(_ model: Model, objective: String) throws -> any PreparedProblem {
        PreparedBox(try model.problem(objective: objective, names: false))
    }

    /// The objective names of the problem solved last and their values in `result` (cleaned of
    /// solver noise); nil before any solve.
    public func objectiveValues(of result: SolveResult) -> (names: [String], values: [Double])? {
        current?.prepared.objectiveValues(of: result)
    }

    /// The choices of `result`'s decision (of the problem solved last, ``FamilyProblem/choices(of:)``);
    /// empty without a feasible point.
    public func choices(of result: SolveResult) -> [String] {
        current?.prepared.choices(of: result) ?? []
    }

    /// Why `result` (of the problem solved last, minimising `objective`) has no solution, in the model's terms.
    public func explanation(of result: SolveResult, objective: String) -> [String] {
        current?.prepared.explanation(of: result, objective: objective) ?? [result.rawStatus]
    }

}

/// A family's problem behind a reference of its own type, so that renumbering edits it in place:
/// mutating a struct through an existential may copy it, and a copy turns each changed bound
/// into a copy of the whole array.
protocol PreparedProblem: AnyObject {
    var model: LinearModel { get }
    func renumber<Model: FamilyModel>(with model: Model, objective: String) throws(ModelError) -> Bool
    func takeEdits() -> ModelEdits
    func explanation(of result: SolveResult, objective: String) -> [String]
    func objectiveValues(of result: SolveResult) -> (names: [String], values: [Double])
    func choices(of result: SolveResult) -> [String]
}

final class PreparedBox<Problem: FamilyProblem>: PreparedProblem {
    private var value: Problem
    init(_ value: Problem) { self.value = value }

    var model: LinearModel { value.model }
    func renumber<Model: FamilyModel>(with model: Model, objective: String) throws(ModelError) -> Bool {
        guard let model = model as? Problem.Model else { return false }
        return try value.renumber(with: model, objective: objective)
    }
    func takeEdits() -> ModelEdits { value.takeEdits() }
    func explanation(of result: SolveResult, objective: String) -> [String] {
        value.report(result, objective: objective, seconds: result.seconds).explanation
    }
    func objectiveValues(of result: SolveResult) -> (names: [String], values: [Double]) {
        (value.objectiveNames, value.cleaned(result).objectiveValues)
    }
    func choices(of result: SolveResult) -> [String] {
        guard result.primalStatus == .feasiblePoint else { return [] }
        return value.choices(of: value.decision(primal: result.primal))
    }
}
