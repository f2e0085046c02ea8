import Foundation
import GLPKBackend
import MOLA
import ModelLoader
import OpenLCA
import SupplyChain
import Testing

/// A configuration where MOLA's arithmetic is wrong: aluminium ingot, where the secondary route's
/// dataset is written per 1000 kg.
@Suite struct ExplainMOLATests {
    let database: OpenLCADatabase
    let loaded: LoadedModel
    let gwp: String

    init() throws {
        database = try OpenLCADatabase(path: MOLAHelpers.databasePath)
        gwp = try MOLAHelpers.gwpRefId(database)
        var builder = MOLAConfigurationBuilder()
        builder.materials = try [MOLAHelpers.pair(database, "Aluminum, primary ingot, at plant"),
                                 MOLAHelpers.pair(database, "Aluminum, secondary ingot, at plant")]
        builder.modes = [try MOLAHelpers.pair(database, "Transport, combination truck, diesel powered")]
        builder.kpis = [gwp]
        builder.tasks = [("k1", 1000)]
        builder.distance = { _, _ in 500 }
        builder.dbFile = MOLAHelpers.databasePath
        loaded = try ModelSource.load(path: try MOLAHelpers.write(builder.build()))
    }

    @Test func lcaoptAndMOLADisagreeAndTheReferenceAmountIsWhy() throws {
        let report = try MOLAHelpers.solve(loaded.supplyChain!, objective: gwp)
        // lcaopt: secondary ingot, 0.669677 kg CO2-eq per kg (669.677 per 1000 kg run) + truck 0.0804585 x 500 t*km.
        #expect(report.deliveries.map(\.supplier) == ["Aluminum, secondary ingot, at plant"])
        #expect(abs(report.objectives[gwp]! - (669.67659 + 0.080458535 * 500)) < 1e-3)
        let explanation = try MOLAExplanation.explain(data: loaded.supplyChain!, conversion: loaded.mola!, report: report,
                                                      database: database, solver: GLPKSolver())
        let secondary = try #require(explanation.processes.first { $0.id == "Aluminum, secondary ingot, at plant" })
        let secondaryGWP = try #require(secondary.coefficients.first { $0.objective == gwp })
        #expect(abs(secondaryGWP.mola / secondaryGWP.lcaopt - 1000) < 1e-9)
        #expect(secondary.reasons.contains { $0.hasPrefix("reference amount is 1000 kg") })
        let cost = try #require(secondary.coefficients.first { $0.objective == "cost" })
        #expect(abs(cost.lcaopt - 2.3054841) < 1e-7 && abs(cost.mola - 2305.4841) < 1e-4)
        let primary = try #require(explanation.processes.first { $0.id == "Aluminum, primary ingot, at plant" })
        #expect(primary.reasons.isEmpty)
        // MOLA would report 669,716.8 for lcaopt's decision, and chooses primary ingot at 8,470.06.
        #expect(abs(explanation.decisionValuesMOLA[gwp]! - (669_676.59 + 0.080458535 * 500)) < 0.1)
        #expect(explanation.molaDeliveries.map(\.supplier) == ["Aluminum, primary ingot, at plant"])
        #expect(abs(explanation.molaOptimumMOLA[gwp]! - 8470.0647) < 1e-3)
        #expect(abs(explanation.molaOptimumLcaopt[gwp]! - 8470.0647) < 1e-3)
    }

    @Test func costsOfLaterPeriodsAreFreeInMOLA() throws {
        var builder = MOLAConfigurationBuilder()
        builder.materials = [try MOLAHelpers.pair(database, "Aluminum, primary ingot, at plant")]
        builder.modes = [try MOLAHelpers.pair(database, "Transport, combination truck, diesel powered")]
        builder.kpis = [gwp]
        builder.periods = ["t1", "t2"]
        builder.tasks = [("k1", 1000)]
        builder.distance = { _, _ in 100 }
        let loaded = try ModelSource.load(path: try MOLAHelpers.write(builder.build()), databasePath: MOLAHelpers.databasePath)
        let report = try MOLAHelpers.solve(loaded.supplyChain!, objective: "cost")
        // 2 x 1000 kg x 1.4924 + 2 x 100 t*km x 2.81 in lcaopt; MOLA costs only t1.
        #expect(abs(report.objectives["cost"]! - (2 * 1492.4 + 2 * 281)) < 1e-6)
        let explanation = try MOLAExplanation.explain(data: loaded.supplyChain!, conversion: loaded.mola!, report: report,
                                                      database: database, solver: GLPKSolver())
        #expect(abs(explanation.decisionValuesMOLA["cost"]! - (1492.4 + 281)) < 1e-6)
        #expect(explanation.modelReasons.count == 1 && explanation.modelReasons[0].contains("first time interval (t1)"))
        #expect(loaded.file!.storage?.count == 1)
    }
}
