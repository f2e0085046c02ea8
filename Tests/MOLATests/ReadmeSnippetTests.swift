import Foundation
import GLPKBackend
import LPModel
import MOLA
import OpenLCA
import SupplyChain
import Testing

/// The README's library example, run on the five-resin configuration.
@Suite struct ReadmeSnippetTests {
    @Test func readmeLibraryExample() throws {
        let path = try MOLAHelpers.write(try MOLAHelpers.fiveResins(OpenLCADatabase(path: MOLAHelpers.databasePath)))
        let loaded = try ModelSource.load(path: path)
        var problem = try SupplyChainProblem(data: loaded.data, objective: "weighted")
        var cheaper = loaded.data
        cheaper.modes[0].cost *= 0.5
        #expect(try problem.renumber(with: cheaper, objective: "weighted"))
        let solver = GLPKSolver()
        try solver.load(problem.model)
        let report = problem.report(try solver.solve(SolveOptions()), objective: "weighted", seconds: 0)
        let why = try MOLAExplanation.explain(data: cheaper, conversion: loaded.mola!, report: report,
                                              database: loaded.database, solver: GLPKSolver())
        // Truck at half price (1.405 USD/t*km) does not beat HDPE by barge: 2393.23 stays the optimum.
        #expect(abs(report.objectives["weighted"]! - 2393.2347) < 1e-3)
        #expect(why.processes.count == 8)
    }
}
