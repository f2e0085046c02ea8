import LPModel

/// A resolved model of one family (a supply chain, a network): what the loader returns and
/// every command drives — `solve`, `pareto`, `batch`, `report`, `export` — without knowing which
/// family it is. It names its objectives, builds its LP, takes a scenario's changes and says what
/// it is in a report.
public protocol FamilyModel: Sendable {
    /// The LP of this model, with one objective active.
    associatedtype Problem: FamilyProblem where Problem.Model == Self

    /// The model's name in outputs.
    var name: String { get }
    /// Facts about the data that outputs repeat (missing costs, scope warnings, conversions).
    var notes: [String] { get }
    /// Every objective id in model order: `cost`, the indicator ids, `weighted` when defined.
    /// (Objective ids are made here and nowhere else.)
    var objectiveIds: [String] { get }
    /// The unit of each objective.
    var objectiveUnits: [String: String] { get }
    /// The objectives of a front when none are named.
    var defaultFrontObjectives: [String] { get }
    /// The ids of the objectives `texts` name (an id, an impact category's name or ref_id, ...),
    /// or the problem naming each one not found, at `path`.
    func objectiveIds(for texts: [String], path: String) throws(ModelError) -> [String]
    /// Where the numbers of this model's results come from.
    var context: ResultContext { get }
    /// The model's data for reports.
    var summary: ModelSummary { get }
    /// Builds the LP with objective `objective` active; without `names` no row or column names.
    func problem(objective: String, names: Bool) throws(ModelError) -> Problem
    /// This model with a scenario's changes.
    func applying(_ changes: ModelChanges) throws(ModelChangeError) -> Self
    /// The openLCA processes and categories the indicators come from (nil: none do).
    var impactLinks: ImpactLinks? { get }
    /// This model with the impacts per reference unit of the linked processes replaced:
    /// `impacts[process]` in ``ImpactLinks/categories`` order (processes not given keep theirs).
    /// Costs, amounts and the LP's structure stay as they are.
    func applyingImpacts(_ impacts: [Int64: [Double]]) throws(ModelChangeError) -> Self
}

/// The LP of a ``FamilyModel`` and how to read its solutions in the model's terms.
public protocol FamilyProblem: Sendable {
    associatedtype Model: FamilyModel where Model.Problem == Self
    /// The non-zero decisions of a solution (a front point's), in the model's terms.
    associatedtype Decision: Codable & Sendable & Equatable
    /// What `solve` reports beside the objectives: the decision and what it was made from
    /// (distances, capacities); encoded at the top level of `solve --json`.
    associatedtype Solution: Codable & Sendable & Equatable

    var model: LinearModel { get }
    /// Objective ids in model order.
    var objectiveNames: [String] { get }
    /// Objective id -> index in ``model``'s objectives.
    var objectiveIndex: [String: Int] { get }
    var context: ResultContext { get }
    /// The model's notes (``FamilyModel/notes``), repeated in every report.
    var notes: [String] { get }
    /// Column values at or below this magnitude are solver noise (see ``cleaned(primal:)``).
    var zeroTolerance: Double { get }

    /// The decision of the column values `primal` (noise within ``zeroTolerance`` is zero).
    func decision(primal: [Double]) -> Decision
    /// The solution of the column values `primal`; nil: no feasible point.
    func solution(primal: [Double]?) -> Solution
    /// The choices a decision makes, each a short stable label (`supplier S1`, `mode rail`,
    /// `route S1 -> plant by rail`; `build wind`, `use chp`): what uncertainty analysis counts.
    func choices(of decision: Decision) -> [String]
    /// Places and flows of a decision for a map (empty when the model has no coordinates).
    func map(of decision: Decision) -> DecisionMap
    /// Each objective (cost and the indicators) at column values `primal`, split into its parts.
    func breakdown(primal: [Double]) -> [ObjectivePart]
    /// Tables of a decision (a front point's), for reports.
    func tables(of decision: Decision) -> [ResultTable]
    /// Tables of a solution, for `solve`'s text, CSV and files; `objectives` is the objective table.
    func tables(of solution: Solution) -> [ResultTable]
    /// The obvious causes of infeasibility, in the model's terms (empty: none found).
    func explainInfeasibility() -> [String]
    /// Why objective `objective` can decrease without bound (empty: not found).
    func explainUnbounded(objective: String) -> [String]
    /// What an infeasible model's explanation says when ``explainInfeasibility()`` finds nothing.
    var infeasibleWords: String { get }
    /// Writes the numbers of `model` into this LP (false, and nothing changed, when `model` needs
    /// another structure) and makes `objective` active. The LP's ``LinearModel/edits`` then list
    /// what changed, for a ``CachingSolver``.
    mutating func renumber(with model: Model, objective: String) throws(ModelError) -> Bool
    /// The LP's edits since they were last taken (``LinearModel/takeEdits()``).
    mutating func takeEdits() -> ModelEdits
}

extension FamilyProblem {
    public var infeasibleWords: String { "no solution satisfies every constraint" }
}
