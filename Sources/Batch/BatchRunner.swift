import Dispatch
import Foundation
import InputSchema
import LPModel
import ModelLoader
import Pareto
import Reports
import ModelFamily
import Synchronization

/// How to run a batch.
public struct BatchOptions: Sendable {
    /// The model of scenarios that name none.
    public var model: String?
    /// The database for every model (overrides the models' own).
    public var database: String?
    /// Scenarios solved at once, each on its own solver problem.
    public var jobs: Int
    public var outDirectory: String
    /// Skip the ids already in `results.jsonl`.
    public var resume: Bool
    /// Run only the scenarios whose index modulo `count` is `index`.
    public var shard: (index: Int, count: Int)?
    /// Seconds for each solve (a scenario's, or each of a pareto scenario's).
    public var timeLimit: Double?
    /// Seconds for the whole batch: no scenario starts after it; the finished ones are written
    /// and `--resume` runs the rest.
    public var totalTimeLimit: Double?
    /// Makes the solver backend of each worker (chosen by the caller: the CLI's `--solver`).
    public var makeBackend: @Sendable () -> any SolverBackend

    public init(model: String? = nil, database: String? = nil, jobs: Int = 1, outDirectory: String,
                resume: Bool = false, shard: (index: Int, count: Int)? = nil, makeBackend: @escaping @Sendable () -> any SolverBackend) {
        self.makeBackend = makeBackend
        self.model = model
        self.database = database
        self.jobs = jobs
        self.outDirectory = outDirectory
        self.resume = resume
        self.shard = shard
    }
}

/// Progress of a running batch.
public struct BatchProgress: Sendable {
    public var done: Int
    public var total: Int
    public var failed: Int
    public var seconds: Double
}

/// What a batch did.
public struct BatchSummary: Sendable {
    public var total: Int
    public var run: Int
    public var skipped: Int
    public var failed: Int
    public var seconds: Double
    /// Of `seconds`, reading the scenario file and loading (reading, characterising) the models.
    public var setupSeconds: Double
    /// Of `setupSeconds`, reading and parsing the scenario file.
    public var readSeconds: Double
    /// Seconds inside the solver's re-solves, summed over scenarios.
    public var solverSeconds: Double
    /// Seconds handing each scenario's changes to the solver (the edits of its loaded problem), summed.
    public var editSeconds: Double
    /// Simplex iterations of the `solve` scenarios' re-solves, summed (not `pareto` runs').
    public var iterations: Int
    /// Invalid scenario lines, with their line numbers.
    public var invalid: [String]
    /// Scenarios recorded as `invalid` (unreadable lines, and changes the model cannot take).
    public var invalidResults: Int
    /// True when the batch's time limit passed before every scenario ran.
    public var stoppedAtTimeLimit: Bool = false
}

/// Runs the scenarios of a file: reads each model and characterises once, applies each
/// scenario to the resolved data, solves on `jobs` threads, appends results as they finish.
public final class BatchRunner: Sendable {
    let scenarioPath: String
    let options: BatchOptions

    public init(scenarioPath: String, options: BatchOptions) {
        self.scenarioPath = scenarioPath
        self.options = options
    }

    /// Runs the batch; `progress` is called after every scenario (from worker threads).
    public func run(progress: @escaping @Sendable (BatchProgress) -> Void = { _ in }) throws -> BatchSummary {
        let clock = ContinuousClock()
        let start = clock.now
        // The default model loads on its own thread while the scenario file is read.
        let preloaded = Mutex<[String: LoadedModel]>([:])
        let preloading = DispatchSemaphore(value: 0)
        if let model = options.model {
            Threads.start { [self] in
                let loaded = load(model)
                preloaded.withLock { $0[model] = loaded }
                preloading.signal()
            }
        } else {
            preloading.signal()
        }
        let lines = try ScenarioFile.read(path: scenarioPath)
        let readSeconds = (clock.now - start).inSeconds
        // (Filters only when they select: a copy of 20,000 lines cost 5 ms before the first scenario.)
        let selected = options.shard.map { shard in lines.filter { $0.index % shard.count == shard.index } } ?? lines
        preloading.wait()
        let models = loadModels(for: selected, loaded: preloaded.withLock { $0 })
        // The batch's own model is bad input for every scenario: stop before writing anything.
        if let model = options.model, case .failure(let error)? = models[model] { throw error }
        let columns = Self.objectiveColumns(models)
        var contexts: [String: ResultContext] = [:]
        for (path, model) in models { if case .success(let resolved) = model { contexts[path] = resolved.context } }
        let manifest = BatchManifest(scenarios: scenarioPath, ids: lines.map(\.id),
                                     shard: options.shard.map { "\($0.index)/\($0.count)" }, objectives: columns.names, units: columns.units,
                                     contexts: contexts)
        try FileManager.default.createDirectory(atPath: options.outDirectory, withIntermediateDirectories: true)
        try writeWhole(manifest.jsonData(), to: options.outDirectory + "/batch.json")
        let done = options.resume ? Set(readResults(directory: options.outDirectory).map(\.id)) : []
        let pending = done.isEmpty ? selected : selected.filter { !done.contains($0.id) }
        let writer = try ResultWriter(directory: options.outDirectory, objectives: columns.names, units: columns.units, keep: options.resume)

        let state = Mutex((next: 0, finished: 0, failed: 0, invalid: 0, solverSeconds: 0.0, editSeconds: 0.0, iterations: 0, error: String?.none,
                           stoppedAtTimeLimit: false))
        let total = pending.count
        let jobs = max(1, min(options.jobs, max(1, total)))
        let setupSeconds = (clock.now - start).inSeconds
        // Runs of neighbouring scenarios, shorter towards the end so that jobs finish together:
        // neighbours in a file are often a sweep, and a re-solve from the basis of a similar
        // scenario takes fewer simplex steps (the benchmark's 1,000: 17.7 a scenario on one job;
        // on two, 18.5 taking one scenario at a time, 17.9 in runs).
        @Sendable func nextRun() -> Range<Int>? {
            state.withLock { value in
                guard value.next < total, value.error == nil else { return nil }
                let size = max(1, min(16, (total - value.next) / (4 * jobs)))
                value.next += size
                return value.next - size..<value.next
            }
        }
        /// Hands a result to the writer and counts it; false when writing has failed.
        @Sendable func record(_ result: BatchResult) -> Bool {
            do {
                try writer.append(result)
            } catch {
                state.withLock { $0.error = "\(options.outDirectory): cannot write results: \(error)" }
                return false
            }
            progress(state.withLock { value in
                value.finished += 1
                if result.status != TerminationStatus.optimal.rawValue { value.failed += 1 }
                if result.status == "invalid" { value.invalid += 1 }
                value.solverSeconds += result.solverSeconds
                return BatchProgress(done: value.finished, total: total, failed: value.failed, seconds: (clock.now - start).inSeconds)
            })
            return true
        }
        Threads.run(jobs) {
            let prepared = PreparedSolver(backend: self.options.makeBackend())
            defer {
                state.withLock {
                    $0.editSeconds += prepared.editSeconds
                    $0.iterations += prepared.iterations
                }
            }
            while let run = nextRun() {
                for index in run {
                    if let limit = self.options.totalTimeLimit, (clock.now - start).inSeconds > limit {
                state.withLock { $0.stoppedAtTimeLimit = true }
                return
            }
            guard record(self.evaluate(pending[index], models: models, solver: prepared)) else { return }
                }
            }
        }
        var final = state.withLock { $0 }
        do { try writer.finish() } catch { final.error = final.error ?? "\(options.outDirectory): cannot write results: \(error)" }
        if let error = final.error { throw ScenarioError(lineNumber: 0, id: nil, message: error) }
        let invalid = selected.compactMap { line -> String? in
            if case .failure(let error) = line.result { return error.description } else { return nil }
        }
        return BatchSummary(total: selected.count, run: final.finished, skipped: selected.count - pending.count, failed: final.failed,
                            seconds: (clock.now - start).inSeconds, setupSeconds: setupSeconds, readSeconds: readSeconds,
                            solverSeconds: final.solverSeconds, editSeconds: final.editSeconds, iterations: final.iterations,
                            invalid: invalid, invalidResults: final.invalid, stoppedAtTimeLimit: final.stoppedAtTimeLimit)
    }

    /// A loaded model, or why it could not be loaded.
    typealias LoadedModel = Result<any FamilyModel, ScenarioError>

    /// Loads each model the selected scenarios use that is not in `loaded` yet, once (database
    /// read and characterisation).
    func loadModels(for lines: [ScenarioLine], loaded: [String: LoadedModel]) -> [String: LoadedModel] {
        var paths = Set<String>()
        if let model = options.model { paths.insert(model) }
        for line in lines { if case .success(let scenario) = line.result, let model = scenario.model { paths.insert(resolve(model)) } }
        var models = loaded
        for path in paths.sorted() where models[path] == nil { models[path] = load(path) }
        return models
    }

    /// One model, or why it could not be loaded.
    func load(_ path: String) -> LoadedModel {
        do {
            return .success(try ModelSource.load(path: path, databasePath: options.database).family)
        } catch {
            return .failure(ScenarioError(lineNumber: 0, id: nil, message: "\(error)"))
        }
    }

    /// A scenario's model path, relative to the scenario file.
    func resolve(_ model: String) -> String {
        if model.hasPrefix("/") { return model }
        return URL(fileURLWithPath: scenarioPath).deletingLastPathComponent().appendingPathComponent(model).path
    }

    static func objectiveColumns(_ models: [String: LoadedModel]) -> (names: [String], units: [String: String]) {
        var names: [String] = [], units: [String: String] = [:]
        for (_, model) in models.sorted(by: { $0.key < $1.key }) {
            guard case .success(let resolved) = model else { continue }
            let modelUnits = resolved.objectiveUnits
            for name in resolved.objectiveIds where units[name] == nil {
                names.append(name)
                units[name] = modelUnits[name] ?? ""
            }
        }
        return (names, units)
    }

    /// Solves one scenario; every failure becomes a result, never an error.
    func evaluate(_ line: ScenarioLine, models: [String: LoadedModel], solver: PreparedSolver) -> BatchResult {
        let clock = ContinuousClock()
        let start = clock.now
        func failed(_ status: String, _ message: String) -> BatchResult {
            BatchResult(id: line.id, index: line.index, status: status, objectives: [:], seconds: (clock.now - start).inSeconds,
                        solverSeconds: 0, error: message)
        }
        let scenario: Scenario
        switch line.result {
        case .failure(let error): return failed("invalid", error.description)
        case .success(let value): scenario = value
        }
        guard let path = scenario.model.map(resolve) ?? options.model else {
            return failed("invalid", "line \(line.lineNumber): no model (give \"model\" in the scenario, or a model for the whole batch)")
        }
        guard let loaded = models[path] else { return failed("invalid", "model \(path) was not loaded") }
        do {
            return try evaluate(scenario, line: line, path: path, base: try loaded.get(), solver: solver, start: start)
        } catch let error as ScenarioError {
            return failed("invalid", "line \(line.lineNumber): \(error.message)")
        } catch let error as ModelChangeError {
            return failed("invalid", "line \(line.lineNumber): \(error.message)")
        } catch let error as ModelError {
            return failed("invalid", "line \(line.lineNumber): " + error.issues.map(\.description).joined(separator: "; "))
        } catch {
            return failed("error", "line \(line.lineNumber): \(error)")
        }
    }

    /// Solves one scenario of `base` (the model opened once, so that its changes and the
    /// renumbering work on the family's own types, with no box per scenario).
    private func evaluate<Model: FamilyModel>(_ scenario: Scenario, line: ScenarioLine, path: String, base: Model, solver: PreparedSolver,
                                              start: ContinuousClock.Instant) throws -> BatchResult {
        let clock = ContinuousClock()
        let data = try base.applying(scenario.changes)
        if scenario.run == "pareto" {
            let names = try scenario.objectives.map { try data.objectiveIds(for: $0, path: "objectives") }
                ?? data.defaultFrontObjectives
            guard names.count >= 2 && Set(names).count == names.count else {
                throw ScenarioError(lineNumber: line.lineNumber, id: scenario.id, message: "objectives: a front needs two or more distinct objectives, not \(names)")
            }
            let front = try sweep(data, objectives: names, points: scenario.points ?? 10)
            return BatchResult(id: scenario.id, index: line.index, status: front.points.isEmpty ? "infeasible" : "optimal",
                               objectives: front.points.first?.objectives ?? [:], seconds: (clock.now - start).inSeconds,
                               solverSeconds: front.solverSeconds, error: nil, points: front.points)
        }
        let objective = try scenario.objective.map { $0 == "cost" ? $0 : try data.objectiveIds(for: [$0], path: "objective")[0] } ?? "cost"
        let result = try solver.solve(data, path: path, objective: objective, timeLimit: options.timeLimit)
        var objectives: [String: Double] = [:]
        var explanation: String?
        if result.isOptimal, let (names, values) = solver.objectiveValues(of: result) {
            objectives.reserveCapacity(names.count)
            for (index, name) in names.enumerated() { objectives[name] = values[index] }
        } else {
            explanation = solver.explanation(of: result, objective: objective).joined(separator: "; ")
        }
        return BatchResult(id: scenario.id, index: line.index, status: result.termination.rawValue, objectives: objectives,
                           seconds: (clock.now - start).inSeconds, solverSeconds: result.seconds, error: explanation)
    }

    /// The front of a `pareto` scenario, its decisions as JSON trees (fronts of every family in one file).
    func sweep<Model: FamilyModel>(_ model: Model, objectives names: [String], points: Int) throws -> FrontReport<JSONValue> {
        let problem = try model.problem(objective: names[0], names: true)
        return try FrontReport.sweep(problem, objectives: names, makeBackend: options.makeBackend,
                                     options: ParetoOptions(points: points, solve: SolveOptions(timeLimit: options.timeLimit))).erased()
    }
}
