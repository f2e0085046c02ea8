import Batch
import InputSchema
import Reports
import Foundation
import Impact
import LPModel
import ModelFamily
import OpenLCA
import Pareto
import Synchronization

/// Monte Carlo over a model's openLCA distributions (`lcaopt uncertainty`), for models of any family.
///
/// The linked processes (``FamilyModel/impactLinks``) are characterised once with their
/// structure kept (``UncertainCharacterisation``); each sample draws every distribution anew and
/// characterises again in the model's scope. Then either
/// - **evaluate** (the default): the decisions of one solve, or of a front's points, are held
///   fixed and each objective is computed for the sample as a dot product
///   (``LinearObjectives``), all decisions under the same draws (common random numbers); or
/// - **re-optimise**: the model with the sample's impacts is renumbered into the previous LP and
///   re-solved from the previous basis (``PreparedSolver``), and its optimum and choices kept.
///
/// Results go through batch's writer (`results.jsonl`, `results.csv`, appended as samples finish,
/// `--resume` computes only what is missing), with `uncertainty.json` and `batch.json` beside
/// them so shards merge with `lcaopt batch merge`.
public enum UncertaintyRun {
    /// Runs the samples of `options` on `model` (resolved against `database`) and summarises
    /// every result in the output folder (or in memory).
    public static func run<Model: FamilyModel>(_ model: Model, database: OpenLCADatabase, options: UncertaintyOptions,
                                               progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws -> UncertaintyOutcome {
        guard let links = model.impactLinks, !links.processes.isEmpty, !links.categories.isEmpty else {
            throw UncertaintyError("\(model.name): no indicator comes from an openLCA process, so there is nothing to sample; link suppliers, modes or components to processes and name impact categories")
        }
        guard options.samples >= 1 else { throw UncertaintyError("--samples must be at least 1") }
        let characterisation: UncertainCharacterisation
        do {
            characterisation = links.scope == "system"
                ? try .system(database: database, processes: links.processes, categories: links.categories,
                              options: SystemOptions(providerRule: ProviderRule(rawValue: links.providerRule) ?? .first, providers: links.providers),
                              convention: options.convention)
                : try .direct(database: database, processes: links.processes, categories: links.categories, convention: options.convention)
        } catch { throw UncertaintyError("\(database.path): \(error)") }
        let plan = try Plan(model: model, links: links, characterisation: characterisation, options: options)
        return try execute(plan, options: options, progress: progress)
    }

    /// What every sample does, prepared once.
    struct Plan<Model: FamilyModel>: Sendable {
        var model: Model
        var characterisation: UncertainCharacterisation
        var manifest: UncertaintyManifest
        /// Evaluate mode: the decisions' objectives as functions of the impacts.
        var linear: LinearObjectives?
        var objectiveNames: [String]

        init(model: Model, links: ImpactLinks, characterisation: UncertainCharacterisation, options: UncertaintyOptions) throws {
            self.model = model
            self.characterisation = characterisation
            let indicators = model.objectiveIds.filter { $0 != "cost" && $0 != "weighted" }
            let objective = try options.objective.map { $0 == "cost" ? "cost" : try model.objectiveIds(for: [$0], path: "--objective")[0] }
                ?? (options.reoptimise ? indicators.first ?? "cost" : "cost")
            let front = options.reoptimise ? nil : try options.front.map { try model.objectiveIds(for: $0, path: "--front") }
            let problem = try model.problem(objective: front?.first ?? objective, names: false)
            objectiveNames = problem.objectiveNames
            var references: [UncertaintyManifest.Reference] = []
            var decisions: [[Double]] = []
            func reference(_ label: String, _ primal: [Double]) {
                let clean = problem.cleaned(primal: primal)
                var values: [String: Double] = [:]
                for (index, name) in problem.objectiveNames.enumerated() { values[name] = clean.objectiveValues[index] }
                references.append(.init(label: label, objectives: values, choices: problem.choices(of: problem.decision(primal: clean.primal))))
                decisions.append(clean.primal)
            }
            if let names = front {
                guard names.count >= 2, Set(names).count == names.count else {
                    throw UncertaintyError("--front needs two or more distinct objectives, not \(names.joined(separator: ","))")
                }
                var primals = options.frontDecisions ?? []
                if options.frontDecisions == nil {
                    let indexes = names.map { problem.objectiveIndex[$0]! }
                    let result = try ParetoSweep.run(model: problem.model, objectives: indexes,
                                                     options: ParetoOptions(points: options.points ?? 10, method: options.method, spacedPoints: options.points,
                                                                            solve: SolveOptions(timeLimit: options.timeLimit)),
                                                     makeBackend: options.makeBackend)
                    primals = result.points.map(\.primal)
                }
                guard !primals.isEmpty else { throw UncertaintyError("the front of \(names.joined(separator: ", ")) has no point", solverFailure: true) }
                for (number, primal) in primals.enumerated() { reference("point \(number + 1)", primal) }
            } else {
                // `problem` has `objective` active (no front: it was built for it).
                let result = try CachingSolver(options.makeBackend()).solve(problem.model, edits: ModelEdits(), options: SolveOptions(timeLimit: options.timeLimit))
                guard result.isOptimal, result.primalStatus == .feasiblePoint else {
                    throw UncertaintyError("minimising \(objective) without uncertainty: \(result.termination.rawValue) (\(result.rawStatus)); solve the model first",
                                           solverFailure: true)
                }
                reference(options.reoptimise ? "optimum" : "solve", result.primal)
            }
            if !options.reoptimise {
                let linear = try LinearObjectives(model: model, links: links, decisions: decisions)
                // The affine form at the undrawn impacts must give the decisions' own objectives:
                // a check that every objective is linear in the linked impacts as the LP states it.
                for (d, reference) in references.enumerated() {
                    let values = linear.values(decision: d, impacts: characterisation.base.flatMap { $0 })
                    for (o, name) in objectiveNames.enumerated() {
                        let expected = reference.objectives[name] ?? 0
                        guard abs(values[o] - expected) <= 1e-9 * max(1, abs(expected)) else {
                            throw UncertaintyError("\(reference.label): \(name) is \(expected) in the model but \(values[o]) from its impacts; the objective is not linear in the linked impacts, use --reoptimise")
                        }
                    }
                }
                self.linear = linear
            }
            manifest = UncertaintyManifest(
                model: model.name, mode: options.reoptimise ? "reoptimise" : "evaluate", objective: front?.first ?? objective, front: front,
                samples: options.samples, seed: options.seed, shard: options.shard.map { "\($0.index)/\($0.count)" },
                lognormal: options.convention.rawValue, scope: links.scope, objectives: problem.objectiveNames, units: model.objectiveUnits,
                decisions: references, drawn: characterisation.census.notes, notes: model.notes, context: model.context)
        }

        /// One sample's result on this thread's sampler (and, re-optimising, its prepared solver).
        /// `impacts` is the thread's buffer for the sample's impacts (``UncertainCharacterisation/Sampler/impacts(sample:seed:into:)``).
        func sample(_ index: Int, seed: UInt64, sampler: UncertainCharacterisation.Sampler, solver: PreparedSolver?, timeLimit: Double?,
                    impacts: inout [Double]) -> BatchResult {
            let clock = ContinuousClock()
            let start = clock.now
            let id = UncertaintyManifest.id(ofSample: index)
            do { try sampler.impacts(sample: index, seed: seed, into: &impacts) } catch {
                return BatchResult(id: id, index: index, status: "error", objectives: [:], seconds: (clock.now - start).inSeconds, solverSeconds: 0,
                                   error: "characterisation: \(error)")
            }
            if let linear {
                func named(_ values: [Double]) -> [String: Double] {
                    var map: [String: Double] = [:]
                    for (o, name) in objectiveNames.enumerated() { map[name] = values[o] }
                    return map
                }
                let values = manifest.decisions.indices.map { named(linear.values(decision: $0, impacts: impacts)) }
                let points = manifest.front == nil ? nil : values.map {
                    Reports.FrontReport<JSONValue>.Point(objectives: $0, epsilon: [:], status: "optimal", decision: nil, price: nil)
                }
                return BatchResult(id: id, index: index, status: "optimal", objectives: values[0], seconds: (clock.now - start).inSeconds,
                                   solverSeconds: 0, error: nil, points: points)
            }
            var map: [Int64: [Double]] = [:]
            let k = characterisation.categories.count
            for (p, process) in characterisation.processes.enumerated() { map[process] = Array(impacts[p * k..<(p + 1) * k]) }
            do {
                let sampled = try model.applyingImpacts(map)
                let result = try solver!.solve(sampled, path: "model", objective: manifest.objective, timeLimit: timeLimit)
                guard result.isOptimal, let (names, values) = solver!.objectiveValues(of: result) else {
                    return BatchResult(id: id, index: index, status: result.termination.rawValue, objectives: [:], seconds: (clock.now - start).inSeconds,
                                       solverSeconds: result.seconds, error: solver!.explanation(of: result, objective: manifest.objective).joined(separator: "; "))
                }
                var objectives: [String: Double] = [:]
                for (o, name) in names.enumerated() { objectives[name] = values[o] }
                var record = BatchResult(id: id, index: index, status: result.termination.rawValue, objectives: objectives,
                                         seconds: (clock.now - start).inSeconds, solverSeconds: result.seconds, error: nil)
                record.choices = solver!.choices(of: result)
                return record
            } catch {
                return BatchResult(id: id, index: index, status: "error", objectives: [:], seconds: (clock.now - start).inSeconds, solverSeconds: 0,
                                   error: "\(error)")
            }
        }
    }

    static func execute<Model: FamilyModel>(_ plan: Plan<Model>, options: UncertaintyOptions,
                                            progress: @escaping @Sendable (Int, Int) -> Void) throws -> UncertaintyOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let all = Array(0..<options.samples)
        let selected = options.shard.map { shard in all.filter { $0 % shard.count == shard.index } } ?? all
        var writer: ResultWriter?
        var done = Set<String>()
        if let directory = options.outDirectory {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if options.resume, let earlier = try UncertaintyManifest.read(directory: directory), !earlier.sameRun(as: plan.manifest) {
                throw UncertaintyError("\(directory): its results are of another run (seed, samples, mode, objective or front differ); resume with the same options or choose another --out")
            }
            try writeWhole(UncertaintyFiles.encode(plan.manifest), to: directory + "/uncertainty.json")
            let batch = BatchManifest(scenarios: "uncertainty", ids: all.map(UncertaintyManifest.id(ofSample:)), shard: plan.manifest.shard,
                                      objectives: plan.manifest.objectives, units: plan.manifest.units, contexts: [plan.model.name: plan.manifest.context])
            try writeWhole(batch.jsonData(), to: directory + "/batch.json")
            if options.resume { done = Set(readResults(directory: directory).map(\.id)) }
            writer = try ResultWriter(directory: directory, objectives: plan.manifest.objectives, units: plan.manifest.units, keep: options.resume)
        }
        let pending = done.isEmpty ? selected : selected.filter { !done.contains(UncertaintyManifest.id(ofSample: $0)) }
        let state = Mutex((next: 0, finished: 0, results: [BatchResult](), error: String?.none, times: UncertaintyOutcome.Times()))
        let total = pending.count
        let jobs = max(1, min(options.jobs, max(1, total)))
        let writerRef = writer
        let sampling = clock.now
        Threads.run(jobs) {
            let sampler: UncertainCharacterisation.Sampler
            do { sampler = try plan.characterisation.sampler() } catch {
                state.withLock { $0.error = "\(error)" }
                return
            }
            let solver = options.reoptimise ? PreparedSolver(backend: options.makeBackend()) : nil
            var solverSeconds = 0.0, totalSeconds = 0.0
            var impacts: [Double] = []
            defer {
                state.withLock {
                    $0.times.draw += sampler.drawSeconds
                    $0.times.characterise += sampler.characteriseSeconds
                    $0.times.solver += solverSeconds
                    $0.times.samples += totalSeconds
                }
            }
            while true {
                let position: Int? = state.withLock { value in
                    guard value.next < total, value.error == nil else { return nil }
                    value.next += 1
                    return value.next - 1
                }
                guard let position else { return }
                let result = plan.sample(pending[position], seed: options.seed, sampler: sampler, solver: solver, timeLimit: options.timeLimit,
                                         impacts: &impacts)
                solverSeconds += result.solverSeconds
                totalSeconds += result.seconds
                do {
                    try writerRef?.append(result)
                } catch {
                    state.withLock { $0.error = "\(options.outDirectory ?? ""): cannot write results: \(error)" }
                    return
                }
                let finished = state.withLock { value in
                    if writerRef == nil { value.results.append(result) }
                    value.finished += 1
                    return value.finished
                }
                progress(finished, total)
            }
        }
        var final = state.withLock { $0 }
        final.times.wall = (clock.now - sampling).inSeconds
        if let writer { do { try writer.finish() } catch { final.error = final.error ?? "\(error)" } }
        if let error = final.error { throw UncertaintyError(error) }
        let results = options.outDirectory.map { readResults(directory: $0) } ?? final.results.sorted { $0.index < $1.index }
        let summary = UncertaintySummary(manifest: plan.manifest, results: results)
        if let directory = options.outDirectory { try summary.write(to: directory, manifest: plan.manifest) }
        return UncertaintyOutcome(manifest: plan.manifest, summary: summary, computed: final.finished, skipped: selected.count - pending.count,
                                  seconds: (clock.now - start).inSeconds, times: final.times)
    }
}

/// A finished run: what it was, its summary, and how many samples this run computed.
public struct UncertaintyOutcome: Sendable {
    public var manifest: UncertaintyManifest
    public var summary: UncertaintySummary
    public var computed: Int
    /// Samples already in the output folder (`--resume`).
    public var skipped: Int
    /// Wall-clock seconds of the run (setup, reference solve and front included).
    public var seconds: Double
    /// Seconds summed over the samples this run computed (over every job).
    public struct Times: Sendable {
        /// Drawing the distributions.
        public var draw = 0.0
        /// Characterising with the draws (sums; in the system scope the refactorisation and solves).
        public var characterise = 0.0
        /// Inside the solver (re-optimising).
        public var solver = 0.0
        /// Whole samples, from the draws to the objectives.
        public var samples = 0.0
        /// Wall-clock seconds from the first sample to the last (all jobs).
        public var wall = 0.0
    }
    public var times: Times
}

/// How an uncertainty folder's JSON files are written and read: pretty, sorted keys, and
/// non-finite numbers as the strings `inf`, `-inf`, `nan` (as batch's results).
enum UncertaintyFiles {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value) + Data("\n".utf8)
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}

extension UncertaintyManifest {
    /// The `uncertainty.json` of `directory`: nil when there is none, an error naming the file when it is damaged.
    static func read(directory: String) throws -> UncertaintyManifest? {
        guard let data = FileManager.default.contents(atPath: directory + "/uncertainty.json") else { return nil }
        do { return try UncertaintyFiles.decoder.decode(UncertaintyManifest.self, from: data) } catch {
            throw UncertaintyError("\(directory)/uncertainty.json is damaged (\(error)); run the samples again into a new folder")
        }
    }

    /// True when `other` draws the same samples for the same question (resuming it is safe).
    func sameRun(as other: UncertaintyManifest) -> Bool {
        seed == other.seed && mode == other.mode && samples == other.samples && lognormal == other.lognormal
            && objective == other.objective && front == other.front && decisions.map(\.label) == other.decisions.map(\.label)
    }
}
