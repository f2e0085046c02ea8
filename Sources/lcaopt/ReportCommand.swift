import ArgumentParser
import Foundation
import MOLA
import ModelLoader
import Pareto
import Reports
import SupplyChain

/// `lcaopt report MODEL --out DIR`: a worked example as a notebook and a Markdown page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write NAME.ipynb and NAME.md (with the front as CSV and SVG): model summary, payoff table, front, decisions.")

    @OptionGroup var options: ModelOptions

    @Option(help: "The model file's format: auto, native or mola.")
    var format: ModelSource.Format = .auto

    @Option(parsing: .unconditional, help: "Grid points of the front.") var points = 10

    @Option(help: "Comma-separated objectives (default: cost and the first indicator).") var objectives: String?

    @Option(help: "The folder to write into.") var out: String

    func run() throws {
        try reportingErrors {
            do { try FileSet.checkWritable(out) } catch { throw CommandFailure(message: "\(error)", exitCode: 1) }
            let data = try options.load(format: format).data
            let names = try options.sweptObjectives(objectives, data: data)
            let problem = try options.problem(data, objective: names[0])
            let front = try options.sweep(problem, objectives: names, options: ParetoOptions(points: points))
            let name = URL(fileURLWithPath: options.model).deletingPathExtension().lastPathComponent
            var command = ["lcaopt", "report", options.model]
            if let db = options.db { command += ["--db", db] }
            if let objectives { command += ["--objectives", objectives] }
            command += ["--points", "\(points)", "--out", out]
            do { try NotebookReport(name: name, data: data, front: front, command: command.joined(separator: " ")).write(to: out) } catch {
                throw CommandFailure(message: "\(error)", exitCode: 1)
            }
            printError("wrote \(out)/\(name).ipynb, \(out)/\(name).md, \(out)/\(name)-front.csv, \(out)/\(name)-front.svg")
        }
    }
}
