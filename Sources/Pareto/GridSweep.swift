import Foundation
import LPModel
import Synchronization

/// Sweeps a front with the algorithm the options name (``ParetoOptions/Method``): the entry
/// point callers use.
public enum ParetoSweep {
    /// Sweeps `objectives` (model objective indexes; the first is minimised, the others
    /// constrained) of `model` with solvers from `makeBackend`, by `options.method`'s algorithm
    /// (`auto` resolved for this model: ``ParetoOptions/Method/resolved(for:objectives:)``).
    public static func run(
        model: LinearModel, objectives: [Int], options: ParetoOptions,
        makeBackend: @escaping () -> any SolverBackend,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(ParetoError) -> ParetoResult {
        let method = options.method.resolved(for: model, objectives: objectives.count)
        var result = try method.algorithm.front(of: model, objectives: objectives, options: options, makeBackend: makeBackend, progress: progress)
        result.method = method
        return result
    }
}

/// The epsilon-constraint grid against any ``SolverBackend``, plain or augmented (AUGMECON2).
///
/// The model gets one row per swept objective, `f_k(x) + s_k` (with a slack `s_k >= 0` for the
/// constrained objectives), free at first. The payoff table fixes these rows lexicographically;
/// the grid then fixes each constrained row at its epsilon and minimises
/// `f_1 - delta * sum_k 10^-(k-2) s_k / range_k` (augmented) or `f_1` (plain). Only row bounds
/// change between grid points, so every grid solve starts from the previous basis.
enum GridSweep {
    static func run(
        model: LinearModel, objectives: [Int], options: ParetoOptions, augmented: Bool,
        makeBackend: @escaping () -> any SolverBackend,
        progress: ((_ done: Int, _ total: Int) -> Void)?
    ) throws(ParetoError) -> ParetoResult {
        guard Set(objectives).count == objectives.count, objectives.count >= 2 else { throw .needsTwoObjectives }
        guard options.points >= 2 && options.points <= ParetoLimits.maximumPoints else { throw .invalidPoints(options.points) }
        let gridPoints = pow(Double(options.points), Double(objectives.count - 1))
        let bytes = gridPoints * Double(model.columnCount) * 8
        guard gridPoints <= Double(ParetoLimits.maximumGridPoints) && bytes <= Double(ParetoLimits.maximumDecisionBytes) else {
            throw .tooLarge(gridPoints: gridPoints, bytes: bytes)
        }
        for index in objectives where index < 0 || index >= model.objectives.count { throw .unknownObjective(index) }
        var sweep = Sweep(model: model, objectives: objectives, options: options, augmented: augmented, makeBackend: makeBackend, progress: progress)
        return try ParetoError.mapping { try sweep.run() }
    }
}

/// The state of one sweep.
struct Sweep {
    let original: LinearModel
    let objectives: [Int]
    let options: ParetoOptions
    /// AUGMECON2's slack term and bypass, or the plain epsilon-constraint method.
    let usesSlacks: Bool
    let progress: ((Int, Int) -> Void)?

    var extended: LinearModel
    var rows: [Constraint] = []
    var slacks: [Variable?] = []
    var augmentedIndex = 0
    var backend: any SolverBackend
    let makeBackend: () -> any SolverBackend
    var tally = SolveTally()
    let clock = ContinuousClock()

    init(model: LinearModel, objectives: [Int], options: ParetoOptions, augmented: Bool, makeBackend: @escaping () -> any SolverBackend,
         progress: ((Int, Int) -> Void)?) {
        original = model
        self.objectives = objectives
        self.options = options
        usesSlacks = augmented
        self.progress = progress
        extended = model
        self.makeBackend = makeBackend
        backend = makeBackend()
        for (position, index) in objectives.enumerated() {
            let objective = model.objectives[index]
            let slack = position > 0 ? extended.addVariable(name: "pareto_slack_\(position)") : nil
            let row = extended.addRow(of: objective, name: "pareto_objective_\(position)")
            if let slack { extended.addTerm(row, slack, 1) }
            rows.append(row)
            slacks.append(slack)
        }
        augmentedIndex = extended.addObjective("pareto_augmented", [])
    }

    mutating func solve(cold: Bool = false) throws -> SolveResult {
        try tally.solve(backend, options.solve, cold: cold)
    }

    /// Sets the bounds of the row of swept objective `position`.
    mutating func setRow(_ position: Int, lower: Double, upper: Double) throws {
        try backend.setRowBounds(rows[position], lower: lower, upper: upper)
    }

    mutating func activate(_ index: Int) throws {
        try backend.setActiveObjective(index)
    }

    /// The payoff table, the lexicographic optimum of each row (as points of the front), and
    /// each objective's own optimum (the first step of its row, which its grid's tightest
    /// epsilon must equal so that the grid's end point is the payoff row's point).
    mutating func payoffTable() throws -> ([[Double]], [ParetoPoint], [Double]) {
        var table: [[Double]] = []
        var optima: [ParetoPoint] = []
        var own: [Double] = []
        for position in objectives.indices {
            var order = [position]
            order += objectives.indices.filter { $0 != position }
            var values = [Double](repeating: 0, count: objectives.count)
            for (step, current) in order.enumerated() {
                try activate(objectives[current])
                // Payoff solves start from scratch, with presolve: each changes the objective or fixes a
                // dense objective row, where re-solving from the previous basis was measured 15-40x
                // slower (40 x 20 x 6 supply chain: 1.75 s warm against 0.12 s cold).
                let result = try solve(cold: true)
                guard result.isOptimal else {
                    throw ParetoError.payoff(original.objectives[objectives[current]].name, result)
                }
                let value = result.objectiveValues[objectives[current]]
                values[current] = value
                if step == 0 { own.append(value) }
                if step < order.count - 1 {
                    // Fixed at its optimum exactly: the solver's own feasibility tolerance (GLPK's
                    // tol_bnd, 1e-7 relative) keeps this feasible, and an added margin let the next
                    // step buy a little of this objective for the other (1e-7 t of a second supplier).
                    try setRow(current, lower: -.infinity, upper: value)
                } else {
                    values = objectives.map { result.objectiveValues[$0] }
                    optima.append(ParetoPoint(objectiveValues: Array(result.objectiveValues.prefix(original.objectives.count)),
                                              epsilon: Array(values.dropFirst()), status: result.termination,
                                              primal: Array(result.primal.prefix(original.columnCount)), payoffRow: position))
                }
            }
            for row in objectives.indices { try setRow(row, lower: -.infinity, upper: .infinity) }
            table.append(values)
        }
        return (table, optima, own)
    }

    mutating func run() throws -> ParetoResult {
        let start = clock.now
        try backend.load(extended)
        let (payoff, optima, best) = try payoffTable()
        let count = objectives.count
        let worst = (0..<count).map { column in payoff.map { $0[column] }.max()! }
        let ranges = (0..<count).map { max(0, worst[$0] - best[$0]) }
        // The augmented objective: f_1 - delta * sum 10^-(k-2) s_k / range_k.
        var augmented = original.objectives[objectives[0]]
        augmented.name = "pareto_augmented"
        if usesSlacks {
            for position in 1..<count where ranges[position] > 0 {
                let weight = -options.delta * pow10(-(position - 1)) / ranges[position]
                augmented.variables.append(slacks[position]!.index)
                augmented.coefficients.append(weight)
            }
        }
        try backend.setObjective(augmentedIndex, augmented)
        try activate(augmentedIndex)
        let setting = GridSetting(worst: worst, ranges: ranges, start: start, total: Grid(points: options.points, constrained: count - 1).total)
        let payoffTally = tally

        // Contiguous blocks of the outermost constrained objective's epsilons, one warm backend
        // each (the first is this sweep's, warm from the payoff table).
        let blocks = Grid.blocks(points: options.points, count: max(1, options.jobs))
        var outcomes: [GridOutcome]
        if blocks.count == 1 {
            outcomes = [try sweepGrid(Grid(points: options.points, constrained: count - 1, outer: blocks[0]), setting, progress: progress)]
        } else {
            outcomes = try sweepInParallel(blocks, setting, augmented: augmented)
        }
        let found = outcomes.flatMap(\.found)
        // The lexicographic optima are efficient and are the front's end points: they join the
        // grid's points and win over grid points that duplicate them, so the end points are
        // exactly what the payoff table reports.
        let (points, duplicates, dominated) = Self.filter(optima + found, objectives: objectives, ranges: ranges)
        return ParetoResult(objectives: objectives, payoff: payoff, payoffPoints: optima, points: points, solves: payoffTally.solves + outcomes.reduce(0) { $0 + $1.tally.solves },
                            bypassed: outcomes.reduce(0) { $0 + $1.bypassed }, skippedAfterInfeasible: outcomes.reduce(0) { $0 + $1.skipped },
                            duplicates: duplicates, dominated: dominated, seconds: (clock.now - start).inSeconds,
                            solverSeconds: payoffTally.seconds + outcomes.reduce(0) { $0 + $1.tally.seconds },
                            stoppedAtTimeLimit: outcomes.reduce(0) { $0 + $1.stopped })
    }

    /// The blocks after the first on their own threads, each with its own backend made, loaded
    /// (the extended model, the augmented objective), used and dropped on that thread (GLPK keeps
    /// its memory per thread); the first block on this sweep's backend, on the calling thread.
    mutating func sweepInParallel(_ blocks: [Range<Int>], _ setting: GridSetting, augmented: Objective) throws -> [GridOutcome] {
        let constrained = objectives.count - 1, points = options.points
        // What a block's sweep is made from, without this sweep's backend: a backend released on
        // another thread than the one that made it would free GLPK memory in the wrong environment.
        let shared = ParallelBlocks(model: original, objectives: objectives, options: options, augmented: usesSlacks, makeBackend: makeBackend)
        let finished = DispatchSemaphore(value: 0)
        for block in blocks.indices.dropFirst() {
            let thread = Thread {
                shared.run(block) { sweep in
                    try sweep.backend.load(sweep.extended)
                    try sweep.backend.setObjective(sweep.augmentedIndex, augmented)
                    try sweep.activate(sweep.augmentedIndex)
                    return try sweep.sweepGrid(Grid(points: points, constrained: constrained, outer: blocks[block]), setting, progress: nil)
                }
                finished.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        let first = Result { try sweepGrid(Grid(points: points, constrained: constrained, outer: blocks[0]), setting, progress: nil) }
        for _ in blocks.indices.dropFirst() { finished.wait() }
        return [try first.get()] + (try shared.outcomes().dropFirst())
    }

    /// The grid points of `grid`, solved in order, warm; with bypass (AUGMECON2) and early exit.
    mutating func sweepGrid(_ start: Grid, _ setting: GridSetting, progress: ((Int, Int) -> Void)?) throws -> GridOutcome {
        var grid = start
        let count = objectives.count
        var outcome = GridOutcome()
        let before = tally
        var done = 0
        while let indexes = grid.current {
            if options.shouldStop?() == true || options.totalTimeLimit.map({ (clock.now - setting.start).inSeconds > $0 }) == true {
                outcome.stopped = start.total - done
                break
            }
            // Epsilon from the worst value (loosest) towards the best, per constrained objective.
            let epsilon = (1..<count).map { position -> Double in
                let step = setting.ranges[position] / Double(options.points - 1)
                return setting.worst[position] - Double(indexes[position - 1]) * step
            }
            for position in 1..<count { try setRow(position, lower: epsilon[position - 1], upper: epsilon[position - 1]) }
            let result = try solve()
            done += 1
            if result.primalStatus != .feasiblePoint {
                // Tighter epsilons of the innermost objective are infeasible too.
                let left = grid.skipInnermost()
                outcome.skipped += left
                done += left
                progress?(done, setting.total)
                continue
            }
            outcome.found.append(ParetoPoint(objectiveValues: result.objectiveValues.prefix(original.objectives.count).map { $0 },
                                             epsilon: epsilon, status: result.termination,
                                             primal: Array(result.primal.prefix(original.columnCount)),
                                             price: localPrice(result, ranges: setting.ranges)))
            var jump = 0
            if usesSlacks, let slack = slacks[1], setting.ranges[1] > 0 {
                let step = setting.ranges[1] / Double(options.points - 1)
                jump = Int((result.primal[Int(slack.index)] / step + 1e-9).rounded(.down))
            }
            let passed = grid.advance(bypassing: jump)
            outcome.bypassed += passed
            done += passed
            progress?(done, setting.total)
        }
        outcome.tally = SolveTally(solves: tally.solves - before.solves, seconds: tally.seconds - before.seconds)
        return outcome
    }

    /// The local trade-off price at a two-objective LP grid point: minus the dual of the epsilon
    /// row (duals are d objective / d bound, so tightening the bound by one raises the first
    /// objective by this much). 0 where the row is slack, or where the dual is only the
    /// augmentation's own weight delta / range; nil without duals (a MILP) or with more objectives.
    func localPrice(_ result: SolveResult, ranges: [Double]) -> Double? {
        guard objectives.count == 2, !result.rowDuals.isEmpty, ranges[1] > 0 else { return nil }
        if usesSlacks, let slack = slacks[1], result.primal[Int(slack.index)] > 1e-9 * max(1, ranges[1]) { return 0 }
        let price = -result.rowDuals[Int(rows[1].index)]
        let augmentation = usesSlacks ? options.delta / ranges[1] : 0
        return price <= augmentation * (1 + 1e-6) + 1e-12 ? 0 : price
    }

    func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<abs(exponent) { value *= 10 }
        return exponent < 0 ? 1 / value : value
    }

    /// Collapses duplicates and drops dominated points (both within a tolerance relative to
    /// each objective's range); orders by the objectives.
    static func filter(_ points: [ParetoPoint], objectives: [Int], ranges: [Double]) -> ([ParetoPoint], Int, Int) {
        let tolerance = ranges.map { max($0, 1) * 1e-7 }
        func values(_ point: ParetoPoint) -> [Double] { objectives.map { point.objectiveValues[$0] } }
        let sorted = points.sorted { values($0).lexicographicallyPrecedes(values($1)) }
        var unique: [ParetoPoint] = []
        var duplicates = 0
        for point in sorted {
            if let last = unique.last, zip(zip(values(last), values(point)), tolerance).allSatisfy({ abs($0.0 - $0.1) <= $1 }) {
                duplicates += 1
                if point.payoffRow != nil && last.payoffRow == nil { unique[unique.count - 1] = point }
            } else {
                unique.append(point)
            }
        }
        var kept: [ParetoPoint] = []
        var dominated = 0
        for point in unique {
            let mine = values(point)
            let beaten = unique.contains { other in
                let theirs = values(other)
                let noWorse = zip(zip(theirs, mine), tolerance).allSatisfy { $0.0 <= $0.1 + $1 }
                let better = zip(zip(theirs, mine), tolerance).contains { $0.0 < $0.1 - $1 }
                return noWorse && better
            }
            if beaten { dominated += 1 } else { kept.append(point) }
        }
        return (kept, duplicates, dominated)
    }
}

/// What every block of a grid shares: the loosest epsilons, the ranges, the start time, the size.
struct GridSetting {
    var worst: [Double]
    var ranges: [Double]
    var start: ContinuousClock.Instant
    var total: Int
}

/// What one block of a grid found.
struct GridOutcome {
    var found: [ParetoPoint] = []
    var bypassed = 0, skipped = 0, stopped = 0
    /// This block's solves alone.
    var tally = SolveTally()
}

/// The blocks of a parallel grid: each thread makes its own sweep (and so its own backend, made,
/// used and released on that thread) from what is kept here, and keeps its outcome or error.
final class ParallelBlocks: @unchecked Sendable {
    private let model: LinearModel
    private let objectives: [Int]
    private let options: ParetoOptions
    private let augmented: Bool
    private let makeBackend: () -> any SolverBackend
    private let results: Mutex<[Int: Result<GridOutcome, any Error>]> = Mutex([:])

    init(model: LinearModel, objectives: [Int], options: ParetoOptions, augmented: Bool, makeBackend: @escaping () -> any SolverBackend) {
        (self.model, self.objectives, self.options, self.augmented, self.makeBackend) = (model, objectives, options, augmented, makeBackend)
    }

    /// Runs `body` on a new sweep for block `index`, on the calling thread (once per index).
    func run(_ index: Int, _ body: (inout Sweep) throws -> GridOutcome) {
        let result = Result { () throws -> GridOutcome in
            var sweep = Sweep(model: model, objectives: objectives, options: options, augmented: augmented, makeBackend: makeBackend, progress: nil)
            return try body(&sweep)
        }
        results.withLock { $0[index] = result }
    }

    /// Every block's outcome in block order (the first, run elsewhere, as an empty one), or the first error.
    func outcomes() throws -> [GridOutcome] {
        let all = results.withLock { $0 }
        return try (0...(all.keys.max() ?? 0)).map { try all[$0]?.get() ?? GridOutcome() }
    }
}

/// The grid of epsilon indexes, innermost (first constrained objective) fastest; the outermost
/// index may be limited to a block (`outer`) so that blocks of one grid run side by side.
struct Grid {
    let points: Int
    /// The outermost index's range (all points unless this is a block).
    let outer: Range<Int>
    private(set) var current: [Int]?

    init(points: Int, constrained: Int, outer: Range<Int>? = nil) {
        self.points = points
        self.outer = outer ?? 0..<points
        var start = Array(repeating: 0, count: constrained)
        if constrained > 0 { start[constrained - 1] = self.outer.lowerBound }
        current = self.outer.isEmpty ? nil : start
    }

    /// `count` contiguous blocks of `0..<points` as even as possible (fewer when points are few).
    static func blocks(points: Int, count: Int) -> [Range<Int>] {
        let count = max(1, min(count, points))
        return (0..<count).map { k in (k * points / count)..<((k + 1) * points / count) }
    }

    /// Upper bound of index `position` (the outermost is limited to the block).
    private func limit(_ position: Int, of count: Int) -> Int { position == count - 1 ? outer.upperBound : points }

    var total: Int {
        guard let count = current?.count, count > 0 else { return 1 }
        return (0..<count).reduce(1) { result, position in result * (position == count - 1 ? outer.count : points) }
    }

    /// Moves past `bypass` extra innermost points; returns how many were skipped.
    mutating func advance(bypassing bypass: Int) -> Int {
        guard var indexes = current else { return 0 }
        let end = limit(0, of: indexes.count)
        let target = indexes[0] + 1 + bypass
        let skipped = min(bypass, max(0, end - indexes[0] - 1))
        if target < end {
            indexes[0] = target
            current = indexes
            return skipped
        }
        indexes[0] = end
        current = indexes
        carry()
        return skipped
    }

    /// Skips the rest of the innermost loop; returns how many points that was.
    mutating func skipInnermost() -> Int {
        guard var indexes = current else { return 0 }
        let end = limit(0, of: indexes.count)
        let left = end - indexes[0] - 1
        indexes[0] = end
        current = indexes
        carry()
        return left
    }

    private mutating func carry() {
        guard var indexes = current else { return }
        var position = 0
        while position < indexes.count && indexes[position] >= limit(position, of: indexes.count) {
            indexes[position] = 0
            position += 1
            if position == indexes.count {
                current = nil
                return
            }
            indexes[position] += 1
        }
        current = indexes
    }
}
