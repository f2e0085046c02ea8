import Foundation
import GLPKBackend
import LPModel
import Pareto
import Testing

/// Exact fronts of published bi-objective LPs, points spaced along them, and `auto`'s choice.
@Suite struct PublishedFrontTests {
    static func exact(_ model: LinearModel, spaced: Int? = nil, method: ParetoOptions.Method = .exact) throws -> ParetoResult {
        try ParetoSweep.run(model: model, objectives: [0, 1], options: ParetoOptions(method: method, spacedPoints: spaced), makeBackend: { GLPKSolver() })
    }

    /// Mavrotas (2009), the AUGMECON paper's two-objective example: max x1, max 3 x1 + 4 x2 s.t.
    /// x1 <= 20, x2 <= 40, 5 x1 + 4 x2 <= 200 (here minimising the negatives). Its front is one
    /// edge along 5 x1 + 4 x2 = 200 from (x1, x2) = (20, 25), objectives (20, 160), to (8, 40),
    /// (8, 184): each unit of the first objective given up gains 2 of the second (184 - 160 = 2 x 12).
    static var mavrotas: LinearModel {
        var model = LinearModel()
        let x1 = model.addVariable(name: "x1", upper: 20), x2 = model.addVariable(name: "x2", upper: 40)
        model.addConstraint([(x1, 5), (x2, 4)], upper: 200, name: "c")
        model.addObjective("max_z1", [(x1, -1)])
        model.addObjective("max_z2", [(x1, -3), (x2, -4)])
        return model
    }

    @Test func test_mavrotas_2009_front_is_one_edge() throws {
        let result = try Self.exact(Self.mavrotas)
        let corners = result.points.map { (-$0.objectiveValues[0], -$0.objectiveValues[1]) }
        #expect(corners.count == 2)
        #expect(abs(corners[0].0 - 20) < 1e-9 && abs(corners[0].1 - 160) < 1e-9)
        #expect(abs(corners[1].0 - 8) < 1e-9 && abs(corners[1].1 - 184) < 1e-9)
        #expect(abs((corners[1].1 - corners[0].1) / (corners[0].0 - corners[1].0) - 2) < 1e-12)
        #expect(abs(result.points[0].primal[1] - 25) < 1e-9 && abs(result.points[1].primal[1] - 40) < 1e-9)
    }

    /// Aneja & Nair (1979), "Bicriteria transportation problem", Management Science 25(1): the
    /// published 3 x 4 example (costs c and d, supplies 8, 19, 17, demands 11, 3, 14, 16) has the
    /// non-dominated extreme points (143, 265), (156, 200), (176, 175), (186, 171), (208, 167)
    /// (also MultiObjectiveAlgorithms.jl's test of its Dichotomy).
    static var anejaNair: LinearModel {
        let c: [[Double]] = [[1, 2, 7, 7], [1, 9, 3, 4], [8, 9, 4, 6]]
        let d: [[Double]] = [[4, 4, 3, 4], [5, 8, 9, 10], [6, 2, 5, 1]]
        let demand: [Double] = [11, 3, 14, 16], supply: [Double] = [8, 19, 17]
        var model = LinearModel()
        let x = (0..<3).map { i in (0..<4).map { j in model.addVariable(name: "x\(i)\(j)") } }
        for j in 0..<4 { model.addConstraint((0..<3).map { (x[$0][j], 1.0) }, lower: demand[j], upper: demand[j], name: "demand\(j)") }
        for i in 0..<3 { model.addConstraint((0..<4).map { (x[i][$0], 1.0) }, lower: supply[i], upper: supply[i], name: "supply\(i)") }
        model.addObjective("c", (0..<3).flatMap { i in (0..<4).map { (x[i][$0], c[i][$0]) } })
        model.addObjective("d", (0..<3).flatMap { i in (0..<4).map { (x[i][$0], d[i][$0]) } })
        return model
    }

    @Test func test_aneja_nair_1979_extreme_points() throws {
        let result = try Self.exact(Self.anejaNair)
        let published: [(Double, Double)] = [(143, 265), (156, 200), (176, 175), (186, 171), (208, 167)]
        let corners = result.points.map { ($0.objectiveValues[0], $0.objectiveValues[1]) }
        #expect(corners.count == published.count, "\(corners)")
        for (got, want) in zip(corners, published) { #expect(abs(got.0 - want.0) < 1e-6 && abs(got.1 - want.1) < 1e-6, "\(got)") }
        // 4 end-point solves and 2k - 3 weighted ones for k corners.
        #expect(result.solves == 4 + 2 * published.count - 3)
    }

    /// Nine points evenly spaced along the Aneja-Nair front: the ends are the end corners, every
    /// point lies on an edge between published corners, its column values satisfy every row and
    /// give its objective values, and consecutive points are equally far apart (objectives scaled
    /// by their ranges).
    @Test func test_spaced_points_are_convex_combinations_on_the_front() throws {
        let model = Self.anejaNair
        let result = try Self.exact(model, spaced: 9)
        #expect(result.points.count == 9 && result.corners.count == 5)
        let corners = result.corners.map { ($0.objectiveValues[0], $0.objectiveValues[1]) }
        for point in result.points {
            let (f1, f2) = (point.objectiveValues[0], point.objectiveValues[1])
            let onAnEdge = zip(corners, corners.dropFirst()).contains { a, b in
                f1 >= a.0 - 1e-9 && f1 <= b.0 + 1e-9 && abs((f1 - a.0) * (b.1 - a.1) - (f2 - a.1) * (b.0 - a.0)) < 1e-6
            }
            #expect(onAnEdge, "(\(f1), \(f2))")
            var rows = [Double](repeating: 0, count: model.rowCount)
            for k in 0..<model.entryCount { rows[Int(model.entryRows[k])] += model.entryValues[k] * point.primal[Int(model.entryColumns[k])] }
            for i in 0..<model.rowCount { #expect(rows[i] >= model.rowLower[i] - 1e-9 && rows[i] <= model.rowUpper[i] + 1e-9) }
            #expect(point.primal.allSatisfy { $0 >= -1e-9 })
            #expect(abs(model.objectives[0].value(at: point.primal) - f1) < 1e-9 && abs(model.objectives[1].value(at: point.primal) - f2) < 1e-9)
        }
        #expect(abs(result.points.first!.objectiveValues[0] - 143) < 1e-9 && abs(result.points.last!.objectiveValues[0] - 208) < 1e-9)
        let (r1, r2) = (208.0 - 143, 265.0 - 167)
        let gaps = zip(result.points, result.points.dropFirst()).map { a, b in
            (pow((b.objectiveValues[0] - a.objectiveValues[0]) / r1, 2) + pow((b.objectiveValues[1] - a.objectiveValues[1]) / r2, 2)).squareRoot()
        }
        // Equal along each edge; a gap that spans a corner cuts it, so it is at most the others.
        let longest = gaps.max()!
        #expect(gaps.filter { abs($0 - longest) < 1e-9 }.count >= 5)
        #expect(gaps.allSatisfy { $0 <= longest + 1e-9 })
    }

    /// The local price at AUGMECON2 grid points (minus the epsilon row's dual) is the slope of
    /// the published front's edge that holds the point: at d = 220, between (156, 200) and
    /// (143, 265), each unit of d tightened costs 13 / 65 = 0.2 of c. Grid points on a corner may
    /// take either neighbouring slope; the end points have none.
    @Test func test_grid_duals_are_the_edges_slopes() throws {
        let grid = try ParetoSweep.run(model: Self.anejaNair, objectives: [0, 1], options: ParetoOptions(points: 12, method: .augmecon2),
                                       makeBackend: { GLPKSolver() })
        let corners: [(Double, Double)] = [(143, 265), (156, 200), (176, 175), (186, 171), (208, 167)]
        let slopes = zip(corners, corners.dropFirst()).map { ($1.0 - $0.0) / ($0.1 - $1.1) }
        var checked = 0
        for point in grid.points {
            let d = point.objectiveValues[1]
            guard let price = point.price else { continue }
            let inside = zip(corners, corners.dropFirst()).enumerated().filter { d < $1.0.1 - 1e-6 && d > $1.1.1 + 1e-6 }.map(\.offset)
            let onCorner = corners.firstIndex { abs($0.1 - d) <= 1e-6 }
            if let edge = inside.first {
                #expect(abs(price - slopes[edge]) < 1e-9, "d = \(d)")
                checked += 1
            } else if let corner = onCorner {
                let neighbours = [corner - 1, corner].filter { slopes.indices.contains($0) }.map { slopes[$0] }
                #expect(neighbours.contains { abs(price - $0) < 1e-9 }, "d = \(d)")
            }
        }
        #expect(checked >= 6)
        #expect(abs(slopes[0] - 0.2) < 1e-12)
    }

    /// `auto` takes the exact front for an LP and the grid for a MILP; points along an exact
    /// front of a MILP are refused (their combinations are no decisions).
    @Test func test_auto_chooses_exact_for_lps_and_the_grid_for_milps() throws {
        #expect(try Self.exact(Self.mavrotas, method: .auto).method == .exact)
        var integer = LinearModel()
        let x = integer.addVariable(name: "x", upper: 3, integer: true), y = integer.addVariable(name: "y", upper: 3, integer: true)
        integer.addConstraint([(x, 1), (y, 1)], lower: 3, name: "cover")
        integer.addObjective("a", [(x, 1), (y, 2)])
        integer.addObjective("b", [(x, 2), (y, 1)])
        let grid = try ParetoSweep.run(model: integer, objectives: [0, 1], options: ParetoOptions(points: 4, method: .auto), makeBackend: { GLPKSolver() })
        #expect(grid.method == .augmecon2)
        // x + y = 3 with whole numbers: (a, b) = (3, 6), (4, 5), (5, 4), (6, 3) — all four on the grid.
        #expect(grid.points.map { $0.objectiveValues[0] } == [3, 4, 5, 6])
        #expect(throws: ParetoError.self) { try Self.exact(integer, spaced: 5) }
    }
}
