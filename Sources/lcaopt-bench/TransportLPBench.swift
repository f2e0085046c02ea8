import ArgumentParser
import GLPKBackend
import LPModel

/// The LP core on a transportation LP: build, GLPK load and solve times, then right-hand-side
/// changes solved warm (kept basis, presolve off) against cold (presolve, new basis).
struct TransportLPBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lp", abstract: "Transportation LP: build, load, solve, warm vs cold re-solves.")

    @Option(help: "Sources.") var sources = 1000
    @Option(help: "Sinks.") var sinks = 1000
    @Option(help: "Right-hand-side changes solved warm.") var changes = 50
    @Option(help: "How many of those changes are also solved cold (cold solves are slow).") var coldSamples = 5
    @Option(help: "Simplex method for the first solve: dual or primal.") var method = "dual"
    @Option(help: "Seed.") var seed: UInt64 = 42

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
        let solver = GLPKSolver()
        let ((), loadSeconds) = try timed { try solver.load(model) }
        let options = SolveOptions(method: method == "primal" ? .primal : .dual)
        let (first, solveSeconds) = try timed { try solver.solve(options) }
        guard first.isOptimal else { throw ValidationError("first solve: \(first.termination) \(first.rawStatus)") }

        var warmTimes: [Double] = [], coldTimes: [Double] = [], maxDifference = 0.0
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
                maxDifference = max(maxDifference, abs(cold.objectiveValue - warm.objectiveValue) / max(1, abs(cold.objectiveValue)))
            }
        }
        let warmMean = warmTimes.reduce(0, +) / Double(max(1, warmTimes.count))
        let coldMean = coldTimes.reduce(0, +) / Double(max(1, coldTimes.count))
        print("Transportation LP: \(sources) x \(sinks) = \(model.columnCount) variables, \(model.entryCount) nonzeros, \(options.method) simplex, GLPK \(GLPKEnvironment.version)")
        printTable(["step", "time", "note"], [
            ["build model", format(buildSeconds), ""],
            ["load into GLPK", format(loadSeconds), ""],
            ["first solve", format(solveSeconds), "\(first.iterations) iterations, objective \(first.objectiveValue)"],
            ["build + load / solve", String(format: "%.1f%%", 100 * (buildSeconds + loadSeconds) / solveSeconds), "target < 10%"],
            ["warm re-solve (mean of \(warmTimes.count))", format(warmMean), ""],
            ["cold re-solve (mean of \(coldTimes.count))", format(coldMean), "same changes, presolve + new basis"],
            ["cold / warm", String(format: "%.1fx", coldMean / warmMean), "target >= 5x; max rel. objective difference \(maxDifference)"],
        ])
    }
}
