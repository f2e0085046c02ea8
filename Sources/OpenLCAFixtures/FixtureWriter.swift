import SQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes fixture tables to a new SQLite file in the chosen openLCA layout and identifier case.
public enum FixtureWriter {
    /// Writes `tables` (1.x naming) to `path`, replacing the file. The file is written under a
    /// temporary name and renamed, so concurrent test processes never see half a file.
    public static func write(_ tables: [FixtureTable], to path: String, options: FixtureOptions = .init()) throws {
        var converted = options.layout == .v2 ? LayoutConversion.toV2(tables) : tables
        if options.idsAsText { converted = converted.map(idsToText) }
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        do {
            let connection = try SQLiteConnection(path: temporary, mode: .create)
            try connection.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            try connection.transaction {
                for table in converted {
                    try writeTable(table, to: connection, upperCase: options.upperCase)
                }
            }
        }
        try replace(path, with: temporary)
    }

    /// Renames `temporary` to `path`, replacing it.
    static func replace(_ path: String, with temporary: String) throws {
        guard rename(temporary, path) == 0 else {
            throw SQLiteError(code: 14, message: "cannot rename \(temporary) to \(path)", context: "writing a fixture")
        }
    }

    /// Creates `table` and inserts its rows.
    static func writeTable(_ table: FixtureTable, to connection: SQLiteConnection, upperCase: Bool) throws {
        let name = upperCase ? table.name.uppercased() : table.name
        let columns = table.columns.map { (upperCase ? $0.name.uppercased() : $0.name) + " " + $0.type }
        try connection.execute("CREATE TABLE \(name) (\(columns.joined(separator: ", ")))")
        guard !table.rows.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        let insert = try connection.prepare("INSERT INTO \(name) VALUES (\(placeholders))")
        for row in table.rows { try insert.run(row) }
    }

    /// Declares id columns (`f_*`) as TEXT and stores their values as text.
    static func idsToText(_ table: FixtureTable) -> FixtureTable {
        var table = table
        let positions = table.columns.indices.filter { table.columns[$0].name.hasPrefix("f_") }
        for position in positions { table.columns[position].type = "TEXT" }
        table.rows = table.rows.map { row in
            var row = row
            for position in positions {
                if case .integer(let value) = row[position] { row[position] = .text(String(value)) }
            }
            return row
        }
        return table
    }
}
