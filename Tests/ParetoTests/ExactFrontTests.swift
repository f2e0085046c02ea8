import Foundation
import GLPKBackend
import HiGHSBackend
import LPModel
import OpenLCAFixtures
import Pareto
import Reports
import SupplyChain
import Testing

/// The exact front (dichotomic search) against a front derived by hand and against dense grids.
@Suite struct ExactFrontTests {
    /// min (x, y) subject to x + y >= 4, x + 3y >= 6, 3x + y >= 6, x, y >= 0.
    /// By hand, the efficient boundary is the lower-left hull of the feasible region: on x = 0
    /// the tightest row is 3x + y >= 6 (y = 6); 3x + y = 6 meets x + y = 4 at (1, 3); x + y = 4
    /// meets x + 3y = 6 at (3, 1); x + 3y = 6 meets y = 0 at (6, 0). Corners (0, 6), (1, 3), (3, 1),
    /// (6, 0); edge slopes dy/dx = -3, -1, -1/3.
    static func handModel() -> LinearModel {
        var model = LinearModel(name: "hand")
        let x = model.addVariable(name: "x"), y = model.addVariable(name: "y")
        model.addConstraint([(x, 1), (y, 1)], lower: 4, name: "a")
        model.addConstraint([(x, 1), (y, 3)], lower: 6, name: "b")
        model.addConstraint([(x, 3), (y, 1)], lower: 6, name: "c")
        model.addObjective("f1", [(x, 1)])
        model.addObjective("f2", [(y, 1)])
        return model
    }

    @Test(arguments: ["glpk", "highs"]) func test_every_corner_of_a_hand_derived_front(_ solver: String) throws {
        if solver == "highs" { _ = try HiGHSSolver() }  // a missing HiGHS fails here, as a thrown error
        let make: () -> any SolverBackend = solver == "glpk" ? { GLPKSolver() } : { try! HiGHSSolver() }
        let result = try ParetoSweep.run(model: Self.handModel(), objectives: [0, 1], options: ParetoOptions(method: .exact), makeBackend: make)
        let corners = result.points.map { ($0.objectiveValues[0], $0.objectiveValues[1]) }
        let expected: [(Double, Double)] = [(0, 6), (1, 3), (3, 1), (6, 0)]
        #expect(corners.count == expected.count)
        for (corner, hand) in zip(corners, expected) {
            #expect(abs(corner.0 - hand.0) < 1e-9 && abs(corner.1 - hand.1) < 1e-9, "\(corner) vs \(hand)")
        }
        let slopes = zip(corners, corners.dropFirst()).map { ($1.1 - $0.1) / ($1.0 - $0.0) }
        for (slope, hand) in zip(slopes, [-3.0, -1, -1.0 / 3]) { #expect(abs(slope - hand) < 1e-9) }
        // 4 end-point solves (two lexicographic optima), then 2k - 3 = 5 weighted: 2 corners found, 3 edges confirmed.
        #expect(result.solves == 4 + 5)
        #expect(result.payoff == [[0, 6], [6, 0]])
    }

    /// Objectives that do not conflict: one corner, no weighted solve.
    @Test func test_one_point_when_the_objectives_agree() throws {
        var model = LinearModel()
        let x = model.addVariable(name: "x", lower: 1, upper: 5)
        model.addObjective("f1", [(x, 1)])
        model.addObjective("f2", [(x, 2)])
        let result = try ParetoSweep.run(model: model, objectives: [0, 1], options: ParetoOptions(method: .exact), makeBackend: { GLPKSolver() })
        #expect(result.points.count == 1 && result.solves == 4)
    }

    @Test func test_three_objectives_are_refused() throws {
        var model = Self.handModel()
        model.addObjective("f3", [])
        #expect(throws: ParetoError.self) {
            try ParetoSweep.run(model: model, objectives: [0, 1, 2], options: ParetoOptions(method: .exact), makeBackend: { GLPKSolver() })
        }
    }

    /// On the bundled example, a dense AUGMECON2 grid (an independent method) never goes below the
    /// exact front's piecewise-linear curve, and each exact corner is itself optimal for its epsilon:
    /// grid points lie on the edges between corners (convexity of an LP's front).
    @Test func test_dense_grid_lies_on_the_exact_front_of_the_bundled_example() throws {
        let (_, data) = try SupplyChainLoader.load(modelPath: FixtureFiles.packageRoot() + "/db-fixtures/examples/resin-supply.json")
        let problem = try SupplyChainProblem(data: data)
        let exact = try FrontReport.sweep(problem, objectives: ["cost", "gwp"], makeBackend: { GLPKSolver() }, options: ParetoOptions(method: .exact))
        let grid = try FrontReport.sweep(problem, objectives: ["cost", "gwp"], makeBackend: { GLPKSolver() }, options: ParetoOptions(points: 60))
        let corners = exact.points.map { ($0.objectives["cost"]!, $0.objectives["gwp"]!) }
        #expect(corners.count >= 3)
        #expect(exact.solves == 4 + 2 * corners.count - 3)
        // The curve is convex: slopes increase (towards 0) from left to right.
        let slopes = zip(corners, corners.dropFirst()).map { ($1.1 - $0.1) / ($1.0 - $0.0) }
        #expect(zip(slopes, slopes.dropFirst()).allSatisfy { $0 < $1 })
        for point in grid.points {
            let cost = point.objectives["cost"]!, gwp = point.objectives["gwp"]!
            guard let edge = zip(corners, corners.dropFirst()).first(where: { $0.0 <= cost + 1e-9 && cost <= $1.0 + 1e-9 }) else {
                Issue.record("grid point at cost \(cost) is outside the exact front's range")
                continue
            }
            let onCurve = edge.0.1 + (cost - edge.0.0) * (edge.1.1 - edge.0.1) / (edge.1.0 - edge.0.0)
            #expect(abs(gwp - onCurve) <= 1e-6 * abs(onCurve), "grid point (\(cost), \(gwp)) vs curve \(onCurve)")
        }
    }
}
