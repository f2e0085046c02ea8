/// A backend kept together with the model it holds (what MathOptInterface calls a caching
/// optimizer): ``solve(_:options:)`` hands the backend only what differs from the model loaded
/// before — changed row and column bounds, changed objectives, the active objective — so it
/// re-solves from its previous basis; a model of another structure (columns, rows, matrix,
/// integer flags) is loaded anew. Works over any ``SolverBackend``.
public final class CachingSolver {
    /// The backend edited in place.
    public let backend: any SolverBackend
    /// The model the backend holds now.
    private var loaded: LinearModel?
    /// Seconds spent handing changes to the backend (edits and loads), summed.
    public private(set) var editSeconds = 0.0
    /// Simplex iterations of every solve, summed: how much each warm start had left to do.
    public private(set) var iterations = 0

    public init(_ backend: any SolverBackend) {
        self.backend = backend
    }

    /// Solves `model`, editing the loaded one in place when only numbers changed.
    public func solve(_ model: LinearModel, options: SolveOptions = SolveOptions()) throws(LPModelError) -> SolveResult {
        let clock = ContinuousClock()
        let start = clock.now
        if let loaded, Self.sameStructure(loaded, model) {
            // Whole-array comparisons first: unchanged arrays are shared, so they compare in O(1).
            if loaded.rowLower != model.rowLower || loaded.rowUpper != model.rowUpper {
                for row in 0..<model.rowCount where loaded.rowLower[row] != model.rowLower[row] || loaded.rowUpper[row] != model.rowUpper[row] {
                    try backend.setRowBounds(Constraint(index: Int32(row)), lower: model.rowLower[row], upper: model.rowUpper[row])
                }
            }
            if loaded.columnLower != model.columnLower || loaded.columnUpper != model.columnUpper {
                for column in 0..<model.columnCount
                where loaded.columnLower[column] != model.columnLower[column] || loaded.columnUpper[column] != model.columnUpper[column] {
                    try backend.setColumnBounds(Variable(index: Int32(column)), lower: model.columnLower[column], upper: model.columnUpper[column])
                }
            }
            for index in model.objectives.indices where model.objectives[index] != loaded.objectives[index] {
                try backend.setObjective(index, model.objectives[index])
            }
            try backend.setActiveObjective(model.activeObjective)
        } else {
            try backend.load(model)
        }
        loaded = model
        editSeconds += (clock.now - start).inSeconds
        let result = try backend.solve(options)
        iterations += result.iterations
        return result
    }

    /// True when `a` and `b` have the same columns, rows, matrix and integer flags.
    static func sameStructure(_ a: LinearModel, _ b: LinearModel) -> Bool {
        a.columnCount == b.columnCount && a.rowCount == b.rowCount && a.objectives.count == b.objectives.count
            && a.isInteger == b.isInteger && a.entryRows == b.entryRows && a.entryColumns == b.entryColumns
            && a.entryValues == b.entryValues
    }
}
