import GLPKBackend
import LPModel
import Pareto
import Testing

/// Plain epsilon-constraint can stop at a weakly dominated point when the epsilon row is not
/// binding and the first objective has alternative optima; AUGMECON2's slack term prevents it.
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
        let plain = try ParetoSweep.run(model: Self.options(), objectives: [0, 1], options: ParetoOptions(points: 5, method: .epsilon),
                                        makeBackend: { GLPKSolver() })
        let augmented = try ParetoSweep.run(model: Self.options(), objectives: [0, 1], options: ParetoOptions(points: 5),
                                            makeBackend: { GLPKSolver() })
        // Plain epsilon stopped at C (2, 8) for some epsilon; it had to be dropped as dominated.
        #expect(plain.dominated == 1)
        #expect(augmented.dominated == 0)
        for result in [plain, augmented] {
            #expect(result.points.map { $0.objectiveValues } == [[1, 10], [2, 5]])
        }
    }
}
