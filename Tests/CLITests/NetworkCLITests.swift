import Foundation
import LPModel
import OpenLCAFixtures
import TestSupport
import Testing

/// Network files through every command: the optimum against glpsol on the exported LP, the
/// dry run's counts derived from the file, batch `set` paths, and bad files.
@Suite struct NetworkCLITests {
    static let root = FixtureFiles.packageRoot()
    static let examples = ["urban-energy", "cement-expansion", "food-system"]

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// `solve --json` reports objectives by id and the decision's keys; its cost optimum equals
    /// glpsol's on the LP `export` writes (an independent solver reading the model as text).
    @Test(arguments: examples)
    func test_solve_matches_glpsol_on_the_exported_lp(_ name: String) throws {
        let file = "db-fixtures/examples/\(name).yaml"
        let solve = try CLI.run(["solve", file, "--json"], currentDirectory: Self.root)
        #expect(solve.exitCode == 0, "\(solve.stderr)")
        let report = try json(solve.stdout)
        let objectives = try #require(report["objectives"] as? [String: Double])
        #expect(objectives["cost"] != nil && objectives["gwp"] != nil)
        for key in ["capacities", "activities", "flows", "stores", "built", "routes", "context"] { #expect(report[key] != nil, "\(key)") }
        let out = NSTemporaryDirectory() + "lcaopt-network-\(UUID().uuidString).mps"
        let export = try CLI.run(["export", file, "--format", "mps", "--out", out], currentDirectory: Self.root)
        #expect(export.exitCode == 0, "\(export.stderr)")
        let glpsol = try Glpsol.objective(of: try String(contentsOfFile: out, encoding: .utf8), format: .mps)
        #expect(abs(glpsol - objectives["cost"]!) <= 1e-6 * abs(glpsol))
    }

    /// The food system has one snapshot: 3 supplies + 2 exports + 8 links + 6 routes (3 trade
    /// links both ways) + 2 stores x (charge, discharge, level) = 25 columns; 13 bus balances +
    /// 2 store levels + 1 global limit = 16 rows; nothing integer.
    @Test func test_dry_run_counts_the_lp_before_solving() throws {
        let result = try CLI.run(["solve", "db-fixtures/examples/food-system.yaml", "--dry-run", "--json"], currentDirectory: Self.root)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let size = try #require(try json(result.stdout)["size"] as? [String: Int])
        #expect(size["columns"] == 25)
        #expect(size["rows"] == 16)
        #expect(size["integerColumns"] == 0)
        let text = try CLI.run(["solve", "db-fixtures/examples/food-system.yaml", "--dry-run"], currentDirectory: Self.root)
        #expect(text.stdout.contains("13 buses of 8 carriers at 2 locations"))
    }

    /// Batch scenarios set fields of a network: a tighter greenhouse-gas limit binds at its value
    /// (the cost optimum sits on the limit), a demand, a nested per-snapshot value, and a bad path
    /// is an invalid scenario that names the entry.
    @Test func test_batch_sets_network_fields() throws {
        let directory = NSTemporaryDirectory() + "lcaopt-network-batch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try """
        {"id": "base"}
        {"id": "tight", "set": {"constraints.ghg-limit.max": 1.8e8}}
        {"id": "more-corn", "set": {"demands.corn-iowa.amount": 550000}}
        {"id": "front", "run": "pareto", "points": 4}
        {"id": "bad", "set": {"links.crusher.capacity": 1}}
        """.write(toFile: directory + "/scenarios.jsonl", atomically: true, encoding: .utf8)
        let result = try CLI.run(["batch", directory + "/scenarios.jsonl", "--model", Self.root + "/db-fixtures/examples/food-system.yaml",
                                  "--out", directory + "/out", "--jobs", "1"], currentDirectory: Self.root)
        #expect(result.exitCode == 1, "the bad scenario fails: \(result.stderr)")
        let lines = try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8).split(separator: "\n")
        var byId: [String: [String: Any]] = [:]
        for line in lines { let entry = try json(String(line)); byId[entry["id"] as! String] = entry }
        #expect(byId["base"]?["status"] as? String == "optimal")
        let tight = try #require(byId["tight"]?["objectives"] as? [String: Double])
        #expect(abs(tight["gwp"]! - 1.8e8) < 1e-3)
        let base = try #require(byId["base"]?["objectives"] as? [String: Double])
        #expect(tight["cost"]! > base["cost"]!)
        #expect((byId["more-corn"]?["objectives"] as? [String: Double])?["cost"] ?? 0 > base["cost"]!)
        #expect((byId["front"]?["points"] as? [Any])?.count == 4)
        #expect((byId["bad"]?["error"] as? String)?.contains("no links entry 'crusher'") == true)
    }

    /// A bad network file: every problem listed, exit 1, no stack trace.
    @Test func test_bad_network_file_exits_1_with_every_problem() throws {
        let path = NSTemporaryDirectory() + "lcaopt-bad-network-\(UUID().uuidString).yaml"
        try """
        kind: network
        carriers: [{id: heat}]
        buses: [{id: heat, carrier: heat}]
        supplies: [{id: boiler, bus: hot, cost: 1}]
        links: [{id: pump, legs: {heat: 1, cold: -1}}]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["solve", path])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("2 problems"))
        #expect(result.stderr.contains("$.supplies[0].bus: unknown bus 'hot'"))
        #expect(result.stderr.contains("$.links[0].legs.cold: unknown bus 'cold'"))
    }

    /// A PyPSA folder converted to a network file solves to the same optimum (PyPSA's, in
    /// Tests/NetworkTests/pypsa/expected.json: 5400 for the CHP network).
    @Test func test_convert_pypsa_round_trip() throws {
        let out = NSTemporaryDirectory() + "lcaopt-converted-\(UUID().uuidString).yaml"
        let convert = try CLI.run(["convert-pypsa", "Tests/NetworkTests/pypsa/chp", "--out", out], currentDirectory: Self.root)
        #expect(convert.exitCode == 0, "\(convert.stderr)")
        let solved = try CLI.run(["solve", out, "--json"])
        #expect(solved.exitCode == 0, "\(solved.stderr)")
        #expect((try json(solved.stdout)["objectives"] as? [String: Double])?["cost"] == 5400)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("kind: network"))
    }

    /// `--lca` links a PyPSA generator to US LCI's natural gas: its GWP is what the network burns
    /// (10 MW in each of three 2-hour snapshots: 60 MWh) x 94 m3 per MWh x the process's GWP per
    /// m3 (0.0807899 kg CO2-eq, `lcaopt lcia`), and pareto sweeps cost against it.
    @Test func test_lca_file_adds_openlca_indicators_to_a_pypsa_network() throws {
        let lca = NSTemporaryDirectory() + "lcaopt-lca-\(UUID().uuidString).yaml"
        try """
        database: \(Self.root)/db-fixtures/uslci-example.sqlite
        indicators: [{id: gwp, impactCategory: 22373119-7cbb-5450-97c8-49a119af7614}]
        gas-import: {process: "Natural gas, processed, at plant", processAmount: 94}
        """.write(toFile: lca, atomically: true, encoding: .utf8)
        let solved = try CLI.run(["solve", "Tests/NetworkTests/pypsa/chp", "--lca", lca, "--json"], currentDirectory: Self.root)
        #expect(solved.exitCode == 0, "\(solved.stderr)")
        let lcia = try CLI.run(["lcia", "db-fixtures/uslci-example.sqlite", "--process", "Natural gas, processed, at plant",
                                "--impact", "22373119-7cbb-5450-97c8-49a119af7614", "--json"], currentDirectory: Self.root)
        let perM3 = try #require(((try json(lcia.stdout)["results"] as? [[String: Any]])?.first?["impacts"] as? [String: Double])?["22373119-7cbb-5450-97c8-49a119af7614"])
        let gwp = try #require((try json(solved.stdout)["objectives"] as? [String: Double])?["gwp"])
        #expect(abs(gwp - 60 * 94 * perM3) < 1e-9 * gwp, "\(gwp) vs \(60 * 94 * perM3)")
        let front = try CLI.run(["pareto", "Tests/NetworkTests/pypsa/chp", "--lca", lca, "--objectives", "cost,gwp"], currentDirectory: Self.root)
        #expect(front.exitCode == 0, "\(front.stderr)")
        let wrong = try CLI.run(["solve", "Tests/NetworkTests/pypsa/chp", "--lca", lca.replacingOccurrences(of: ".yaml", with: "-bad.yaml")], currentDirectory: Self.root)
        #expect(wrong.exitCode == 1)
    }
}
