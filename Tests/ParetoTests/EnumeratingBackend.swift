import LPModel

/// A test double for ``SolverBackend`` on small 0/1 models: it enumerates every assignment of
/// the binary columns and returns an optimal one, breaking ties adversarially (the largest value
/// of objective `tieBreak`). Continuous columns may only be slacks that appear in one row with
/// coefficient 1: set by that row when it is fixed, else 0. A valid solver may return any optimal
/// solution; this one returns the worst for the other objective, which is what exposes weakly
/// dominated points.
final class EnumeratingBackend: SolverBackend {
    private var model = LinearModel()
    let tieBreak: Int

    init(tieBreak: Int) { self.tieBreak = tieBreak }

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
        let binaries = (0..<model.columnCount).filter { model.isInteger[$0] }
        let matrix = model.compressedRows()
        var best: (value: Double, tie: Double, x: [Double])?
        for mask in 0..<(1 << binaries.count) {
            var x = [Double](repeating: 0, count: model.columnCount)
            for (bit, column) in binaries.enumerated() { x[column] = mask & (1 << bit) != 0 ? 1 : 0 }
            var feasible = true
            for row in 0..<model.rowCount {
                var activity = 0.0
                var slack: Int?
                for entry in matrix.rowStart[row]..<matrix.rowStart[row + 1] {
                    let column = Int(matrix.columns[entry])
                    if model.isInteger[column] { activity += matrix.values[entry] * x[column] } else { slack = column }
                }
                if let slack, model.rowLower[row] == model.rowUpper[row] { x[slack] = model.rowLower[row] - activity }
                activity += slack.map { x[$0] } ?? 0
                if activity < model.rowLower[row] - 1e-9 || activity > model.rowUpper[row] + 1e-9 { feasible = false }
                if let slack, x[slack] < model.columnLower[slack] - 1e-9 { feasible = false }
            }
            guard feasible else { continue }
            let value = model.objectives[model.activeObjective].value(at: x)
            let tie = model.objectives[tieBreak].value(at: x)
            if best == nil || value < best!.value - 1e-9 || (abs(value - best!.value) <= 1e-9 && tie > best!.tie) {
                best = (value, tie, x)
            }
        }
        guard let best else { return SolveResult(termination: .infeasible, primalStatus: .noSolution, rawStatus: "no assignment") }
        return SolveResult(termination: .optimal, primalStatus: .feasiblePoint, rawStatus: "enumerated",
                           objectiveValue: best.value, objectiveValues: model.objectives.map { $0.value(at: best.x) },
                           primal: best.x, rowActivity: [])
    }
}
