/// A backend kept together with the model it holds (what MathOptInterface calls a caching
/// optimizer): ``solve(_:edits:options:)`` hands the backend only what the model's owner says
/// changed since the previous call — the rows, columns and objectives in ``ModelEdits`` and the
/// active objective — so it re-solves from its previous basis; a model whose structure or matrix
/// changed is loaded anew. Works over any ``SolverBackend``.
public final class CachingSolver {
    /// The backend edited in place.
    public let backend: any SolverBackend
    /// True once a model is loaded (a failed load or edit clears it: the next call loads).
    private var holdsModel = false
    /// Seconds spent handing changes to the backend (edits and loads), summed.
    public private(set) var editSeconds = 0.0
    /// Simplex iterations of every solve, summed: how much each warm start had left to do.
    public private(set) var iterations = 0
    /// Models loaded whole (the first, and each change of structure or matrix).
    public private(set) var loads = 0

    public init(_ backend: any SolverBackend) {
        self.backend = backend
    }

    /// Solves `model`. `edits` are the changes made to it since the model of the previous call
    /// (``LinearModel/takeEdits()``, as a model family's renumbering leaves them); they are
    /// applied in place unless they change the structure or the matrix, or nothing is loaded yet.
    public func solve(_ model: LinearModel, edits: ModelEdits, options: SolveOptions = SolveOptions()) throws(LPModelError) -> SolveResult {
        let clock = ContinuousClock()
        let start = clock.now
        let wasHeld = holdsModel
        holdsModel = false
        if wasHeld && !edits.needsLoad {
            for row in edits.rows {
                try backend.setRowBounds(Constraint(index: row), lower: model.rowLower[Int(row)], upper: model.rowUpper[Int(row)])
            }
            for column in edits.columns {
                try backend.setColumnBounds(Variable(index: column), lower: model.columnLower[Int(column)], upper: model.columnUpper[Int(column)])
            }
            for index in edits.objectives { try backend.setObjective(index, model.objectives[index]) }
            try backend.setActiveObjective(model.activeObjective)
        } else {
            try backend.load(model)
            loads += 1
        }
        holdsModel = true
        editSeconds += (clock.now - start).inSeconds
        let result = try backend.solve(options)
        iterations += result.iterations
        return result
    }
}
