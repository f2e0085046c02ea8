import ArgumentParser
import Foundation
import GLPKBackend
import HiGHSBackend
import LPModel
import ModelLoader
import Network

/// `lcaopt-bench network`: generated networks of about 10 k, 100 k and 1 M columns (locations x
/// technologies x snapshots x periods) read, built, loaded and solved, with peak memory.
struct NetworkBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Read, build, load and first-solve times and peak memory of generated networks.")

    @Option(help: "Sizes (comma-separated): 10k, 100k, 1m (columns, about).") var sizes = "10k,100k,1m"
    @Option(help: "Solvers (comma-separated): glpk, highs.") var solvers = "glpk"
    @Option(help: "Where the generated files go (ignored by git).") var data = "bench/.data/network"
    @Option(help: "Seed.") var seed: UInt64 = 7
    @Option(help: "Seconds for each first solve (a solve stopped by it is reported as at least this long).") var timeLimit: Double?

    /// Locations, snapshots and periods of a size: about 10 columns per location and slice.
    static let shapes: [String: (locations: Int, snapshots: Int, periods: Int)] = [
        "10k": (10, 100, 1), "100k": (25, 200, 2), "1m": (50, 500, 4),
    ]

    func run() throws {
        let header = ["size", "solver", "columns", "rows", "nonzeros", "read", "build", "load", "first solve", "build+load / solve",
                      "peak RSS", "B/nz read+build", "B/nz with solver", "objective"]
        var rows: [[String]] = []
        let baseline = Self.residentKilobytes("VmRSS")
        for size in sizes.split(separator: ",").map(String.init) {
            guard let shape = Self.shapes[size] else { throw ValidationError("unknown size \(size): use 10k, 100k or 1m") }
            let path = try NetworkGenerator(locations: shape.locations, snapshots: shape.snapshots, periods: shape.periods, seed: seed)
                .write(into: "\(data)/\(size)")
            let (data, read) = try timed { try ModelSource.load(path: path).family as! NetworkData }
            let (problem, build) = try timed { try NetworkProblem(data: data, objective: "cost", names: false) }
            let model = problem.model
            // Peak memory of reading and building alone, before a solver holds a copy.
            let built = Self.residentKilobytes("VmHWM")
            for name in solvers.split(separator: ",").map(String.init) {
                let solver: any SolverBackend = name == "highs" ? try HiGHSSolver() : GLPKSolver()
                let ((), load) = try timed { try solver.load(model) }
                let (result, solve) = try timed { try solver.solve(SolveOptions(timeLimit: timeLimit)) }
                let bound = result.isOptimal ? "" : ">= "
                // Peak resident memory so far (sizes run in increasing order, so it is this size's).
                let peak = Self.residentKilobytes("VmHWM")
                rows.append([size, name, "\(model.columnCount)", "\(model.rowCount)", "\(model.entryCount)", format(read), format(build), format(load),
                             "\(bound)\(format(solve)) (\(result.iterations) it.)", (result.isOptimal ? "" : "<= ") + String(format: "%.1f%%", 100 * (build + load) / solve),
                             String(format: "%.0f MB", Double(peak) / 1024), String(format: "%.0f", Double(built - baseline) * 1024 / Double(model.entryCount)),
                             String(format: "%.0f", Double(peak - baseline) * 1024 / Double(model.entryCount)),
                             result.isOptimal ? String(format: "%.6g", result.objectiveValue) : result.termination.rawValue])
                // The table so far after each size (a long run shows what it has).
                printTable(header, rows)
                print("")
            }
        }
        print("\nread: file, CSV series and resolution; build: NetworkProblem; load: into the solver; B/nz: peak RSS above the start per nonzero, after reading and building, and with the solver's copy and solve.")
    }

    /// `/proc/self/status`'s `key` in kB (0 where unavailable).
    static func residentKilobytes(_ key: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        return 0
    }
}

/// Writes a seeded network: per location electricity and heat buses, gas and grid supplies, a
/// CHP, a boiler and a heat pump (the CHP and heat pump expandable), a heat store, heat pipes to
/// the neighbouring locations on a ring, demands per snapshot and period from CSV series.
struct NetworkGenerator {
    var locations: Int, snapshots: Int, periods: Int, seed: UInt64

    /// The network file's path, written into `folder` with its CSV series.
    func write(into folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var random = SplitMix64(seed: seed)
        let ids = (0..<locations).map { "z\($0)" }
        var network: [String: Any] = ["kind": "network", "name": "generated \(locations)x\(snapshots)x\(periods)", "discountRate": 0.05]
        network["snapshots"] = (0..<snapshots).map { ["id": "t\($0)", "weight": 8760.0 / Double(snapshots)] }
        network["periods"] = (0..<periods).map { ["id": "p\($0)", "year": 2025 + 5 * $0, "years": 5] }
        network["locations"] = ids.enumerated().map { k, id in
            ["id": id, "latitude": 40 + 0.05 * Double(k % 10), "longitude": -75 + 0.05 * Double(k / 10)]
        }
        network["carriers"] = [["id": "elec", "unit": "MWh"], ["id": "heat", "unit": "MWh"], ["id": "gas", "unit": "MWh"]]
        network["buses"] = [["id": "gas", "carrier": "gas"]] + ids.flatMap { [["id": "elec-\($0)", "carrier": "elec", "location": $0], ["id": "heat-\($0)", "carrier": "heat", "location": $0]] }
        network["indicators"] = [["id": "co2", "unit": "t"]]
        network["supplies"] = [["id": "gas", "bus": "gas", "cost": 35, "impacts": ["co2": 0.202]]]
            + ids.map { ["id": "grid-\($0)", "bus": "elec-\($0)", "cost": 80 + 40 * Double.random(in: 0...1, using: &random), "impacts": ["co2": 0.45]] }
        network["links"] = ids.flatMap { id -> [[String: Any]] in [
            ["id": "chp-\(id)", "legs": ["gas": -1, "elec-\(id)": 0.35, "heat-\(id)": 0.45], "cost": 4, "expansion": ["cost": 70, "lifetime": 20]],
            ["id": "boiler-\(id)", "legs": ["gas": -1, "heat-\(id)": 0.9], "capacity": 50, "cost": 1],
            ["id": "heat-pump-\(id)", "legs": ["elec-\(id)": -1, "heat-\(id)": 3], "expansion": ["cost": 360, "lifetime": 15]],
        ] }
        network["stores"] = ids.map { ["id": "tank-\($0)", "bus": "heat-\($0)", "capacity": 200, "standingLoss": 0.001] }
        network["transport"] = [["id": "pipe", "carrier": "heat", "routes": (0..<locations).map { ["from": ids[$0], "to": ids[($0 + 1) % locations]] },
                                 "bidirectional": true, "loss": 0.05, "capacity": 30, "costPerKm": 0.5]]
        // Demands per period and snapshot: a daily shape with noise, growing 3 % a period.
        var power = "period,snapshot," + ids.map { "power-\($0)" }.joined(separator: ",") + "\n"
        var heat = "period,snapshot," + ids.map { "heat-\($0)" }.joined(separator: ",") + "\n"
        for p in 0..<periods {
            for t in 0..<snapshots {
                let shape = 1 + 0.3 * sin(Double(t) / Double(snapshots) * 2 * .pi * 30)
                let growth = pow(1.03, Double(p))
                power += "p\(p),t\(t)," + ids.map { _ in String(format: "%.3f", 20 * shape * growth * Double.random(in: 0.8...1.2, using: &random)) }.joined(separator: ",") + "\n"
                heat += "p\(p),t\(t)," + ids.map { _ in String(format: "%.3f", 40 * (2 - shape) * growth * Double.random(in: 0.8...1.2, using: &random)) }.joined(separator: ",") + "\n"
            }
        }
        try power.write(toFile: folder + "/power.csv", atomically: true, encoding: .utf8)
        try heat.write(toFile: folder + "/heat.csv", atomically: true, encoding: .utf8)
        network["demands"] = ids.flatMap { [["id": "power-\($0)", "bus": "elec-\($0)", "amount": "power.csv"], ["id": "heat-\($0)", "bus": "heat-\($0)", "amount": "heat.csv"]] }
        let path = folder + "/network.json"
        try JSONSerialization.data(withJSONObject: network, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
        return path
    }
}
