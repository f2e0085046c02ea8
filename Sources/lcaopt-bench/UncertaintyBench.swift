import ArgumentParser
import Foundation
import GLPKBackend
import ModelLoader
import Uncertainty

/// `lcaopt uncertainty` on the bundled example: samples per second in evaluate and re-optimise
/// mode, direct and system scope, 1 and 2 jobs, with where a sample's time goes.
struct UncertaintyBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "uncertainty",
                                                    abstract: "Monte Carlo samples per second: evaluate and re-optimise, direct and system scope, 1 and 2 jobs.")

    @Option var samples = 1000
    @Option var model = "db-fixtures/examples/resin-supply.json"
    @Option(help: "Runs per configuration; the table shows the median.") var rounds = 5

    func run() throws {
        var rows: [[String]] = []
        var perSample: [String: Double] = [:]
        var overhead: [String: Double] = [:]
        for scope in ["direct", "system"] {
            let loaded = try ModelSource.load(path: model, scope: scope)
            for reoptimise in [false, true] {
                for jobs in [1, 2] {
                    var outcomes: [UncertaintyOutcome] = []
                    for _ in 0..<rounds {
                        let options = UncertaintyOptions(samples: samples, seed: 1, jobs: jobs, reoptimise: reoptimise, makeBackend: { GLPKSolver() })
                        outcomes.append(try UncertaintyRun.run(loaded.family, database: loaded.database!, options: options))
                    }
                    let median = outcomes.sorted { $0.times.wall < $1.times.wall }[rounds / 2]
                    let t = median.times
                    let n = Double(median.computed)
                    let mode = reoptimise ? "re-optimise" : "evaluate"
                    if jobs == 1 {
                        perSample["\(scope) \(mode)"] = t.samples / n
                        if reoptimise { overhead[scope] = t.samples / t.solver }
                    }
                    func share(_ part: Double) -> String { String(format: "%.0f %%", 100 * part / t.samples) }
                    rows.append([scope, mode, "\(jobs)", String(format: "%.0f", n / t.wall), String(format: "%.1f us", 1e6 * t.samples / n),
                                 share(t.draw), share(t.characterise), reoptimise ? share(t.solver) : "-",
                                 reoptimise ? String(format: "%.1f us", 1e6 * t.solver / n) : "-", String(format: "%.3f s", median.seconds)])
                }
            }
        }
        print("\(samples) samples of \(model), median of \(rounds) runs each (GLPK):\n")
        printTable(["scope", "mode", "jobs", "samples/s", "per sample", "drawing", "characterising", "GLPK", "GLPK per sample", "whole run"], rows)
        print("")
        for scope in ["direct", "system"] {
            let evaluate = perSample["\(scope) evaluate"]!, reoptimise = perSample["\(scope) re-optimise"]!
            print(String(format: "%@ scope: a re-optimised sample costs %.2fx its warm GLPK re-solve (target <= 2); evaluate is %.0fx faster per sample than re-optimise (target >= 10)",
                         scope, overhead[scope]!, reoptimise / evaluate))
        }
    }
}
