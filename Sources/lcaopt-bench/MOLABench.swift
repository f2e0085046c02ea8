import ArgumentParser
import Foundation
import GLPKBackend
import LPModel
import MOLA
import ModelLoader
import OpenLCA
import OpenLCAFixtures
import Pareto
import SupplyChain

#if canImport(Glibc)
import Glibc
#endif

/// MOLA's five-resin configuration scaled to many tasks: lcaopt's read, build, solve and sweep
/// times, beside the size MOLA's Pyomo model would have.
struct MOLABench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mola", abstract: "Five-resin MOLA configurations scaled to N tasks: read, build, solve, 10-point sweep, peak memory.")

    @Option(help: "The IPCC 2021 US LCI database.") var database = "../shared/data/uslci_fy17_ipcc2021.sqlite"
    @Option(help: "Comma-separated task counts.") var tasks = "100,1000,3000"
    @Option(help: "Pareto grid points.") var points = 10
    @Option var seed: UInt64 = 5

    func run() throws {
        let db = try OpenLCADatabase(path: database)
        var rows: [[String]] = []
        for count in tasks.split(separator: ",").compactMap({ Int($0) }) {
            let path = "bench/.data/mola-five-resins-\(count).json"
            try FileManager.default.createDirectory(atPath: "bench/.data", withIntermediateDirectories: true)
            try configuration(db, tasks: count).jsonData().write(to: URL(fileURLWithPath: path))
            let (loaded, readSeconds) = try timed { try ModelSource.load(path: path, databasePath: database) }
            let (problem, buildSeconds) = try timed { try SupplyChainProblem(data: loaded.supplyChain!, objective: "cost", names: false) }
            let solver = GLPKSolver()
            let (result, solveSeconds) = try timed { () throws -> SolveResult in
                try solver.load(problem.model)
                return try solver.solve(SolveOptions())
            }
            let gwp = loaded.supplyChain!.indicators[0].id
            let sweep = try ParetoSweep.run(model: problem.model, objectives: [problem.objectiveIndex["cost"]!, problem.objectiveIndex[gwp]!],
                                            options: ParetoOptions(points: points), makeBackend: { GLPKSolver() })
            let total = readSeconds + buildSeconds + sweep.seconds
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int).flatMap { $0 } ?? 0
            let process = try Self.endToEnd(path: path, database: database, points: points)
            rows.append(["\(count)", "\(Self.molaVariables(tasks: count))", "\(problem.model.columnCount)", format(readSeconds), format(buildSeconds),
                         format(solveSeconds) + " (\(result.termination.rawValue))", format(sweep.seconds) + " (\(sweep.points.count) points)",
                         format(total), String(format: "%.0f MB", Self.peakMegabytes()),
                         String(format: "%.1f MB", Double(size) / 1e6), format(process), String(format: "%.0f%%", 100 * readSeconds / process)])
        }
        print("MOLA five-resin configuration (5 resins x truck/train/barge, one demand per task, IPCC 2021 GWP100), \(points)-point AUGMECON2 sweep")
        printTable(["tasks", "MOLA variables", "lcaopt variables", "read + convert + characterise", "build", "solve (cost)",
                    "sweep", "read + build + sweep", "peak memory", "file", "`lcaopt pareto --points \(points)`, whole process", "reading / whole"], rows)
        print("MOLA with Pyomo + glpsol (issue #10): build 4.2 / 48 / 254 s, 10-point sweep 5 / 74 s / not finished, 10 GB at 3,000 tasks.")
    }

    /// Variables of MOLA's General Specification for this configuration: Flow, Storage_Service_Flow,
    /// Specific_Material_Transport_Flow, Specific_Transport_Flow and Demand_Selection.
    static func molaVariables(tasks: Int) -> Int {
        let fm = 5, pm = 5, ft = 3, pt = 3, f = fm + ft, p = pm + pt
        return tasks * (fm * pm + f * p + fm * pm * ft * pt + ft * pt + 1)
    }

    /// Seconds of `lcaopt pareto CONFIG --points N` as a user runs it, process start to exit
    /// (the lcaopt beside this benchmark's binary; the median of three runs).
    static func endToEnd(path: String, database: String, points: Int) throws -> Double {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lcaopt").path
        var times: [Double] = []
        for _ in 0..<3 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["pareto", path, "--db", database, "--points", "\(points)", "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let clock = ContinuousClock(), start = clock.now
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw ValidationError("lcaopt pareto \(path) exited \(process.terminationStatus)") }
            times.append((clock.now - start).inSeconds)
        }
        return times.sorted()[1]
    }

    /// Peak resident memory of this process.
    static func peakMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    func configuration(_ db: OpenLCADatabase, tasks count: Int) throws -> MOLAConfiguration {
        func pair(_ name: String) throws -> MOLAConversion.Pair { try .referenceProduct(ofProcess: name, in: db) }
        var random = SplitMix64(seed: seed)
        var builder = MOLAConfigurationBuilder()
        builder.materials = try ["Polyvinyl chloride, resin, at plant, CTR", "Polyethylene, high density, resin, at plant, CTR",
                                 "Polyethylene, linear low density, resin, at plant, CTR", "Polyethylene, low density, resin, at plant, CTR",
                                 "Polyethylene terephthalate, resin, at plant, CTR"].map(pair)
        builder.modes = try ["Transport, combination truck, diesel powered", "Transport, train, diesel powered",
                             "Transport, barge, diesel powered"].map(pair)
        guard let gwp = try db.catalog().impactCategories.values.first(where: { $0.name.contains("GWP100") }) else {
            throw ValidationError("\(database): no GWP100 impact category")
        }
        builder.kpis = [gwp.refId]
        builder.tasks = (0..<count).map { ("k\($0)", Double(Int.random(in: 500...1500, using: &random))) }
        let km = (0..<(5 * count)).map { _ in Double(Int.random(in: 100...2500, using: &random)) }
        builder.distance = { m, k in km[k * 5 + m] }
        builder.costWeight = 0.25
        builder.dbFile = database
        builder.writesEveryParameter = true
        return builder.build()
    }
}
