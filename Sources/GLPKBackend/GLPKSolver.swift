import CGLPK
import LPModel

/// ``SolverBackend`` over GLPK's C API: the model is loaded in bulk (`glp_load_matrix`), bound
/// and objective edits are applied in place, and re-solves start from the previous basis with
/// presolve off (GLPK's manual: presolve only for the first solve). Dual simplex by default.
///
/// Offsets: GLPK numbers rows and columns from 1; ``Constraint/index`` and ``Variable/index``
/// from 0. `glpkIndex(_:)` is the one place that converts.
public final class GLPKSolver: SolverBackend {
    private let problem: OpaquePointer
    private var model: LinearModel?
    private var hasBasis = false

    public init() {
        GLPKEnvironment.installHooks()
        problem = glp_create_prob()
        glp_set_obj_dir(problem, GLP_MIN)
    }

    deinit {
        GLPKEnvironment.installHooks()
        glp_delete_prob(problem)
    }

    @inline(__always)
    private func glpkIndex(_ index: Int32) -> Int32 { index + 1 }

    public func load(_ model: LinearModel) throws(LPModelError) {
        try model.validate()
        GLPKEnvironment.installHooks()
        glp_erase_prob(problem)
        glp_set_obj_dir(problem, GLP_MIN)
        hasBasis = false
        // GLPK rejects adding 0 rows or columns.
        if model.rowCount > 0 { glp_add_rows(problem, Int32(model.rowCount)) }
        if model.columnCount > 0 { glp_add_cols(problem, Int32(model.columnCount)) }
        for row in 0..<model.rowCount {
            let (type, lower, upper) = Self.boundType(model.rowLower[row], model.rowUpper[row])
            glp_set_row_bnds(problem, Int32(row + 1), type, lower, upper)
        }
        for column in 0..<model.columnCount {
            let (type, lower, upper) = Self.boundType(model.columnLower[column], model.columnUpper[column])
            glp_set_col_bnds(problem, Int32(column + 1), type, lower, upper)
            if model.isInteger[column] { glp_set_col_kind(problem, Int32(column + 1), GLP_IV) }
        }
        let matrix = model.compressedRows()
        let count = matrix.values.count
        if count > 0 {
            var rows = [Int32](repeating: 0, count: count + 1)
            var columns = [Int32](repeating: 0, count: count + 1)
            var values = [Double](repeating: 0, count: count + 1)
            for row in 0..<model.rowCount {
                for entry in matrix.rowStart[row]..<matrix.rowStart[row + 1] {
                    rows[entry + 1] = Int32(row + 1)
                    columns[entry + 1] = glpkIndex(matrix.columns[entry])
                    values[entry + 1] = matrix.values[entry]
                }
            }
            glp_load_matrix(problem, Int32(count), rows, columns, values)
        }
        self.model = model
        applyObjective(model.objectives[model.activeObjective])
        // Scaling as glpsol does it: it matters for the dense objective rows of Pareto sweeps.
        if model.rowCount > 0 && model.columnCount > 0 { glp_scale_prob(problem, GLP_SF_AUTO) }
    }

    /// GLPK's bound type for a pair of bounds (infinite means none).
    static func boundType(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return (GLP_FR, 0, 0)
        case (true, false): return (GLP_LO, lower, 0)
        case (false, true): return (GLP_UP, 0, upper)
        case (true, true): return lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    private func applyObjective(_ objective: Objective) {
        glp_set_obj_coef(problem, 0, objective.constant)
        for (position, column) in objective.variables.enumerated() {
            glp_set_obj_coef(problem, glpkIndex(column), objective.coefficients[position])
        }
    }

    private func clearObjective(_ objective: Objective) {
        glp_set_obj_coef(problem, 0, 0)
        for column in objective.variables { glp_set_obj_coef(problem, glpkIndex(column), 0) }
    }

    private func loadedModel() throws(LPModelError) -> LinearModel {
        guard let model else { throw .notLoaded }
        return model
    }

    // Edits change `model` in place (no copy of the model per edit: sweeps and batches make many).

    public func setRowBounds(_ constraint: Constraint, lower: Double, upper: Double) throws(LPModelError) {
        let row = try checkedEdit("row", index: constraint.index, count: { $0.rowCount }, name: { $0.rowName($1) }, lower, upper)
        let (type, low, up) = Self.boundType(lower, upper)
        glp_set_row_bnds(problem, row, type, low, up)
        model!.setBounds(constraint, lower: lower, upper: upper)
    }

    public func setColumnBounds(_ variable: Variable, lower: Double, upper: Double) throws(LPModelError) {
        let column = try checkedEdit("column", index: variable.index, count: { $0.columnCount }, name: { $0.columnName($1) }, lower, upper)
        let (type, low, up) = Self.boundType(lower, upper)
        glp_set_col_bnds(problem, column, type, low, up)
        model!.setBounds(variable, lower: lower, upper: upper)
    }

    /// Validates a bound edit of row or column `index` and returns GLPK's (1-based) index.
    private func checkedEdit(_ what: String, index: Int32, count: (LinearModel) -> Int, name: (LinearModel, Int) -> String,
                             _ lower: Double, _ upper: Double) throws(LPModelError) -> Int32 {
        guard model != nil else { throw .notLoaded }
        let position = Int(index), total = count(model!)
        guard position >= 0 && position < total else { throw .indexOutOfRange(what: what, index: position, count: total) }
        try LinearModel.checkBounds(what, name(model!, position), lower, upper)
        GLPKEnvironment.installHooks()
        return glpkIndex(index)
    }

    // The edits below read `model!` in place rather than binding a copy of the whole model
    // (a copy retains every array: measurable per scenario of a batch).

    public func setActiveObjective(_ index: Int) throws(LPModelError) {
        guard model != nil else { throw .notLoaded }
        let count = model!.objectives.count, active = model!.activeObjective
        guard index >= 0 && index < count else { throw .indexOutOfRange(what: "objective", index: index, count: count) }
        guard index != active else { return }
        GLPKEnvironment.installHooks()
        // Objectives over the same columns (cost and an impact, typically) overwrite each other.
        if model!.objectives[active].variables != model!.objectives[index].variables { clearObjective(model!.objectives[active]) }
        applyObjective(model!.objectives[index])
        model!.activeObjective = index
    }

    public func setObjective(_ index: Int, _ objective: Objective) throws(LPModelError) {
        guard model != nil else { throw .notLoaded }
        let count = model!.objectives.count
        guard index >= 0 && index < count else { throw .indexOutOfRange(what: "objective", index: index, count: count) }
        try model!.validate(objective)
        GLPKEnvironment.installHooks()
        if index == model!.activeObjective {
            let previous = model!.objectives[index]
            if previous.variables == objective.variables {
                // Same columns (a batch scenario, an epsilon step): only the changed coefficients.
                if previous.constant != objective.constant { glp_set_obj_coef(problem, 0, objective.constant) }
                for position in objective.variables.indices where previous.coefficients[position] != objective.coefficients[position] {
                    glp_set_obj_coef(problem, glpkIndex(objective.variables[position]), objective.coefficients[position])
                }
            } else {
                clearObjective(previous)
                applyObjective(objective)
            }
        }
        model!.replaceObjective(index, with: objective)
    }

    public func solve(_ options: SolveOptions) throws(LPModelError) -> SolveResult {
        let model = try loadedModel()
        GLPKEnvironment.installHooks()
        let clock = ContinuousClock()
        let start = clock.now
        let iterationsBefore = glp_get_it_cnt(problem)
        if model.columnCount == 0 {
            let constant = model.objectives[model.activeObjective].constant
            // Every row's activity is 0: feasible only when each row's bounds hold 0.
            if let row = (0..<model.rowCount).first(where: { model.rowLower[$0] > 0 || model.rowUpper[$0] < 0 }) {
                return SolveResult(termination: .infeasible, primalStatus: .noSolution,
                                   rawStatus: "no columns, and row '\(model.rowName(row))' needs activity in [\(model.rowLower[row]), \(model.rowUpper[row])]",
                                   objectiveValue: .nan, objectiveValues: [], rowActivity: [])
            }
            return SolveResult(termination: .optimal, primalStatus: .feasiblePoint, rawStatus: "empty model",
                               objectiveValue: constant, objectiveValues: model.objectives.map(\.constant),
                               rowActivity: Array(repeating: 0, count: model.rowCount))
        }
        let warm = hasBasis && !options.forceCold
        var code = runSimplex(options, presolve: !warm)
        // A stale or singular basis: retry once from scratch.
        if warm, [GLP_EBADB, GLP_ESING, GLP_ECOND, GLP_EFAIL].contains(code) {
            code = runSimplex(options, presolve: true)
        }
        // Presolve proves dual infeasibility without saying whether the primal is feasible:
        // solve without presolve to tell unbounded from infeasible.
        if code == GLP_ENODFS {
            glp_adv_basis(problem, 0)
            code = runSimplex(options, presolve: false)
        }
        // The dual simplex proves dual infeasibility but stops with a primal-infeasible basis:
        // the primal simplex from there says whether the problem is unbounded or infeasible.
        if code == 0, glp_get_status(problem) != GLP_OPT, glp_get_dual_stat(problem) == GLP_NOFEAS,
           glp_get_status(problem) != GLP_UNBND {
            var primal = options
            primal.method = .primal
            code = runSimplex(primal, presolve: false)
        }
        var result = lpResult(code: code, model: model)
        if result.termination == .optimal && model.hasIntegerColumns {
            result = integerResult(options, model: model, elapsed: clock.now - start)
        }
        result.iterations = Int(glp_get_it_cnt(problem) - iterationsBefore)
        result.seconds = (clock.now - start).inSeconds
        result.warmStarted = warm
        return result
    }

    private func runSimplex(_ options: SolveOptions, presolve: Bool) -> Int32 {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_ERR
        parameters.meth = options.method == .dual ? GLP_DUALP : GLP_PRIMAL
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        if let milliseconds = Self.milliseconds(options.timeLimit) { parameters.tm_lim = milliseconds }
        if let limit = options.iterationLimit { parameters.it_lim = Int32(clamping: limit) }
        let code = glp_simplex(problem, &parameters)
        // After a normal exit GLPK keeps a valid basis (optimal, infeasible or unbounded alike).
        hasBasis = code == 0
        return code
    }

    /// Maps a `glp_simplex` return code and the solution status to a result with values.
    private func lpResult(code: Int32, model: LinearModel) -> SolveResult {
        let (termination, raw) = Self.simplexStatus(code: code, status: code == 0 ? glp_get_status(problem) : 0)
        let feasible = code == 0 && (glp_get_status(problem) == GLP_OPT || glp_get_status(problem) == GLP_FEAS)
            || (termination == .timeLimit || termination == .iterationLimit) && glp_get_prim_stat(problem) == GLP_FEAS
        guard feasible else {
            return SolveResult(termination: termination, primalStatus: .noSolution, rawStatus: raw)
        }
        let columns = model.columnCount, rows = model.rowCount
        var primal = [Double](repeating: 0, count: columns)
        var reduced = [Double](repeating: 0, count: columns)
        for column in 0..<columns {
            primal[column] = glp_get_col_prim(problem, Int32(column + 1))
            reduced[column] = glp_get_col_dual(problem, Int32(column + 1))
        }
        var activity = [Double](repeating: 0, count: rows)
        var duals = [Double](repeating: 0, count: rows)
        for row in 0..<rows {
            activity[row] = glp_get_row_prim(problem, Int32(row + 1))
            duals[row] = glp_get_row_dual(problem, Int32(row + 1))
        }
        let values = model.objectives.map { $0.value(at: primal) }
        return SolveResult(termination: termination, primalStatus: .feasiblePoint, rawStatus: raw,
                           objectiveValue: values[model.activeObjective], objectiveValues: values,
                           primal: primal, rowActivity: activity, rowDuals: duals, reducedCosts: reduced)
    }

    /// Branch and bound from the optimal LP basis (presolve off, so the basis is used).
    private func integerResult(_ options: SolveOptions, model: LinearModel, elapsed: Duration) -> SolveResult {
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_ERR
        parameters.presolve = GLP_OFF
        parameters.mip_gap = options.mipGap
        if let limit = options.timeLimit, limit.isFinite, limit > 0 {
            parameters.tm_lim = Self.milliseconds(max(0.001, limit - elapsed.inSeconds)) ?? Int32.max
        }
        let code = glp_intopt(problem, &parameters)
        let status = glp_mip_status(problem)
        let termination: TerminationStatus
        let raw: String
        switch (code, status) {
        case (0, GLP_OPT), (GLP_EMIPGAP, GLP_FEAS), (0, GLP_FEAS):
            (termination, raw) = (.optimal, "integer optimal")
        case (0, GLP_NOFEAS), (GLP_ENOPFS, _):
            (termination, raw) = (.noFeasibleIntegerSolution, "no integer feasible solution exists")
        case (GLP_ETMLIM, _):
            (termination, raw) = (.timeLimit, "time limit reached during branch and bound")
        default:
            (termination, raw) = (.numericalFailure, Self.codeText(code))
        }
        guard status == GLP_OPT || status == GLP_FEAS else {
            return SolveResult(termination: termination, primalStatus: .noSolution, rawStatus: raw)
        }
        var primal = [Double](repeating: 0, count: model.columnCount)
        for column in 0..<model.columnCount {
            let value = glp_mip_col_val(problem, Int32(column + 1))
            primal[column] = model.isInteger[column] ? value.rounded() : value
        }
        var activity = [Double](repeating: 0, count: model.rowCount)
        for row in 0..<model.rowCount { activity[row] = glp_mip_row_val(problem, Int32(row + 1)) }
        let values = model.objectives.map { $0.value(at: primal) }
        return SolveResult(termination: termination, primalStatus: .feasiblePoint, rawStatus: raw,
                           objectiveValue: values[model.activeObjective], objectiveValues: values,
                           primal: primal, rowActivity: activity)
    }

    static func simplexStatus(code: Int32, status: Int32) -> (TerminationStatus, String) {
        if code != 0 {
            switch code {
            case GLP_ENOPFS: return (.infeasible, "presolve: the problem has no primal feasible solution")
            case GLP_ENODFS: return (.infeasibleOrUnbounded, "presolve: the problem has no dual feasible solution")
            case GLP_EITLIM: return (.iterationLimit, "simplex iteration limit reached")
            case GLP_ETMLIM: return (.timeLimit, "time limit reached")
            case GLP_EBOUND: return (.invalidModel, "a double-bounded row or column has incorrect bounds")
            default: return (.numericalFailure, codeText(code))
            }
        }
        switch status {
        case GLP_OPT: return (.optimal, "optimal")
        case GLP_NOFEAS: return (.infeasible, "the problem has no primal feasible solution")
        case GLP_UNBND: return (.unbounded, "the problem has an unbounded primal solution")
        case GLP_FEAS: return (.otherError, "feasible but not proven optimal")
        default: return (.otherError, "the solution status is undefined")
        }
    }

    /// GLPK's manual's sentence for a return code.
    static func codeText(_ code: Int32) -> String {
        switch code {
        case GLP_EBADB: return "the initial basis is invalid"
        case GLP_ESING: return "the basis matrix is singular"
        case GLP_ECOND: return "the basis matrix is ill-conditioned"
        case GLP_EBOUND: return "incorrect bounds"
        case GLP_EFAIL: return "the solver failed (numerical difficulties or an empty problem)"
        case GLP_EROOT: return "no optimal basis for the LP relaxation"
        case GLP_ESTOP: return "the search was stopped"
        default: return "GLPK return code \(code)"
        }
    }
}

extension GLPKSolver {
    /// A time limit in GLPK's milliseconds: nil for none (nil, NaN, zero or negative), at most
    /// Int32.max (24 days) for a very large or infinite one; never a trap.
    static func milliseconds(_ seconds: Double?) -> Int32? {
        guard let seconds, !seconds.isNaN, seconds > 0 else { return nil }
        let value = (seconds * 1000).rounded(.up)
        return value >= Double(Int32.max) ? Int32.max : Int32(value)
    }
}
