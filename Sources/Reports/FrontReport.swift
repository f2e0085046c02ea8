import Foundation
import LPModel
import InputSchema
import Pareto
import ModelFamily

/// A Pareto front of a model of any family, in the model's terms (each point's decision is the
/// family's): what `lcaopt pareto --json` prints and `front.json` holds.
public struct FrontReport<Decision: Codable & Sendable & Equatable>: Sendable, Codable {
    public struct Point: Sendable, Codable {
        /// Every objective of the model at this point.
        public var objectives: [String: Double]
        /// The epsilon of each constrained objective.
        public var epsilon: [String: Double]
        public var status: String
        /// The non-zero decisions (absent when not asked for).
        public var decision: Decision?
        /// The trade-off price at this point, in ``FrontReport/priceUnit``: the first objective's
        /// increase per unit the second decreases, along the edge to the next point of an exact
        /// front, or locally (the epsilon row's dual) at a grid point of a two-objective LP; nil at
        /// an exact front's last point, at the grid's end points and for MILPs.
        public var price: Double?
        /// The point's column values, noise cleaned (not encoded: what pages and breakdowns are made from).
        public var primal: [Double]?

        enum CodingKeys: String, CodingKey { case objectives, epsilon, status, decision, price }

        public init(objectives: [String: Double], epsilon: [String: Double], status: String, decision: Decision? = nil, price: Double? = nil,
                    primal: [Double]? = nil) {
            (self.objectives, self.epsilon, self.status, self.decision, self.price, self.primal) = (objectives, epsilon, status, decision, price, primal)
        }
    }

    public var model: String
    /// The swept objectives, the first one minimised.
    public var objectives: [String]
    public var units: [String: String]
    /// Row k: the swept objectives at the lexicographic optimum of objective k.
    public var payoff: [[Double]]
    public var points: [Point]
    public var solves: Int
    public var bypassed: Int
    public var skippedAfterInfeasible: Int
    public var duplicates: Int
    public var dominated: Int
    public var seconds: Double
    public var solverSeconds: Double
    public var method: String
    /// The database, impact scope, categories and tolerance the numbers come with.
    public var context: ResultContext
    /// Why the front has the shape it has, when that needs saying (one point: no conflict).
    public var notes: [String]
    /// The edges of an exact front with their trade-off prices and what changes (nil for grids).
    public var edges: [FrontEdge]?

    /// The unit of trade-off prices: the first objective's per the second's (`USD per kg CO2-Eq`;
    /// empty when both are unitless, as the rows of an LP file).
    public var priceUnit: String {
        guard objectives.count > 1 else { return "" }
        let (a, b) = (units[objectives[0]] ?? "", units[objectives[1]] ?? "")
        return a.isEmpty && b.isEmpty ? "" : "\(a.isEmpty ? "1" : a) per \(b.isEmpty ? "1" : b)"
    }

    /// `name [unit]`, or the name alone without a unit.
    public static func labelled(_ name: String, _ unit: String?) -> String {
        (unit ?? "").isEmpty ? name : "\(name) [\(unit!)]"
    }
}

extension FrontReport {
    /// Sweeps `objectives` (ids: cost, indicator ids, weighted) of `problem` on backends made
    /// by `makeBackend` (the solver is chosen by the caller, once: the CLI's `--solver`).
    public static func sweep<Problem: FamilyProblem>(_ problem: Problem, objectives names: [String], makeBackend: @escaping () -> any SolverBackend,
                                                     options: ParetoOptions, decisions: Bool = true,
                                                     progress: ((Int, Int) -> Void)? = nil) throws -> FrontReport where Problem.Decision == Decision {
        let indexes = try names.map { name -> Int in
            guard let index = problem.objectiveIndex[name] else {
                throw ModelError(file: problem.context.model, issues: [ModelIssue("objectives", "unknown objective '\(name)'",
                                                                                  hint: "use \(problem.objectiveNames.joined(separator: ", "))")])
            }
            return index
        }
        let result = try ParetoSweep.run(model: problem.model, objectives: indexes, options: options,
                                         makeBackend: makeBackend, progress: progress)
        return FrontReport(problem: problem, result: result, names: names, method: result.method.rawValue, decisions: decisions)
    }

    public init<Problem: FamilyProblem>(problem: Problem, result: ParetoResult, names: [String], method: String, decisions: Bool)
    where Problem.Decision == Decision {
        model = problem.context.model
        objectives = names
        var units: [String: String] = [:]
        for (index, name) in problem.objectiveNames.enumerated() { units[name] = problem.model.objectives[index].unit ?? "" }
        self.units = units
        // Objectives recomputed from noise-free column values (FamilyProblem.cleaned), the
        // payoff rows from the same end points the front shows.
        payoff = result.payoffPoints.map { point in
            let values = problem.cleaned(primal: point.primal).objectiveValues
            return result.objectives.map { values[$0] }
        }
        context = problem.context
        points = result.points.map { point in
            let clean = problem.cleaned(primal: point.primal)
            var values: [String: Double] = [:]
            for (index, name) in problem.objectiveNames.enumerated() { values[name] = clean.objectiveValues[index] }
            var epsilon: [String: Double] = [:]
            for (position, name) in names.dropFirst().enumerated() { epsilon[name] = point.epsilon[position] }
            return Point(objectives: values, epsilon: epsilon, status: point.status.rawValue,
                         decision: decisions ? problem.decision(primal: clean.primal) : nil, price: point.price, primal: clean.primal)
        }
        if result.method == .exact && !result.corners.isEmpty && names.count == 2 {
            let edges = FrontEdge.edges(of: result.corners, problem: problem, names: names, units: units, numbered: result.corners.count == result.points.count)
            self.edges = edges
            // Each point's price: that of the edge it starts on (a spaced point lies on one edge).
            for index in points.indices.dropLast() {
                let value = points[index].objectives[names[0]] ?? 0
                points[index].price = (edges.first { ($0.end[names[0]] ?? 0) > value + 1e-12 * max(1, abs(value)) } ?? edges.last)?.price
            }
        }
        solves = result.solves
        bypassed = result.bypassed
        skippedAfterInfeasible = result.skippedAfterInfeasible
        duplicates = result.duplicates
        dominated = result.dominated
        seconds = result.seconds
        solverSeconds = result.solverSeconds
        self.method = method
        notes = []
        if result.stoppedAtTimeLimit > 0 {
            let left = result.method == .exact ? "segments of the front not tested (corners may be missing between the points found)" : "grid points not solved"
            notes.append("stopped at the time limit after \(String(format: "%.1f", result.seconds)) s: \(result.stoppedAtTimeLimit) \(left); the front shows the points found")
        }
        if method == ParetoOptions.Method.exact.rawValue && problem.model.hasIntegerColumns && points.count > 1 {
            notes.append("the model has integer decisions: the exact method finds the supported points (corners of the front's convex hull); the front between them needs the grid (augmecon2)")
        } else if method == ParetoOptions.Method.exact.rawValue && points.count > 1 {
            notes.append("every corner of the front (dichotomic search, \(result.solves) solves): points between two neighbours are exact convex combinations of their decisions")
        }
        if points.count == 1 {
            notes.append("the front is one point: minimising \(names[0]) already gives the least \(names.dropFirst().joined(separator: ", ")) (the objectives do not conflict)")
        }
    }

    /// The same front with each decision as a JSON tree: a value of one type for fronts of every
    /// family (batch results hold fronts of different models side by side).
    public func erased() throws -> FrontReport<JSONValue> {
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return FrontReport<JSONValue>(
            model: model, objectives: objectives, units: units, payoff: payoff,
            points: try points.map { point in
                .init(objectives: point.objectives, epsilon: point.epsilon, status: point.status,
                      decision: try point.decision.map { try decoder.decode(JSONValue.self, from: encoder.encode($0)) }, price: point.price)
            },
            solves: solves, bypassed: bypassed, skippedAfterInfeasible: skippedAfterInfeasible, duplicates: duplicates, dominated: dominated,
            seconds: seconds, solverSeconds: solverSeconds, method: method, context: context, notes: notes, edges: edges)
    }

    /// `front.csv`: `#` lines with the context, then one row per point, every objective (unit in
    /// the header) and each epsilon.
    public func frontCSV(comments: Bool = true) -> String {
        let all = allObjectiveNames
        let prices = edges != nil || points.contains { $0.price != nil }
        var header: [String] = ["point"] + all.map { Self.labelled($0, units[$0]) }
        header += objectives.dropFirst().map { "epsilon \($0)" } + ["status"]
        if prices { header.append(Self.labelled(edges != nil ? "price to next" : "local price", priceUnit)) }
        var lines = [header.map(csvField).joined(separator: ",")]
        for (index, point) in points.enumerated() {
            var row: [String] = ["\(index + 1)"] + all.map { point.objectives[$0].map { "\($0)" } ?? "" }
            row += objectives.dropFirst().map { point.epsilon[$0].map { "\($0)" } ?? "" }
            row.append(point.status)
            if prices { row.append(point.price.map { "\($0)" } ?? "") }
            lines.append(row.map(csvField).joined(separator: ","))
        }
        return (comments ? context.csvComments : "") + lines.joined(separator: "\n") + "\n"
    }

    /// `payoff.csv`: the lexicographic optimum of each objective (rows) in every objective (columns).
    public func payoffCSV() -> String {
        var lines = [(["minimised"] + objectives.map { Self.labelled($0, units[$0]) }).map(csvField).joined(separator: ",")]
        for (index, row) in payoff.enumerated() {
            lines.append(([objectives[index]] + row.map { "\($0)" }).map(csvField).joined(separator: ","))
        }
        return context.csvComments + lines.joined(separator: "\n") + "\n"
    }

    /// The chart of the first two swept objectives: axes labelled with the category names and
    /// units (scaled: t for 10,000 kg and more, kUSD), points numbered as in the tables, the
    /// database and scope in the subtitle.
    public func chart() -> FrontChart {
        let x = objectives[0], y = objectives[1]
        let xs = points.compactMap { $0.objectives[x] }, ys = points.compactMap { $0.objectives[y] }
        let xScale = ScaledUnit.choose(for: xs, unit: units[x] ?? ""), yScale = ScaledUnit.choose(for: ys, unit: units[y] ?? "")
        var chart = FrontChart(title: "Pareto front: \(model)", xLabel: context.label(x, unit: xScale.unit),
                               yLabel: context.label(y, unit: yScale.unit),
                               points: zip(xs, ys).map { ($0 / xScale.divisor, $1 / yScale.divisor) })
        chart.subtitle = "\(context.scope == "system" ? "cradle-to-gate" : "direct") scope · database \(URL(fileURLWithPath: context.database).lastPathComponent)"
            + (points.count == 1 ? " · one point: the objectives do not conflict" : "")
        chart.xName = x == "cost" ? "cost" : context.label(x).components(separatedBy: " [").first ?? x
        chart.yName = y == "cost" ? "cost" : context.label(y).components(separatedBy: " [").first ?? y
        return chart
    }

    /// Writes `front.csv`, `front.json`, `payoff.csv`, `front.svg` (and `mac.svg`, the abatement
    /// curve, for an exact front) and the `extra` files (the explorer page) into `directory`, as
    /// a set (``FileSet``): a kill or a full disk leaves the previous set whole.
    public func write(to directory: String, extra: [(name: String, data: Data)] = []) throws(OutputError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let json: Data
        do { json = try encoder.encode(self) } catch { throw OutputError(path: directory + "/front.json", reason: "\(error)") }
        var files = [("front.csv", Data(frontCSV().utf8)), ("payoff.csv", Data(payoffCSV().utf8)),
                     ("front.svg", Data(chart().svg().utf8)), ("front.json", json)]
        if let abatement = abatementChart() { files.append(("mac.svg", Data(abatement.svg().utf8))) }
        files += extra.map { ($0.name, $0.data) }
        try FileSet.write(files, into: directory)
    }

    /// Swept objectives first, then the others of the model.
    public var allObjectiveNames: [String] {
        objectives + units.keys.filter { !objectives.contains($0) }.sorted()
    }
}
