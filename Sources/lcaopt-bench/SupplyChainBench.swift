import ArgumentParser
import Foundation
import GLPKBackend
import HiGHSBackend
import LPModel
import OpenLCAFixtures
import Pareto
import SupplyChain

/// A generated supply chain on the large database: read + characterisation, build, GLPK load
/// and solve; optionally a Pareto sweep warm against the same sweep rebuilt per point.
struct SupplyChainBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "supplychain",
                                                    abstract: "Generated supply chain on the large database: phases of a solve, and a warm vs cold sweep.")

    @Option(help: "Generated database (created when missing).") var database = "bench/.data/large-openlca.sqlite"
    @Option var suppliers = 200
    @Option var sites = 50
    @Option var periods = 12
    @Option(help: "Pareto grid points (0: no sweep).") var paretoPoints = 0
    @Flag(help: "Also run the sweep cold (a new GLPK problem per point).") var cold = false
    @Option var seed: UInt64 = 11
    @Option(help: "Also write the resolved per-unit data (for bench/pyomo) to this JSON file.") var dumpData: String?
    @Flag(help: "Print the timings as one JSON object instead of tables.") var json = false
    @Option(help: "Backends compared side by side: glpk, highs or both (comma-separated).") var solvers = "glpk,highs"
    @Flag(help: "Compare the exact front with 20- and 50-point AUGMECON2 grids, and a 2-job grid with two independent 1-job grids.")
    var fronts = false

    func run() throws {
        try ensureLargeDatabase(database)
        let modelPath = "bench/.data/supplychain-\(suppliers)x\(sites)x\(periods).json"
        try writeModel(to: modelPath)
        let ((_, data), readSeconds) = try timed { try SupplyChainLoader.load(modelPath: modelPath, databasePath: database) }
        let (problem, buildSeconds) = try timed { try SupplyChainProblem(data: data) }
        let solver = GLPKSolver()
        let ((), loadSeconds) = try timed { try solver.load(problem.model) }
        let (result, solveSeconds) = try timed { try solver.solve(SolveOptions()) }
        if let dumpData { try PyomoData.write(problem, to: dumpData) }
        if json {
            var timings: [String: Double] = ["read": readSeconds, "build": buildSeconds, "load": loadSeconds, "solve": solveSeconds,
                                             "variables": Double(problem.model.columnCount), "objective": result.objectiveValue]
            if paretoPoints > 1 {
                let objectives = [problem.objectiveIndex["cost"]!, problem.objectiveIndex["gwp"]!]
                let sweep = try ParetoSweep.run(model: problem.model, objectives: objectives, options: ParetoOptions(points: paretoPoints),
                                                makeBackend: { GLPKSolver() })
                timings["sweep"] = sweep.seconds
                timings["sweepPoints"] = Double(sweep.points.count)
                let exact = try ParetoSweep.run(model: problem.model, objectives: objectives, options: ParetoOptions(method: .exact),
                                                makeBackend: { GLPKSolver() })
                timings["exact"] = exact.seconds
                timings["exactCorners"] = Double(exact.points.count)
            }
            let data = try JSONSerialization.data(withJSONObject: timings, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("Supply chain: \(suppliers) suppliers x \(sites) sites x \(periods) periods x 3 modes: \(problem.model.columnCount) variables, \(problem.model.rowCount) rows, \(problem.model.entryCount) nonzeros")
        let before = readSeconds + buildSeconds + loadSeconds
        printTable(["step", "time", "note"], [
            ["database read + characterisation", format(readSeconds), "\(data.suppliers.count + data.modes.count) processes x \(data.indicators.count) indicators"],
            ["model build", format(buildSeconds), ""],
            ["GLPK load", format(loadSeconds), ""],
            ["solve (cost)", format(solveSeconds), "\(result.termination.rawValue), \(result.iterations) iterations"],
            ["before the solve / solve", String(format: "%.1f%%", 100 * before / solveSeconds), "target < 25%"],
        ])
        try compareSolvers(problem)
        if fronts { try compareFronts(problem) }
        guard paretoPoints > 1 else { return }
        let objectives = [problem.objectiveIndex["cost"]!, problem.objectiveIndex["gwp"]!]
        let warm = try ParetoSweep.run(model: problem.model, objectives: objectives, options: ParetoOptions(points: paretoPoints),
                                       makeBackend: { GLPKSolver() })
        var rows = [
            ["warm sweep total", format(warm.seconds), "\(warm.solves) solves, \(warm.points.count) points, \(warm.bypassed) bypassed"],
            ["warm: per solve", format(warm.seconds / Double(warm.solves)), ""],
            ["warm: outside GLPK", String(format: "%.1f%%", 100 * (warm.seconds - warm.solverSeconds) / warm.seconds), "target < 10%"],
        ]
        if cold {
            let coldRun = try ParetoSweep.run(model: problem.model, objectives: objectives,
                                              options: ParetoOptions(points: paretoPoints), makeBackend: { ReloadingBackend { GLPKSolver() } })
            rows += [
                ["cold sweep total (new problem per point)", format(coldRun.seconds), "\(coldRun.solves) solves"],
                ["cold: per solve", format(coldRun.seconds / Double(coldRun.solves)), ""],
                ["warm / cold", String(format: "%.2fx", warm.seconds / coldRun.seconds), "target <= 0.3x"],
            ]
        }
        print("")
        printTable(["Pareto sweep (\(paretoPoints) points, AUGMECON2)", "time", "note"], rows)
    }

    /// The exact front against 20- and 50-point grids (corners, solves, seconds), and the
    /// 20-point grid on 2 jobs against 1 job, beside the speed-up two independent 1-job sweeps get
    /// when run at once (this machine's ceiling for two memory-bound solves).
    func compareFronts(_ problem: SupplyChainProblem) throws {
        let objectives = [problem.objectiveIndex["cost"]!, problem.objectiveIndex["gwp"]!]
        func sweep(_ method: ParetoOptions.Method, points: Int = 20, jobs: Int = 1) throws -> ParetoResult {
            var options = ParetoOptions(points: points, method: method)
            options.jobs = jobs
            return try ParetoSweep.run(model: problem.model, objectives: objectives, options: options, makeBackend: { GLPKSolver() })
        }
        let exact = try sweep(.exact), grid20 = try sweep(.augmecon2), grid50 = try sweep(.augmecon2, points: 50)
        let two = try sweep(.augmecon2, jobs: 2)
        // Two independent 1-job sweeps at once, each on its own thread.
        let model = problem.model
        let ((), pair) = timed {
            let done = DispatchSemaphore(value: 0)
            for _ in 0..<2 {
                let thread = Thread {
                    _ = try? ParetoSweep.run(model: model, objectives: objectives, options: ParetoOptions(points: 20), makeBackend: { GLPKSolver() })
                    done.signal()
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
            done.wait(); done.wait()
        }
        let independent = 2 * grid20.seconds / pair, jobsSpeedUp = grid20.seconds / two.seconds
        print("")
        printTable(["front", "points", "solves", "time", "note"], [
            ["exact (dichotomic)", "\(exact.points.count) corners", "\(exact.solves)", format(exact.seconds), "every corner, with prices"],
            ["AUGMECON2, 20 points", "\(grid20.points.count)", "\(grid20.solves)", format(grid20.seconds), String(format: "exact / grid: %.2fx", exact.seconds / grid20.seconds)],
            ["AUGMECON2, 50 points", "\(grid50.points.count)", "\(grid50.solves)", format(grid50.seconds), String(format: "exact / grid: %.2fx", exact.seconds / grid50.seconds)],
            ["AUGMECON2, 20 points, 2 jobs", "\(two.points.count)", "\(two.solves)", format(two.seconds), String(format: "speed-up %.2fx over 1 job", jobsSpeedUp)],
            ["two independent 1-job sweeps at once", "", "", format(pair), String(format: "speed-up %.2fx; 2 jobs reach %.0f%% of it (target >= 90%%)", independent, 100 * jobsSpeedUp / independent)],
        ])
    }

    /// GLPK and HiGHS side by side on the same LP: load, first solve, a warm re-solve after a
    /// demand change (every demand row +5%), and, with `--pareto-points`, a warm sweep.
    func compareSolvers(_ problem: SupplyChainProblem) throws {
        var rows: [[String]] = []
        for name in solvers.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let make: () -> any SolverBackend
            switch name {
            case "glpk": make = { GLPKSolver() }
            case "highs":
                _ = try HiGHSSolver()
                make = { do { return try HiGHSSolver() } catch { fatalError("HiGHS: \(error)") } }  // loading was checked above
            default: throw ValidationError("--solvers takes glpk and highs, not \(name)")
            }
            let solver = make()
            let ((), load) = try timed { try solver.load(problem.model) }
            let (first, solve) = try timed { try solver.solve(SolveOptions()) }
            for demand in problem.demandRows {
                try solver.setRowBounds(demand.constraint, lower: demand.required * 1.05, upper: .infinity)
            }
            let (warm, warmSeconds) = try timed { try solver.solve(SolveOptions()) }
            var row = [name, format(load), format(solve), String(format: "%.6g", first.objectiveValue), format(warmSeconds),
                       "\(warm.termination.rawValue), \(warm.iterations) it."]
            if paretoPoints > 1 {
                let objectives = [problem.objectiveIndex["cost"]!, problem.objectiveIndex["gwp"]!]
                let sweep = try ParetoSweep.run(model: problem.model, objectives: objectives, options: ParetoOptions(points: paretoPoints), makeBackend: make)
                row.append("\(format(sweep.seconds)) (\(sweep.points.count) points)")
            }
            rows.append(row)
        }
        print("")
        printTable(["solver", "load", "first solve", "objective", "warm re-solve (+5% demand)", "note"] + (paretoPoints > 1 ? ["\(paretoPoints)-point sweep"] : []), rows)
    }

    /// One material with `suppliers` suppliers (random large-database processes and US coordinates),
    /// `sites` plants with growing demand, truck/rail/barge.
    func writeModel(to path: String) throws {
        var random = SplitMix64(seed: seed)
        func coordinate() -> (Double, Double) { (Double.random(in: 30...47, using: &random), Double.random(in: -120 ... -75, using: &random)) }
        let periodLabels = (1...periods).map { "p\($0)" }
        let demandPerSite = 1000.0
        let capacity = (demandPerSite * Double(sites) * 1.1 / Double(suppliers) * 3).rounded()
        let supplierList: [[String: Any]] = (0..<suppliers).map { index in
            let (latitude, longitude) = coordinate()
            return ["id": "s\(index)", "process": LargeDatabase.processRefId(Int.random(in: 0..<20_000, using: &random)),
                    "latitude": latitude, "longitude": longitude, "capacity": capacity]
        }
        let siteList: [[String: Any]] = (0..<sites).map { index in
            let (latitude, longitude) = coordinate()
            return ["id": "k\(index)", "latitude": latitude, "longitude": longitude]
        }
        let demands: [[String: Any]] = (0..<sites).map { index in
            let amounts = Dictionary(uniqueKeysWithValues: periodLabels.enumerated().map { ($1, demandPerSite * (1 + 0.02 * Double($0))) })
            return ["id": "d\(index)", "site": "k\(index)", "amount": amounts, "requires": ["m": 1]]
        }
        let model: [String: Any] = [
            "name": "benchmark", "periods": periodLabels,
            "indicators": [["id": "gwp", "impactCategory": LargeDatabase.categoryRefId(0)]],
            "sites": siteList, "materials": [["id": "m", "unit": "kg", "suppliers": supplierList]],
            "transport": zip(["truck", "rail", "barge"], LargeDatabase.transportRefIds).map { ["id": $0, "process": $1, "circuity": 1.2] },
            "demands": demands,
        ]
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: model, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
    }
}
