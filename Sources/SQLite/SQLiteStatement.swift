import CSQLite

/// A prepared statement. Prepare it once per query shape, then bind, step and reset.
///
/// The column readers are tolerant of how openLCA exports really store values: identifiers
/// and flags may arrive as INTEGER, REAL (`943.0`) or TEXT (`'943'`, `'true'`) depending on the
/// export route (Derby, CSV, pandas). NULL and unparsable text read as `nil`.
public final class SQLiteStatement {
    let connection: SQLiteConnection
    let handle: OpaquePointer
    /// The SQL text, for error messages.
    public let sql: String

    init(connection: SQLiteConnection, handle: OpaquePointer, sql: String) {
        self.connection = connection
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Advances to the next row; false when there are no more rows.
    @inline(__always)
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw connection.error(rc, context: "executing `\(sql)`")
    }

    /// Resets the statement and clears its bindings so it can run again.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: Binding (1-based parameter index, as SQLite counts)

    public func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    public func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    public func bind(_ index: Int32, _ value: String?) {
        if let value {
            sqlite3_bind_text(handle, index, value, -1, CSQLite_transient())
        } else {
            sqlite3_bind_null(handle, index)
        }
    }

    /// Binds a Swift value of any supported kind (fixture generation).
    public func bind(_ index: Int32, value: SQLiteValue) {
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let v): sqlite3_bind_int64(handle, index, v)
        case .real(let v): sqlite3_bind_double(handle, index, v)
        case .text(let v): bind(index, v)
        }
    }

    /// Binds `values` to parameters 1... and runs the statement to completion.
    public func run(_ values: [SQLiteValue]) throws {
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() { bind(Int32(offset + 1), value: value) }
        while try step() {}
    }

    // MARK: Reading (0-based column index)

    /// True when the column is NULL.
    @inline(__always)
    public func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    /// An integer identifier or count, whatever its storage class; `nil` for NULL or non-numeric text.
    @inline(__always)
    public func int64(_ column: Int32) -> Int64? {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return sqlite3_column_int64(handle, column)
        case SQLITE_FLOAT:
            let value = sqlite3_column_double(handle, column)
            return value.isFinite && value == value.rounded() && abs(value) < 9.0e18 ? Int64(value) : nil
        case SQLITE_TEXT:
            return text(column).flatMap(Self.parseInteger)
        default: return nil
        }
    }

    /// A real number, whatever its storage class; `nil` for NULL or non-numeric text.
    @inline(__always)
    public func double(_ column: Int32) -> Double? {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_FLOAT, SQLITE_INTEGER: return sqlite3_column_double(handle, column)
        case SQLITE_TEXT: return text(column).flatMap { Double($0.trimmingSpaces) }
        default: return nil
        }
    }

    /// A flag (`is_input`, `avoided_product`): non-zero numbers and the text `true`/`t`/`yes` are true.
    @inline(__always)
    public func bool(_ column: Int32) -> Bool {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return sqlite3_column_int64(handle, column) != 0
        case SQLITE_FLOAT: return sqlite3_column_double(handle, column) != 0
        case SQLITE_TEXT:
            switch text(column)?.trimmingSpaces.lowercased() {
            case "1", "true", "t", "yes", "y": return true
            default: return false
            }
        default: return false
        }
    }

    /// The column as text; `nil` for NULL.
    @inline(__always)
    public func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }

    static func parseInteger(_ text: String) -> Int64? {
        let trimmed = text.trimmingSpaces
        if let value = Int64(trimmed) { return value }
        if let value = Double(trimmed), value.isFinite, value == value.rounded(), abs(value) < 9.0e18 {
            return Int64(value)
        }
        return nil
    }
}

/// A value to bind (used where the kind varies per column, as in fixture generation).
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension SQLiteStatement {
    /// The number of columns of the result.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The column as stored, for copying rows between files.
    public func value(_ column: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_NULL: return .null
        default: return text(column).map(SQLiteValue.text) ?? .null
        }
    }
}
