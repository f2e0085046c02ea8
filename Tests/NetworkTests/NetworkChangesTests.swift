import Foundation
import GLPKBackend
import LPModel
import ModelFamily
import Network
import Testing

/// Batch scenarios on networks: `set` reaches every numeric field, a renumbered LP gives the
/// optimum of a freshly built one, and bad paths say what is wrong.
@Suite struct NetworkChangesTests {
    static func chp() throws -> NetworkData {
        let fixture = try NetworkFixture()
        try fixture.write("chp.yaml", HandDerivedNetworkTests.chp)
        return try fixture.load("chp.yaml")
    }

    /// Each change, renumbered into the base LP, solves to the optimum of the changed network
    /// built afresh; and the values are the hand-derived ones: with the grid at 50 the CHP
    /// (26.67 gained per unit at 100) gains 0.4 x 50 + 16.67 - 30 = 6.67 and still runs at 10:
    /// cost 300 + 50 x 6 = 600; with heat demand 2 the CHP runs at 4: 120 + 100 x 8.4 = 960.
    static let changes: [(path: String, value: Double, cost: Double)] = [
        ("supplies.grid.cost", 50, 600),
        ("demands.hload.amount", 2, 960),
        ("links.chp.capacity", 5, 30 * 5 + 100 * 8 + 30 * 2.5 / 0.9),
    ]

    @Test(arguments: changes)
    func test_set_renumbers_the_prepared_lp(_ example: (path: String, value: Double, cost: Double)) throws {
        let base = try Self.chp()
        var problem = try NetworkProblem(data: base)
        _ = problem.takeEdits()
        let changed = try base.applying(ModelChanges(set: [example.path: example.value]))
        #expect(try problem.renumber(with: changed, objective: "cost"))
        let edits = problem.takeEdits()
        #expect(!edits.needsLoad)
        #expect(edits.rows.count + edits.columns.count + edits.objectives.count > 0)
        let (_, fresh) = try NetworkFixture.solve(changed)
        let renumbered = problem.report(try Self.solveModel(problem.model), objective: "cost", seconds: 0)
        #expect(close(fresh.objectives["cost"], example.cost))
        #expect(close(renumbered.objectives["cost"], example.cost))
    }

    static func solveModel(_ model: LinearModel) throws -> SolveResult {
        let solver = GLPKSolver()
        try solver.load(model)
        return try solver.solve(SolveOptions())
    }

    /// A new field (an expansion where there was none) changes the structure: renumbering says
    /// so and the scenario is built afresh; scaleDemand scales every demand.
    @Test func test_structural_changes_and_scaled_demand() throws {
        let base = try Self.chp()
        var problem = try NetworkProblem(data: base)
        let expanded = try base.applying(ModelChanges(set: ["links.boiler.expansion.cost": 5]))
        #expect(try !problem.renumber(with: expanded, objective: "cost"))
        #expect(expanded.links[1].expansion?.cost == 5)
        let scaled = try base.applying(ModelChanges(scaleDemand: 2))
        #expect(scaled.demands.map(\.amount) == [[20], [10]])
        // Twice the demand, twice the optimum (every bound scales but the CHP's capacity 30, not binding).
        #expect(close(try NetworkFixture.solve(scaled).1.objectives["cost"], 1800))
        let disabled = try base.applying(ModelChanges(disable: ["boiler"]))
        #expect(disabled.links.map(\.id) == ["chp"])
    }

    @Test(arguments: [
        ("links.chpp.capacity", "no links entry 'chpp'"),
        ("links.chp.capcity", "unknown key 'capcity'"),
        ("capacity", "not a field"),
        ("supplies.grid.bus", "'bus' is not a number"),
    ])
    func test_bad_paths_say_what_is_wrong(_ example: (path: String, message: String)) throws {
        let base = try Self.chp()
        #expect { _ = try base.applying(ModelChanges(set: [example.path: 1])) } throws: { error in
            "\(error)".contains(example.message)
        }
    }
}
