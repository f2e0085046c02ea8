import Foundation
import OpenLCAFixtures
import Testing

@Suite struct ParetoCLITests {
    let example = FixtureFiles.packageRoot() + "/db-fixtures/examples/resin-supply.json"

    /// `--method exact` gives every corner (5 on the bundled example: ExactFrontTests checks them
    /// against a dense grid) and the edges between them with their prices; `--points N` with it
    /// gives N points spaced along the same front, from its first corner to its last; with a
    /// MILP that is refused, saying what to do.
    @Test func test_exact_method_with_and_without_points() throws {
        let exact = try CLI.run(["pareto", example, "--method", "exact", "--json"])
        #expect(exact.exitCode == 0, "\(exact.stderr)")
        let front = try #require(try JSONSerialization.jsonObject(with: Data(exact.stdout.utf8)) as? [String: Any])
        #expect(front["method"] as? String == "exact" && (front["points"] as? [Any])?.count == 5 && front["solves"] as? Int == 11)
        let edges = try #require(front["edges"] as? [[String: Any]])
        #expect(edges.count == 4 && edges.allSatisfy { ($0["price"] as? Double ?? 0) > 0 && ($0["unit"] as? String) == "USD per kg CO2-Eq" })
        let corners = try #require(front["points"] as? [[String: Any]]).map { ($0["objectives"] as? [String: Double])?["cost"] ?? 0 }
        let spaced = try CLI.run(["pareto", example, "--method", "exact", "--points", "7", "--json"])
        let points = try #require((try JSONSerialization.jsonObject(with: Data(spaced.stdout.utf8)) as? [String: Any])?["points"] as? [[String: Any]])
        let costs = points.map { ($0["objectives"] as? [String: Double])?["cost"] ?? 0 }
        #expect(costs.count == 7 && abs(costs[0] - corners[0]) < 1e-6 && abs(costs[6] - corners[4]) < 1e-6)
        #expect(zip(costs, costs.dropFirst()).allSatisfy { $0 < $1 })
        let storage = FixtureFiles.packageRoot() + "/db-fixtures/examples/resin-storage.json"
        let refused = try CLI.run(["pareto", storage, "--method", "exact", "--points", "5"])
        #expect(refused.exitCode == 1 && refused.stderr.contains("convex combinations"), "\(refused.stderr)")
    }

    @Test func test_pareto_json_shape() throws {
        let result = try CLI.run(["pareto", example, "--points", "5", "--json"])
        #expect(result.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["objectives"] as? [String] == ["cost", "gwp"])
        #expect((json["payoff"] as? [[Double]])?.count == 2)
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points.count == 5)
        #expect((points[0]["objectives"] as? [String: Double])?.keys.sorted() == ["cost", "gwp"])
        #expect(points[0]["epsilon"] != nil && points[0]["decision"] != nil)
        #expect(json["solves"] as? Int ?? 0 >= 5 && json["seconds"] != nil)
        #expect(result.stderr.contains("note:") && !result.stderr.contains("points "))
    }

    @Test func test_pareto_table_and_files() throws {
        let out = NSTemporaryDirectory() + "lcaopt-pareto-\(UUID().uuidString)"
        let result = try CLI.run(["pareto", example, "--points", "4", "--method", "epsilon", "--objectives", "gwp,cost", "--out", out])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("Payoff table") && result.stdout.contains("epsilon cost"))
        for file in ["front.csv", "front.json", "payoff.csv", "front.svg"] { #expect(FileManager.default.fileExists(atPath: out + "/" + file)) }
        let bad = try CLI.run(["pareto", example, "--objectives", "cost,water"])
        #expect(bad.exitCode == 1 && bad.stderr.contains("unknown objective 'water'"))
    }
}
