import Foundation
import OpenLCAFixtures
import Testing

/// The command-line conventions a new user tripped over (issue: no silent wrong answers).
@Suite struct ConventionsCLITests {
    static let root = FixtureFiles.packageRoot()
    let example = root + "/db-fixtures/examples/resin-supply.json"

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func noArgumentsPrintsUsageAndExitsOne() throws {
        let result = try CLI.run([])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("USAGE: lcaopt <subcommand>"))
        let parse = try CLI.run(["pareto", example, "--points", "-1"])
        #expect(parse.exitCode == 1)
        #expect(parse.stderr.hasPrefix("lcaopt: error: --points must be 2 to 10000, not -1"))
    }

    @Test func oneObjectiveIsNamedAsTheProblem() throws {
        let result = try CLI.run(["pareto", example, "--objectives", "cost"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("--objectives names one objective (cost); a front needs two or more"))
        #expect(!result.stderr.contains("no indicator"))
    }

    /// Objectives by category name as well as by id; the context and notes in --json.
    @Test func objectivesByCategoryNameAndJSONThatSaysWhatItIs() throws {
        let result = try CLI.run(["pareto", example, "--objectives", "cost,climate change | global warming potential (GWP100)",
                                  "--points", "3", "--json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let front = try json(result.stdout)
        #expect(front["objectives"] as? [String] == ["cost", "gwp"])
        let context = try #require(front["context"] as? [String: Any])
        #expect(context["scope"] as? String == "direct")
        #expect((context["database"] as? String)?.hasSuffix("uslci-example.sqlite") == true)
        let indicator = try #require((context["indicators"] as? [[String: Any]])?.first)
        #expect(indicator["category"] as? String == "climate change | global warming potential (GWP100)")
        #expect((indicator["method"] as? String)?.hasPrefix("IPCC 2021") == true)
        #expect((front["notes"] as? [String])?.contains { $0.contains("multi-output") } == true)
    }

    @Test func solveCSVCarriesItsContext() throws {
        let result = try CLI.run(["solve", example, "--csv"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("# impact scope: direct") })
        // One long table: what each row is, then every column of every table (objectives, deliveries, transport, ...).
        let header = try #require(lines.first { $0.hasPrefix("table,") }).split(separator: ",").map(String.init)
        #expect(header.starts(with: ["table", "objective", "value", "unit", "supplier", "material", "site", "period", "amount", "mode", "km", "mode_amount", "mode_unit"]))
        let amount = try #require(header.firstIndex(of: "amount"))
        // The bundled example's demand is 3,200 + 3,400 + 3,700 = 10,300 kg over the three years.
        let delivered = lines.filter { $0.hasPrefix("delivery,") }.compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[amount]) }
        #expect(abs(delivered.reduce(0, +) - 10_300) < 1e-6)
    }

    @Test func infeasibleFrontsAndReportsAreExplainedWithExitTwo() throws {
        let directory = NSTemporaryDirectory() + "lcaopt-infeasible-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let text = try String(contentsOfFile: example, encoding: .utf8)
            .replacingOccurrences(of: "\"amount\": 2000", with: "\"amount\": 200000")
            .replacingOccurrences(of: "\"../uslci-example.sqlite\"", with: "\"\(Self.root)/db-fixtures/uslci-example.sqlite\"")
        let path = directory + "/model.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        for arguments in [["pareto", path], ["report", path, "--out", directory + "/report"]] {
            let result = try CLI.run(arguments)
            #expect(result.exitCode == 2, "\(arguments[0])")
            // Capacities 4,000 + 3,000 + 2,000 + 1,500 = 10,500 kg against 200,000 + 1,200 kg in 2025.
            #expect(result.stderr.contains("total capacity of the suppliers of `resin` in period `2025` is 10500 < demand 201200 kg"), "\(result.stderr)")
        }
    }

    /// Failed scenarios: exit 1 with invalid lines (2 when all were valid), a line on stdout;
    /// duplicate ids are invalid; disabled modes are named as the reason.
    @Test func batchFailuresAreVisible() throws {
        let directory = NSTemporaryDirectory() + "lcaopt-batch-conventions-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let scenarios = directory + "/s.jsonl"
        try """
            {"id": "ok"}
            {"id": "nomodes", "disable": ["truck", "rail", "barge"]}
            {"id": "ok"}
            """.write(toFile: scenarios, atomically: true, encoding: .utf8)
        let result = try CLI.run(["batch", scenarios, "--model", example, "--out", directory + "/out", "--quiet"])
        #expect(result.exitCode == 1)
        #expect(result.stdout == "batch: 2 of 3 scenarios failed (1 invalid, 1 not solved to optimality); see \(directory)/out/results.jsonl\n")
        let results = try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8).split(separator: "\n").map { try json(String($0)) }
        let byIndex = Dictionary(uniqueKeysWithValues: results.map { ($0["index"] as! Int, $0) })
        #expect((byIndex[2]?["error"] as? String)?.contains("duplicate id 'ok' (first on line 1)") == true)
        #expect((byIndex[1]?["error"] as? String)?.contains("every transport mode it may use is disabled (truck, rail, barge)") == true)

        try #"{"id": "nomodes", "disable": ["truck", "rail", "barge"]}"#.write(toFile: scenarios, atomically: true, encoding: .utf8)
        let infeasible = try CLI.run(["batch", scenarios, "--model", example, "--out", directory + "/out2", "--quiet"])
        #expect(infeasible.exitCode == 2)
    }
}
