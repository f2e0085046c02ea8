import ArgumentParser
import LPModel

/// Benchmarks that print tables (never timing assertions in tests). Build in release:
/// `swift build -c release --product lcaopt-bench && .build/release/lcaopt-bench lp`.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lcaopt-bench",
        abstract: "lcaopt benchmarks: each prints a table of measured times.",
        subcommands: [TransportLPBench.self, LCIABench.self, SupplyChainBench.self, BatchBench.self, MOLABench.self, NetworkBench.self, UncertaintyBench.self])
}

/// A seeded generator (SplitMix64) so every run builds the same data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Seconds taken by `body`, and its result.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    return (value, (clock.now - start).inSeconds)
}

/// Prints rows as an aligned table.
func printTable(_ header: [String], _ rows: [[String]]) {
    var widths = header.map(\.count)
    for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            index == 0 ? cell.padding(widths[index]) : String(repeating: " ", count: widths[index] - cell.count) + cell
        }.joined(separator: "  ")
    }
    print(line(header))
    print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for row in rows { print(line(row)) }
}

func format(_ seconds: Double) -> String {
    seconds < 0.01 ? String(format: "%.2f ms", seconds * 1000) : String(format: "%.3f s", seconds)
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A backend that loads a fresh solver for every solve and solves it from scratch: what a loop
/// that rebuilds its model per point costs (as Pyomo scripts do), for comparison with warm sweeps.
final class ReloadingBackend: SolverBackend {
    private let make: () -> any SolverBackend
    private var model = LinearModel()

    init(_ make: @escaping () -> any SolverBackend) { self.make = make }

    func load(_ model: LinearModel) throws(LPModelError) { self.model = model }
    func setRowBounds(_ constraint: Constraint, lower: Double, upper: Double) throws(LPModelError) {
        model.setBounds(constraint, lower: lower, upper: upper)
    }
    func setColumnBounds(_ variable: Variable, lower: Double, upper: Double) throws(LPModelError) {
        model.setBounds(variable, lower: lower, upper: upper)
    }
    func setActiveObjective(_ index: Int) throws(LPModelError) { model.activeObjective = index }
    func setObjective(_ index: Int, _ objective: Objective) throws(LPModelError) { model.replaceObjective(index, with: objective) }
    func solve(_ options: SolveOptions) throws(LPModelError) -> SolveResult {
        let solver = make()
        try solver.load(model)
        var cold = options
        cold.forceCold = true
        return try solver.solve(cold)
    }
}
