import Foundation
import MOLA
import OpenLCA
import OpenLCAFixtures
import Testing

/// `solve`/`pareto` on MOLA configurations, `--explain-mola`, `convert-mola`.
@Suite struct MOLACLITests {
    let database = FixtureFiles.sharedDatabase("uslci_fy17_ipcc2021")

    /// A two-resin configuration (PVC 300 km, HDPE 1500 km, barge or train) written as MOLA writes it.
    func config() throws -> (path: String, gwp: String) {
        let db = try OpenLCADatabase(path: database)
        func pair(_ name: String) throws -> MOLAConversion.Pair { try .referenceProduct(ofProcess: name, in: db) }
        let gwp = try db.catalog().impactCategories.values.first { $0.name.contains("GWP100") }!.refId
        var builder = MOLAConfigurationBuilder()
        builder.materials = [try pair("Polyvinyl chloride, resin, at plant, CTR"), try pair("Polyethylene, high density, resin, at plant, CTR")]
        builder.modes = [try pair("Transport, train, diesel powered"), try pair("Transport, barge, diesel powered")]
        builder.kpis = [gwp]
        builder.tasks = [("k1", 1000)]
        builder.distance = { m, _ in m == 0 ? 300 : 1500 }
        builder.costWeight = 0.25
        builder.dbFile = database
        let directory = NSTemporaryDirectory() + "lcaopt-mola-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/resins.json"
        try builder.build().jsonData().write(to: URL(fileURLWithPath: path))
        return (path, gwp)
    }

    @Test func test_solve_a_mola_configuration_and_its_conversion() throws {
        let (path, gwp) = try config()
        let weighted = try CLI.run(["solve", path, "--objective", "weighted", "--json"])
        #expect(weighted.exitCode == 0, "\(weighted.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(weighted.stdout.utf8)) as? [String: Any])
        let objectives = try #require(json["objectives"] as? [String: Double])
        // MOLA's published weighted optimum of the resin configuration: HDPE by barge over 1500 km,
        // GWP 1954.48 + 0.02817 x 1500 = 1996.74 kg CO2-eq, cost 1061 + 0.35 x 1500 = 1586.0 USD,
        // weighted 1996.74 + 0.25 x 1586.0 = 2393.24 (figures rounded as published: tolerance 0.01).
        #expect(abs(objectives["weighted"]! - 2393.24) < 0.01)
        #expect(abs(objectives[gwp]! - 1996.74) < 0.01)
        #expect(abs(objectives["cost"]! - 1586.0) < 1e-6)

        let out = URL(fileURLWithPath: path).deletingLastPathComponent().path + "/native.json"
        let convert = try CLI.run(["convert-mola", path, "--out", out])
        #expect(convert.exitCode == 0, "\(convert.stderr)")
        #expect(convert.stderr.contains("wrote \(out): 1 sites, 2 suppliers, 2 transport modes, 1 demands"))
        let native = try CLI.run(["solve", out, "--objective", "weighted", "--json"])
        #expect(native.exitCode == 0, "\(native.stderr)")
        let nativeJSON = try #require(try JSONSerialization.jsonObject(with: Data(native.stdout.utf8)) as? [String: Any])
        #expect(nativeJSON["objectives"] as? [String: Double] == objectives)
        #expect((nativeJSON["deliveries"] as? [[String: Any]])?.first?["supplier"] as? String == "Polyethylene, high density, resin, at plant, CTR")
        let forced = try CLI.run(["solve", out, "--format", "mola"])
        #expect(forced.exitCode == 1)
        #expect(forced.stderr.contains("$.sets: missing"))
    }

    @Test func test_explain_mola_text_and_json() throws {
        let (path, gwp) = try config()
        let text = try CLI.run(["solve", path, "--objective", gwp, "--explain-mola"])
        #expect(text.exitCode == 0, "\(text.stderr)")
        #expect(text.stdout.contains("MOLA comparison"))
        #expect(text.stdout.contains("same numbers"))
        let json = try CLI.run(["solve", path, "--mola", "--objective", "cost", "--explain-mola", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let mola = try #require(object["mola"] as? [String: Any])
        #expect((mola["processes"] as? [Any])?.count == 4)
        #expect(object["report"] != nil)
        let native = try CLI.run(["solve", FixtureFiles.packageRoot() + "/db-fixtures/examples/resin-supply.json", "--explain-mola"])
        #expect(native.exitCode == 1)
        #expect(native.stderr.contains("--explain-mola needs a MOLA configuration"))
    }

    @Test func test_pareto_on_a_mola_configuration() throws {
        let (path, _) = try config()
        let result = try CLI.run(["pareto", path, "--points", "4", "--json", "--quiet"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let points = try #require(object["points"] as? [[String: Any]])
        // PVC by barge (986.7) and HDPE by train (2124.2) are the ends of the front.
        let costs = points.compactMap { ($0["objectives"] as? [String: Double])?["cost"] }
        #expect(abs(costs.min()! - 986.7) < 1e-6 && abs(costs.max()! - 2124.2) < 1e-3, "\(costs) \(result.stdout.prefix(3000))")
    }
}
