import Foundation
import GLPKBackend
import LPModel
import MOLA
import OpenLCA
import OpenLCAFixtures
import SupplyChain

/// MOLA configurations on the shared IPCC 2021 US LCI database, with ids found by name.
enum MOLAHelpers {
    static let databasePath = FixtureFiles.sharedDatabase("uslci_fy17_ipcc2021")
    static let gwp = "IPCC 2021 GWP100"

    /// The (reference product, process) pair of the process named `name`.
    static func pair(_ database: OpenLCADatabase, _ name: String) throws -> MOLAConversion.Pair {
        try MOLAConversion.Pair.referenceProduct(ofProcess: name, in: database)
    }

    /// The ref_id of the database's GWP100 category.
    static func gwpRefId(_ database: OpenLCADatabase) throws -> String {
        try database.catalog().impactCategories.values.first { $0.name.contains("GWP100") }!.refId
    }

    /// 1000 kg of resin for one task from five cradle-to-resin datasets, by truck, train or
    /// barge over explicit distances, weights u = {environment: 1, cost: 0.25}, w = 1.
    static func fiveResins(_ database: OpenLCADatabase) throws -> MOLAConfiguration {
        let resins = [("Polyvinyl chloride, resin, at plant, CTR", 300.0), ("Polyethylene, high density, resin, at plant, CTR", 1500),
                      ("Polyethylene, linear low density, resin, at plant, CTR", 2000), ("Polyethylene, low density, resin, at plant, CTR", 800),
                      ("Polyethylene terephthalate, resin, at plant, CTR", 1000)]
        var builder = MOLAConfigurationBuilder()
        builder.materials = try resins.map { try pair(database, $0.0) }
        builder.modes = try ["Transport, combination truck, diesel powered", "Transport, train, diesel powered",
                             "Transport, barge, diesel powered"].map { try pair(database, $0) }
        builder.kpis = [try gwpRefId(database)]
        builder.tasks = [("k1", 1000)]
        let km = resins.map(\.1)
        builder.distance = { m, _ in km[m] }
        builder.costWeight = 0.25
        builder.dbFile = databasePath
        return builder.build()
    }

    /// Writes `config` as a file beside nothing else and returns its path.
    static func write(_ config: MOLAConfiguration) throws -> String {
        try write(config.jsonData())
    }

    static func write(_ data: Data, name: String = "config.json") throws -> String {
        let directory = NSTemporaryDirectory() + "lcaopt-mola-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Solves the loaded model for `objective`.
    static func solve(_ data: SupplyChainData, objective: String) throws -> SupplyChainReport {
        let problem = try SupplyChainProblem(data: data, objective: objective)
        let solver = GLPKSolver()
        try solver.load(problem.model)
        return problem.report(try solver.solve(SolveOptions()), objective: objective, seconds: 0)
    }
}
