import ArgumentParser
import Synchronization
import Foundation
import GLPKBackend
import LPFile
import MOLA
import ModelLoader
import LPModel
import Pareto
import Reports
import ModelFamily

#if canImport(Glibc)
import Glibc
#endif

/// `lcaopt pareto MODEL`: the trade-off between objectives as efficient configurations.
struct ParetoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pareto",
        abstract: "The Pareto front of a model: the exact front with trade-off prices for two objectives of an LP, else AUGMECON2 (warm-started).")

    @OptionGroup var options: ModelOptions

    @Option(help: "The model file's format: auto, native, mola or network.")
    var format: ModelSource.Format = .auto

    @Option(help: "Comma-separated objectives, the first minimised (default: cost and the first indicator).")
    var objectives: String?

    @Option(parsing: .unconditional, help: "Grid points per constrained objective (default 10); with the exact front, this many points evenly spaced along it instead of its corners.")
    var points: Int?

    @Option(parsing: .unconditional, help: "Seconds for each solve.")
    var timeLimit: Double?

    @Option(parsing: .unconditional, help: "Seconds for the whole sweep: no solve starts after it, and the points found are kept.")
    var totalTimeLimit: Double?

    @Option(help: "auto (exact for two objectives of an LP, else augmecon2), augmecon2, epsilon (plain epsilon-constraint, for comparison) or exact (every corner of a two-objective LP front, with trade-off prices).")
    var method: ParetoOptions.Method = .auto

    @Option(parsing: .unconditional, help: "Grid sweeps: split the grid into this many contiguous blocks, each on its own warm solver and thread (default 1).")
    var jobs = 1

    @Option(help: "Write front.csv, front.json, payoff.csv, front.svg (and mac.svg, the abatement curve of an exact front) and explorer.html (the front explorer) into this folder.")
    var out: String?

    @Flag(help: "Print JSON (with the decision of each point and the notes).") var json = false
    @Flag(help: "Print the front as CSV (the context as # lines).") var csv = false
    @Flag(help: "No progress on stderr.") var quiet = false

    func validate() throws {
        for (name, value) in [("--time-limit", timeLimit), ("--total-time-limit", totalTimeLimit)] {
            if let value, !(value.isFinite && value > 0) { throw ValidationError("\(name) must be a positive number of seconds, not \(value)") }
        }
        if json && csv { throw ValidationError("--json and --csv exclude each other") }
        if jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be 1 to 256, not \(jobs)") }
        if let points, points < 2 || points > ParetoLimits.maximumPoints { throw ValidationError("--points must be 2 to \(ParetoLimits.maximumPoints), not \(points)") }
    }

    func run() throws {
        try reportingErrors {
            if let out { do { try FileSet.checkWritable(out) } catch { throw CommandFailure(message: "\(error)", exitCode: 1) } }
            if let file = try lpFile() { return try front(file) }
            let model = try options.load(format: format).family
            try front(model)
        }
    }

    /// An MPS or LP file (by extension) with the rows `--objectives` names as its objectives
    /// (read through GLPK's readers, whichever solver sweeps); nil for model files.
    private func lpFile() throws -> LPFileModel? {
        let lower = options.model.lowercased()
        guard lower.hasSuffix(".mps") || lower.hasSuffix(".lp") else { return nil }
        guard let objectives else {
            throw CommandFailure(message: "\(options.model): name the front's objectives among the file's objective and rows, e.g. --objectives cost,gwp", exitCode: 1)
        }
        let rows = objectives.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let read: (model: LinearModel, objective: String)
        do { read = try GLPKModelReader.read(path: options.model, objectives: rows) } catch { throw CommandFailure(message: error.description, exitCode: 1) }
        do { return try LPFileModel(model: read.model, objective: read.objective, rows: rows, file: options.model) } catch {
            throw CommandFailure(message: error.description, exitCode: 1)
        }
    }

    /// Sweeps the front of a model of any family and prints or writes it.
    private func front<Model: FamilyModel>(_ model: Model) throws {
        let names = try options.sweptObjectives(objectives, model: model)
        let problem = try options.problem(model, objective: names[0])
        let progress = ProgressLine(enabled: !quiet && isatty(2) == 1)
        let report: FrontReport<Model.Problem.Decision>
        var sweepOptions = ParetoOptions(points: points ?? 10, method: method, spacedPoints: points, solve: SolveOptions(timeLimit: timeLimit),
                                         totalTimeLimit: totalTimeLimit)
        sweepOptions.jobs = jobs
        do {
            report = try options.sweep(problem, objectives: names, options: sweepOptions, progress: progress.update)
        } catch {
            progress.finish()
            throw error
        }
        progress.finish()
        if json {
            var withNotes = report
            withNotes.notes += model.notes  // the model's notes (scope, data) beside the front's own
            try printJSON(withNotes)
        } else if csv { print(report.frontCSV(), terminator: "") } else {
            Self.printFront(report)
        }
        if let out {
            let page = ExplorerPage(problem: problem, front: report, command: (["lcaopt"] + CommandLine.arguments.dropFirst()).joined(separator: " ")).html()
            do { try report.write(to: out, extra: [("explorer.html", Data(page.utf8))]) } catch { throw CommandFailure(message: "\(error)", exitCode: 1) }
        }
        for note in model.notes { printError("note: \(note)") }
    }

    static func printFront<Decision>(_ report: FrontReport<Decision>) {
        ReportPrinter.printContext(report.context)
        print("Method    \(report.method), \(report.points.count) efficient points from \(report.solves) solves in \(formatNumber(report.seconds, digits: 3)) s")
        let name = report.context.displayName
        var payoff = TextTable(["minimised"] + report.objectives.map { FrontReport<Decision>.labelled(name($0), report.units[$0]) })
        for (index, row) in report.payoff.enumerated() { payoff.add([name(report.objectives[index])] + row.map { formatNumber($0, digits: 8) }) }
        print("\nPayoff table (lexicographic optima)\n" + payoff.render())
        let columns = report.allObjectiveNames
        // Grid points of a two-objective LP carry their local price (the epsilon row's dual).
        let localPrices = report.edges == nil && report.points.contains { $0.price != nil }
        var front = TextTable(["point"] + columns.map { FrontReport<Decision>.labelled(name($0), report.units[$0]) }
                              + report.objectives.dropFirst().map { "epsilon \(name($0))" } + ["status"]
                              + (localPrices ? [FrontReport<Decision>.labelled("local price", report.priceUnit)] : []))
        for (index, point) in report.points.enumerated() {
            front.add(["\(index + 1)"] + columns.map { point.objectives[$0].map { formatNumber($0, digits: 8) } ?? "" }
                      + report.objectives.dropFirst().map { point.epsilon[$0].map { formatNumber($0, digits: 8) } ?? "" } + [point.status]
                      + (localPrices ? [point.price.map { formatNumber($0, digits: 6) } ?? ""] : []))
        }
        print("\nFront\n" + front.render())
        if let edges = report.edges, !edges.isEmpty { printEdges(edges, report) }
        for note in report.notes { print("\nNote: \(note)") }
    }

    /// The exact front's edges: what each avoids, what it costs, its price and what changes.
    static func printEdges<Decision>(_ edges: [FrontEdge], _ report: FrontReport<Decision>) {
        let (first, second) = (report.objectives[0], report.objectives[1])
        let name = report.context.displayName
        var table = TextTable(["edge", "from", "to", FrontReport<Decision>.labelled("\(name(second)) avoided", report.units[second]), FrontReport<Decision>.labelled("\(name(first)) added", report.units[first]),
                               FrontReport<Decision>.labelled("price", report.priceUnit)])
        for (index, edge) in edges.enumerated() {
            table.add(["\(index + 1)", edge.from.map { "\($0)" } ?? formatNumber(edge.start[first] ?? 0, digits: 8), edge.to.map { "\($0)" } ?? formatNumber(edge.end[first] ?? 0, digits: 8),
                       formatNumber(edge.avoided, digits: 8), formatNumber(edge.added, digits: 8), formatNumber(edge.price, digits: 6)])
        }
        print("\nTrade-off prices (edges of the front, cheapest first)\n" + table.render())
        print("\nWhat changes along each edge")
        for (index, edge) in edges.enumerated() {
            print("  \(index + 1): " + (edge.changes.isEmpty ? "(nothing above the noise tolerance)" : edge.changes.joined(separator: "; ")))
        }
    }
}

extension ParetoOptions.Method: ExpressibleByArgument {}

/// A one-line progress display on stderr for sweeps longer than a second.
final class ProgressLine: Sendable {
    private let enabled: Bool
    /// What is counted (`points`, `samples`).
    private let counting: String
    private let start = ContinuousClock.now
    /// Whether a line was drawn, and when (seconds from the start); callers may be several threads.
    private let drawn = Mutex((shown: false, at: 0.0))

    init(enabled: Bool, counting: String = "points") {
        self.enabled = enabled
        self.counting = counting
    }

    /// Redraws at most ten times a second, after the first second; the ETA waits for a few done.
    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        let seconds = (ContinuousClock.now - start).inSeconds
        let due = drawn.withLock { state -> Bool in
            guard seconds > 1, seconds - state.at >= 0.1 || done == total else { return false }
            state = (true, seconds)
            return true
        }
        guard due else { return }
        let eta = done >= 3 ? "ETA \(Int((seconds / Double(done) * Double(max(0, total - done))).rounded())) s" : "ETA ..."
        writeError("\r\(counting) \(done)/\(total), \(eta)   ")
    }

    func finish() {
        if drawn.withLock({ $0.shown }) { writeError("\n") }
    }
}
