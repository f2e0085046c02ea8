import LPModel
import ModelFamily

/// Every objective of a fixed decision as a linear function of the linked processes' impacts:
/// `objective_o = constant_o + sum over (p, k) of activity_o[p * K + k] * impact[p][k]`, where
/// `impact[p][k]` is process p's impact per reference unit in category k. The activity is what
/// LCA multiplies unit impacts by (the decision's use of the process, in its reference units,
/// times whatever weights the objective puts on it), found from the model's own LP: the LP built
/// with every linked impact 0 gives the constants, and one built with process p's impact in
/// category k set to 1 gives, less the constants, that activity. A sample's objectives are then
/// a dot product, with no build and no solve (`lcaopt uncertainty` without `--reoptimise`).
struct LinearObjectives: Sendable {
    /// Per decision, per objective (model order): the constant and the activities.
    var constants: [[Double]]
    var activities: [[[Double]]]

    init<Model: FamilyModel>(model: Model, links: ImpactLinks, decisions: [[Double]]) throws {
        let k = links.categories.count
        var zero: [Int64: [Double]] = [:]
        for process in links.processes { zero[process] = Array(repeating: 0, count: k) }
        func objectives(_ impacts: [Int64: [Double]]) throws -> [Objective] {
            let problem = try model.applyingImpacts(impacts).problem(objective: "cost", names: false)
            guard problem.model.columnCount == decisions.first?.count ?? problem.model.columnCount else {
                throw ModelChangeError("the LP's columns changed with the impacts; evaluate this model with --reoptimise")
            }
            return problem.model.objectives
        }
        let base = try objectives(zero)
        let columns = decisions.first?.count ?? 0
        let baseRows = base.map { Self.dense($0, columns: columns) }
        constants = decisions.map { x in base.map { $0.value(at: x) } }
        activities = decisions.map { _ in base.map { _ in [Double](repeating: 0, count: links.processes.count * k) } }
        for (p, process) in links.processes.enumerated() {
            for category in 0..<k {
                var unit = zero
                unit[process]![category] = 1
                let rows = try objectives(unit)
                for o in rows.indices {
                    // Coefficient by coefficient, so an objective the impact does not enter
                    // (cost) gets an activity of exactly 0.
                    let row = Self.dense(rows[o], columns: columns)
                    for (d, x) in decisions.enumerated() {
                        var activity = 0.0
                        for j in 0..<columns where row[j] != baseRows[o][j] { activity += (row[j] - baseRows[o][j]) * x[j] }
                        activities[d][o][p * k + category] = activity
                    }
                }
            }
        }
    }

    /// An objective's coefficients by column (repeated columns summed).
    static func dense(_ objective: Objective, columns: Int) -> [Double] {
        var row = [Double](repeating: 0, count: columns)
        for (position, column) in objective.variables.enumerated() { row[Int(column)] += objective.coefficients[position] }
        return row
    }

    /// The objectives of decision `d` with the impacts of one sample, process `p`'s category `k`
    /// at `p * K + k`.
    func values(decision d: Int, impacts: [Double]) -> [Double] {
        constants[d].indices.map { o in
            var total = constants[d][o]
            let activity = activities[d][o]
            for position in activity.indices where activity[position] != 0 { total += activity[position] * impacts[position] }
            return total
        }
    }
}
