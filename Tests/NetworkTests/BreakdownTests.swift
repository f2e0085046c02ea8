import Foundation
import GLPKBackend
import LPModel
import ModelFamily
import ModelLoader
import OpenLCAFixtures
import Testing

/// Each objective's parts (production, transport, supply, conversion, capacity, ...) sum to the
/// objective's value at the solution, for every bundled example and objective solved: the parts
/// are made from the model's data (supply chains) or by column owner (networks), the value from
/// the LP's objective row.
@Suite struct BreakdownTests {
    static let examples = ["resin-supply.json", "resin-storage.json", "urban-energy.yaml", "cement-expansion.yaml", "food-system.yaml"]

    @Test(arguments: examples)
    func test_parts_sum_to_the_objectives(_ file: String) throws {
        let loaded = try ModelSource.load(path: FixtureFiles.packageRoot() + "/db-fixtures/examples/" + file)
        try check(loaded.family)
    }

    func check<Model: FamilyModel>(_ model: Model) throws {
        for objective in model.objectiveIds where objective != "weighted" {
            let problem = try model.problem(objective: objective, names: false)
            let result = try CachingSolver(GLPKSolver()).solve(problem.model, edits: ModelEdits())
            #expect(result.isOptimal)
            let values = problem.cleaned(primal: result.primal).objectiveValues
            let parts = problem.breakdown(primal: result.primal)
            for (index, name) in problem.objectiveNames.enumerated() where name != "weighted" {
                let sum = parts.filter { $0.objective == name }.reduce(0) { $0 + $1.value }
                #expect(abs(sum - values[index]) <= 1e-9 * max(1, abs(values[index])), "\(model.name) minimising \(objective): \(name) parts \(sum) vs \(values[index])")
            }
            #expect(!parts.isEmpty)
        }
    }
}
