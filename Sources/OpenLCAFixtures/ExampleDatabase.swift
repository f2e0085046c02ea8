import SQLite

/// The bundled example database: a cut of the shared US LCI database (with its IPCC 2021
/// category) that keeps the processes of the bundled supply-chain and network examples with all their
/// exchanges, the flows they and the impact factors use, and the reference data (units, flow
/// properties, locations, currencies, folders, LCIA tables). Written to `db-fixtures/` by
/// `swift run lcaopt-fixtures` and committed.
public enum ExampleDatabase {
    /// The processes of the bundled examples, by ref_id.
    public static let processes: [String] = [
        "ce38752e-c414-3175-9482-ce663a909a0c", // Polyethylene, high density, resin, at plant, CTR
        "cfcb6755-e408-30e7-9ab6-165de9b7d11d", // Polyvinyl chloride, resin, at plant, CTR
        "e4822728-95ae-3360-9870-c363a214611e", // Polyethylene terephthalate, resin, at plant, CTR
        "e281027f-cf37-32f2-af55-234cb0cb4fa4", // Polylactide Biopolymer Resin, at plant
        "34156f3c-28ef-33db-9ad0-6293a2aa0d52", // Transport, combination truck, diesel powered
        "7de9c230-fd0f-3478-be87-f80181132faa", // Transport, train, diesel powered
        "c2300fc3-5496-3d12-9135-67dc0ef740c9", // Transport, barge, diesel powered
        // The network examples (urban energy, cement expansion, food system).
        "018446d9-d9dd-3755-89ee-7e7603e7b14a", // Natural gas, processed, at plant
        "6925a6ca-e60a-302a-b521-650ff9a1c64a", // Electricity, at eGrid, RFCE, 2010
        "62993671-574c-3fc5-b66a-6be3bb21ad3d", // Portland cement, at plant
        "1cbbcd09-ea17-3d9b-bc34-2cf42efe26ba", // Corn, production, average, US, 2022
        "956b53b9-dd05-35ae-a072-69f1f6906290", // Soybean grains, at field
        "88aee762-4aa0-301f-b579-cca5d636aa0d", // Soybean oil, crude, degummed, at plant
        "dacaeae9-aeed-3366-912d-6a31de09eef9", // Nitrogen fertilizer, production mix, at plant
    ]

    /// Tables copied whole (reference data and LCIA).
    static let wholeTables: Set<String> = [
        "openlca_version", "tbl_units", "tbl_unit_groups", "tbl_flow_properties", "tbl_locations", "tbl_currencies",
        "tbl_categories", "tbl_impact_methods", "tbl_impact_categories", "tbl_impact_factors", "tbl_impact_links",
    ]

    /// Writes the cut of `source` (the shared US LCI database with IPCC 2021) to `path`.
    public static func write(from source: String, to path: String) throws {
        let all = try DatabaseCopy.tables(from: source)
        func table(_ name: String) -> FixtureTable? { all.first { $0.name == name } }
        guard let processTable = table("tbl_processes"), let exchangeTable = table("tbl_exchanges"),
              let flowTable = table("tbl_flows"), let factorTable = table("tbl_flow_property_factors") else {
            throw SQLiteError(code: 1, message: "not an openLCA database", context: "cutting \(source)")
        }
        let wanted = Set(processes)
        let processes = processTable.filter { wanted.contains($0.text("ref_id") ?? "") }
        let processIds = Set(processes.rows.compactMap { processes.integer($0, "id") })
        var exchanges = exchangeTable.filter { row in exchangeTable.integer(row.values, "f_owner").map(processIds.contains) == true }
        var flowIds = Set(exchanges.rows.compactMap { exchanges.integer($0, "f_flow") })
        if let impactFactors = table("tbl_impact_factors") {
            flowIds.formUnion(impactFactors.rows.compactMap { impactFactors.integer($0, "f_flow") })
        }
        let flows = flowTable.filter { row in flowTable.integer(row.values, "id").map(flowIds.contains) == true }
        let factors = factorTable.filter { row in factorTable.integer(row.values, "f_flow").map(flowIds.contains) == true }
        if let impactFactors = table("tbl_impact_factors") {
            exchanges = illustrativeDistributions(exchanges, characterised: Set(impactFactors.rows.compactMap { impactFactors.integer($0, "f_flow") }),
                                                  flows: flows)
        }
        var tables = all.filter { wholeTables.contains($0.name) }
        tables += [processes, exchanges, flows, factors]
        try FixtureWriter.write(tables.sorted { $0.name < $1.name }, to: path)
    }
}

extension ExampleDatabase {
    /// The geometric standard deviation the example gives a characterised elementary flow:
    /// 1.1 for carbon dioxide, 1.5 for methane and dinitrogen monoxide, 2.0 for every other
    /// greenhouse gas. Illustrative values of the order of ecoinvent's basic uncertainties; the
    /// US LCI stores no spread for these processes (its log-normal entries here have a
    /// geometric standard deviation of 0 or 1).
    public static func illustrativeGeometricSD(flowName: String) -> Double {
        let name = flowName.lowercased()
        if name.hasPrefix("carbon dioxide") { return 1.1 }
        if name.hasPrefix("methane") && !name.contains(",") || name.hasPrefix("methane, fossil") || name.hasPrefix("methane, biogenic")
            || name.hasPrefix("dinitrogen monoxide") { return 1.5 }
        return 2.0
    }

    /// `exchanges` with every elementary exchange of a `characterised` flow given a log-normal
    /// distribution around its amount (``illustrativeGeometricSD(flowName:)``), so that
    /// `lcaopt uncertainty` on the bundled examples has spread to show.
    static func illustrativeDistributions(_ exchanges: FixtureTable, characterised: Set<Int64>, flows: FixtureTable) -> FixtureTable {
        var names: [Int64: String] = [:], types: [Int64: String] = [:]
        for row in flows.rows {
            guard let id = flows.integer(row, "id") else { continue }
            names[id] = FixtureTable.Row(table: flows, values: row).text("name")
            types[id] = FixtureTable.Row(table: flows, values: row).text("flow_type")
        }
        guard let type = exchanges.index(of: "distribution_type"), let p1 = exchanges.index(of: "parameter1_value"),
              let p2 = exchanges.index(of: "parameter2_value"), let amount = exchanges.index(of: "resulting_amount_value") else { return exchanges }
        var copy = exchanges
        for (position, row) in copy.rows.enumerated() {
            guard let flow = exchanges.integer(row, "f_flow"), characterised.contains(flow), types[flow] == "ELEMENTARY_FLOW" else { continue }
            copy.rows[position][type] = .integer(1)
            copy.rows[position][p1] = row[amount]
            copy.rows[position][p2] = .real(illustrativeGeometricSD(flowName: names[flow] ?? ""))
        }
        return copy
    }
}

extension FixtureTable {
    /// The rows for which `keep` holds (a row is read through ``Row``).
    func filter(_ keep: (Row) -> Bool) -> FixtureTable {
        var copy = self
        copy.rows = rows.filter { keep(Row(table: self, values: $0)) }
        return copy
    }

    /// The integer in `column` of `row`.
    func integer(_ row: [SQLiteValue], _ column: String) -> Int64? {
        guard let index = index(of: column) else { return nil }
        switch row[index] {
        case .integer(let value): return value
        case .real(let value): return Int64(exactly: value)
        case .text(let text): return Int64(text)
        case .null: return nil
        }
    }

    /// A row with access by column name.
    struct Row {
        let table: FixtureTable
        let values: [SQLiteValue]

        func text(_ column: String) -> String? {
            guard let index = table.index(of: column), case .text(let value) = values[index] else { return nil }
            return value
        }
    }
}
