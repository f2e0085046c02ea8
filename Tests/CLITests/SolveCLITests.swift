import Foundation
import OpenLCAFixtures
import Testing

@Suite struct SolveCLITests {
    let example = FixtureFiles.packageRoot() + "/db-fixtures/examples/resin-supply.json"

    @Test func test_solve_json_keys_and_csv_files() throws {
        let out = NSTemporaryDirectory() + "lcaopt-solve-\(UUID().uuidString)"
        let result = try CLI.run(["solve", example, "--objective", "gwp", "--json", "--out", out])
        #expect(result.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["status", "objectives", "deliveries", "transport", "services", "storage", "opened", "distances"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["status"] as? String == "optimal")
        let objectives = try #require(json["objectives"] as? [String: Double])
        #expect(Set(objectives.keys) == ["cost", "gwp"])
        for file in ["objectives.csv", "deliveries.csv", "transport.csv", "distances.csv"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file))
        }
        #expect(!result.stdout.contains("note:"))
    }

    @Test func test_infeasible_model_exits_2_with_the_reason() throws {
        let model = try String(contentsOfFile: example, encoding: .utf8)
            .replacingOccurrences(of: "\"amount\": 2400", with: "\"amount\": 24000")
            .replacingOccurrences(of: "\"../uslci-example.sqlite\"", with: "\"\(FixtureFiles.packageRoot())/db-fixtures/uslci-example.sqlite\"")
        let path = NSTemporaryDirectory() + "lcaopt-infeasible-\(UUID().uuidString).json"
        try model.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["solve", path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("total capacity of the suppliers of `resin` in period `2027` is 10500 < demand 25300 kg"))
    }

    @Test func test_bad_model_exits_1_and_lists_problems() throws {
        let path = NSTemporaryDirectory() + "lcaopt-bad-\(UUID().uuidString).json"
        try "{\"sites\": [], \"materials\": [], \"demands\": [], \"database\": \"nope.sqlite\"}".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["solve", path])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("$.database: 'nope.sqlite' does not exist on this machine"))
        // The library says what to do in its own words; the command line adds how.
        #expect(result.stderr.contains("give the database path explicitly with --db DB"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func test_export_lp_file() throws {
        let out = NSTemporaryDirectory() + "lcaopt-export-\(UUID().uuidString).lp"
        let result = try CLI.run(["export", example, "--format", "lp", "--out", out])
        #expect(result.exitCode == 0)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("Minimize") && text.contains("Subject To") && text.hasSuffix("End\n"))
    }
}
