import LPModel

/// A mock backend for the conformance suite: it hands every call to a real backend and records
/// it, so tests can hold the caching layer to handing over exactly what changed (one
/// `setRowBounds` for one changed bound, a `load` for a new structure) while every answer stays
/// a real solver's.
public final class RecordingBackend: SolverBackend {
    /// The calls so far, in order: `load`, `row 3`, `column 1`, `objective 0`, `active 1`, `solve`.
    public private(set) var calls: [String] = []
    private let inner: any SolverBackend

    public init(_ inner: any SolverBackend) { self.inner = inner }

    /// Forgets the calls recorded so far.
    public func clear() { calls.removeAll() }

    public func load(_ model: LinearModel) throws(LPModelError) {
        calls.append("load")
        try inner.load(model)
    }

    public func setRowBounds(_ constraint: Constraint, lower: Double, upper: Double) throws(LPModelError) {
        calls.append("row \(constraint.index)")
        try inner.setRowBounds(constraint, lower: lower, upper: upper)
    }

    public func setColumnBounds(_ variable: Variable, lower: Double, upper: Double) throws(LPModelError) {
        calls.append("column \(variable.index)")
        try inner.setColumnBounds(variable, lower: lower, upper: upper)
    }

    public func setActiveObjective(_ index: Int) throws(LPModelError) {
        calls.append("active \(index)")
        try inner.setActiveObjective(index)
    }

    public func setObjective(_ index: Int, _ objective: Objective) throws(LPModelError) {
        calls.append("objective \(index)")
        try inner.setObjective(index, objective)
    }

    public func solve(_ options: SolveOptions) throws(LPModelError) -> SolveResult {
        calls.append("solve")
        return try inner.solve(options)
    }
}
