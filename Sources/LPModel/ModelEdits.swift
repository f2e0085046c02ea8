/// What changed in a ``LinearModel`` since its edits were last taken (``LinearModel/takeEdits()``):
/// rows and columns whose bounds were set, objectives replaced, and whether the structure or a
/// matrix coefficient changed (then a backend must load the model anew).
///
/// Each row, column and objective is listed once however often it was set (a mark per index,
/// cleared when the edits are taken), so a model edited for hours keeps a bounded record.
public struct ModelEdits: Sendable, Equatable {
    /// Columns, rows, matrix entries or objectives were added (a new model starts so).
    public var structureChanged = true
    /// A matrix coefficient changed (backends take the matrix whole on load).
    public var matrixChanged = false
    /// Rows whose bounds were set, each once, in the order first set.
    public private(set) var rows: [Int32] = []
    /// Columns whose bounds were set, each once.
    public private(set) var columns: [Int32] = []
    /// Objectives replaced or extended, each once.
    public private(set) var objectives: [Int] = []

    private var rowMarked: [Bool] = []
    private var columnMarked: [Bool] = []

    public init() {}

    /// True when a backend holding the model before these edits must load it anew.
    public var needsLoad: Bool { structureChanged || matrixChanged }

    /// Nothing to record while a load is due anyway (a model being built sets every bound).
    mutating func markRow(_ row: Int32, of count: Int) {
        guard !needsLoad else { return }
        Self.mark(row, count, &rowMarked, &rows)
    }

    mutating func markColumn(_ column: Int32, of count: Int) {
        guard !needsLoad else { return }
        Self.mark(column, count, &columnMarked, &columns)
    }

    mutating func markObjective(_ index: Int) {
        guard !needsLoad, !objectives.contains(index) else { return }
        objectives.append(index)
    }

    private static func mark(_ index: Int32, _ count: Int, _ marked: inout [Bool], _ list: inout [Int32]) {
        if marked.count < count { marked += [Bool](repeating: false, count: count - marked.count) }
        guard !marked[Int(index)] else { return }
        marked[Int(index)] = true
        list.append(index)
    }

    /// The edits listed so far, which this value then forgets (clearing only the marks that were
    /// set: taking edits costs what was edited, not the model's size).
    mutating func take() -> ModelEdits {
        var taken = ModelEdits()
        (taken.structureChanged, taken.matrixChanged) = (structureChanged, matrixChanged)
        swap(&taken.rows, &rows)
        swap(&taken.columns, &columns)
        swap(&taken.objectives, &objectives)
        for row in taken.rows { rowMarked[Int(row)] = false }
        for column in taken.columns { columnMarked[Int(column)] = false }
        (structureChanged, matrixChanged) = (false, false)
        return taken
    }

    /// Equal when they list the same changes (the marks are bookkeeping).
    public static func == (a: ModelEdits, b: ModelEdits) -> Bool {
        a.structureChanged == b.structureChanged && a.matrixChanged == b.matrixChanged
            && a.rows == b.rows && a.columns == b.columns && a.objectives == b.objectives
    }
}
