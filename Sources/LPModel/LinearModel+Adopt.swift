extension LinearModel {
    /// True when `other` has this model's structure: the same columns (and which are integer),
    /// rows, matrix pattern in the same order, and objectives over the same columns.
    public func hasSameStructure(as other: LinearModel) -> Bool {
        guard columnCount == other.columnCount, rowCount == other.rowCount, entryCount == other.entryCount,
              objectives.count == other.objectives.count, isInteger == other.isInteger,
              entryRows == other.entryRows, entryColumns == other.entryColumns else { return false }
        for index in objectives.indices where objectives[index].variables != other.objectives[index].variables { return false }
        return true
    }

    /// Writes the numbers of `other` (bounds, matrix values, objective coefficients) into this
    /// model where they differ, so that ``edits`` list exactly what changed; false, and nothing
    /// changed, when `other` has another structure (``hasSameStructure(as:)``). A model family
    /// that rebuilds its LP per scenario hands a ``CachingSolver`` only the scenario's changes so.
    public mutating func adoptNumbers(of other: LinearModel) -> Bool {
        guard hasSameStructure(as: other) else { return false }
        for j in 0..<columnCount where columnLower[j] != other.columnLower[j] || columnUpper[j] != other.columnUpper[j] {
            setBounds(Variable(index: Int32(j)), lower: other.columnLower[j], upper: other.columnUpper[j])
        }
        for i in 0..<rowCount where rowLower[i] != other.rowLower[i] || rowUpper[i] != other.rowUpper[i] {
            setBounds(Constraint(index: Int32(i)), lower: other.rowLower[i], upper: other.rowUpper[i])
        }
        for k in 0..<entryCount where entryValues[k] != other.entryValues[k] { setEntryValue(k, other.entryValues[k]) }
        for index in objectives.indices where objectives[index] != other.objectives[index] {
            replaceObjective(index, with: other.objectives[index])
        }
        return true
    }
}
