import GLPKBackend
import LPModel
import Pareto
import Testing

/// Plain epsilon-constraint can stop at a weakly dominated point when the first objective has
/// alternative optima under the epsilon row; AUGMECON2's slack term prevents it. Which optimum a
/// solver returns is its own business, so the sweep runs on a backend that picks the worst one
/// for GWP among ties (``EnumeratingBackend``), and on GLPK.
@Suite struct WeakDominanceTests {
    /// Exactly one option: A (1, 10), C (2, 8), B (2, 5). C is weakly dominated by B (same cost,
    /// more GWP). At epsilon 8.75, min cost has two optima, B and C.
    static func options() -> LinearModel {
        var model = LinearModel()
        let a = model.addBinary(name: "a"), c = model.addBinary(name: "c"), b = model.addBinary(name: "b")
        model.addConstraint([(a, 1), (c, 1), (b, 1)], lower: 1, upper: 1, name: "one")
        model.addObjective("cost", [(a, 1), (c, 2), (b, 2)])
        model.addObjective("gwp", [(a, 10), (c, 8), (b, 5)])
        return model
    }

    @Test func test_plain_epsilon_finds_a_weakly_dominated_point_augmecon2_does_not() throws {
        let adversarial = { EnumeratingBackend(tieBreak: 1) as any SolverBackend }
        let plain = try ParetoSweep.run(model: Self.options(), objectives: [0, 1], options: ParetoOptions(points: 5, method: .epsilon),
                                        makeBackend: adversarial)
        let augmented = try ParetoSweep.run(model: Self.options(), objectives: [0, 1], options: ParetoOptions(points: 5),
                                            makeBackend: adversarial)
        // At epsilon 8.75 plain epsilon stopped at C (2, 8), weakly dominated by B (2, 5): dropped.
        #expect(plain.dominated == 1)
        #expect(augmented.dominated == 0)
        let glpk = try ParetoSweep.run(model: Self.options(), objectives: [0, 1], options: ParetoOptions(points: 5),
                                       makeBackend: { GLPKSolver() })
        #expect(glpk.dominated == 0)
        for result in [plain, augmented, glpk] {
            #expect(result.points.map { $0.objectiveValues } == [[1, 10], [2, 5]])
        }
    }
}
