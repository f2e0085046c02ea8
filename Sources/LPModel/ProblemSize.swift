/// How big a built LP is: what `solve --dry-run` prints before anything is solved.
public struct ProblemSize: Sendable, Codable, Equatable {
    public var columns: Int
    public var integerColumns: Int
    public var rows: Int
    public var nonzeros: Int
    public var objectives: Int

    public init(_ model: LinearModel) {
        columns = model.columnCount
        integerColumns = model.isInteger.reduce(0) { $0 + ($1 ? 1 : 0) }
        rows = model.rowCount
        nonzeros = model.entryCount
        objectives = model.objectives.count
    }
}
