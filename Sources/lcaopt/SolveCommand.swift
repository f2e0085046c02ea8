import ArgumentParser
import Foundation
import LPModel
import MOLA
import ModelLoader
import ModelFamily
import Reports
import SupplyChain

/// `lcaopt solve MODEL`: the optimal configuration for one objective.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a model (supply chain, network, MOLA configuration, PyPSA folder) for one objective and print every objective and the decision.")

    @OptionGroup var options: ModelOptions

    @Option(help: "The model file's format: auto, native, mola or network.")
    var format: ModelSource.Format = .auto

    @Option(help: "The objective to minimise: cost, an indicator id, or weighted.")
    var objective = "cost"

    @Option(parsing: .unconditional, help: "Time limit in seconds.")
    var timeLimit: Double?

    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV: every table in one, a `table` column naming it, the context as # lines.") var csv = false

    @Option(help: "Also write the tables as CSV files into this folder.")
    var out: String?

    @Flag(help: "Build the model and print its parts and the LP's size (columns, integer columns, rows, nonzeros) without solving.")
    var dryRun = false

    @Flag(help: "With a MOLA configuration: where MOLA's arithmetic differs from lcaopt's, per process, and what MOLA would report and choose.")
    var explainMola = false

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) {
            throw ValidationError("--time-limit must be a positive number of seconds, not \(timeLimit)")
        }
        if json && csv { throw ValidationError("--json and --csv exclude each other") }
    }

    func run() throws {
        try reportingErrors {
            if let out { do { try FileSet.checkWritable(out) } catch { throw CommandFailure(message: "\(error)", exitCode: 1) } }
            let started = ContinuousClock.now
            let loaded = try options.load(format: format)
            let readSeconds = (ContinuousClock.now - started).inSeconds
            if explainMola && loaded.mola == nil {
                throw CommandFailure(message: "\(options.model): --explain-mola needs a MOLA configuration (this is a native model file)", exitCode: 1)
            }
            try solve(loaded.family, loaded: loaded, readSeconds: readSeconds)
        }
    }

    /// Solves a model of any family and prints its report.
    private func solve<Model: FamilyModel>(_ model: Model, loaded: LoadedModel, readSeconds: Double) throws {
        let building = ContinuousClock.now
        let problem = try options.problem(model, objective: objective, names: !dryRun)
        let buildSeconds = (ContinuousClock.now - building).inSeconds
        if dryRun {
            return try printDryRun(model, size: ProblemSize(problem.model), context: problem.context,
                                   seconds: .init(read: readSeconds, build: buildSeconds))
        }
        let solver = try options.solver.factory()()
        try solver.load(problem.model)
        let clock = ContinuousClock()
        let start = clock.now
        let result = try solver.solve(SolveOptions(timeLimit: timeLimit))
        let minimised = problem.objectiveNames[problem.model.activeObjective]
        let report = problem.report(result, objective: minimised, seconds: (clock.now - start).inSeconds)
        let tables = problem.tables(of: report.solution)
        // --explain-mola: MOLA configurations only (they are supply chains).
        if explainMola, let conversion = loaded.mola, let database = loaded.database, let data = model as? SupplyChainData, let supplyChain = report as? SupplyChainReport,
           report.status == TerminationStatus.optimal.rawValue {
            let explanation = try MOLAExplanation.explain(data: data, conversion: conversion, report: supplyChain,
                                                          database: database, solver: try options.solver.factory()())
            if json { try printJSON(ExplainedSolve(report: supplyChain, mola: explanation)) } else {
                ReportPrinter.printSolve(report, tables: tables)
                MOLAPrinter.print(explanation)
            }
        } else if json { try printJSON(report) } else if csv { print(ReportFiles.solveCSV(report, tables: tables), terminator: "") } else {
            ReportPrinter.printSolve(report, tables: tables)
        }
        if let out { try ReportFiles.writeSolve(report, tables: tables, to: out) }
        for note in model.notes { printError("note: \(note)") }
        if report.status != TerminationStatus.optimal.rawValue {
            throw CommandFailure(message: "\(report.status): " + report.explanation.joined(separator: "; "), exitCode: 2)
        }
    }
}

extension SolveCommand {
    /// `--dry-run`: the model's facts and tables, and the size of its LP.
    private func printDryRun<Model: FamilyModel>(_ model: Model, size: ProblemSize, context: ResultContext, seconds: DryRun.Seconds) throws {
        let summary = model.summary
        if json { return try printJSON(DryRun(context: context, facts: summary.facts, size: size, seconds: seconds)) }
        ReportPrinter.printContext(context)
        for fact in summary.facts { print(fact) }
        print("LP        \(size.columns) columns (\(size.integerColumns) integer), \(size.rows) rows, \(size.nonzeros) nonzeros, \(size.objectives) objectives")
        printError(String(format: "dry run: read and resolved in %.3f s, LP built in %.3f s", seconds.read, seconds.build))
        for table in summary.tables where !table.rows.isEmpty {
            var text = TextTable(table.labels)
            for row in table.rows { text.add(row.map(ReportPrinter.cellText)) }
            print("\n\(table.title)\n" + text.render())
        }
    }
}

/// `solve --dry-run --json`.
struct DryRun: Encodable {
    /// Reading the files and resolving the model, and building its LP (stderr in text mode).
    struct Seconds: Encodable { var read, build: Double }
    var context: ResultContext
    var facts: [String]
    var size: ProblemSize
    var seconds: Seconds
}

/// `lcaopt export MODEL --format lp|mps --out FILE`: the built LP for another solver.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the built LP/MILP of a model as CPLEX LP or free MPS.")

    @OptionGroup var options: ModelOptions

    @Option(help: "lp (CPLEX LP) or mps (free MPS).")
    var format: ModelExport.Format = .lp

    @Option(help: "The file to write.")
    var out: String

    @Option(help: "The objective written: cost, an indicator id, or weighted.")
    var objective = "cost"

    func run() throws {
        try reportingErrors {
            let model = try options.load().family
            let built = try options.problem(model, objective: objective).model
            let text = try ModelExport.text(built, format: format)
            do {
                try text.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure(message: "\(out): cannot write: \(error.localizedDescription)", exitCode: 1)
            }
            printError("wrote \(out): \(built.columnCount) columns, \(built.rowCount) rows, objective \(objective)")
        }
    }
}

extension ModelExport.Format: ExpressibleByArgument {}

/// `solve --explain-mola --json`: the solve report and the MOLA comparison in one document.
struct ExplainedSolve: Encodable {
    var report: SupplyChainReport
    var mola: MOLAExplanation
}
