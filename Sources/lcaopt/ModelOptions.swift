import ArgumentParser
import Foundation
import MOLA
import ModelLoader
import OpenLCA
import Pareto
import Reports
import ModelFamily

/// Options shared by the commands that read a model file.
struct ModelOptions: ParsableArguments {
    @Argument(help: "A model file or network file (JSON or YAML), a MOLA configuration (recognised by its sets and parameters), or a folder written by PyPSA's export_to_csv_folder.")
    var model: String

    @Option(help: "The openLCA database (overrides the model file's `database` or MOLA's `db_file`).")
    var db: String?

    @Flag(help: "Read the model file as a MOLA configuration (the same as --format mola).")
    var mola = false

    @Option(help: "Impact scope: direct or system (cradle-to-gate); overrides the model's lciaScope, and works for MOLA configurations.")
    var scope: ImpactScope?

    enum ImpactScope: String, ExpressibleByArgument { case direct, system }

    @Option(help: "With a PyPSA folder: a YAML/JSON file {component: {process, processAmount}} linking generators and links to openLCA processes.")
    var lca: String?

    @Option(help: "The solver: glpk (default) or highs (HiGHS, installed by scripts/setup).")
    var solver: SolverChoice = .glpk

    /// Loads and resolves the model (a MOLA configuration when `format` or `--mola` says so, or
    /// when auto-detected); every problem becomes one message and exit code 1.
    func load(format: ModelSource.Format = .auto) throws -> LoadedModel {
        do {
            return try ModelSource.load(path: model, databasePath: db, format: mola ? .mola : format, scope: scope?.rawValue, lca: lca)
        } catch let error as ModelError {
            throw CommandFailure(message: Self.withFlags(error).description, exitCode: 1)
        } catch let error as OpenLCAError {
            throw CommandFailure(message: error.description, exitCode: 1)
        }
    }

    /// `error` with the command line's words added: the library says "give the database path
    /// explicitly", the CLI says how (`--db DB`).
    static func withFlags(_ error: ModelError) -> ModelError {
        var error = error
        for index in error.issues.indices {
            if let hint = error.issues[index].hint, hint.contains("database path explicitly") || hint.contains("come from explicitly") {
                error.issues[index].hint = hint + " with --db DB"
            }
        }
        return error
    }

    /// The objectives of a sweep: the comma-separated `list`, else cost and the first indicator.
    func sweptObjectives(_ list: String?, model data: any FamilyModel) throws -> [String] {
        let given = list.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let names: [String]
        do { names = try given.map { try data.objectiveIds(for: $0, path: "--objectives") } ?? data.defaultFrontObjectives } catch {
            throw CommandFailure(message: "\(error)", exitCode: 1)
        }
        let available = data.objectiveIds
        guard names.count >= 2 else {
            if list != nil {
                throw CommandFailure(message: "--objectives names one objective (\(names.joined())); a front needs two or more, e.g. --objectives \(available.prefix(2).joined(separator: ","))"
                                     + (available.count > 1 ? " (this model has \(available.joined(separator: ", ")))" : ""), exitCode: 1)
            }
            throw CommandFailure(message: "a front needs two objectives; the model has only cost (add an indicator under indicators)", exitCode: 1)
        }
        if Set(names).count < names.count {
            throw CommandFailure(message: "--objectives names an objective twice (\(names.joined(separator: ","))); a front needs distinct objectives", exitCode: 1)
        }
        return names
    }

    /// The front of `problem`, with a failed payoff solve explained in the model's terms (exit 2)
    /// as `solve` explains it, and other sweep errors as bad input (exit 1).
    func sweep<Problem: FamilyProblem>(_ problem: Problem, objectives names: [String], options: ParetoOptions,
                                       progress: ((Int, Int) -> Void)? = nil) throws -> FrontReport<Problem.Decision> {
        do {
            return try FrontReport.sweep(problem, objectives: names, makeBackend: try solver.factory(), options: options, progress: progress)
        } catch let error as CommandFailure {
            throw error
        } catch let error as ParetoError {
            guard case .payoffFailed(let objective, let status, _) = error else { throw CommandFailure(message: error.description, exitCode: 1) }
            let reasons: [String]
            switch status {
            case .infeasible, .infeasibleOrUnbounded, .noFeasibleIntegerSolution: reasons = problem.explainInfeasibility()
            case .unbounded: reasons = problem.explainUnbounded(objective: objective)
            default: reasons = []
            }
            let why = reasons.isEmpty ? error.description : "\(status.rawValue) when minimising \(objective): " + reasons.joined(separator: "; ")
            throw CommandFailure(message: "no front: " + why, exitCode: 2)
        }
    }

    /// Builds the model's LP with `objective` (an id, or a category name or ref_id) active.
    /// The model's LP with `objective` active; `names`: row and column names (for LP files and
    /// explanations; a dry run needs none).
    func problem<Model: FamilyModel>(_ model: Model, objective: String, names: Bool = true) throws -> Model.Problem {
        do {
            return try model.problem(objective: try model.objectiveIds(for: [objective], path: "--objective")[0], names: names)
        } catch {
            throw CommandFailure(message: error.description, exitCode: 1)
        }
    }
}

extension ModelSource.Format: ExpressibleByArgument {}
