import Foundation
import GLPKBackend
import LPModel
import TestSupport
import Testing

/// Exported LP and MPS files, read back by `glpsol` (glpk-utils), give the same optimum.
@Suite struct ExportTests {
    static func models() -> [LinearModel] {
        var (textbook, _, _) = ConformanceTests.textbook()
        textbook.addVariable(name: "3 odd name [x,y] é")
        var withConstant = ConformanceTests.facilityLocation()
        withConstant.replaceObjective(0, with: Objective(name: "cost with constant", variables: withConstant.objectives[0].variables,
                                                        coefficients: withConstant.objectives[0].coefficients, constant: 2.5))
        return [textbook, ConformanceTests.facilityLocation(), withConstant]
    }

    @Test(arguments: ModelExport.Format.allCases)
    func test_glpsol_reads_export_back_to_the_same_optimum(_ format: ModelExport.Format) throws {
        for model in Self.models() {
            let solver = GLPKSolver()
            try solver.load(model)
            let expected = try solver.solve(.init()).objectiveValue
            let text = try ModelExport.text(model, format: format)
            #expect(abs(try Glpsol.objective(of: text, format: format) - expected) < 1e-6)
        }
    }

    @Test func test_lp_names_are_sanitised_and_unique() throws {
        var model = LinearModel()
        let a = model.addVariable(name: "x[1 2]"), b = model.addVariable(name: "x[1,2]")
        let c = model.addVariable(name: "e1")
        model.addConstraint([(a, 1), (b, 1), (c, 1)], lower: 1, name: "row one")
        model.addObjective("obj", [(a, 1), (b, 2), (c, 3)])
        let text = try ModelExport.text(model, format: .lp)
        #expect(text.contains("x_1_2_"))
        #expect(text.contains("x_1,2_"))
        #expect(text.contains("xe1"))
        #expect(text.contains("row_one:"))
    }
}
