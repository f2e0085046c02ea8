import Foundation
import GLPKBackend
import MOLA
import ModelLoader
import OpenLCA
import OpenLCAFixtures
import SupplyChain
import Testing

/// MOLA configurations on the hand-computed synthetic database: distances from coordinates,
/// and MOLA's arithmetic where units, reference amount and currency all differ.
@Suite struct SyntheticMOLATests {
    let database: OpenLCADatabase
    let steel: MOLAConversion.Pair, truck: MOLAConversion.Pair

    init() throws {
        database = try OpenLCADatabase(path: FixtureFiles.synthetic())
        steel = try .referenceProduct(ofProcess: "p-steel", in: database)
        truck = try .referenceProduct(ofProcess: "p-truck", in: database)
    }

    func configuration(distanceCalculated: Bool) -> MOLAConfiguration {
        var builder = MOLAConfigurationBuilder()
        builder.materials = [steel]
        builder.modes = [truck]
        builder.kpis = ["i-gwp"]
        builder.tasks = [("plant", 1000)]
        builder.distance = { _, _ in 250 }
        var config = builder.build()
        if distanceCalculated {
            config.settings["distance_calculated"] = true
            config.parameters["X"] = [.init(index: ["plant", "t1"], value: 8.0)]
            config.parameters["Y"] = [.init(index: ["plant", "t1"], value: 50.0)]
        }
        return config
    }

    /// Great-circle distance written independently of lcaopt's (spherical law of cosines).
    static func km(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let rad = Double.pi / 180
        let cosine = sin(lat1 * rad) * sin(lat2 * rad) + cos(lat1 * rad) * cos(lat2 * rad) * cos((lon2 - lon1) * rad)
        return 6371.0088 * acos(min(1, cosine))
    }

    @Test func distanceFromTheProcessLocationAndTheTaskCoordinates() throws {
        let path = try MOLAHelpers.write(configuration(distanceCalculated: true))
        let loaded = try ModelSource.load(path: path, databasePath: database.path)
        let report = try MOLAHelpers.solve(loaded.supplyChain!, objective: "cost")
        // Steel at DE (51.0 N, 10.0 E), the task at 50.0 N, 8.0 E: 1000 kg over d km = d t*km.
        let d = Self.km(51.0, 10.0, 50.0, 8.0)
        #expect(abs(report.transport[0].km - d) < 1e-6)
        #expect(abs(report.objectives["cost"]! - (1000 * 2.2 + 0.08 * d)) < 1e-6)
        #expect(abs(report.objectives["i-gwp"]! - (1000 * 1.7192 + 0.1 * d)) < 1e-6)
    }

    @Test func explainNamesReferenceAmountUnitsCurrencyAndCoProducts() throws {
        let path = try MOLAHelpers.write(configuration(distanceCalculated: false))
        let loaded = try ModelSource.load(path: path, databasePath: database.path)
        let report = try MOLAHelpers.solve(loaded.supplyChain!, objective: "cost")
        #expect(abs(report.objectives["cost"]! - (1000 * 2.2 + 0.08 * 250)) < 1e-6)
        let explanation = try MOLAExplanation.explain(data: loaded.supplyChain!, conversion: loaded.mola!, report: report,
                                                      database: database, solver: GLPKSolver())
        let supplier = try #require(explanation.processes.first { $0.role == "supplier" })
        let reasons = supplier.reasons.joined(separator: "\n")
        #expect(reasons.contains("reference amount is 2.5 kg"))
        #expect(reasons.contains("not in the flow's reference unit"))
        #expect(reasons.contains("cost is in EUR (factor 1.1)"))
        #expect(reasons.contains("multi-output (2 products)"))
        // MOLA's cost: the raw 5 EUR of a 2.5 kg run, per "unit" of steel.
        let cost = try #require(supplier.coefficients.first { $0.objective == "cost" })
        #expect(cost.mola == 5 && abs(cost.lcaopt - 2.2) < 1e-12)
    }
}
