import Foundation
import OpenLCAFixtures
import Testing

/// The front explorer of each bundled example in a real browser (headless Chromium from Debian,
/// driven by `scripts/browser-check.py`): a click on point 3 selects it, the map's routes become
/// that point's decision (as `lcaopt pareto --json` reports it), the decision tables change,
/// the arrow key moves on, every point has a label for screen readers, and the page fetches
/// nothing but itself. A screenshot of each page is written to `.fixtures/artifacts/`.
@Suite struct ExplorerBrowserTests {
    static let root = FixtureFiles.packageRoot()
    static let examples = ["resin-supply.json", "resin-storage.json", "urban-energy.yaml", "cement-expansion.yaml", "food-system.yaml"]

    struct Route: Hashable { var from, to, mode: String }

    /// The routes of point `number`'s decision, from `pareto --json`: transport (supply chains)
    /// or flows (networks) summed by origin, destination and mode; networks' amounts are weighted
    /// by snapshot hours on the page, so only their keys are compared.
    static func routes(_ front: [String: Any], point number: Int) throws -> [Route: Double] {
        let points = try #require(front["points"] as? [[String: Any]])
        let decision = try #require(points[number - 1]["decision"] as? [String: Any])
        var routes: [Route: Double] = [:]
        for move in decision["transport"] as? [[String: Any]] ?? [] {
            routes[Route(from: move["supplier"] as! String, to: move["site"] as! String, mode: move["mode"] as! String), default: 0] += move["amount"] as! Double
        }
        for flow in decision["flows"] as? [[String: Any]] ?? [] {
            routes[Route(from: flow["from"] as! String, to: flow["to"] as! String, mode: flow["transport"] as! String), default: 0] += flow["amount"] as! Double
        }
        return routes
    }

    @Test(arguments: examples)
    func test_clicking_a_point_shows_its_decision(_ file: String) throws {
        let name = String(file.split(separator: ".")[0])
        let out = NSTemporaryDirectory() + "lcaopt-explorer-\(UUID().uuidString)"
        let extra = name == "resin-supply" ? ["--samples", "200"] : []
        let report = try CLI.run(["report", "db-fixtures/examples/\(file)", "--points", "6", "--html", "--out", out] + extra, currentDirectory: Self.root)
        #expect(report.exitCode == 0, "\(report.stderr)")
        let pareto = try CLI.run(["pareto", "db-fixtures/examples/\(file)", "--points", "6", "--json"], currentDirectory: Self.root)
        let front = try #require(try JSONSerialization.jsonObject(with: Data(pareto.stdout.utf8)) as? [String: Any])
        let count = (front["points"] as? [Any])?.count ?? 0
        let number = min(3, count)
        let artifacts = Self.root + "/.fixtures/artifacts"
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.root + "/scripts/browser-check.py", "\(out)/\(name).html", "--click", "\(number)",
                             "--screenshot", "\(artifacts)/explorer-\(name).png"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile(), stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record("no browser test on this machine: \(String(decoding: stderr, as: UTF8.self)) (exit \(process.terminationStatus))")
            return
        }
        let result = try #require(try JSONSerialization.jsonObject(with: stdout) as? [String: Any])
        let before = try #require(result["before"] as? [String: Any]), after = try #require(result["after"] as? [String: Any])
        #expect(before["selected"] as? Int == 1)
        #expect(after["selected"] as? Int == number)
        #expect(result["keyboard"] as? Int == min(number + 1, count))
        #expect(result["labelled"] as? Bool == true)
        #expect((result["requests"] as? [String]) == ["file://\(out)/\(name).html"], "the page fetched \(result["requests"] ?? "")")
        #expect((result["errors"] as? [String])?.isEmpty == true, "console errors: \(result["errors"] ?? "")")
        var shown: [Route: Double] = [:]
        for route in after["routes"] as? [[String: Any]] ?? [] {
            shown[Route(from: route["from"] as! String, to: route["to"] as! String, mode: route["mode"] as! String), default: 0] += route["amount"] as! Double
        }
        let expected = try Self.routes(front, point: number)
        #expect(Set(shown.keys) == Set(expected.keys), "map routes \(shown.keys) vs the decision's \(expected.keys)")
        if file.hasSuffix(".json") {
            for (route, amount) in expected { #expect(abs((shown[route] ?? 0) - amount) <= 1e-6 * max(1, amount), "\(route)") }
        }
        if try Self.routes(front, point: 1) != expected { #expect(before["tables"] as? [String] != after["tables"] as? [String]) }
        #expect((after["parts"] as? Int ?? 0) > 0)
        #expect(FileManager.default.fileExists(atPath: "\(artifacts)/explorer-\(name).png"))
    }
}
