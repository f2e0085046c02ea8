import SQLite

/// Which tables and columns an openLCA export has, found case-insensitively (Derby exports
/// spell `TBL_FLOWS.REF_ID`, others `tbl_flows.ref_id`; SQLite itself matches identifiers
/// case-insensitively, so queries use lower case and only need to know what exists).
public struct Schema: Sendable, Codable, Equatable {
    /// Table name (lower case) -> column names (lower case), in file order.
    public let columns: [String: [String]]
    /// `openlca_version.version` when recorded (5 for openLCA 1.5, 10 and up for 2.x).
    public let version: Int64?
    /// True when the names are upper case in the file (Derby export).
    public let upperCaseIdentifiers: Bool
    /// `table.column` (lower case) of the columns declared with an integer type; only these
    /// are sure to hold integers, others may hold ids as text (`'943'`) or reals (`943.0`).
    let integerColumns: Set<String>

    /// The openLCA data layout, as far as it matters to lcaopt.
    public enum Layout: String, Sendable, Codable {
        /// openLCA 1.x: an impact category names its method in `f_impact_method`.
        case v1 = "openLCA 1.x"
        /// openLCA 2.x: methods and categories are linked through `tbl_impact_links`.
        case v2 = "openLCA 2.x"
    }

    /// The layout detected from the tables present.
    public var layout: Layout {
        if hasTable("tbl_impact_links") || hasColumn("tbl_impact_categories", "direction")
            || hasColumn("tbl_exchanges", "internal_id") {
            return .v2
        }
        return .v1
    }

    /// Tables every openLCA export has and lcaopt needs, with the columns it reads.
    static let required: [(table: String, columns: [String])] = [
        ("tbl_processes", ["id", "ref_id", "name", "f_quantitative_reference"]),
        ("tbl_flows", ["id", "ref_id", "name", "flow_type", "f_reference_flow_property"]),
        ("tbl_exchanges", ["id", "f_owner", "f_flow", "f_unit", "f_flow_property_factor", "resulting_amount_value", "is_input"]),
        ("tbl_units", ["id", "name", "conversion_factor", "f_unit_group"]),
        ("tbl_unit_groups", ["id", "name", "f_reference_unit"]),
        ("tbl_flow_properties", ["id", "name", "f_unit_group"]),
        ("tbl_flow_property_factors", ["id", "conversion_factor", "f_flow", "f_flow_property"]),
    ]

    /// Reads the table and column names of `connection`.
    init(connection: SQLiteConnection) throws {
        var columns: [String: [String]] = [:]
        var integerColumns = Set<String>()
        var upper = 0
        for name in try connection.tableNames() {
            let lower = name.lowercased()
            guard lower.hasPrefix("tbl_") || lower == "openlca_version" else { continue }
            if name != lower { upper += 1 }
            let declared = try connection.columns(of: name)
            columns[lower] = declared.map { $0.name.lowercased() }
            for column in declared where column.declaredType.uppercased().contains("INT") {
                integerColumns.insert("\(lower).\(column.name.lowercased())")
            }
        }
        self.columns = columns
        self.integerColumns = integerColumns
        self.upperCaseIdentifiers = upper > 0
        if columns["openlca_version"]?.contains("version") == true {
            let statement = try connection.prepare("SELECT version FROM openlca_version")
            self.version = try statement.step() ? statement.int64(0) : nil
        } else {
            self.version = nil
        }
    }

    /// The required tables and columns that are missing, as `table` or `table.column`.
    var missingRequired: [String] {
        var missing: [String] = []
        for (table, needed) in Self.required {
            guard let present = columns[table] else {
                missing.append(table)
                continue
            }
            missing += needed.filter { !present.contains($0) }.map { "\(table).\($0)" }
        }
        return missing
    }

    public func hasTable(_ table: String) -> Bool { columns[table] != nil }

    public func hasColumn(_ table: String, _ column: String) -> Bool {
        columns[table]?.contains(column) ?? false
    }

    /// An SQL expression for an id column that compares as an integer whatever the storage
    /// class: the column itself when declared INTEGER (so indexes are used), else a CAST.
    func integerExpression(_ table: String, _ column: String, alias: String? = nil) -> String {
        let name = alias.map { "\($0).\(column)" } ?? column
        return integerColumns.contains("\(table).\(column)") ? name : "CAST(\(name) AS INTEGER)"
    }

    /// `column` when the table has it, else `NULL`, for SELECT lists over varying layouts.
    func column(_ table: String, _ column: String) -> String {
        hasColumn(table, column) ? column : "NULL"
    }
}
