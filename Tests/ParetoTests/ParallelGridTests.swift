import GLPKBackend
import HiGHSBackend
import LPModel
import Pareto
import Testing

/// `jobs` splits a grid into contiguous blocks on their own backends: the same front as one
/// backend, for two and three objectives, on GLPK and HiGHS.
@Suite struct ParallelGridTests {
    static func front(_ model: LinearModel, objectives: [Int], points: Int, jobs: Int, solver: String) throws -> ParetoResult {
        var options = ParetoOptions(points: points, method: .augmecon2)
        options.jobs = jobs
        let make: () -> any SolverBackend = solver == "glpk" ? { GLPKSolver() } : { try! HiGHSSolver() }
        return try ParetoSweep.run(model: model, objectives: objectives, options: options, makeBackend: make)
    }

    /// HandDerivedFrontTests' three suppliers (cost, gwp) with a third objective (water: 2, 1, 3
    /// per unit): the 9-point front of cost and gwp is the hand-derived one whatever the jobs,
    /// and the three-objective grid gives the same points on 1, 2 and 3 blocks.
    @Test(arguments: ["glpk", "highs"])
    func test_blocks_give_the_same_front(_ solver: String) throws {
        var model = HandDerivedFrontTests.suppliers([(1, 5, 6), (2, 3, 6), (4, 1, 6)])
        model.addObjective("water", [(Variable(index: 0), 2), (Variable(index: 1), 1), (Variable(index: 2), 3)])
        let one = try Self.front(model, objectives: [0, 1], points: 9, jobs: 1, solver: solver)
        for jobs in [2, 3, 4] {
            let many = try Self.front(model, objectives: [0, 1], points: 9, jobs: jobs, solver: solver)
            #expect(many.points.count == one.points.count)
            for (a, b) in zip(one.points, many.points) {
                #expect(abs(a.objectiveValues[0] - b.objectiveValues[0]) < 1e-9 && abs(a.objectiveValues[1] - b.objectiveValues[1]) < 1e-9)
            }
        }
        // The hand-derived front (HandDerivedFrontTests): gwp 42, 39, ..., 18 at cost(gwp).
        #expect(one.points.map { $0.objectiveValues[1] }.elementsEqual(stride(from: 42.0, through: 18, by: -3)) { abs($0 - $1) < 1e-6 })
        let three = try Self.front(model, objectives: [0, 1, 2], points: 5, jobs: 1, solver: solver)
        for jobs in [2, 3] {
            let split = try Self.front(model, objectives: [0, 1, 2], points: 5, jobs: jobs, solver: solver)
            #expect(split.points.count == three.points.count)
            for (a, b) in zip(three.points, split.points) { #expect(zip(a.objectiveValues, b.objectiveValues).allSatisfy { abs($0 - $1) < 1e-9 }) }
        }
    }
}
