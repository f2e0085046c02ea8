import ArgumentParser
import Batch
import Foundation
import Impact
import ModelFamily
import OpenLCA
import Pareto
import Uncertainty

#if canImport(Glibc)
import Glibc
#endif

extension LogNormalConvention: ExpressibleByArgument {}

/// `lcaopt uncertainty`: Monte Carlo over the openLCA database's distributions.
struct UncertaintyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uncertainty",
        abstract: "Monte Carlo over openLCA's distributions: how sure the results are, and how robust the choice is.",
        subcommands: [UncertaintyRunCommand.self, UncertaintySummariseCommand.self],
        defaultSubcommand: UncertaintyRunCommand.self)
}

struct UncertaintyRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Draw every exchange amount and factor with a distribution, characterise again per sample, and evaluate the decisions (or re-optimise).",
        discussion: """
            Without --reoptimise the decision of a solve (of --objective, default cost) or of each point of a front (--front) is held \
            fixed and its objectives are computed per sample under the same draws; with --reoptimise the model is re-solved per \
            sample from the previous basis. Results are appended to OUT/results.jsonl and OUT/results.csv as samples finish; \
            OUT/summary.csv, summary.json, comparisons.csv, choices.csv and uncertainty.svg summarise them.
            """)

    @OptionGroup var options: ModelOptions
    @Option(parsing: .unconditional, help: "Samples in the whole run.") var samples = 1000
    @Option(parsing: .unconditional, help: "Seed: sample i draws the same numbers on any number of jobs and shards.") var seed: UInt64 = 1
    @Option(parsing: .unconditional, help: "Samples computed at once (default: the number of cores).") var jobs: Int?
    @Option(parsing: .unconditional, help: "Compute only samples whose index modulo N is I, given as I/N; merge the folders with `lcaopt batch merge` and summarise with `lcaopt uncertainty summarise`.") var shard: String?
    @Option(help: "Output folder (results appended as samples finish, and the summary).") var out: String?
    @Flag(help: "Keep the samples already in OUT and compute the rest (same seed and options).") var resume = false
    @Flag(help: "Re-solve the model per sample (warm) and count how often each supplier, mode and route is chosen.") var reoptimise = false
    @Option(help: "The objective minimised: by the decision evaluated (default cost), or per sample with --reoptimise (default the first indicator).") var objective: String?
    @Flag(help: "Evaluate every point of the front (of --objectives) instead of one solve's decision.") var front = false
    @Option(help: "The front's objectives, comma-separated (default: cost and the first indicator).") var objectives: String?
    @Option(parsing: .unconditional, help: "Points of the front: grid points, or points evenly spaced along an exact front (default: its corners).") var points: Int?
    @Option(help: "How the front is found: auto (exact for two objectives of an LP, else augmecon2), augmecon2, epsilon or exact.")
    var method: ParetoOptions.Method = .auto
    @Option(help: "A log-normal's first parameter is the median (openLCA up to 2.3, ecoSpold: default) or the mean (olca-core since November 2024).")
    var lognormal: LogNormalConvention = .median
    @Option(parsing: .unconditional, help: "Seconds for each solve.") var timeLimit: Double?
    @Flag(help: "Print the summary as JSON.") var json = false
    @Flag(help: "Print the statistics as CSV.") var csv = false
    @Flag(help: "No progress line.") var quiet = false

    func validate() throws {
        if samples < 1 { throw ValidationError("--samples must be at least 1, not \(samples)") }
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be 1 to 1024, not \(jobs)") }
        if let shard, BatchRunCommand.parseShard(shard) == nil { throw ValidationError("--shard takes I/N with 0 <= I < N, e.g. 0/4") }
        if resume && out == nil { throw ValidationError("--resume needs --out DIR (the folder of the earlier run)") }
        if let points, points < 2 { throw ValidationError("--points must be at least 2, not \(points)") }
        if reoptimise && front { throw ValidationError("--front evaluates the front's decisions; --reoptimise re-solves one objective per sample: choose one") }
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) { throw ValidationError("--time-limit must be a positive number of seconds, not \(timeLimit)") }
    }

    func run() throws {
        try reportingErrors {
            let loaded = try options.load()
            guard let database = loaded.database else {
                throw CommandFailure(message: "\(options.model): the model names no openLCA database, so it has no distributions to draw", exitCode: 1)
            }
            try run(loaded.family, database: database)
        }
    }

    private func run<Model: FamilyModel>(_ model: Model, database: OpenLCADatabase) throws {
        var settings = UncertaintyOptions(samples: samples, seed: seed, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, outDirectory: out,
                                          resume: resume, reoptimise: reoptimise, objective: objective, points: points, method: method, convention: lognormal,
                                          timeLimit: timeLimit, makeBackend: try options.solver.factory())
        settings.shard = shard.flatMap(BatchRunCommand.parseShard)
        if front { settings.front = try options.sweptObjectives(objectives, model: model) }
        let progress = ProgressLine(enabled: !quiet && isatty(2) == 1, counting: "samples")
        let outcome: UncertaintyOutcome
        do {
            outcome = try UncertaintyRun.run(model, database: database, options: settings, progress: progress.update)
        } catch let error as UncertaintyError {
            progress.finish()
            throw CommandFailure(message: error.message, exitCode: error.isSolverFailure ? 2 : 1)
        } catch where "\(error)".hasSuffix("write into another folder") {
            progress.finish()
            throw CommandFailure(message: "\(error) with --out DIR", exitCode: 1)
        }
        progress.finish()
        for note in outcome.manifest.drawn + outcome.manifest.notes { printError("note: \(note)") }
        printError(String(format: "uncertainty: %d samples computed, %d kept from an earlier run, %.2f s (%.0f samples/s)%@",
                          outcome.computed, outcome.skipped, outcome.seconds, outcome.seconds > 0 ? Double(outcome.computed) / outcome.seconds : 0,
                          out.map { "; results in \($0)" } ?? ""))
        try UncertaintyPrinter(manifest: outcome.manifest, summary: outcome.summary).print(json: json, csv: csv)
        if outcome.summary.failed > 0 {
            print("uncertainty: \(outcome.summary.failed) samples failed (\(outcome.summary.errors.joined(separator: "; ")))")
            throw ExitCode(2)
        }
    }
}

/// `lcaopt uncertainty summarise DIR`: the summary of a folder's results again (after `lcaopt batch merge` of shards).
struct UncertaintySummariseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summarise",
        abstract: "Summarise the results in an uncertainty output folder again (e.g. shards merged with `lcaopt batch merge`).")

    @Argument(help: "The output folder (with uncertainty.json and results.jsonl; a merged folder needs the uncertainty.json of one of its shards).")
    var directory: String
    @Flag(help: "Print the summary as JSON.") var json = false
    @Flag(help: "Print the statistics as CSV.") var csv = false

    func run() throws {
        try reportingErrors {
            let (manifest, summary): (UncertaintyManifest, UncertaintySummary)
            do { (manifest, summary) = try UncertaintySummary.read(directory: directory) } catch let error as UncertaintyError {
                throw CommandFailure(message: error.message, exitCode: 1)
            }
            try UncertaintyPrinter(manifest: manifest, summary: summary).print(json: json, csv: csv)
        }
    }
}

/// What `uncertainty` prints on stdout: the statistics, the comparisons of neighbouring points, the choices.
struct UncertaintyPrinter {
    var manifest: UncertaintyManifest
    var summary: UncertaintySummary

    func print(json: Bool, csv: Bool) throws {
        if json { return try printJSON(UncertaintySummary.Document(run: manifest, summary: summary)) }
        if csv { return writeOutput(summary.statisticsCSV) }
        var text = "\(manifest.model): \(summary.samples) samples (seed \(manifest.seed), \(manifest.scope) scope, log-normal parameter as \(manifest.lognormal)); "
        text += manifest.mode == "reoptimise" ? "minimising \(manifest.objective) per sample\n\n" : "decisions held fixed\n\n"
        var table = TextTable(["decision", "objective", "unit", "deterministic", "mean", "sd", "5 %", "50 %", "95 %"])
        for row in summary.statistics {
            table.add([row.decision, row.objective, row.unit, row.deterministic.map(ResultContext.short) ?? "", ResultContext.short(row.mean),
                       ResultContext.short(row.sd), ResultContext.short(row.p5), ResultContext.short(row.p50), ResultContext.short(row.p95)])
        }
        text += table.render() + "\n"
        let neighbours = summary.neighbouring(manifest)
        if !neighbours.isEmpty {
            var pairs = TextTable(["objective", "a", "b", "P(a lower)"])
            for row in neighbours { pairs.add([row.objective, row.a, row.b, String(format: "%.3f", row.probabilityALower)]) }
            text += "\nNeighbouring points under the same draws (every pair in comparisons.csv):\n" + pairs.render() + "\n"
        }
        if manifest.mode == "reoptimise" {
            var choices = TextTable(["choice", "samples", "share", "in the deterministic optimum"])
            for row in summary.choices { choices.add([row.choice, "\(row.samples)", String(format: "%.3f", row.share), row.deterministic ? "yes" : "no"]) }
            text += "\nChoices of the optimum:\n" + choices.render() + "\n"
            if let most = summary.mostFrequent {
                text += String(format: "\nMost frequent optimum (%d of %d samples, %.1f %%)%@: %@\n", most.samples, summary.samples, 100 * most.share,
                               most.deterministic ? ", the deterministic one" : "", most.choices.joined(separator: "; "))
            }
        }
        writeOutput(text)
    }
}
