import ArgumentParser
import Batch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `lcaopt batch`: many scenarios of a model, parallel, resumable and shardable.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Evaluate scenarios (JSON Lines or CSV) in parallel; merge sharded outputs.",
        subcommands: [BatchRunCommand.self, BatchMergeCommand.self],
        defaultSubcommand: BatchRunCommand.self)
}

struct BatchRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the scenarios of a file; results go to OUT/results.jsonl and OUT/results.csv as they finish.")

    @Argument(help: "The scenario file (.jsonl, or .csv with the same columns).")
    var scenarios: String

    @Option(help: "The model of scenarios that name none.") var model: String?
    @Option(help: "The openLCA database (overrides the models').") var db: String?
    @Option(parsing: .unconditional, help: "Scenarios solved at once (default: the number of cores).") var jobs: Int?
    @Option(help: "Output folder.") var out = "batch-results"
    @Flag(help: "Skip the scenario ids already in OUT/results.jsonl.") var resume = false
    @Option(parsing: .unconditional, help: "Run only scenarios whose index modulo N is I, given as I/N (e.g. $SLURM_ARRAY_TASK_ID/16).") var shard: String?
    @Option(parsing: .unconditional, help: "Seconds for each solve.") var timeLimit: Double?
    @Option(parsing: .unconditional, help: "Seconds for the whole batch: no scenario starts after it (--resume runs the rest).") var totalTimeLimit: Double?
    @Option(help: "The solver: glpk (default) or highs (HiGHS, installed by scripts/setup).") var solver: SolverChoice = .glpk
    @Flag(help: "No progress bar.") var quiet = false

    func validate() throws {
        for (name, value) in [("--time-limit", timeLimit), ("--total-time-limit", totalTimeLimit)] {
            if let value, !(value.isFinite && value > 0) { throw ValidationError("\(name) must be a positive number of seconds, not \(value)") }
        }
        if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("--jobs must be 1 to 1024, not \(jobs)") }
        if let shard, parsedShard(shard) == nil { throw ValidationError("--shard takes I/N with 0 <= I < N, e.g. 0/4") }
    }

    func parsedShard(_ text: String) -> (index: Int, count: Int)? { Self.parseShard(text) }

    /// `I/N` with 0 <= I < N, as --shard takes it.
    static func parseShard(_ text: String) -> (index: Int, count: Int)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0, index >= 0, index < count else { return nil }
        return (index, count)
    }

    func run() throws {
        try reportingErrors {
            var options = BatchOptions(model: model, database: db, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, outDirectory: out,
                                       resume: resume, shard: shard.flatMap(parsedShard), makeBackend: try solver.factory())
            options.timeLimit = timeLimit
            options.totalTimeLimit = totalTimeLimit
            let runner = BatchRunner(scenarioPath: scenarios, options: options)
            let terminal = !quiet && isatty(2) == 1
            let summary: BatchSummary
            let lastDrawn = Mutex(-1.0)
            do {
                summary = try runner.run { progress in
                    guard terminal else { return }
                    // At most ten redraws a second (and the last one).
                    let due = lastDrawn.withLock { last in
                        guard progress.done == progress.total || progress.seconds - last >= 0.1 else { return false }
                        last = progress.seconds
                        return true
                    }
                    guard due else { return }
                    let rate = progress.seconds > 0 ? Double(progress.done) / progress.seconds : 0
                    // No ETA until a few scenarios have finished: the first ones include the model load.
                    let eta = progress.done >= 5 && rate > 0 ? String(format: "ETA %.0f s", Double(progress.total - progress.done) / rate) : "ETA ..."
                    let width = 30
                    let filled = progress.total > 0 ? width * progress.done / progress.total : width
                    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                    FileHandle.standardError.write(Data(String(format: "\r[%@] %d/%d, %d failed, %.1f/s, %@ ",
                                                               bar, progress.done, progress.total, progress.failed, rate, eta).utf8))
                }
            } catch let error as ScenarioError {
                throw CommandFailure(message: error.message, exitCode: 1)
            } catch where "\(error)".hasSuffix("write into another folder") {
                throw CommandFailure(message: "\(error) with --out DIR", exitCode: 1)  // the library's words, and the flag
            }
            if terminal { writeError("\n") }
            for line in summary.invalid { printError("invalid scenario: \(line)") }
            printError(String(format: "batch: %d scenarios, %d run, %d skipped (already done), %d failed, %.2f s (%.1f scenarios/s); results in %@",
                              summary.total, summary.run, summary.skipped, summary.failed, summary.seconds,
                              summary.seconds > 0 ? Double(summary.run) / summary.seconds : 0, out))
            if summary.stoppedAtTimeLimit {
                print("batch: stopped at the time limit after \(summary.run) of \(summary.total - summary.skipped) scenarios; run again with --resume for the rest")
                throw ExitCode(2)
            }
            if summary.failed > 0 {
                // The outcome a script checks: a line on stdout and the exit code (1: invalid
                // scenario lines, else 2: infeasible, unbounded or failed solves).
                print("batch: \(summary.failed) of \(summary.run) scenarios failed (\(summary.invalidResults) invalid, \(summary.failed - summary.invalidResults) not solved to optimality); see \(out)/results.jsonl")
                throw ExitCode(summary.invalidResults == 0 ? 2 : 1)
            }
        }
    }
}

struct BatchMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge the output folders of sharded runs into one, in scenario-file order.")

    @Argument(help: "Output folders of `lcaopt batch --shard`.") var directories: [String]
    @Option(help: "The merged output folder.") var out: String

    func run() throws {
        try reportingErrors {
            let summary: MergeSummary
            do {
                summary = try BatchMerge.merge(directories, into: out)
            } catch let error as ScenarioError {
                throw CommandFailure(message: error.message, exitCode: 1)
            }
            printError("merged \(summary.results) results into \(out)")
            if !summary.duplicates.isEmpty { printError("duplicate ids (first kept): \(summary.duplicates.joined(separator: ", "))") }
            if !summary.missing.isEmpty {
                throw CommandFailure(message: "\(summary.missing.count) scenarios have no result: \(summary.missing.prefix(20).joined(separator: ", "))", exitCode: 1)
            }
        }
    }
}
