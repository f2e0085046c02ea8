import ArgumentParser
import GLPKBackend
import HiGHSBackend
import LPModel

/// The LP core on a transportation LP: build, then per backend (GLPK, HiGHS) load and solve
/// times and right-hand-side changes solved warm (kept basis, presolve off) against cold.
struct TransportLPBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lp", abstract: "Transportation LP: build, load, solve, warm vs cold re-solves.")

    @Option(help: "Sources.") var sources = 1000
    @Option(help: "Sinks.") var sinks = 1000
    @Option(help: "Right-hand-side changes solved warm.") var changes = 50
    @Option(help: "How many of those changes are also solved cold (cold solves are slow).") var coldSamples = 5
    @Option(help: "Simplex method for the first solve: dual or primal.") var method = "dual"
    @Option(help: "Seed.") var seed: UInt64 = 42
    @Option(help: "Backends side by side: glpk, highs or both (comma-separated).") var solvers = "glpk,highs"

    func run() throws {
        var random = SplitMix64(seed: seed)
        let demand = (0..<sinks).map { _ in Double.random(in: 10...100, using: &random).rounded() }
        let total = demand.reduce(0, +)
        let supply = (0..<sources).map { _ in (total / Double(sources) * Double.random(in: 1.1...1.6, using: &random)).rounded(.up) }
        let cost = (0..<(sources * sinks)).map { _ in Double.random(in: 1...100, using: &random).rounded() }

        let (built, buildSeconds) = timed { () -> (LinearModel, [Constraint]) in
            var model = LinearModel(name: "transport")
            model.reserve(columns: sources * sinks, rows: sources + sinks, entries: 2 * sources * sinks)
            for source in 0..<sources {
                for sink in 0..<sinks { model.addVariable(name: "x_\(source)_\(sink)") }
            }
            for source in 0..<sources {
                let row = model.beginConstraint(upper: supply[source], name: "supply_\(source)")
                for sink in 0..<sinks { model.addTerm(row, Variable(index: Int32(source * sinks + sink)), 1) }
            }
            var demandRows: [Constraint] = []
            for sink in 0..<sinks {
                let row = model.beginConstraint(lower: demand[sink], name: "demand_\(sink)")
                demandRows.append(row)
                for source in 0..<sources { model.addTerm(row, Variable(index: Int32(source * sinks + sink)), 1) }
            }
            model.addObjective("cost", (0..<(sources * sinks)).lazy.map { (Variable(index: Int32($0)), cost[$0]) })
            return (model, demandRows)
        }
        let (model, demandRows) = built
        let options = SolveOptions(method: method == "primal" ? .primal : .dual)
        var columns: [String] = []
        var measured: [Measured] = []
        for name in solvers.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let backend: any SolverBackend
            switch name {
            case "glpk": backend = GLPKSolver()
            case "highs": backend = try HiGHSSolver()
            default: throw ValidationError("--solvers takes glpk and highs, not \(name)")
            }
            columns.append(name == "glpk" ? "GLPK \(GLPKEnvironment.version)" : "HiGHS")
            measured.append(try measure(backend, model: model, demandRows: demandRows, demand: demand, options: options))
        }
        print("Transportation LP: \(sources) x \(sinks) = \(model.columnCount) variables, \(model.entryCount) nonzeros, \(options.method) simplex; build \(format(buildSeconds))")
        func row(_ step: String, _ value: (Measured) -> String) -> [String] { [step] + measured.map(value) }
        printTable(["step"] + columns, [
            row("load") { format($0.load) },
            row("first solve") { "\(format($0.solve)) (\($0.iterations) it.)" },
            row("build + load / solve") { String(format: "%.1f%%", 100 * (buildSeconds + $0.load) / $0.solve) },
            row("warm re-solve (mean of \(changes))") { format($0.warm) },
            row("cold re-solve (mean of \(coldSamples))") { format($0.cold) },
            row("cold / warm") { String(format: "%.1fx", $0.cold / $0.warm) },
            row("objective") { "\($0.objective)" },
            row("max rel. difference warm vs cold") { "\($0.maxDifference)" },
        ])
    }

    struct Measured {
        var load = 0.0, solve = 0.0, iterations = 0, warm = 0.0, cold = 0.0, objective = 0.0, maxDifference = 0.0
    }

    /// Load, first solve, then the same seeded demand changes solved warm (and some cold) on `solver`.
    func measure(_ solver: any SolverBackend, model: LinearModel, demandRows: [Constraint], demand: [Double],
                 options: SolveOptions) throws -> Measured {
        var result = Measured()
        let ((), loadSeconds) = try timed { try solver.load(model) }
        let (first, solveSeconds) = try timed { try solver.solve(options) }
        guard first.isOptimal else { throw ValidationError("first solve: \(first.termination) \(first.rawStatus)") }
        (result.load, result.solve, result.iterations, result.objective) = (loadSeconds, solveSeconds, first.iterations, first.objectiveValue)
        var random = SplitMix64(seed: seed &+ 1)
        var warmTimes: [Double] = [], coldTimes: [Double] = []
        var current = demand
        for change in 0..<changes {
            let sink = Int.random(in: 0..<sinks, using: &random)
            current[sink] = (current[sink] * Double.random(in: 0.8...1.2, using: &random)).rounded()
            try solver.setRowBounds(demandRows[sink], lower: current[sink], upper: .infinity)
            let (warm, warmSeconds) = try timed { try solver.solve(options) }
            warmTimes.append(warmSeconds)
            if change < coldSamples {
                let (cold, coldSeconds) = try timed { try solver.solve(SolveOptions(method: options.method, forceCold: true)) }
                coldTimes.append(coldSeconds)
                result.maxDifference = max(result.maxDifference, abs(cold.objectiveValue - warm.objectiveValue) / max(1, abs(cold.objectiveValue)))
            }
        }
        result.warm = warmTimes.reduce(0, +) / Double(max(1, warmTimes.count))
        result.cold = coldTimes.reduce(0, +) / Double(max(1, coldTimes.count))
        return result
    }
}
