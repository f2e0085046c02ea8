import Foundation
import OpenLCAFixtures
import Testing

/// `--solver highs` gives the optima GLPK gives, on both bundled examples (an LP and a MILP),
/// for a solve, a front and a batch.
@Suite struct SolverChoiceTests {
    static let root = FixtureFiles.packageRoot()

    func objectives(_ arguments: [String]) throws -> [String: Double] {
        let result = try CLI.run(arguments, currentDirectory: Self.root)
        #expect(result.exitCode == 0, "\(arguments): \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(json["objectives"] as? [String: Double])
    }

    @Test(arguments: ["resin-supply", "resin-storage"])
    func highsSolvesToGLPKsOptimum(_ example: String) throws {
        let model = "db-fixtures/examples/\(example).json"
        for objective in ["cost", "gwp"] {
            let glpk = try objectives(["solve", model, "--objective", objective, "--json"])
            let highs = try objectives(["solve", model, "--objective", objective, "--json", "--solver", "highs"])
            #expect(abs(glpk[objective]! - highs[objective]!) <= 1e-7 * abs(glpk[objective]!), "\(example) \(objective)")
        }
    }

    @Test func highsSweepsTheSameFront() throws {
        func front(_ solver: String) throws -> [[Double]] {
            let result = try CLI.run(["pareto", "db-fixtures/examples/resin-supply.json", "--points", "6", "--json", "--solver", solver],
                                     currentDirectory: Self.root)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let points = try #require(json["points"] as? [[String: Any]])
            return points.map { point in
                let values = point["objectives"] as! [String: Double]
                return [values["cost"]!, values["gwp"]!]
            }
        }
        let glpk = try front("glpk"), highs = try front("highs")
        #expect(glpk.count == highs.count)
        for (a, b) in zip(glpk, highs) { #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-6 * abs($0) }, "\(a) vs \(b)") }
    }

    @Test func batchRunsOnHiGHS() throws {
        let out = NSTemporaryDirectory() + "lcaopt-highs-batch-\(UUID().uuidString)"
        let result = try CLI.run(["batch", "db-fixtures/examples/resin-scenarios.jsonl", "--model", "db-fixtures/examples/resin-supply.json",
                                  "--out", out, "--solver", "highs", "--quiet"], currentDirectory: Self.root)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = try String(contentsOfFile: out + "/results.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6 && lines.allSatisfy { $0.contains("\"status\":\"optimal\"") })
    }
}
