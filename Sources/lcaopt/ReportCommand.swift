import ArgumentParser
import Foundation
import MOLA
import ModelLoader
import Pareto
import Reports
import ModelFamily
import OpenLCA
import Uncertainty

/// `lcaopt report MODEL --out DIR`: a worked example as a notebook and a Markdown page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write NAME.ipynb and NAME.md (with the front as CSV and SVG): model summary, payoff table, front, decisions.")

    @OptionGroup var options: ModelOptions

    @Option(help: "The model file's format: auto, native, mola or network.")
    var format: ModelSource.Format = .auto

    @Option(parsing: .unconditional, help: "Points of the front: grid points, or points evenly spaced along an exact front.") var points = 10

    @Option(help: "auto (exact for two objectives of an LP, else augmecon2), augmecon2, epsilon or exact.")
    var method: ParetoOptions.Method = .auto

    @Option(help: "Comma-separated objectives (default: cost and the first indicator).") var objectives: String?

    @Option(help: "The folder to write into.") var out: String

    @Option(parsing: .unconditional, help: "Add a section on how sure the front is: this many Monte Carlo samples of the database's distributions, each point's decision held fixed (see `lcaopt uncertainty`).")
    var samples: Int?

    @Option(parsing: .unconditional, help: "The seed of those samples.") var seed: UInt64 = 1

    @Flag(help: "Also write NAME.html, the front explorer: one self-contained page (front, map, decisions, breakdowns, comparison) that opens from disk.")
    var html = false

    func validate() throws {
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1, not \(samples)") }
    }

    func run() throws {
        try reportingErrors {
            do { try FileSet.checkWritable(out) } catch { throw CommandFailure(message: "\(error)", exitCode: 1) }
            let name = URL(fileURLWithPath: options.model).deletingPathExtension().lastPathComponent
            let loaded = try options.load(format: format)
            let files = try write(loaded.family, database: loaded.database, name: name)
            printError("wrote " + files.map { "\(out)/\($0)" }.joined(separator: ", "))
        }
    }

    /// The report of a model of any family; returns the names of the files written.
    private func write<Model: FamilyModel>(_ model: Model, database: OpenLCADatabase?, name: String) throws -> [String] {
        let names = try options.sweptObjectives(objectives, model: model)
        let problem = try options.problem(model, objective: names[0])
        let front = try options.sweep(problem, objectives: names, options: ParetoOptions(points: points, method: method, spacedPoints: points))
        var command = ["lcaopt", "report", options.model]
        if let db = options.db { command += ["--db", db] }
        if let objectives { command += ["--objectives", objectives] }
        if method != .auto { command += ["--method", method.rawValue] }
        command += ["--points", "\(points)", "--out", out]
        if let samples { command += ["--samples", "\(samples)", "--seed", "\(seed)"] }
        if html { command.append("--html") }
        var report = NotebookReport(name: name, model: model, problem: problem, front: front, command: command.joined(separator: " "))
        var bars: [[String: (Double, Double)]]?
        if let samples {
            guard let database else {
                throw CommandFailure(message: "\(options.model): --samples needs the model's openLCA database, which holds the distributions", exitCode: 1)
            }
            var settings = UncertaintyOptions(samples: samples, seed: seed, jobs: ProcessInfo.processInfo.activeProcessorCount, front: names,
                                              makeBackend: try options.solver.factory())
            settings.frontDecisions = front.points.compactMap(\.primal)  // this report's own points, not a second sweep
            do {
                let outcome = try UncertaintyRun.run(model, database: database, options: settings)
                report.sections.append(outcome.summary.reportSection(manifest: outcome.manifest, command: command.joined(separator: " ")))
                bars = outcome.manifest.decisions.map { decision in
                    var ranges: [String: (Double, Double)] = [:]
                    for objective in outcome.manifest.objectives {
                        ranges[objective] = outcome.summary.interval(decision: decision.label, objective: objective, spreadOnly: true)
                    }
                    return ranges
                }
            } catch let error as UncertaintyError {
                throw CommandFailure(message: error.message, exitCode: error.isSolverFailure ? 2 : 1)
            }
        }
        if html { report.page = ExplorerPage(problem: problem, front: front, command: command.joined(separator: " "), bars: bars).html() }
        do { return try report.write(to: out) } catch { throw CommandFailure(message: "\(error)", exitCode: 1) }
    }
}
