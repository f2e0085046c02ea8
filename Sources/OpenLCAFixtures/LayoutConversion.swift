import SQLite

/// Turns openLCA 1.x tables into the openLCA 2.x layout, the differences that matter to a reader:
/// impact categories are linked to methods through `tbl_impact_links` and record a `direction`,
/// exchanges gain `internal_id`, `f_location` and `default_provider_type`, impact factors gain
/// `f_location`, processes lose `f_currency` (currencies are per exchange), and
/// `openlca_version` says 15.
enum LayoutConversion {
    static func toV2(_ tables: [FixtureTable]) -> [FixtureTable] {
        var result: [FixtureTable] = []
        var links = FixtureTable(name: "tbl_impact_links", columns: [.init("f_impact_method", "BIGINT"), .init("f_impact_category", "BIGINT")])
        for var table in tables {
            switch table.name {
            case "tbl_impact_categories":
                if let method = table.index(of: "f_impact_method"), let id = table.index(of: "id") {
                    links.rows = table.rows.map { [$0[method], $0[id]] }
                    table.removeColumn("f_impact_method")
                }
                if table.index(of: "direction") == nil {
                    table.addColumn(.init("direction", "VARCHAR(255)")) { _ in .null }
                }
            case "tbl_exchanges":
                var counters: [SQLiteValue: Int64] = [:]
                let owner = table.index(of: "f_owner")
                table.addColumn(.init("internal_id", "INTEGER")) { row in
                    let key = owner.map { row[$0] } ?? .null
                    counters[key, default: 0] += 1
                    return .integer(counters[key]!)
                }
                table.addColumn(.init("f_location", "BIGINT")) { _ in .null }
                table.addColumn(.init("default_provider_type", "SMALLINT")) { _ in .integer(0) }
            case "tbl_impact_factors":
                table.addColumn(.init("f_location", "BIGINT")) { _ in .null }
            case "tbl_processes":
                table.removeColumn("f_currency")
            case "openlca_version":
                table.rows = [[.integer(15)]]
            default:
                break
            }
            result.append(table)
        }
        if !links.rows.isEmpty || tables.contains(where: { $0.name == "tbl_impact_categories" }) {
            result.append(links)
        }
        return result
    }
}

