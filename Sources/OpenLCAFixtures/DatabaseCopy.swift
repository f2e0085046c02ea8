import SQLite

/// Reads the openLCA tables of an existing SQLite file as fixture tables, so that variants of a
/// real database (upper case, 2.x layout, ids as text) can be written from it.
public enum DatabaseCopy {
    /// All `tbl_*` tables and `openlca_version` of the file at `path`, names in lower case,
    /// declared types and stored values as they are. Optionally keeps only some rows.
    public static func tables(
        from path: String,
        keep: (_ table: String, _ columns: [String], _ row: [SQLiteValue]) -> Bool = { _, _, _ in true }
    ) throws -> [FixtureTable] {
        let connection = try SQLiteConnection(path: path, mode: .readOnly)
        var tables: [FixtureTable] = []
        for name in try connection.tableNames().sorted() {
            let lower = name.lowercased()
            guard lower.hasPrefix("tbl_") || lower == "openlca_version" else { continue }
            let columns = try connection.columns(of: name).map {
                FixtureTable.Column($0.name.lowercased(), $0.declaredType.isEmpty ? "" : $0.declaredType)
            }
            var table = FixtureTable(name: lower, columns: columns)
            let names = columns.map(\.name)
            let select = try connection.prepare("SELECT * FROM \(name)")
            while try select.step() {
                let row = (0..<select.columnCount).map { select.value($0) }
                if keep(lower, names, row) { table.rows.append(row) }
            }
            tables.append(table)
        }
        return tables
    }
}
