import GLPKBackend
import LPModel
import Pareto
import Testing

/// A bi-objective 0/1 knapsack (maximise both values), its front by brute-force enumeration, and
/// the same front from the sweep: with integer values and a grid step of 1, AUGMECON2 is exact.
@Suite struct KnapsackFrontTests {
    static let values1: [Double] = [8, 3, 6, 5, 9, 2, 7, 4, 6, 3]
    static let values2: [Double] = [2, 7, 4, 6, 3, 8, 1, 5, 6, 9]
    static let weights: [Double] = [5, 3, 4, 4, 6, 2, 5, 3, 4, 3]
    static let capacity = 17.0

    static func bruteForceFront() -> Set<[Double]> {
        var outcomes = Set<[Double]>()
        for mask in 0..<(1 << weights.count) {
            let chosen = weights.indices.filter { mask & (1 << $0) != 0 }
            guard chosen.map({ weights[$0] }).reduce(0, +) <= capacity else { continue }
            outcomes.insert([-chosen.map { values1[$0] }.reduce(0, +), -chosen.map { values2[$0] }.reduce(0, +)])
        }
        return outcomes.filter { point in
            !outcomes.contains { other in other != point && other[0] <= point[0] && other[1] <= point[1] }
        }
    }

    @Test func test_sweep_finds_the_whole_front() throws {
        var model = LinearModel(name: "knapsack")
        let items = Self.weights.indices.map { model.addBinary(name: "item\($0)") }
        model.addConstraint(zip(items, Self.weights).map { ($0, $1) }, upper: Self.capacity, name: "capacity")
        model.addObjective("value1", zip(items, Self.values1).map { ($0, -$1) })
        model.addObjective("value2", zip(items, Self.values2).map { ($0, -$1) })
        let front = Self.bruteForceFront()
        let range = front.map { $0[1] }.max()! - front.map { $0[1] }.min()!
        let result = try ParetoSweep.run(model: model, objectives: [0, 1], options: ParetoOptions(points: Int(range) + 1),
                                         makeBackend: { GLPKSolver() })
        let found = Set(result.points.map { [$0.objectiveValues[0].rounded(), $0.objectiveValues[1].rounded()] })
        #expect(found == front)
        #expect(front.count >= 4)
    }
}
