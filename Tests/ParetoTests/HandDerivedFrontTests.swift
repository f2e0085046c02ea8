import GLPKBackend
import LPModel
import Pareto
import Testing

/// Fronts derived by hand.
@Suite struct HandDerivedFrontTests {
    static func sweep(_ model: LinearModel, points: Int, method: ParetoOptions.Method = .augmecon2,
                      objectives: [Int] = [0, 1]) throws -> ParetoResult {
        try ParetoSweep.run(model: model, objectives: objectives, options: ParetoOptions(points: points, method: method),
                            makeBackend: { GLPKSolver() })
    }

    /// Suppliers with (cost, gwp, capacity) per unit and a demand of 10.
    static func suppliers(_ data: [(Double, Double, Double?)], demand: Double = 10, integer: Bool = false) -> LinearModel {
        var model = LinearModel()
        let xs = data.enumerated().map { index, entry in
            model.addVariable(name: "x\(index)", upper: entry.2 ?? .infinity, integer: integer)
        }
        model.addConstraint(xs.map { ($0, 1.0) }, lower: demand, name: "demand")
        model.addObjective("cost", zip(xs, data).map { ($0, $1.0) })
        model.addObjective("gwp", zip(xs, data).map { ($0, $1.1) })
        return model
    }

    /// Two suppliers, (1, 3) and (2, 1): the front is the segment from (10, 30) to (20, 10),
    /// cost = 10 + (30 - gwp) / 2; 5 grid points give gwp 30, 25, 20, 15, 10.
    @Test(arguments: [ParetoOptions.Method.augmecon2, .epsilon])
    func test_two_suppliers_give_a_segment(_ method: ParetoOptions.Method) throws {
        let result = try Self.sweep(Self.suppliers([(1, 3, nil), (2, 1, nil)]), points: 5, method: method)
        #expect(result.payoff.count == 2)
        #expect(abs(result.payoff[0][0] - 10) < 1e-6 && abs(result.payoff[0][1] - 30) < 1e-6)
        #expect(abs(result.payoff[1][0] - 20) < 1e-6 && abs(result.payoff[1][1] - 10) < 1e-6)
        let gwp = result.points.map { $0.objectiveValues[1] }
        let cost = result.points.map { $0.objectiveValues[0] }
        #expect(result.points.count == 5)
        for (got, want) in zip(gwp, [30.0, 25, 20, 15, 10]) { #expect(abs(got - want) < 1e-6) }
        for (c, g) in zip(cost, gwp) { #expect(abs(c - (10 + (30 - g) / 2)) < 1e-6) }
    }

    /// The same segment's exact front: its two corners, (10, 30) and (20, 10), and one weighted
    /// solve confirming the edge between them (4 + 2 x 2 - 3 = 5 solves).
    @Test func test_exact_front_of_the_segment_is_its_two_corners() throws {
        let result = try Self.sweep(Self.suppliers([(1, 3, nil), (2, 1, nil)]), points: 5, method: .exact)
        let corners = result.points.map { [$0.objectiveValues[0], $0.objectiveValues[1]] }
        #expect(corners.count == 2 && result.solves == 5)
        for (got, want) in zip(corners.joined(), [10.0, 30, 20, 10]) { #expect(abs(got - want) < 1e-6) }
    }

    /// The exact front of the three suppliers below: exactly the four break points derived there,
    /// cost per unit of gwp avoided 0.5, 0.75 and 1 along its edges, from 4 + 2 x 4 - 3 = 9 solves.
    @Test func test_exact_front_finds_the_hand_derived_break_points() throws {
        let result = try Self.sweep(Self.suppliers([(1, 5, 6), (2, 3, 6), (4, 1, 6)]), points: 2, method: .exact)
        let corners = result.points.map { ($0.objectiveValues[0], $0.objectiveValues[1]) }
        let expected: [(Double, Double)] = [(14, 42), (16, 38), (28, 22), (32, 18)]
        #expect(corners.count == 4 && result.solves == 9)
        for (got, want) in zip(corners, expected) { #expect(abs(got.0 - want.0) < 1e-6 && abs(got.1 - want.1) < 1e-6, "\(got)") }
        let costPerGWP = zip(corners, corners.dropFirst()).map { ($1.0 - $0.0) / ($0.1 - $1.1) }
        for (got, want) in zip(costPerGWP, [0.5, 0.75, 1]) { #expect(abs(got - want) < 1e-9) }
    }

    /// A (1, 5), B (2, 3), C (4, 1), each at most 6, demand 10. Break points (14, 42), (16, 38),
    /// (28, 22), (32, 18): shift A to B at 0.5 cost per gwp, then A to C at 0.75, then B to C at 1.
    @Test func test_three_suppliers_piecewise_linear_front() throws {
        let result = try Self.sweep(Self.suppliers([(1, 5, 6), (2, 3, 6), (4, 1, 6)]), points: 9)
        func cost(atGWP gwp: Double) -> Double {
            if gwp >= 38 { return 14 + (42 - gwp) * 0.5 }
            if gwp >= 22 { return 16 + (38 - gwp) * 0.75 }
            return 28 + (22 - gwp) * 1
        }
        let expectedGWP: [Double] = [42, 39, 36, 33, 30, 27, 24, 21, 18]
        #expect(result.points.count == expectedGWP.count)
        for (point, gwp) in zip(result.points, expectedGWP) {
            #expect(abs(point.objectiveValues[1] - gwp) < 1e-6)
            #expect(abs(point.objectiveValues[0] - cost(atGWP: gwp)) < 1e-6)
        }
        #expect(result.dominated == 0)
    }

    /// Early exit: the grid stops at the first infeasible epsilon, which cannot happen on a
    /// proper grid; with a capacity that only the payoff's extremes respect, bypass still ends.
    @Test func test_bypass_skips_points_covered_by_the_slack() throws {
        // Two discrete options (MILP): (1, 10) or (2, 5), exactly one. With 11 grid points between
        // gwp 10 and 5, every point from 9.5 down to 5.5 gives (2, 5) again: the slack bypasses them.
        var model = LinearModel()
        let a = model.addBinary(name: "a"), b = model.addBinary(name: "b")
        model.addConstraint([(a, 1), (b, 1)], lower: 1, upper: 1, name: "one")
        model.addObjective("cost", [(a, 1), (b, 2)])
        model.addObjective("gwp", [(a, 10), (b, 5)])
        let result = try Self.sweep(model, points: 11)
        #expect(result.points.count == 2)
        #expect(result.bypassed >= 8)
        #expect(result.solves < 4 + 11)
        let plain = try Self.sweep(model, points: 11, method: .epsilon)
        #expect(plain.bypassed == 0 && plain.solves == 4 + 11)
    }
}
