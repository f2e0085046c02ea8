import ArgumentParser
import Batch
import SupplyChain
import Foundation

/// Scenarios per second of `lcaopt batch` on the bundled example with 1 and 2 jobs.
struct BatchBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch", abstract: "Scenarios per second with 1 and 2 jobs.")

    @Option var scenarios = 1000
    @Option var model = "db-fixtures/examples/resin-supply.json"

    func run() throws {
        let directory = NSTemporaryDirectory() + "lcaopt-batch-bench-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let lines = (0..<scenarios).map { index -> String in
            let objective = index % 2 == 0 ? "cost" : "gwp"
            return "{\"id\": \"s\(index)\", \"objective\": \"\(objective)\", \"scaleDemand\": \(0.6 + Double(index % 40) * 0.01), "
                + "\"set\": {\"transport.rail.cost\": \(0.02 + Double(index % 7) * 0.01), \"suppliers.pla-blair.capacity\": \(1000 + index % 11 * 100)}}"
        }
        let path = directory + "/scenarios.jsonl"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var rows: [[String]] = []
        var rates: [Double] = []
        for jobs in [1, 2] {
            let summary = try BatchRunner(scenarioPath: path, options: BatchOptions(model: model, jobs: jobs, outDirectory: directory + "/jobs\(jobs)")).run()
            let rate = Double(summary.run) / summary.seconds
            rates.append(rate)
            let busy = summary.seconds * Double(jobs)
            rows.append(["\(jobs)", format(summary.seconds), String(format: "%.0f", rate),
                         String(format: "%.1f%%", 100 * (busy - summary.solverSeconds) / busy), "\(summary.failed) failed"])
        }
        print("Batch: \(scenarios) scenarios of \(model) (model read and characterised once per run)")
        printTable(["jobs", "time", "scenarios/s", "outside GLPK", "note"], rows)
        print(String(format: "speed-up with 2 jobs: %.2fx (target >= 1.7x)", rates[1] / rates[0]))
        // Where a scenario's time outside GLPK goes: applying it to the resolved data and building the LP.
        let (_, data) = try SupplyChainLoader.load(modelPath: model)
        let scenarioLines = try ScenarioFile.read(path: path).prefix(200)
        let (_, buildSeconds) = try timed {
            for line in scenarioLines {
                guard case .success(let scenario) = line.result else { continue }
                _ = try SupplyChainProblem(data: try data.applying(scenario), objective: scenario.objective ?? "cost", names: false)
            }
        }
        print(String(format: "apply scenario + build LP: %.1f µs per scenario", buildSeconds / Double(scenarioLines.count) * 1e6))
        var scenariosOnly: [Scenario] = []
        for line in scenarioLines { if case .success(let scenario) = line.result { scenariosOnly.append(scenario) } }
        let (applied, applySeconds) = try timed { try scenariosOnly.map { try data.applying($0) } }
        print(String(format: "apply scenario alone: %.1f µs", applySeconds / Double(scenariosOnly.count) * 1e6))
        let (problems, problemSeconds) = try timed {
            try zip(applied, scenariosOnly).map { try SupplyChainProblem(data: $0, objective: $1.objective ?? "cost", names: false) }
        }
        print(String(format: "build LP alone: %.1f µs", problemSeconds / Double(problems.count) * 1e6))
        let prepared = PreparedSolver()
        var glpk = 0.0
        let (_, solveSeconds) = try timed { for problem in problems { glpk += try prepared.solve(problem.model).seconds } }
        print(String(format: "prepared solve: %.1f µs, of which GLPK %.1f µs", solveSeconds / Double(problems.count) * 1e6,
                     glpk / Double(problems.count) * 1e6))
        try? FileManager.default.removeItem(atPath: directory)
    }
}
