import Foundation
import LPModel

/// The ``SolverBackend`` on HiGHS (loaded at run time, see ``HiGHSLibrary``): the model is passed
/// row-wise in one call, bounds and costs are edited in place, and a re-solve starts from the
/// kept basis without presolve (a cold solve clears it and presolves). Duals follow the same
/// convention as the GLPK backend: a row's dual is the change of the minimised objective per
/// unit increase of the row's active bound; a reduced cost is the change per unit increase of
/// the column's active bound.
public final class HiGHSSolver: SolverBackend {
    private let library: HiGHSLibrary
    private let highs: UnsafeMutableRawPointer
    private var model: LinearModel?
    private var hasBasis = false

    /// A new HiGHS instance; throws when HiGHS is not installed (the message says how to install it).
    public init() throws(HiGHSUnavailable) {
        let library = try HiGHSLibrary.shared.get()
        guard let highs = library.create() else { throw HiGHSUnavailable(description: "HiGHS could not create a solver instance") }
        self.library = library
        self.highs = highs
        _ = "output_flag".withCString { library.setBoolOptionValue(highs, $0, 0) }
    }

    deinit { library.destroy(highs) }

    /// True when HiGHS can be loaded; otherwise the reason.
    public static var availability: Result<String, HiGHSUnavailable> { HiGHSLibrary.shared.map(\.path) }

    public func load(_ model: LinearModel) throws(LPModelError) {
        try model.validate()
        let matrix = model.compressedRows()
        let objective = model.objectives[model.activeObjective]
        var costs = [Double](repeating: 0, count: model.columnCount)
        for (position, column) in objective.variables.enumerated() { costs[Int(column)] += objective.coefficients[position] }
        let starts = matrix.rowStart.dropLast().map { Int32($0) }
        let integers = model.isInteger.map { Int32($0 ? 1 : 0) }
        let columns = Int32(model.columnCount), rows = Int32(model.rowCount), nonzeros = Int32(matrix.values.count)
        // Arrays pass as pointers to their elements for the length of each call.
        let status = model.hasIntegerColumns
            ? library.passMip(highs, columns, rows, nonzeros, 2, 1, objective.constant, costs, model.columnLower, model.columnUpper,
                              model.rowLower, model.rowUpper, starts, matrix.columns, matrix.values, integers)
            : library.passLp(highs, columns, rows, nonzeros, 2, 1, objective.constant, costs, model.columnLower, model.columnUpper,
                             model.rowLower, model.rowUpper, starts, matrix.columns, matrix.values)
        guard status >= 0 else { throw .modelTooLarge(detail: "HiGHS rejected the model (status \(status))") }
        self.model = model
        hasBasis = false
    }

    private func loaded() throws(LPModelError) -> LinearModel {
        guard let model else { throw .notLoaded }
        return model
    }

    public func setRowBounds(_ constraint: Constraint, lower: Double, upper: Double) throws(LPModelError) {
        let model = try loaded()
        try Self.checkEdit("row", Int(constraint.index), count: model.rowCount, name: model.rowName, lower, upper)
        _ = library.changeRowBounds(highs, constraint.index, lower, upper)
        self.model!.setBounds(constraint, lower: lower, upper: upper)
    }

    public func setColumnBounds(_ variable: Variable, lower: Double, upper: Double) throws(LPModelError) {
        let model = try loaded()
        try Self.checkEdit("column", Int(variable.index), count: model.columnCount, name: model.columnName, lower, upper)
        _ = library.changeColBounds(highs, variable.index, lower, upper)
        self.model!.setBounds(variable, lower: lower, upper: upper)
    }

    /// Throws when `index` is not one of `count` rows or columns, or the bounds are unusable.
    private static func checkEdit(_ what: String, _ index: Int, count: Int, name: (Int) -> String,
                                  _ lower: Double, _ upper: Double) throws(LPModelError) {
        guard index >= 0 && index < count else { throw .indexOutOfRange(what: what, index: index, count: count) }
        try LinearModel.checkBounds(what, name(index), lower, upper)
    }

    public func setActiveObjective(_ index: Int) throws(LPModelError) {
        let model = try loaded()
        guard index >= 0 && index < model.objectives.count else {
            throw .indexOutOfRange(what: "objective", index: index, count: model.objectives.count)
        }
        guard index != model.activeObjective else { return }
        apply(model.objectives[index], replacing: model.objectives[model.activeObjective])
        self.model!.activeObjective = index
    }

    public func setObjective(_ index: Int, _ objective: Objective) throws(LPModelError) {
        let model = try loaded()
        guard index >= 0 && index < model.objectives.count else {
            throw .indexOutOfRange(what: "objective", index: index, count: model.objectives.count)
        }
        try model.validate(objective)
        if index == model.activeObjective { apply(objective, replacing: model.objectives[index]) }
        self.model!.replaceObjective(index, with: objective)
    }

    /// Writes `objective`'s costs into HiGHS: the columns of `previous` it does not have go to 0.
    private func apply(_ objective: Objective, replacing previous: Objective) {
        var costs: [Int32: Double] = [:]
        for column in previous.variables { costs[column] = 0 }
        for (position, column) in objective.variables.enumerated() { costs[column, default: 0] += objective.coefficients[position] }
        for (column, cost) in costs { _ = library.changeColCost(highs, column, cost) }
        _ = library.changeObjectiveOffset(highs, objective.constant)
    }

    public func solve(_ options: SolveOptions) throws(LPModelError) -> SolveResult {
        let model = try loaded()
        let clock = ContinuousClock()
        let start = clock.now
        if model.columnCount == 0 {
            if let row = (0..<model.rowCount).first(where: { model.rowLower[$0] > 0 || model.rowUpper[$0] < 0 }) {
                return SolveResult(termination: .infeasible, primalStatus: .noSolution,
                                   rawStatus: "no columns, and row '\(model.rowName(row))' needs activity in [\(model.rowLower[row]), \(model.rowUpper[row])]")
            }
            let constant = model.objectives[model.activeObjective].constant
            return SolveResult(termination: .optimal, primalStatus: .feasiblePoint, rawStatus: "empty model", objectiveValue: constant,
                               objectiveValues: model.objectives.map(\.constant), rowActivity: Array(repeating: 0, count: model.rowCount))
        }
        let warm = hasBasis && !options.forceCold && !model.hasIntegerColumns
        var result = run(model, options, warm: warm)
        // A warm start (presolve off) on a badly scaled model can end "optimal" with an
        // infeasible point (seen on a 100k-column PyPSA network under a 1e12 cap): solve again cold.
        if warm && result.termination == .optimal && result.primalStatus != .feasiblePoint {
            let first = result.iterations
            result = run(model, options, warm: false)
            result.iterations += first
        }
        result.seconds = (clock.now - start).inSeconds
        return result
    }

    /// One HiGHS run: from the kept basis with presolve off (`warm`), else from scratch.
    private func run(_ model: LinearModel, _ options: SolveOptions, warm: Bool) -> SolveResult {
        if !warm { _ = library.clearSolver(highs) }
        setOption("presolve", warm ? "off" : "on")
        setOption("simplex_strategy", Int32(options.method == .dual ? 1 : 4))
        setOption("time_limit", options.timeLimit.map { $0.isFinite && $0 > 0 ? $0 : .infinity } ?? .infinity)
        setOption("simplex_iteration_limit", Int32(clamping: options.iterationLimit ?? Int(Int32.max)))
        setOption("mip_rel_gap", options.mipGap)
        let iterationsBefore = info("simplex_iteration_count")
        let runStatus = library.run(highs)
        hasBasis = runStatus >= 0
        let status = library.getModelStatus(highs)
        var (termination, raw) = Self.termination(status)
        if model.hasIntegerColumns && termination == .infeasible { (termination, raw) = (.noFeasibleIntegerSolution, "no integer-feasible solution") }
        var result = SolveResult(termination: termination, primalStatus: .noSolution, rawStatus: raw)
        let feasible = info("primal_solution_status") == 2
        if feasible && (termination == .optimal || termination == .timeLimit || termination == .iterationLimit) {
            var primal = [Double](repeating: 0, count: model.columnCount), reduced = primal
            var activity = [Double](repeating: 0, count: model.rowCount), duals = activity
            _ = library.getSolution(highs, &primal, &reduced, &activity, &duals)
            result.primalStatus = .feasiblePoint
            result.primal = primal
            result.rowActivity = activity
            if !model.hasIntegerColumns {
                result.rowDuals = duals
                result.reducedCosts = reduced
            }
            result.objectiveValues = model.objectives.map { $0.value(at: primal) }
            result.objectiveValue = result.objectiveValues[model.activeObjective]
        }
        result.iterations = Int(max(0, info("simplex_iteration_count") - (warm ? iterationsBefore : 0)))
        result.warmStarted = warm
        return result
    }

    private func setOption(_ name: String, _ value: String) {
        _ = name.withCString { option in value.withCString { library.setStringOptionValue(highs, option, $0) } }
    }

    private func setOption(_ name: String, _ value: Int32) {
        _ = name.withCString { library.setIntOptionValue(highs, $0, value) }
    }

    private func setOption(_ name: String, _ value: Double) {
        _ = name.withCString { library.setDoubleOptionValue(highs, $0, value) }
    }

    private func info(_ name: String) -> Int32 {
        var value: Int32 = 0
        _ = name.withCString { library.getIntInfoValue(highs, $0, &value) }
        return value
    }

    /// HiGHS's model status (`kHighsModelStatus...`) as a termination status and its words.
    static func termination(_ status: Int32) -> (TerminationStatus, String) {
        switch status {
        case 7: return (.optimal, "optimal")
        case 8: return (.infeasible, "infeasible")
        case 9: return (.infeasibleOrUnbounded, "unbounded or infeasible")
        case 10: return (.unbounded, "unbounded")
        case 13: return (.timeLimit, "time limit reached")
        case 14: return (.iterationLimit, "iteration limit reached")
        case 6: return (.optimal, "empty model")
        case 1, 2: return (.invalidModel, "HiGHS rejected the model (model status \(status))")
        default: return (.otherError, "HiGHS stopped with model status \(status)")
        }
    }
}
