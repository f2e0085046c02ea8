/// What `lcaopt info` reports: schema facts, counts, and warnings that matter for optimisation.
public struct DatabaseInfo: Sendable, Codable, Equatable {
    /// Schema facts.
    public struct SchemaFacts: Sendable, Codable, Equatable {
        /// `openlca_version.version` when recorded.
        public var version: Int64?
        /// "openLCA 1.x" or "openLCA 2.x".
        public var layout: String
        /// True for Derby-style upper-case table and column names.
        public var upperCaseIdentifiers: Bool
        /// How many openLCA tables the file has.
        public var tables: Int
    }

    /// Flows by type.
    public struct FlowCounts: Sendable, Codable, Equatable {
        public var elementary: Int
        public var product: Int
        public var waste: Int
        /// Flows whose type is missing or unknown (left out of the JSON when 0).
        public var other: Int

        enum CodingKeys: String, CodingKey { case elementary, product, waste, other }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(elementary, forKey: .elementary)
            try container.encode(product, forKey: .product)
            try container.encode(waste, forKey: .waste)
            if other > 0 { try container.encode(other, forKey: .other) }
        }
    }

    /// Entity counts.
    public struct Counts: Sendable, Codable, Equatable {
        public var processes: Int
        /// Processes by `process_type` (`UNIT_PROCESS`, `LCI_RESULT`, ...).
        public var processTypes: [String: Int]
        public var flows: FlowCounts
        public var exchanges: Int
        public var impactMethods: Int
        public var impactCategories: Int
        public var impactFactors: Int
        public var locations: Int
        /// Locations with coordinates that are set and not 0/0.
        public var locationsWithCoordinates: Int
        public var units: Int
        public var unitGroups: Int
        public var flowProperties: Int
        public var currencies: Int
        /// Processes whose reference exchange amount is not 1.
        public var referenceAmountsNotOne: Int
        /// Processes with more than one product output or waste input.
        public var multiOutputProcesses: Int
        /// Processes without a readable quantitative reference.
        public var processesWithoutReference: Int
        /// Elementary exchanges given in a unit or flow property other than the reference one
        /// (only with a deep scan: it reads every exchange row).
        public var elementaryExchangesInOtherUnits: Int?
        /// All elementary exchanges (only with a deep scan).
        public var elementaryExchanges: Int?
        /// Characterisation factors whose value is NULL, a blob or text (read as 0 when no number).
        public var factorsWithoutNumericValue: Int = 0
        /// Exchanges whose amount is NULL, a blob or text, and exchanges of flows missing from
        /// tbl_flows (only with a deep scan).
        public var exchangesWithoutNumericAmount: Int?
        public var exchangesOfMissingFlows: Int?
    }

    /// The path of the database.
    public var database: String
    public var schema: SchemaFacts
    public var counts: Counts
    /// Human-readable warnings, most important first.
    public var warnings: [String]
}

extension OpenLCADatabase {
    /// Counts and warnings for `lcaopt info`, computed with a few aggregate queries that touch
    /// only reference and product exchanges, so it stays fast on ecoinvent-sized files. `deep`
    /// also counts elementary exchanges in non-reference units, which reads every exchange row.
    public func info(deep: Bool = false) throws(OpenLCAError) -> DatabaseInfo {
        try reading {
            let catalog = try catalog()
            var processTypes: [String: Int] = [:]
            for process in catalog.processes.values { processTypes[process.processType ?? "unknown", default: 0] += 1 }
            var flows = DatabaseInfo.FlowCounts(elementary: 0, product: 0, waste: 0, other: 0)
            for flow in catalog.flows.values {
                switch flow.type {
                case .elementary: flows.elementary += 1
                case .product: flows.product += 1
                case .waste: flows.waste += 1
                case .unknown: flows.other += 1
                }
            }
            let references = try exchanges(withIDs: catalog.processes.values.compactMap(\.quantitativeReference))
            let counts = DatabaseInfo.Counts(
                processes: catalog.processes.count,
                processTypes: processTypes,
                flows: flows,
                exchanges: Int(try scalar("SELECT count(*) FROM tbl_exchanges")),
                impactMethods: catalog.impactMethods.count,
                impactCategories: catalog.impactCategories.count,
                impactFactors: schema.hasTable("tbl_impact_factors") ? Int(try scalar("SELECT count(*) FROM tbl_impact_factors")) : 0,
                locations: catalog.locations.count,
                locationsWithCoordinates: catalog.locations.values.filter(\.hasCoordinates).count,
                units: catalog.units.count,
                unitGroups: catalog.unitGroups.count,
                flowProperties: catalog.flowProperties.count,
                currencies: catalog.currencies.count,
                referenceAmountsNotOne: references.values.filter { $0.amount != 1 }.count,
                multiOutputProcesses: Int(try scalar(multiOutputSQL)),
                processesWithoutReference: catalog.processes.values.filter { process in
                    process.quantitativeReference.flatMap { references[$0] }?.owner != process.id
                }.count,
                elementaryExchangesInOtherUnits: nil,
                elementaryExchanges: nil)
            var result = counts
            if schema.hasTable("tbl_impact_factors") {
                result.factorsWithoutNumericValue = Int(try scalar("SELECT count(*) FROM tbl_impact_factors WHERE typeof(value) NOT IN ('integer', 'real')"))
            }
            if deep {
                let (all, other) = try elementaryUnitCounts()
                (result.elementaryExchanges, result.elementaryExchangesInOtherUnits) = (all, other)
                let amount = schema.column("tbl_exchanges", "resulting_amount_value")
                result.exchangesWithoutNumericAmount = Int(try scalar("SELECT count(*) FROM tbl_exchanges WHERE typeof(\(amount)) NOT IN ('integer', 'real')"))
                let flow = schema.integerExpression("tbl_exchanges", "f_flow", alias: "e")
                result.exchangesOfMissingFlows = Int(try scalar("SELECT count(*) FROM tbl_exchanges e WHERE NOT EXISTS (SELECT 1 FROM tbl_flows f WHERE f.id = \(flow))"))
            }
            return DatabaseInfo(
                database: path,
                schema: .init(version: schema.version, layout: schema.layout.rawValue,
                              upperCaseIdentifiers: schema.upperCaseIdentifiers, tables: schema.columns.count),
                counts: result,
                warnings: Self.warnings(result))
        }
    }

    /// A flag column read as 0/1 whatever its storage class (`1`, `1.0`, `'1'`, `'true'`).
    private func flag(_ column: String) -> String {
        "(CASE WHEN typeof(\(column)) = 'text' THEN lower(trim(\(column))) IN ('1','true','t','yes','y') ELSE coalesce(\(column), 0) <> 0 END)"
    }

    private var multiOutputSQL: String {
        let input = flag("e.is_input")
        let avoided = schema.hasColumn("tbl_exchanges", "avoided_product") ? flag("e.avoided_product") : "0"
        let flow = schema.integerExpression("tbl_exchanges", "f_flow", alias: "e")
        // Driven from the product and waste flows (CROSS JOIN fixes the loop order in SQLite), so
        // that an index on f_flow reads only their exchanges.
        return """
            SELECT count(*) FROM (SELECT e.f_owner FROM tbl_flows f CROSS JOIN tbl_exchanges e ON \(flow) = f.id
            WHERE upper(f.flow_type) IN ('PRODUCT_FLOW', 'WASTE_FLOW')
            AND ((upper(f.flow_type) = 'PRODUCT_FLOW' AND NOT \(input)) OR (upper(f.flow_type) = 'WASTE_FLOW' AND \(input)))
            AND NOT \(avoided) GROUP BY e.f_owner HAVING count(*) > 1)
            """
    }

    /// (elementary exchanges, those whose unit or flow property factor is not 1).
    private func elementaryUnitCounts() throws -> (Int, Int) {
        let flow = schema.integerExpression("tbl_exchanges", "f_flow", alias: "e")
        let unit = schema.integerExpression("tbl_exchanges", "f_unit", alias: "e")
        let factor = schema.integerExpression("tbl_exchanges", "f_flow_property_factor", alias: "e")
        let statement = try prepare("""
            SELECT count(*), coalesce(sum(CASE WHEN coalesce(u.conversion_factor, 1) <> 1
                OR coalesce(pf.conversion_factor, 1) <> 1 THEN 1 ELSE 0 END), 0)
            FROM tbl_exchanges e JOIN tbl_flows f ON f.id = \(flow)
            LEFT JOIN tbl_units u ON u.id = \(unit)
            LEFT JOIN tbl_flow_property_factors pf ON pf.id = \(factor)
            WHERE upper(f.flow_type) = 'ELEMENTARY_FLOW'
            """)
        guard try statement.step() else { return (0, 0) }
        return (Int(statement.int64(0) ?? 0), Int(statement.int64(1) ?? 0))
    }

    static func warnings(_ counts: DatabaseInfo.Counts) -> [String] {
        var warnings: [String] = []
        if counts.impactCategories == 0 {
            warnings.append("no LCIA methods: impact indicators cannot be computed; import an LCIA method in openLCA and export again")
        }
        if counts.locations > 0 && counts.locationsWithCoordinates < counts.locations {
            warnings.append("\(counts.locations - counts.locationsWithCoordinates) of \(counts.locations) locations have no coordinates (0/0 or NULL): give supplier coordinates in the model file")
        }
        if counts.impactCategories > 0 && counts.impactFactors == 0 {
            warnings.append("\(counts.impactCategories) impact categories but no characterisation factors (tbl_impact_factors is empty): every impact would be 0; export the database again with its LCIA method")
        }
        if counts.factorsWithoutNumericValue > 0 {
            warnings.append("\(counts.factorsWithoutNumericValue) characterisation factors are not stored as numbers (NULL, text or blob): lcaopt reads numeric text and counts the rest as 0, saying which category")
        }
        if let count = counts.exchangesWithoutNumericAmount, count > 0 {
            warnings.append("\(count) exchanges have an amount not stored as a number (NULL, text or blob): lcaopt reads numeric text and counts the rest as 0, naming the process")
        }
        if let count = counts.exchangesOfMissingFlows, count > 0 {
            warnings.append("\(count) exchanges refer to flows missing from tbl_flows: lcaopt leaves them out, naming the process")
        }
        if counts.processesWithoutReference > 0 {
            warnings.append("\(counts.processesWithoutReference) processes have no readable quantitative reference and cannot be used")
        }
        if counts.referenceAmountsNotOne > 0 {
            warnings.append("\(counts.referenceAmountsNotOne) processes have a reference amount other than 1: lcaopt divides by it (MOLA does not)")
        }
        if counts.multiOutputProcesses > 0 {
            warnings.append("\(counts.multiOutputProcesses) processes are multi-output: the direct scope gives each product the whole burden (not allocated)")
        }
        if let other = counts.elementaryExchangesInOtherUnits, let all = counts.elementaryExchanges, other > 0 {
            warnings.append("\(other) of \(all) elementary exchanges are in non-reference units: lcaopt converts them")
        }
        return warnings
    }
}
