import Foundation
import GLPKBackend
import MOLA
import ModelLoader
import OpenLCA
import SupplyChain
import Testing

/// MOLA's published optima of the five-resin configuration, from the shared database.
@Suite struct FiveResinTests {
    let database: OpenLCADatabase
    let loaded: LoadedModel
    let gwp: String

    init() throws {
        database = try OpenLCADatabase(path: MOLAHelpers.databasePath)
        gwp = try MOLAHelpers.gwpRefId(database)
        loaded = try ModelSource.load(path: try MOLAHelpers.write(try MOLAHelpers.fiveResins(database)))
    }

    func delivered(_ report: SupplyChainReport) -> (supplier: String, mode: String) {
        (report.deliveries.map(\.supplier).joined(separator: ","), report.transport.map(\.mode).joined(separator: ","))
    }

    @Test func recognisedAndMapped() throws {
        #expect(loaded.mola != nil)
        #expect(loaded.supplyChain!.suppliers.count == 5)
        #expect(loaded.supplyChain!.modes.map(\.id) == ["Transport, combination truck, diesel powered", "Transport, train, diesel powered",
                                                 "Transport, barge, diesel powered"])
        #expect(loaded.supplyChain!.indicators.map(\.id) == [gwp])
        #expect(loaded.supplyChain!.weights == ["cost": 0.25, gwp: 1])
    }

    @Test func minimumCostIsPVCByBarge() throws {
        let report = try MOLAHelpers.solve(loaded.supplyChain!, objective: "cost")
        // 881.7 for 1000 kg of PVC + 0.35 USD/t*km x 300 t*km; 2295.81 + 0.0281683 x 300 kg CO2-eq.
        #expect(abs(report.objectives["cost"]! - 986.7) < 1e-6)
        #expect(abs(report.objectives[gwp]! - 2304.264) < 1e-3)
        #expect(delivered(report) == ("Polyvinyl chloride, resin, at plant, CTR", "Transport, barge, diesel powered"))
    }

    @Test func minimumGWPIsHDPEByTrain() throws {
        let report = try MOLAHelpers.solve(loaded.supplyChain!, objective: gwp)
        // 1954.48 + 0.0191055 x 1500; cost 1061 + 0.7088 x 1500.
        #expect(abs(report.objectives[gwp]! - 1983.140) < 1e-3)
        #expect(abs(report.objectives["cost"]! - 2124.2) < 1e-6)
        #expect(delivered(report) == ("Polyethylene, high density, resin, at plant, CTR", "Transport, train, diesel powered"))
    }

    @Test func weightedIsHDPEByBarge() throws {
        let report = try MOLAHelpers.solve(loaded.supplyChain!, objective: "weighted")
        #expect(abs(report.objectives["weighted"]! - 2393.23) < 0.01)
        #expect(abs(report.objectives["cost"]! - 1586.0) < 1e-6)
        #expect(abs(report.objectives[gwp]! - 1996.735) < 1e-3)
        #expect(delivered(report) == ("Polyethylene, high density, resin, at plant, CTR", "Transport, barge, diesel powered"))
    }

    @Test func convertedModelSolvesToTheSameOptima() throws {
        let path = try MOLAHelpers.write(Data(), name: "model.json")
        var model = loaded.file!
        model.database = MOLAHelpers.databasePath
        try model.write(to: path)
        let native = try ModelSource.load(path: path)
        #expect(native.mola == nil)
        for objective in ["cost", gwp, "weighted"] {
            let fromMOLA = try MOLAHelpers.solve(loaded.supplyChain!, objective: objective)
            let fromNative = try MOLAHelpers.solve(native.supplyChain!, objective: objective)
            #expect(fromNative.objectives == fromMOLA.objectives)
            #expect(fromNative.deliveries == fromMOLA.deliveries)
        }
    }

    @Test func sameNumbersAsMOLAForTheseProcesses() throws {
        let report = try MOLAHelpers.solve(loaded.supplyChain!, objective: "weighted")
        let explanation = try MOLAExplanation.explain(data: loaded.supplyChain!, conversion: loaded.mola!, report: report,
                                                      database: database, solver: GLPKBackend.GLPKSolver())
        // Reference amounts 1 kg or 1 t*km, kg exchanges: MOLA's arithmetic is right here.
        for process in explanation.processes {
            for row in process.coefficients { #expect(abs(row.lcaopt - row.mola) <= 1e-9 * max(1, abs(row.lcaopt)), "\(process.id) \(row.objective)") }
        }
        #expect(abs(explanation.decisionValuesMOLA["weighted"]! - report.objectives["weighted"]!) < 1e-6)
        #expect(explanation.molaDeliveries == report.deliveries)
    }
}

/// MOLA's words work: `environment` and the category name name the KPI, a one-flow material is
/// named after its flow, and the system scope is one option away.
@Suite struct MOLANamingTests {
    @Test func environmentAndCategoryNamesNameTheKPI() throws {
        let database = try OpenLCADatabase(path: MOLAHelpers.databasePath)
        let loaded = try ModelSource.load(path: try MOLAHelpers.write(try MOLAHelpers.fiveResins(database)))
        let gwp = try MOLAHelpers.gwpRefId(database)
        #expect(loaded.supplyChain!.objectiveId(for: "environment") == gwp)
        #expect(loaded.supplyChain!.objectiveId(for: "Climate change | global warming potential (GWP100)") == gwp)
        #expect(loaded.supplyChain!.objectiveId(for: gwp.uppercased()) == gwp)
        #expect(loaded.supplyChain!.objectiveId(for: "water") == nil)
        // Five resin flows for one demand: the material keeps the demand's name.
        #expect(loaded.supplyChain!.materials.map(\.id) == ["d1"])
    }

    @Test func aOneFlowMaterialIsNamedAfterItsFlowAndTheSystemScopeIsAnOption() throws {
        let database = try OpenLCADatabase(path: MOLAHelpers.databasePath)
        var builder = MOLAConfigurationBuilder()
        let pvc = try MOLAHelpers.pair(database, "Corn stover, ground and stored")
        builder.materials = [pvc]
        builder.modes = [try MOLAHelpers.pair(database, "Transport, train, diesel powered")]
        builder.kpis = [try MOLAHelpers.gwpRefId(database)]
        builder.tasks = [("k1", 1000)]
        builder.distance = { _, _ in 300 }
        builder.dbFile = MOLAHelpers.databasePath
        let path = try MOLAHelpers.write(builder.build())
        let flowName = try #require(try database.catalog().flows.values.first { $0.refId == pvc.flowRefId }?.name)
        let direct = try ModelSource.load(path: path)
        #expect(direct.supplyChain!.materials.map(\.id) == [flowName])
        #expect(direct.supplyChain!.scope == "direct")
        let system = try ModelSource.load(path: path, scope: "system")
        #expect(system.supplyChain!.scope == "system")
        // Corn stover has no GWP of its own (direct 0) and 0.104183 kg CO2-eq per kg cradle-to-gate
        // (SystemScopeTests checks the scaling vector behind it against a dense solve of A s = f).
        #expect(direct.supplyChain!.suppliers[0].impacts[0] == 0)
        #expect(abs(system.supplyChain!.suppliers[0].impacts[0] - 0.104183) < 5e-7)
    }
}
