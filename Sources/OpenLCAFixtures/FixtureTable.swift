import SQLite

/// One table of a fixture database, in openLCA 1.x naming (lower case).
public struct FixtureTable: Sendable {
    /// A column: name and declared SQL type.
    public struct Column: Sendable {
        public var name: String
        public var type: String
        public init(_ name: String, _ type: String) {
            self.name = name
            self.type = type
        }
    }

    public var name: String
    public var columns: [Column]
    public var rows: [[SQLiteValue]]

    public init(name: String, columns: [Column], rows: [[SQLiteValue]] = []) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// The position of a column, or nil.
    public func index(of column: String) -> Int? {
        columns.firstIndex { $0.name == column }
    }

    /// Adds a column with `value` in every row (or the value `make` gives for each row).
    mutating func addColumn(_ column: Column, _ make: ([SQLiteValue]) -> SQLiteValue) {
        rows = rows.map { $0 + [make($0)] }
        columns.append(column)
    }

    /// Removes a column and its values.
    mutating func removeColumn(_ name: String) {
        guard let index = index(of: name) else { return }
        columns.remove(at: index)
        rows = rows.map { row in
            var row = row
            row.remove(at: index)
            return row
        }
    }
}

/// How to write fixture tables.
public struct FixtureOptions: Sendable {
    /// openLCA 1.x (impact method in `tbl_impact_categories`) or 2.x (`tbl_impact_links`).
    public enum Layout: String, Sendable, CaseIterable { case v1, v2 }

    public var layout: Layout
    /// Derby-style upper-case table and column names.
    public var upperCase: Bool
    /// Declare `f_*` columns as TEXT and store ids as text, as the CSV export route does.
    public var idsAsText: Bool

    public init(layout: Layout = .v1, upperCase: Bool = false, idsAsText: Bool = false) {
        self.layout = layout
        self.upperCase = upperCase
        self.idsAsText = idsAsText
    }

    /// A short name for file names: `v1`, `v2-upper`, `v1-textids`, ...
    public var suffix: String {
        [layout.rawValue, upperCase ? "upper" : nil, idsAsText ? "textids" : nil].compactMap { $0 }.joined(separator: "-")
    }
}
