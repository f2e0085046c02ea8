import LPModel

/// The exact front of two objectives of an LP by dichotomic search (Aneja & Nair 1979; the
/// `Dichotomy` of MultiObjectiveAlgorithms.jl): the front of a bi-objective LP is a convex
/// piecewise-linear curve through finitely many corners, and minimising `w1 f1 + w2 f2` with
/// `(w1, w2)` normal to the segment between two known corners either finds a corner strictly
/// below that segment or proves the segment an edge of the front.
///
/// The end points are lexicographic optima (each objective minimised, then the other with it
/// fixed), so no weakly dominated corner is returned. A point on the segment up to a tolerance
/// of 1e-9 of the objectives' scale is not a new corner (degenerate vertices add no solves). Every
/// weighted solve starts from the previous basis: only the weighted objective changes. For k
/// corners it takes the 4 end-point solves and 2k - 3 weighted ones (k - 2 corners found, k - 1
/// edges confirmed). With integer columns the corners are the supported points only.
public struct ExactFront: FrontAlgorithm {
    public var name: String { "exact" }
    public init() {}

    public func front(of model: LinearModel, objectives: [Int], options: ParetoOptions, makeBackend: @escaping () -> any SolverBackend,
                      progress: ((Int, Int) -> Void)?) throws(ParetoError) -> ParetoResult {
        guard objectives.count == 2, objectives[0] != objectives[1] else { throw .exactNeedsTwoObjectives(objectives.count) }
        for index in objectives where index < 0 || index >= model.objectives.count { throw .unknownObjective(index) }
        if let spaced = options.spacedPoints {
            guard !model.hasIntegerColumns else { throw .spacedPointsNeedAnLP }
            guard spaced >= 2 && spaced <= ParetoLimits.maximumPoints else { throw .invalidPoints(spaced) }
        }
        var search = Dichotomy(model: model, objectives: objectives, options: options, backend: makeBackend())
        return try ParetoError.mapping { try search.run(progress: progress) }
    }
}

/// The state of one dichotomic search.
private struct Dichotomy {
    let original: LinearModel
    let objectives: [Int]
    let options: ParetoOptions
    let backend: any SolverBackend
    var extended: LinearModel
    /// Rows holding f1 and f2, free except while a lexicographic end point fixes one.
    var rows: [Constraint] = []
    /// The objective slot of `w1 f1 + w2 f2`.
    var weighted = 0
    var tally = SolveTally()
    let clock = ContinuousClock()

    init(model: LinearModel, objectives: [Int], options: ParetoOptions, backend: any SolverBackend) {
        original = model
        self.objectives = objectives
        self.options = options
        self.backend = backend
        extended = model
        for (position, index) in objectives.enumerated() {
            rows.append(extended.addRow(of: model.objectives[index], name: "pareto_objective_\(position)"))
        }
        weighted = extended.addObjective("pareto_weighted", [])
    }

    mutating func solve(cold: Bool) throws -> SolveResult {
        try tally.solve(backend, options.solve, cold: cold)
    }

    /// The point of `result`: the original model's objectives and columns.
    func point(_ result: SolveResult, payoffRow: Int? = nil) -> ParetoPoint {
        let values = Array(result.objectiveValues.prefix(original.objectives.count))
        return ParetoPoint(objectiveValues: values, epsilon: [values[objectives[1]]], status: result.termination,
                           primal: Array(result.primal.prefix(original.columnCount)), payoffRow: payoffRow)
    }

    /// The lexicographic optimum of objective `first` (position 0 or 1), then the other.
    mutating func endPoint(_ first: Int) throws -> ParetoPoint {
        let second = 1 - first
        try backend.setActiveObjective(objectives[first])
        // Cold, with presolve: a change of objective re-solved warm was measured slower (GridSweep).
        let own = try solve(cold: true)
        guard own.isOptimal else {
            throw ParetoError.payoff(original.objectives[objectives[first]].name, own)
        }
        try backend.setRowBounds(rows[first], lower: -.infinity, upper: own.objectiveValues[objectives[first]])
        try backend.setActiveObjective(objectives[second])
        let result = try solve(cold: true)
        guard result.isOptimal else {
            throw ParetoError.payoff(original.objectives[objectives[second]].name, result)
        }
        try backend.setRowBounds(rows[first], lower: -.infinity, upper: .infinity)
        return point(result, payoffRow: first)
    }

    /// Minimises `w1 f1 + w2 f2`, warm.
    mutating func weightedOptimum(_ w1: Double, _ w2: Double) throws -> ParetoPoint? {
        var terms: [Int32: Double] = [:]
        for (position, weight) in [(0, w1), (1, w2)] {
            let objective = original.objectives[objectives[position]]
            for (offset, column) in objective.variables.enumerated() { terms[column, default: 0] += weight * objective.coefficients[offset] }
        }
        let columns = terms.keys.sorted()
        try backend.setObjective(weighted, Objective(name: "pareto_weighted", variables: columns, coefficients: columns.map { terms[$0]! }))
        try backend.setActiveObjective(weighted)
        let result = try solve(cold: false)
        return result.isOptimal ? point(result) : nil
    }

    mutating func run(progress: ((Int, Int) -> Void)?) throws -> ParetoResult {
        let start = clock.now
        try backend.load(extended)
        let a = try endPoint(0), b = try endPoint(1)
        let (first, second) = (objectives[0], objectives[1])
        let f = { (p: ParetoPoint) in (p.objectiveValues[first], p.objectiveValues[second]) }
        let (a1, a2) = f(a), (b1, b2) = f(b)
        let payoff = [[a1, a2], [b1, b2]]
        let scale = max(1, abs(a1), abs(a2), abs(b1), abs(b2))
        var corners = [a]
        var stopped = 0
        if abs(a1 - b1) > 1e-9 * scale || abs(a2 - b2) > 1e-9 * scale {
            // Segments still to test, as (left, right) corners in order of f1; found corners join between them.
            var pending = [(a, b)]
            var found: [ParetoPoint] = [b]
            while let (left, right) = pending.popLast() {
                if options.shouldStop?() == true || options.totalTimeLimit.map({ (clock.now - start).inSeconds > $0 }) == true {
                    stopped = pending.count + 1
                    break
                }
                let (l1, l2) = f(left), (r1, r2) = f(right)
                let w1 = l2 - r2, w2 = r1 - l1  // normal to the segment, both positive
                guard w1 > 0, w2 > 0, let middle = try weightedOptimum(w1, w2) else { continue }
                let (m1, m2) = f(middle)
                let onSegment = w1 * l1 + w2 * l2
                // Strictly below the segment's line: a new corner; else the segment is an edge.
                if w1 * m1 + w2 * m2 < onSegment - 1e-9 * (w1 + w2) * scale {
                    found.append(middle)
                    pending.append((middle, right))
                    pending.append((left, middle))
                }
                progress?(found.count + 1, found.count + 1 + pending.count)
            }
            corners += found
        }
        corners.sort { f($0).0 < f($1).0 }
        let points = options.spacedPoints.map { ExactFront.evenlySpaced($0, along: corners, objectives: (first, second)) } ?? corners
        var result = ParetoResult(objectives: objectives, payoff: payoff, payoffPoints: [a, b], points: points, solves: tally.solves, bypassed: 0,
                                  skippedAfterInfeasible: 0, duplicates: 0, dominated: 0, seconds: (clock.now - start).inSeconds,
                                  solverSeconds: tally.seconds, stoppedAtTimeLimit: stopped)
        result.method = .exact
        result.corners = corners
        return result
    }

}

extension ExactFront {
    /// `count` points evenly spaced along the piecewise-linear front through `corners` (by
    /// length, each objective divided by its range), each the convex combination
    /// `(1 - t) x_a + t x_b` of its edge's corners: feasible for an LP, and on the front, with
    /// objective values that are the same combination (objectives are linear). Both ends are corners.
    public static func evenlySpaced(_ count: Int, along corners: [ParetoPoint], objectives: (Int, Int)) -> [ParetoPoint] {
        guard corners.count > 1 else { return corners }
        let (i, j) = objectives
        let range1 = max(abs(corners.last!.objectiveValues[i] - corners[0].objectiveValues[i]), 1e-300)
        let range2 = max(abs(corners[0].objectiveValues[j] - corners.last!.objectiveValues[j]), 1e-300)
        let lengths = zip(corners, corners.dropFirst()).map { a, b in
            ((b.objectiveValues[i] - a.objectiveValues[i]) / range1, (b.objectiveValues[j] - a.objectiveValues[j]) / range2)
        }.map { ($0.0 * $0.0 + $0.1 * $0.1).squareRoot() }
        let total = lengths.reduce(0, +)
        var points: [ParetoPoint] = []
        var edge = 0, before = 0.0  // the edge holding the target, and the length before it
        for k in 0..<count {
            let target = total * Double(k) / Double(count - 1)
            while edge < lengths.count - 1 && before + lengths[edge] < target { before += lengths[edge]; edge += 1 }
            let t = lengths[edge] > 0 ? min(1, max(0, (target - before) / lengths[edge])) : 0
            let (a, b) = (corners[edge], corners[edge + 1])
            func mix(_ x: [Double], _ y: [Double]) -> [Double] { zip(x, y).map { (1 - t) * $0 + t * $1 } }
            let values = mix(a.objectiveValues, b.objectiveValues)
            points.append(ParetoPoint(objectiveValues: values, epsilon: [values[j]], status: .optimal, primal: mix(a.primal, b.primal)))
        }
        return points
    }
}
