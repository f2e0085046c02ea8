import SQLite

/// The reference data of a database, loaded once: units, flow properties, flows, processes,
/// locations, currencies, impact methods and categories, folders. Exchanges and impact factors
/// are not kept here: they are streamed for the processes and categories a calculation needs.
public struct Catalog: Sendable {
    public private(set) var units: [Int64: Unit] = [:]
    public private(set) var unitGroups: [Int64: UnitGroup] = [:]
    public private(set) var flowProperties: [Int64: FlowProperty] = [:]
    public private(set) var flowPropertyFactors: [Int64: FlowPropertyFactor] = [:]
    public private(set) var currencies: [Int64: Currency] = [:]
    public private(set) var locations: [Int64: Location] = [:]
    public private(set) var folders: [Int64: CategoryFolder] = [:]
    public private(set) var flows: [Int64: Flow] = [:]
    public private(set) var processes: [Int64: Process] = [:]
    public private(set) var impactMethods: [Int64: ImpactMethod] = [:]
    public private(set) var impactCategories: [Int64: ImpactCategory] = [:]

    init(database db: OpenLCADatabase) throws {
        let schema = db.schema
        try Self.load(db, "SELECT id, name, conversion_factor, f_unit_group, \(schema.column("tbl_units", "synonyms")) FROM tbl_units") { row, id in
            let synonyms = (row.text(4) ?? "").split(separator: ";").map { String($0).trimmed }.filter { !$0.isEmpty }
            units[id] = Unit(id: id, name: row.text(1) ?? "", conversionFactor: row.double(2) ?? 1,
                             unitGroup: row.int64(3), synonyms: synonyms)
        }
        try Self.load(db, "SELECT id, name, f_reference_unit FROM tbl_unit_groups") { row, id in
            unitGroups[id] = UnitGroup(id: id, name: row.text(1) ?? "", referenceUnit: row.int64(2))
        }
        try Self.load(db, "SELECT id, name, f_unit_group FROM tbl_flow_properties") { row, id in
            flowProperties[id] = FlowProperty(id: id, name: row.text(1) ?? "", unitGroup: row.int64(2))
        }
        try Self.load(db, "SELECT id, conversion_factor, f_flow, f_flow_property FROM tbl_flow_property_factors") { row, id in
            flowPropertyFactors[id] = FlowPropertyFactor(id: id, flow: row.int64(2), flowProperty: row.int64(3),
                                                         conversionFactor: row.double(1) ?? 1)
        }
        if schema.hasTable("tbl_currencies") {
            try Self.load(db, "SELECT id, name, \(schema.column("tbl_currencies", "code")), \(schema.column("tbl_currencies", "conversion_factor")) FROM tbl_currencies") { row, id in
                currencies[id] = Currency(id: id, name: row.text(1) ?? "", code: row.text(2), conversionFactor: row.double(3) ?? 1)
            }
        }
        if schema.hasTable("tbl_locations") {
            let lat = schema.column("tbl_locations", "latitude"), lon = schema.column("tbl_locations", "longitude")
            try Self.load(db, "SELECT id, ref_id, name, \(schema.column("tbl_locations", "code")), \(lat), \(lon) FROM tbl_locations") { row, id in
                locations[id] = Location(id: id, refId: row.text(1) ?? "", name: row.text(2) ?? "", code: row.text(3),
                                         latitude: row.double(4), longitude: row.double(5))
            }
        }
        if schema.hasTable("tbl_categories") {
            try Self.load(db, "SELECT id, name, \(schema.column("tbl_categories", "f_category")) FROM tbl_categories") { row, id in
                folders[id] = CategoryFolder(id: id, name: row.text(1) ?? "", parent: row.int64(2))
            }
        }
        try Self.load(db, "SELECT id, ref_id, name, flow_type, f_reference_flow_property, \(schema.column("tbl_flows", "f_category")) FROM tbl_flows") { row, id in
            flows[id] = Flow(id: id, refId: row.text(1) ?? "", name: row.text(2) ?? "", type: FlowType(raw: row.text(3)),
                             referenceFlowProperty: row.int64(4), category: row.int64(5))
        }
        let p = { (column: String) in schema.column("tbl_processes", column) }
        try Self.load(db, "SELECT id, ref_id, name, \(p("process_type")), f_quantitative_reference, \(p("f_location")), \(p("f_currency")), \(p("f_category")), \(p("default_allocation_method")) FROM tbl_processes") { row, id in
            processes[id] = Process(id: id, refId: row.text(1) ?? "", name: row.text(2) ?? "", processType: row.text(3),
                                    quantitativeReference: row.int64(4), location: row.int64(5), currency: row.int64(6),
                                    category: row.int64(7), defaultAllocationMethod: row.text(8))
        }
        try loadImpacts(db)
    }

    private mutating func loadImpacts(_ db: OpenLCADatabase) throws {
        let schema = db.schema
        if schema.hasTable("tbl_impact_methods") {
            try Self.load(db, "SELECT id, ref_id, name FROM tbl_impact_methods") { row, id in
                impactMethods[id] = ImpactMethod(id: id, refId: row.text(1) ?? "", name: row.text(2) ?? "")
            }
        }
        guard schema.hasTable("tbl_impact_categories") else { return }
        var links: [Int64: [Int64]] = [:]
        if schema.hasTable("tbl_impact_links") {
            let statement = try db.prepare("SELECT f_impact_method, f_impact_category FROM tbl_impact_links")
            while try statement.step() {
                if let method = statement.int64(0), let category = statement.int64(1) {
                    links[category, default: []].append(method)
                }
            }
        }
        let c = { (column: String) in schema.column("tbl_impact_categories", column) }
        try Self.load(db, "SELECT id, ref_id, name, \(c("reference_unit")), \(c("f_impact_method")), \(c("direction")) FROM tbl_impact_categories") { row, id in
            var methods = links[id] ?? []
            if let method = row.int64(4), !methods.contains(method) { methods.insert(method, at: 0) }
            impactCategories[id] = ImpactCategory(id: id, refId: row.text(1) ?? "", name: row.text(2) ?? "",
                                                  referenceUnit: row.text(3), methods: methods.sorted(),
                                                  direction: row.text(5).flatMap { Direction(rawValue: $0.uppercased()) })
        }
    }

    /// Steps through `sql` and hands each row with a readable integer id (column 0) to `body`.
    private static func load(_ db: OpenLCADatabase, _ sql: String,
                               _ body: (SQLiteStatement, Int64) throws -> Void) throws {
        let statement = try db.prepare(sql)
        while try statement.step() {
            guard let id = statement.int64(0) else { continue }
            try body(statement, id)
        }
    }

    // MARK: Conversions, as openLCA's ConversionTable: an unknown id counts as factor 1.

    /// The factor from `unit` to its group's reference unit (1 when unknown).
    public func unitFactor(_ unit: Int64?) -> Double {
        unit.flatMap { units[$0]?.conversionFactor } ?? 1
    }

    /// The factor of a flow property factor (1 when unknown).
    public func propertyFactor(_ factor: Int64?) -> Double {
        factor.flatMap { flowPropertyFactors[$0]?.conversionFactor } ?? 1
    }

    /// The factor from `currency` to the reference currency (1 when unknown).
    public func currencyFactor(_ currency: Int64?) -> Double {
        currency.flatMap { currencies[$0]?.conversionFactor } ?? 1
    }

    /// The code (else name) of the currency every other converts to (conversion factor 1, the
    /// lowest id when several), in which costs are reported; "cost" when the database has none.
    public var referenceCurrency: String {
        let reference = currencies.values.filter { $0.conversionFactor == 1 }.min { $0.id < $1.id }
        return reference.map { $0.code ?? $0.name } ?? "cost"
    }

    /// The factor that turns an exchange amount given in `unit` of the property of
    /// `propertyFactor` into the flow's reference unit: `unit.cf / fpf.cf`, 0 when `fpf.cf` is 0.
    /// (openLCA: `olca-core/.../matrix/cache/ExchangeTable.java`, `getConversionFactor`.)
    public func exchangeFactor(unit: Int64?, propertyFactor factor: Int64?) -> Double {
        let property = propertyFactor(factor)
        return property == 0 ? 0 : unitFactor(unit) / property
    }

    /// The factor that turns an impact factor given per `unit` of the property of
    /// `propertyFactor` into one per reference unit: `fpf.cf / unit.cf`, 0 when `unit.cf` is 0.
    /// (openLCA: `olca-core/.../matrix/ImpactBuilder.java`, `getConversionFactor`.)
    public func impactFactorFactor(unit: Int64?, propertyFactor factor: Int64?) -> Double {
        let unitValue = unitFactor(unit)
        return unitValue == 0 ? 0 : propertyFactor(factor) / unitValue
    }

    // MARK: Derived facts

    /// The reference unit of a flow (through its reference flow property and unit group).
    public func referenceUnit(ofFlow flow: Int64) -> Unit? {
        guard let property = flows[flow]?.referenceFlowProperty,
              let group = flowProperties[property]?.unitGroup else { return nil }
        return unitGroups[group]?.referenceUnit.flatMap { units[$0] }
    }

    /// The folder path of a category id, `A/B/C`; empty when none.
    public func folderPath(_ id: Int64?) -> String {
        var names: [String] = []
        var current = id
        var seen = Set<Int64>()
        while let folder = current.flatMap({ folders[$0] }), seen.insert(folder.id).inserted {
            names.append(folder.name)
            current = folder.parent
        }
        return names.reversed().joined(separator: "/")
    }

    /// The names of the methods of an impact category.
    public func methodNames(of category: ImpactCategory) -> [String] {
        category.methods.compactMap { impactMethods[$0]?.name }
    }
}

extension String {
    /// Without leading and trailing white space.
    var trimmed: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
