import Foundation
import GLPKBackend
import MOLA
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

    func delivered(_ report: SolveReport) -> (supplier: String, mode: String) {
        (report.deliveries.map(\.supplier).joined(separator: ","), report.transport.map(\.mode).joined(separator: ","))
    }

    @Test func recognisedAndMapped() throws {
        #expect(loaded.mola != nil)
        #expect(loaded.data.suppliers.count == 5)
        #expect(loaded.data.modes.map(\.id) == ["Transport, combination truck, diesel powered", "Transport, train, diesel powered",
                                                 "Transport, barge, diesel powered"])
        #expect(loaded.data.indicators.map(\.id) == [gwp])
        #expect(loaded.data.weights == ["cost": 0.25, gwp: 1])
    }

    @Test func minimumCostIsPVCByBarge() throws {
        let report = try MOLAHelpers.solve(loaded.data, objective: "cost")
        // 881.7 for 1000 kg of PVC + 0.35 USD/t*km x 300 t*km; 2295.81 + 0.0281683 x 300 kg CO2-eq.
        #expect(abs(report.objectives["cost"]! - 986.7) < 1e-6)
        #expect(abs(report.objectives[gwp]! - 2304.264) < 1e-3)
        #expect(delivered(report) == ("Polyvinyl chloride, resin, at plant, CTR", "Transport, barge, diesel powered"))
    }

    @Test func minimumGWPIsHDPEByTrain() throws {
        let report = try MOLAHelpers.solve(loaded.data, objective: gwp)
        // 1954.48 + 0.0191055 x 1500; cost 1061 + 0.7088 x 1500.
        #expect(abs(report.objectives[gwp]! - 1983.140) < 1e-3)
        #expect(abs(report.objectives["cost"]! - 2124.2) < 1e-6)
        #expect(delivered(report) == ("Polyethylene, high density, resin, at plant, CTR", "Transport, train, diesel powered"))
    }

    @Test func weightedIsHDPEByBarge() throws {
        let report = try MOLAHelpers.solve(loaded.data, objective: "weighted")
        #expect(abs(report.objectives["weighted"]! - 2393.23) < 0.01)
        #expect(abs(report.objectives["cost"]! - 1586.0) < 1e-6)
        #expect(abs(report.objectives[gwp]! - 1996.735) < 1e-3)
        #expect(delivered(report) == ("Polyethylene, high density, resin, at plant, CTR", "Transport, barge, diesel powered"))
    }

    @Test func convertedModelSolvesToTheSameOptima() throws {
        let path = try MOLAHelpers.write(Data(), name: "model.json")
        var model = loaded.model
        model.database = MOLAHelpers.databasePath
        try model.write(to: path)
        let native = try ModelSource.load(path: path)
        #expect(native.mola == nil)
        for objective in ["cost", gwp, "weighted"] {
            let fromMOLA = try MOLAHelpers.solve(loaded.data, objective: objective)
            let fromNative = try MOLAHelpers.solve(native.data, objective: objective)
            #expect(fromNative.objectives == fromMOLA.objectives)
            #expect(fromNative.deliveries == fromMOLA.deliveries)
        }
    }

    @Test func sameNumbersAsMOLAForTheseProcesses() throws {
        let report = try MOLAHelpers.solve(loaded.data, objective: "weighted")
        let explanation = try MOLAExplanation.explain(data: loaded.data, conversion: loaded.mola!, report: report,
                                                      database: database, solver: GLPKBackend.GLPKSolver())
        // Reference amounts 1 kg or 1 t*km, kg exchanges: MOLA's arithmetic is right here.
        for process in explanation.processes {
            for row in process.coefficients { #expect(abs(row.lcaopt - row.mola) <= 1e-9 * max(1, abs(row.lcaopt)), "\(process.id) \(row.objective)") }
        }
        #expect(abs(explanation.decisionValuesMOLA["weighted"]! - report.objectives["weighted"]!) < 1e-6)
        #expect(explanation.molaDeliveries == report.deliveries)
    }
}
