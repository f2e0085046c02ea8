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

/// Fronts of LP and MPS files a user already has, their objectives named among the file's
/// objective and rows (pyaugmecon users' way in).
@Suite struct LPFileFrontTests {
    func front(_ arguments: [String]) throws -> [[String: Double]] {
        let result = try CLI.run(["pareto"] + arguments + ["--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(json["points"] as? [[String: Any]]).map { $0["objectives"] as? [String: Double] ?? [:] }
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "lcaopt-\(UUID().uuidString)-\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Mavrotas (2009) as a free MPS file with two N rows (max z1 = x1, max z2 = 3 x1 + 4 x2,
    /// written as minimised negatives): the corners (-20, -160) and (-8, -184), price 0.5 of z1
    /// per unit of z2.
    @Test func test_mps_file_with_two_objective_rows() throws {
        let path = try write("""
            NAME MAVROTAS
            ROWS
             N Z1
             N Z2
             L C1
            COLUMNS
             X1 Z1 -1 Z2 -3
             X1 C1 5
             X2 Z2 -4 C1 4
            RHS
             RHS C1 200
            BOUNDS
             UP BND X1 20
             UP BND X2 40
            ENDATA
            """, "mavrotas.mps")
        let points = try front([path, "--objectives", "Z1,Z2"])
        #expect(points.count == 2)
        #expect(points.first?["Z1"] == -20 && points.first?["Z2"] == -160 && points.last?["Z1"] == -8 && points.last?["Z2"] == -184)
        let missing = try CLI.run(["pareto", path, "--objectives", "Z1,Z3"])
        #expect(missing.exitCode == 1 && missing.stderr.contains("no row 'Z3' in the file"))
        let unnamed = try CLI.run(["pareto", path])
        #expect(unnamed.exitCode == 1 && unnamed.stderr.contains("--objectives"))
    }

    /// Aneja & Nair (1979) as a CPLEX LP file, the second objective written as an always-true row:
    /// the published extreme points.
    @Test func test_lp_file_with_an_objective_row() throws {
        let c = [[1, 2, 7, 7], [1, 9, 3, 4], [8, 9, 4, 6]], d = [[4, 4, 3, 4], [5, 8, 9, 10], [6, 2, 5, 1]]
        func sum(_ k: [[Int]]) -> String { (0..<3).flatMap { i in (0..<4).map { j in "\(k[i][j]) x\(i)\(j)" } }.joined(separator: " + ") }
        let demands = [11, 3, 14, 16].enumerated().map { j, a in " dem\(j): " + (0..<3).map { "x\($0)\(j)" }.joined(separator: " + ") + " = \(a)" }
        let supplies = [8, 19, 17].enumerated().map { i, b in " sup\(i): " + (0..<4).map { "x\(i)\($0)" }.joined(separator: " + ") + " = \(b)" }
        let path = try write((["Minimize", " c: " + sum(c), "Subject To", " d: " + sum(d) + " >= 0"] + demands + supplies + ["End"]).joined(separator: "\n") + "\n", "aneja.lp")
        let points = try front([path, "--objectives", "c,d"])
        let published: [(Double, Double)] = [(143, 265), (156, 200), (176, 175), (186, 171), (208, 167)]
        #expect(points.count == published.count)
        for (point, want) in zip(points, published) { #expect(abs(point["c"]! - want.0) < 1e-6 && abs(point["d"]! - want.1) < 1e-6) }
    }
}
