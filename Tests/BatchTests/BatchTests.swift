import Batch
import Foundation
import GLPKBackend
import LPModel
import OpenLCAFixtures
import SupplyChain
import TestSupport
import Testing

@Suite struct BatchTests {
    static let model = FixtureFiles.packageRoot() + "/db-fixtures/examples/resin-supply.json"

    static let scenarios = """
        {"id": "base"}
        {"id": "gwp", "objective": "gwp"}
        {"id": "no-pla", "disable": ["pla-blair", "barge"], "set": {"suppliers.hdpe-houston.cost": 1.5, "transport.truck.cost": 0.2}, "scaleDemand": 1.1, "objective": "gwp"}
        {"id": "cheap-rail", "set": {"transport.rail.cost": 0.01, "demands.pack-chi-26.amount": 2500, "suppliers.pla-blair.capacity": 400}}
        {"id": "front", "run": "pareto", "points": 4}
        {"id": "broken", "set": {"suppliers.nobody.cost": 1}}
        this is not json
        {"id": "too-big", "scaleDemand": 3}
        {"run": "solve"}
        """

    static func write(_ text: String, name: String = "scenarios.jsonl") throws -> String {
        let directory = NSTemporaryDirectory() + "lcaopt-batch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        return directory + "/" + name
    }

    static func results(_ directory: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: directory + "/results.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    /// Solves one scenario directly with the library, as `lcaopt solve` would.
    static func solveAlone(_ scenario: Scenario) throws -> [String: Double] {
        let (_, base) = try SupplyChainLoader.load(modelPath: model)
        let data = try base.applying(scenario.changes)
        let problem = try SupplyChainProblem(data: data, objective: scenario.objective ?? "cost")
        let solver = GLPKSolver()
        try solver.load(problem.model)
        return problem.report(try solver.solve(SolveOptions()), objective: scenario.objective ?? "cost", seconds: 0).objectives
    }

    @Test func test_batch_equals_individual_runs_and_reports_bad_lines() throws {
        let path = try Self.write(Self.scenarios)
        let out = (path as NSString).deletingLastPathComponent + "/out"
        let summary = try BatchRunner(scenarioPath: path, options: BatchOptions(model: Self.model, jobs: 2, outDirectory: out, makeBackend: { GLPKSolver() })).run()
        #expect(summary.total == 9 && summary.run == 9)
        #expect(summary.invalid.count == 2) // the line that is not JSON and the one without id
        let results = try Self.results(out)
        let byId = Dictionary(uniqueKeysWithValues: results.map { ($0["id"] as! String, $0) })
        for line in try ScenarioFile.read(path: path) {
            guard case .success(let scenario) = line.result, scenario.run != "pareto", ["base", "gwp", "no-pla", "cheap-rail"].contains(scenario.id) else { continue }
            let alone = try Self.solveAlone(scenario)
            let batch = byId[scenario.id]!["objectives"] as! [String: Double]
            for (name, value) in alone { #expect(abs(batch[name]! - value) <= 1e-9 * abs(value), "\(scenario.id) \(name)") }
        }
        #expect(byId["broken"]?["status"] as? String == "invalid")
        #expect((byId["broken"]?["error"] as? String)?.contains("no supplier 'nobody'") == true)
        #expect(byId["line-7"]?["status"] as? String == "invalid")
        #expect(byId["too-big"]?["status"] as? String == "infeasible")
        let front = try #require(byId["front"]?["points"] as? [[String: Any]])
        #expect(front.count == 4)
        let csv = try String(contentsOfFile: out + "/results.csv", encoding: .utf8)
        #expect(csv.hasPrefix("id,index,point,status,cost [USD],gwp [kg CO2-Eq],seconds,error\n"))
        // 9 scenarios, the pareto one as 4 rows (one per point): 12 rows and the header.
        let rows = csv.split(separator: "\n")
        #expect(rows.count == 13)
        let frontRows = rows.filter { $0.hasPrefix("front,") }.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(frontRows.map { String($0[2]) } == ["1", "2", "3", "4"])
        for (row, point) in zip(frontRows, front) {
            let cost = try #require((point["objectives"] as? [String: Any])?["cost"] as? NSNumber).doubleValue
            #expect(abs(Double(row[4])! - cost) <= 1e-12 * cost, "\(row) \(cost)")
        }
    }

    @Test func test_scenario_changes_mean_what_the_model_file_means() throws {
        let (_, base) = try SupplyChainLoader.load(modelPath: Self.model)
        var scenario = Scenario(id: "x")
        scenario.disable = ["barge"]
        scenario.set = ["suppliers.pla-blair.capacity": 100, "demands.pack-atl.amount": 50]
        scenario.scaleDemand = 2
        let data = try base.applying(scenario.changes)
        #expect(data.modes.count == 3 && !data.suppliers.contains { $0.modes.contains(2) })
        #expect(data.suppliers.first { $0.id == "pla-blair" }!.capacity == [100, 100, 100])
        #expect(data.demands.first { $0.id == "pack-atl" }!.amounts == [100, 100, 100])
        #expect(data.demands.first { $0.id == "pack-chi-25" }!.amounts == [4000, 0, 0])
        #expect(throws: ModelChangeError.self) { try base.applying({ var s = Scenario(id: "y"); s.disable = ["ship"]; return s }().changes) }
        #expect(throws: ModelChangeError.self) { try base.applying({ var s = Scenario(id: "y"); s.set = ["suppliers.pla-blair.color": 1]; return s }().changes) }
    }

    @Test func test_shards_merged_equal_the_unsharded_run() throws {
        let lines = (0..<30).map { "{\"id\": \"s\($0)\", \"scaleDemand\": \(0.5 + Double($0) * 0.02)\($0 % 4 == 0 ? ", \"objective\": \"gwp\"" : "")}" }
        let path = try Self.write(lines.joined(separator: "\n"))
        let base = (path as NSString).deletingLastPathComponent
        _ = try BatchRunner(scenarioPath: path, options: BatchOptions(model: Self.model, jobs: 2, outDirectory: base + "/all", makeBackend: { GLPKSolver() })).run()
        for shard in 0..<3 {
            _ = try BatchRunner(scenarioPath: path, options: BatchOptions(model: Self.model, jobs: 1, outDirectory: base + "/shard\(shard)",
                                                                          shard: (shard, 3), makeBackend: { GLPKSolver() })).run()
        }
        let merged = try BatchMerge.merge((0..<3).map { base + "/shard\($0)" }, into: base + "/merged")
        #expect(merged.results == 30 && merged.missing.isEmpty && merged.duplicates.isEmpty)
        let all = try Self.results(base + "/all").sorted { ($0["index"] as! Int) < ($1["index"] as! Int) }
        let combined = try Self.results(base + "/merged")
        #expect(combined.map { $0["id"] as! String } == (0..<30).map { "s\($0)" })
        for (a, b) in zip(all, combined) {
            // Equal to the solver's tolerance: each worker re-solves warm from its previous scenario.
            let x = a["objectives"] as? [String: Double] ?? [:], y = b["objectives"] as? [String: Double] ?? [:]
            #expect(x.keys.sorted() == y.keys.sorted())
            for (name, value) in x { #expect(abs(value - y[name]!) <= 1e-9 * max(1, abs(value))) }
            #expect(a["status"] as? String == b["status"] as? String)
        }
        // A shard missing from the merge is reported.
        let partial = try BatchMerge.merge([base + "/shard0", base + "/shard1"], into: base + "/partial")
        #expect(partial.missing.count == 10)
    }

    @Test func rerunStartsAfreshAndResumeMendsACutLine() throws {
        let path = try Self.write((0..<3).map { "{\"id\": \"s\($0)\"}" }.joined(separator: "\n"))
        let out = (path as NSString).deletingLastPathComponent + "/out"
        let options = BatchOptions(model: Self.model, jobs: 2, outDirectory: out, makeBackend: { GLPKSolver() })
        _ = try BatchRunner(scenarioPath: path, options: options).run()
        _ = try BatchRunner(scenarioPath: path, options: options).run()
        let csv = try String(contentsOfFile: out + "/results.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 4 && csv.components(separatedBy: "id,index,point,status").count == 2)
        #expect(try Self.results(out).count == 3)
        // A line cut by a kill, and a CSV that missed a row: resume drops the torn line, skips
        // the three done, and rebuilds the CSV from the whole JSON lines.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out + "/results.jsonl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"id":"s9","sta"#.utf8))
        try handle.close()
        let csvLines = try String(contentsOfFile: out + "/results.csv", encoding: .utf8).split(separator: "\n")
        try (csvLines.dropLast().joined(separator: "\n") + "\n").write(toFile: out + "/results.csv", atomically: true, encoding: .utf8)
        var resumed = options
        resumed.resume = true
        let summary = try BatchRunner(scenarioPath: path, options: resumed).run()
        #expect(summary.skipped == 3 && summary.run == 0)
        let lines = try String(contentsOfFile: out + "/results.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3 && !lines.contains { $0.hasPrefix(#"{"id":"s9""#) })
        let rebuilt = try String(contentsOfFile: out + "/results.csv", encoding: .utf8).split(separator: "\n")
        #expect(rebuilt.count == 4 && Set(rebuilt.dropFirst().map { $0.split(separator: ",")[0] }) == ["s0", "s1", "s2"])
        let manifest = try JSONDecoder().decode(BatchManifest.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/batch.json")))
        #expect(manifest.ids == ["s0", "s1", "s2"] && manifest.objectives == ["cost", "gwp"])
        // batch.json says what the numbers are: the bundled example's database, scope and category.
        let context = try #require(manifest.contexts?[Self.model])
        #expect(context.scope == "direct" && context.database.hasSuffix("uslci-example.sqlite"))
        #expect(context.indicators.first?.category == "climate change | global warming potential (GWP100)")
        #expect(context.zeroTolerance == 1e-7 * 2400)  // Chicago's 2,400 kg in 2027
    }

    @Test func test_csv_scenarios() throws {
        let path = try Self.write("""
            id,objective,disable,suppliers.pla-blair.capacity,scaleDemand
            a,gwp,barge;truck,200,
            b,,,,1.05
            c,cost,,lots,
            """, name: "scenarios.csv")
        let lines = try ScenarioFile.read(path: path)
        #expect(lines.count == 3)
        guard case .success(let a) = lines[0].result, case .success(let b) = lines[1].result, case .failure(let c) = lines[2].result else {
            Issue.record("unexpected parse")
            return
        }
        #expect(a.disable == ["barge", "truck"] && a.set == ["suppliers.pla-blair.capacity": 200] && a.objective == "gwp")
        #expect(b.scaleDemand == 1.05 && b.objective == nil)
        #expect(c.lineNumber == 4 && c.message.contains("lots"))
    }
}

/// Scenarios change a prepared LP's numbers instead of building it again.
@Suite struct RenumberedProblemTests {
    static func scenario(_ json: String) throws -> Scenario {
        try JSONDecoder().decode(Scenario.self, from: Data(json.utf8))
    }

    @Test func renumberedEqualsAFreshBuild() throws {
        let (_, base) = try SupplyChainLoader.load(modelPath: BatchTests.model)
        let prepared = try SupplyChainProblem(data: base, objective: "cost", names: false)
        for json in [#"{"id": "a", "scaleDemand": 1.3}"#,
                     #"{"id": "b", "set": {"suppliers.hdpe-houston.cost": 1.5, "transport.rail.cost": 0.2, "suppliers.pla-blair.capacity": 400}}"#,
                     #"{"id": "c", "set": {"demands.pack-chi-26.amount": 2500}, "objective": "gwp"}"#,
                     #"{"id": "d", "set": {"suppliers.hdpe-houston.latitude": 31.5, "transport.rail.circuity": 1.4}, "objective": "gwp"}"#] {
            let scenario = try Self.scenario(json)
            let data = try base.applying(scenario.changes)
            let objective = scenario.objective ?? "cost"
            let renumbered = try #require(try prepared.renumbered(with: data, objective: objective), "\(scenario.id)")
            let fresh = try SupplyChainProblem(data: data, objective: objective, names: false)
            #expect(renumbered.model.rowLower == fresh.model.rowLower && renumbered.model.rowUpper == fresh.model.rowUpper)
            #expect(renumbered.model.columnUpper == fresh.model.columnUpper)
            #expect(renumbered.model.entryValues == fresh.model.entryValues && renumbered.model.entryColumns == fresh.model.entryColumns)
            #expect(renumbered.model.objectives == fresh.model.objectives && renumbered.model.activeObjective == fresh.model.activeObjective)
            #expect(renumbered.routes.map(\.modeUnitsPerUnit) == fresh.routes.map(\.modeUnitsPerUnit))
            // The numbers did change.
            #expect(renumbered.model.rowLower != prepared.model.rowLower || renumbered.model.objectives != prepared.model.objectives)
        }
    }

    /// A renumbered scenario reaches the backend as the rows it changed and nothing else (the
    /// recording mock shows the calls), and solves to what a fresh build solved cold gives.
    @Test func preparedSolverHandsTheBackendOnlyTheChangedRows() throws {
        let (_, base) = try SupplyChainLoader.load(modelPath: BatchTests.model)
        let recorder = RecordingBackend(GLPKSolver())
        let prepared = PreparedSolver(backend: recorder)
        _ = try prepared.solve(base, path: BatchTests.model, objective: "cost")
        #expect(recorder.calls == ["load", "solve"])
        recorder.clear()
        // pla-blair's capacity of 1,500 kg a year becomes 400: its three capacity rows, nothing else.
        let data = try base.applying(try Self.scenario(#"{"id": "p", "set": {"suppliers.pla-blair.capacity": 400}}"#).changes)
        let warm = try prepared.solve(data, path: BatchTests.model, objective: "cost")
        let named = try SupplyChainProblem(data: data, objective: "cost")
        let capacityRows = named.model.rowNames.indices.filter { named.model.rowNames[$0].hasPrefix("capacity[pla-blair,") }
        #expect(capacityRows.count == 3)
        #expect(recorder.calls == capacityRows.map { "row \($0)" } + ["active 0", "solve"])
        let cold = GLPKSolver()
        try cold.load(named.model)
        let reference = try cold.solve(SolveOptions())
        #expect(warm.isOptimal && warm.warmStarted)
        #expect(abs(warm.objectiveValue - reference.objectiveValue) <= 1e-9 * abs(reference.objectiveValue))
        #expect(prepared.loads == 1)
    }

    @Test func structuralChangesNeedABuild() throws {
        let (_, base) = try SupplyChainLoader.load(modelPath: BatchTests.model)
        let prepared = try SupplyChainProblem(data: base, objective: "cost", names: false)
        // A disabled mode removes route variables.
        #expect(try prepared.renumbered(with: base.applying(Self.scenario(#"{"id": "x", "disable": ["barge"]}"#).changes), objective: "cost") == nil)
        // A demand set to zero removes its delivery variables.
        var zero = base
        for d in zero.demands.indices { zero.demands[d].amounts = zero.demands[d].amounts.map { _ in 0 } }
        zero.demands[0].amounts[0] = 1
        #expect(try prepared.renumbered(with: zero, objective: "cost") == nil)
        // A capacity taken away removes its rows.
        var uncapped = base
        let capped = try #require(uncapped.suppliers.firstIndex { $0.capacity.contains { $0 != nil } })
        uncapped.suppliers[capped].capacity = uncapped.suppliers[capped].capacity.map { _ in nil }
        #expect(try prepared.renumbered(with: uncapped, objective: "cost") == nil)
    }
}

/// The fast scenario reader accepts and rejects exactly what JSONDecoder does.
@Suite struct ScenarioReadingTests {
    @Test func fastPathAgreesWithJSONDecoder() throws {
        let lines = [
            #"  {"id": "a", "set": {"suppliers.x.cost": 1, "demands.d.amount": 2.5}, "scaleDemand": 1, "points": 3}  "#,
            #"{"id": "b", "disable": ["p", "q"], "objectives": ["cost", "gwp"], "run": "pareto", "model": null}"#,
            #"{"id": "c", "points": 2.5}"#,
            #"{"id": "d", "scaleDemand": true}"#,
            #"{"id": "e", "set": {"suppliers.x.cost": "1"}}"#,
            #"{"id": 5}"#,
            #"{"id": "f\u00e9\n\"q\" \ud83d\ude00", "objective": "gwp"}"#,
            #"{"id": "g", "points": 3.0, "scaleDemand": -0.0, "set": {}}"#,
            #"{"id": "h", "scaleDemand": 01}"#,
            #"{"id": "i"} trailing"#,
            #"{"id": "j", "disable": ["a", 1]}"#,
            #"{"id": "k", "set": {"a.b.c": 1e400}}"#,
            #"{"id": "l", "run": null, "objectives": []}"#,
        ]
        let path = try BatchTests.write(lines.joined(separator: "\r\n") + "\n# a comment\n\n")
        let read = try ScenarioFile.read(path: path)
        #expect(read.map(\.lineNumber) == Array(1...lines.count))
        for (line, text) in zip(read, lines) {
            let decoded = Result { try JSONDecoder().decode(Scenario.self, from: Data(text.utf8)) }
            switch (line.result, decoded) {
            case (.success(let fast), .success(let slow)): #expect(fast == slow, "\(text)")
            case (.failure(let error), .failure): #expect(error.message.hasPrefix("not a valid scenario"), "\(text)")
            default: Issue.record("fast and JSONDecoder disagree on \(text): \(line.result)")
            }
        }
        #expect(read[2].id == "c" && read[3].id == "d")
    }

    /// A misspelled key is an error with a did-you-mean (JSON Lines and CSV), never a base-case run.
    @Test func unknownKeysAreRejected() throws {
        let lines = [#"{"id": "k1", "scaledemand": 2}"#, #"{"id": "k2", "set": {"a.b.c": 1}, "x": {"y": [true, null]}}"#,
                     #"{"id": "k3", "points": 2.5, "objectivs": ["cost"]}"#]
        let read = try ScenarioFile.read(path: try BatchTests.write(lines.joined(separator: "\n")))
        let messages = read.map { line -> String in
            if case .failure(let error) = line.result { return error.message }
            return "read"
        }
        #expect(messages[0] == "unknown key 'scaledemand' (did you mean 'scaleDemand'?)")
        #expect(messages[1].hasPrefix("unknown key 'x' (known keys: id, model"))
        #expect(messages[2].hasPrefix("not a valid scenario"))  // a wrong type is reported first, by JSONDecoder
        #expect(read.map(\.id) == ["k1", "k2", "k3"])
        let csv = try ScenarioFile.read(path: try BatchTests.write("id,scaledemand\nc1,2\n", name: "s.csv"))
        guard case .failure(let error) = csv[0].result else { Issue.record("read"); return }
        #expect(error.message == "unknown column 'scaledemand' (did you mean 'scaleDemand'?)")
    }

    /// Numbers read by the fast path equal Foundation's (strtod) to the bit, across digit counts,
    /// decimals, signs and exponents; lines read in parallel chunks keep their order and indices.
    @Test func numbersEqualStrtodAndLinesKeepTheirOrder() throws {
        var generator = SplitMix64(seed: 2026)  // seeded: the same numbers on every run
        var texts: [String] = ["0", "-0", "0.1", "0.3", "1600", "0.05", "123456789012345", "1234567890123456", "0.1234567890123456789",
                               "9007199254740993", "1e22", "1.5E-7", "-2.5e+3", "0.0000000000000000000001", "0.00000000000000000000001",
                               "179769313486231570000000000000000", "4.9e-324", "2.2250738585072014e-308"]
        for _ in 0..<3000 {
            let digits = Int.random(in: 1...18, using: &generator)
            var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            while text.count > 1 && text.hasPrefix("0") { text.removeFirst() }
            let decimals = Int.random(in: 0...min(digits, 20), using: &generator)
            if decimals > 0 { text = "0." + text + String(repeating: "7", count: decimals % 3) }
            if Bool.random(using: &generator) { text = "-" + text }
            texts.append(text)
        }
        let lines = texts.enumerated().map { #"{"id": "n\#($0.offset)", "set": {"a.b.c": \#($0.element)}}"# }
        let read = try ScenarioFile.read(path: try BatchTests.write(lines.joined(separator: "\n")))
        #expect(read.map(\.index) == Array(texts.indices))
        #expect(read.map(\.id) == texts.indices.map { "n\($0)" })
        for (line, text) in zip(read, texts) {
            guard case .success(let scenario) = line.result else { Issue.record("\(text) not read"); continue }
            #expect(scenario.set?["a.b.c"]?.bitPattern == Double(text)!.bitPattern, "\(text)")
        }
    }
}
