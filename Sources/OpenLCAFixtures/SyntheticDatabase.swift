import SQLite

/// A small openLCA database whose impacts are computed by hand, for unit-conversion and sign tests.
///
/// Units: kg (ref), g, t, lb; MJ (ref), kWh; m3 (ref), l; Bq (ref), kBq; t*km (ref), kg*km.
/// Methods: "Test method" with categories GWP (kg CO2 eq), Resources (MJ), Radiation (Bq eq),
/// Water (m3); "Other method" with a second category also named "Climate change" (for
/// ambiguous-name tests).
///
/// Processes (ref_ids `p-steel`, `p-power`, `p-truck`, `p-paper`, each documented below):
///
/// - `p-steel` "Steel, \"hot-rolled\", Ünïcode" at DE (51.0, 10.0): reference output 2.5 kg steel
///   (cost 5 EUR, 1 EUR = 1.1 USD), co-product 0.5 kg slag (multi-output), product input 1 kWh
///   electricity (ignored in the direct scope), elementary: CO2 out 3000 g, CO2 out 0.002 t,
///   CO2 in 1 kg, CH4 out 10 g, Rn-222 out 4 kBq, water out 20 l, water out 30 kg (water's
///   reference property is volume, 1 m3 = 1000 kg), natural gas (resource, in) 5 kWh.
///   Per kg steel: GWP (3 + 2 - 1 + 0.01 x 29.8) / 2.5 = 1.7192; Resources 18 x 2 / 2.5 = 14.4;
///   Radiation 4000 x 0.0005 / 2.5 = 0.8; Water (0.02 + 0.03) / 2.5 = 0.02; cost 5 x 1.1 / 2.5 = 2.2.
/// - `p-power` "Electricity, grid" at a 0/0 location: reference output 1 kWh (= 3.6 MJ), CO2 out
///   0.5 kg: GWP per MJ 0.5 / 3.6.
/// - `p-truck` "Transport, truck" without location: reference output 1000 kg*km (= 1 t*km),
///   CO2 out 0.1 kg: GWP per t*km 0.1; cost 0.08 USD per reference exchange.
/// - `p-paper` "Paper, bleached": reference 1 t (= 1000 kg) of paper, CO2 from air (resource,
///   factor -1) in 1500 kg, fossil CO2 out 500 kg: GWP per kg paper (500 - 1500) / 1000 = -1.
/// - Water factor: 0.001 per l = 1 per m3; methane 0.0298 per g = 29.8 per kg; radon 0.5 per kBq.
public enum SyntheticDatabase {
    /// The tables, in openLCA 1.x naming.
    public static var tables: [FixtureTable] {
        var builder = Builder()
        builder.build()
        return builder.tables
    }

    /// Writes the database to `path`.
    public static func write(to path: String, options: FixtureOptions = .init()) throws {
        try FixtureWriter.write(tables, to: path, options: options)
    }
}

/// Accumulates the rows of a synthetic database.
struct Builder {
    var unitGroups: [[SQLiteValue]] = []
    var units: [[SQLiteValue]] = []
    var properties: [[SQLiteValue]] = []
    var propertyFactors: [[SQLiteValue]] = []
    var flows: [[SQLiteValue]] = []
    var processes: [[SQLiteValue]] = []
    var exchanges: [[SQLiteValue]] = []
    var locations: [[SQLiteValue]] = []
    var methods: [[SQLiteValue]] = []
    var categories: [[SQLiteValue]] = []
    var factors: [[SQLiteValue]] = []
    var allocationFactors: [[SQLiteValue]] = []
    var nextId: Int64 = 1000

    /// Unit ids by name.
    var unit: [String: Int64] = [:]
    /// Flow property ids by name.
    var property: [String: Int64] = [:]
    /// Flow ids by name, and each flow's property factor ids by property name.
    var flow: [String: Int64] = [:]
    var factor: [String: [String: Int64]] = [:]
    var category: [String: Int64] = [:]

    mutating func id() -> Int64 {
        nextId += 1
        return nextId
    }

    mutating func build() {
        buildUnits()
        buildSynthetic()
    }

    mutating func buildUnits() {
        group("Units of mass", property: "Mass", units: [("kg", 1), ("g", 0.001), ("t", 1000), ("lb", 0.45359237)])
        group("Units of energy", property: "Energy", units: [("MJ", 1), ("kWh", 3.6)])
        group("Units of volume", property: "Volume", units: [("m3", 1), ("l", 0.001)])
        group("Units of radioactivity", property: "Radioactivity", units: [("Bq", 1), ("kBq", 1000)])
        group("Units of mass*length", property: "Goods transport (mass*distance)", units: [("t*km", 1), ("kg*km", 0.001)])
    }

    mutating func buildSynthetic() {

        addFlow("Carbon dioxide, fossil", "f-co2", .elementary, "Mass")
        addFlow("Methane, fossil", "f-ch4", .elementary, "Mass")
        addFlow("Carbon dioxide, in air", "f-co2-air", .elementary, "Mass")
        addFlow("Radon-222", "f-rn", .elementary, "Radioactivity")
        addFlow("Water, cooling", "f-water", .elementary, "Volume", extra: [("Mass", 1000)])
        addFlow("Gas, natural, in ground", "f-gas", .elementary, "Energy")
        addFlow("Steel", "f-steel", .product, "Mass")
        addFlow("Slag", "f-slag", .product, "Mass")
        addFlow("Electricity", "f-power", .product, "Energy")
        addFlow("Transport, truck", "f-truck", .product, "Goods transport (mass*distance)")
        addFlow("Paper", "f-paper", .product, "Mass")

        let germany = addLocation("Germany", code: "DE", latitude: 51.0, longitude: 10.0)
        let unknown = addLocation("Global", code: "GLO", latitude: 0, longitude: 0)
        let euro = id()
        currencies = [[.integer(euro), .text("Euro"), .text("c-eur"), .text("EUR"), .real(1.1), .integer(euro + 1)],
                      [.integer(euro + 1), .text("US Dollar"), .text("c-usd"), .text("USD"), .real(1.0), .integer(euro + 1)]]

        addProcess("p-steel", "Steel, \"hot-rolled\", Ünïcode", location: germany, currency: euro, exchanges: [
            .init(flow: "Steel", amount: 2.5, unit: "kg", isInput: false, cost: 5, currency: euro, isReference: true),
            .init(flow: "Slag", amount: 0.5, unit: "kg", isInput: false),
            .init(flow: "Electricity", amount: 1, unit: "kWh", isInput: true),
            .init(flow: "Carbon dioxide, fossil", amount: 3000, unit: "g", isInput: false),
            .init(flow: "Carbon dioxide, fossil", amount: 0.002, unit: "t", isInput: false),
            .init(flow: "Carbon dioxide, fossil", amount: 1, unit: "kg", isInput: true),
            .init(flow: "Methane, fossil", amount: 10, unit: "g", isInput: false),
            .init(flow: "Radon-222", amount: 4, unit: "kBq", isInput: false),
            .init(flow: "Water, cooling", amount: 20, unit: "l", isInput: false),
            .init(flow: "Water, cooling", amount: 30, unit: "kg", property: "Mass", isInput: false),
            .init(flow: "Gas, natural, in ground", amount: 5, unit: "kWh", isInput: true),
        ])
        addProcess("p-power", "Electricity, grid", location: unknown, currency: nil, exchanges: [
            .init(flow: "Electricity", amount: 1, unit: "kWh", isInput: false, isReference: true),
            .init(flow: "Carbon dioxide, fossil", amount: 0.5, unit: "kg", isInput: false),
        ])
        addProcess("p-truck", "Transport, truck", location: nil, currency: nil, exchanges: [
            .init(flow: "Transport, truck", amount: 1000, unit: "kg*km", isInput: false, cost: 0.08, currency: euro + 1, isReference: true),
            .init(flow: "Carbon dioxide, fossil", amount: 0.1, unit: "kg", isInput: false),
        ])
        addProcess("p-paper", "Paper, bleached", location: nil, currency: nil, exchanges: [
            .init(flow: "Paper", amount: 1, unit: "t", isInput: false, isReference: true),
            .init(flow: "Carbon dioxide, in air", amount: 1500, unit: "kg", isInput: true),
            .init(flow: "Carbon dioxide, fossil", amount: 500, unit: "kg", isInput: false),
        ])

        let testMethod = addMethod("Test method", refId: "m-test")
        addCategory("Climate change", refId: "i-gwp", unit: "kg CO2 eq", method: testMethod, factors: [
            ("Carbon dioxide, fossil", 1, "kg"), ("Methane, fossil", 0.0298, "g"), ("Carbon dioxide, in air", -1, "kg"),
        ])
        addCategory("Resources", refId: "i-res", unit: "MJ", method: testMethod, factors: [
            ("Gas, natural, in ground", 2, "MJ"),
        ])
        addCategory("Ionising radiation", refId: "i-rad", unit: "Bq eq", method: testMethod, factors: [
            ("Radon-222", 0.5, "kBq"),
        ])
        addCategory("Water use", refId: "i-water", unit: "m3", method: testMethod, factors: [
            ("Water, cooling", 0.001, "l"),
        ])
        let otherMethod = addMethod("Other method", refId: "m-other")
        addCategory("Climate change", refId: "i-gwp-other", unit: "kg CO2 eq", method: otherMethod, factors: [
            ("Carbon dioxide, fossil", 1, "kg"), ("Methane, fossil", 25, "kg"),
        ])
    }

    var currencies: [[SQLiteValue]] = []

    mutating func group(_ name: String, property propertyName: String, units list: [(String, Double)]) {
        let groupId = id()
        let propertyId = id()
        var referenceUnit: Int64 = 0
        for (offset, (unitName, factor)) in list.enumerated() {
            let unitId = id()
            if offset == 0 { referenceUnit = unitId }
            unit[unitName] = unitId
            units.append([.integer(unitId), .text("u-\(unitName)"), .text(unitName), .real(factor), .text(""), .integer(groupId)])
        }
        unitGroups.append([.integer(groupId), .text("ug-\(propertyName)"), .text(name), .integer(referenceUnit), .integer(propertyId)])
        property[propertyName] = propertyId
        properties.append([.integer(propertyId), .text("fp-\(propertyName)"), .text(propertyName), .integer(groupId)])
    }

    mutating func addFlow(_ name: String, _ refId: String, _ type: FlowTypeName, _ referenceProperty: String,
                          extra: [(String, Double)] = []) {
        let flowId = id()
        flow[name] = flowId
        flows.append([.integer(flowId), .text(refId), .text(name), .text(type.rawValue), .integer(property[referenceProperty]!)])
        for (propertyName, conversion) in [(referenceProperty, 1.0)] + extra {
            let factorId = id()
            factor[name, default: [:]][propertyName] = factorId
            propertyFactors.append([.integer(factorId), .real(conversion), .integer(flowId), .integer(property[propertyName]!)])
        }
    }

    mutating func addLocation(_ name: String, code: String, latitude: Double, longitude: Double) -> Int64 {
        let locationId = id()
        locations.append([.integer(locationId), .text("l-\(code)"), .text(name), .real(longitude), .real(latitude), .text(code)])
        return locationId
    }

    struct Exchange {
        var flow: String
        var amount: Double
        var unit: String
        var property: String? = nil
        var isInput: Bool
        var cost: Double? = nil
        var currency: Int64? = nil
        var isReference = false
        var isAvoided = false
        /// The ref_id of the default provider process (resolved when all processes exist).
        var provider: Int64? = nil
    }

    @discardableResult
    mutating func addProcess(_ refId: String, _ name: String, location: Int64?, currency: Int64?, exchanges list: [Exchange],
                             allocation: String? = nil, factors allocationList: [(product: String, value: Double)] = []) -> Int64 {
        let processId = id()
        var reference: Int64 = 0
        for exchange in list {
            let exchangeId = id()
            if exchange.isReference { reference = exchangeId }
            let flowId = flow[exchange.flow]!
            let factors = factor[exchange.flow]!
            let factorId = exchange.property.map { factors[$0]! } ?? factors.values.min()!
            exchanges.append([
                .integer(exchangeId), .integer(processId), .integer(flowId), .integer(unit[exchange.unit]!),
                .integer(exchange.isInput ? 1 : 0), .integer(factorId), .real(exchange.amount), .integer(exchange.isAvoided ? 1 : 0),
                exchange.provider.map(SQLiteValue.integer) ?? .null,
                exchange.cost.map(SQLiteValue.real) ?? .null, exchange.currency.map(SQLiteValue.integer) ?? .null,
            ])
        }
        processes.append([.integer(processId), .text(refId), .text(name), .text("UNIT_PROCESS"),
                          allocation.map(SQLiteValue.text) ?? .null,
                          .integer(reference), location.map(SQLiteValue.integer) ?? .null,
                          currency.map(SQLiteValue.integer) ?? .null, .null])
        for entry in allocationList {
            allocationFactors.append([.integer(id()), .text(allocation ?? "PHYSICAL"), .real(entry.value), .integer(processId),
                                      .integer(flow[entry.product]!), .null])
        }
        return processId
    }

    mutating func addMethod(_ name: String, refId: String) -> Int64 {
        let methodId = id()
        methods.append([.integer(methodId), .text(refId), .text(name)])
        return methodId
    }

    mutating func addCategory(_ name: String, refId: String, unit unitName: String, method: Int64,
                              factors list: [(flow: String, value: Double, unit: String)]) {
        let categoryId = id()
        categories.append([.integer(categoryId), .text(refId), .text(name), .text(unitName), .integer(method)])
        for entry in list {
            let flowId = flow[entry.flow]!
            let factorId = factor[entry.flow]!.values.min()!
            factors.append([.integer(id()), .integer(categoryId), .integer(flowId), .integer(factorId),
                            .integer(unit[entry.unit]!), .real(entry.value)])
        }
    }

    var tables: [FixtureTable] {
        func columns(_ spec: String) -> [FixtureTable.Column] {
            spec.split(separator: ",").map {
                let parts = $0.split(separator: " ")
                return .init(String(parts[0]), String(parts[1]))
            }
        }
        return [
            FixtureTable(name: "openlca_version", columns: columns("version INTEGER"), rows: [[.integer(5)]]),
            FixtureTable(name: "tbl_unit_groups", columns: columns("id BIGINT,ref_id VARCHAR(36),name VARCHAR(2048),f_reference_unit BIGINT,f_default_flow_property BIGINT"), rows: unitGroups),
            FixtureTable(name: "tbl_units", columns: columns("id BIGINT,ref_id VARCHAR(36),name VARCHAR(2048),conversion_factor DOUBLE,synonyms VARCHAR(255),f_unit_group BIGINT"), rows: units),
            FixtureTable(name: "tbl_flow_properties", columns: columns("id BIGINT,ref_id VARCHAR(36),name VARCHAR(2048),f_unit_group BIGINT"), rows: properties),
            FixtureTable(name: "tbl_flow_property_factors", columns: columns("id BIGINT,conversion_factor DOUBLE,f_flow BIGINT,f_flow_property BIGINT"), rows: propertyFactors),
            FixtureTable(name: "tbl_flows", columns: columns("id BIGINT,ref_id VARCHAR(36),name VARCHAR(2048),flow_type VARCHAR(255),f_reference_flow_property BIGINT"), rows: flows),
            FixtureTable(name: "tbl_locations", columns: columns("id BIGINT,ref_id VARCHAR(36),name VARCHAR(2048),longitude DOUBLE,latitude DOUBLE,code VARCHAR(255)"), rows: locations),
            FixtureTable(name: "tbl_currencies", columns: columns("id BIGINT,name VARCHAR(2048),ref_id VARCHAR(36),code VARCHAR(255),conversion_factor DOUBLE,f_reference_currency BIGINT"), rows: currencies),
            FixtureTable(name: "tbl_processes", columns: columns("id BIGINT,ref_id VARCHAR(36),name VARCHAR(2048),process_type VARCHAR(255),default_allocation_method VARCHAR(255),f_quantitative_reference BIGINT,f_location BIGINT,f_currency BIGINT,f_category BIGINT"), rows: processes),
            FixtureTable(name: "tbl_exchanges", columns: columns("id BIGINT,f_owner BIGINT,f_flow BIGINT,f_unit BIGINT,is_input SMALLINT,f_flow_property_factor BIGINT,resulting_amount_value DOUBLE,avoided_product SMALLINT,f_default_provider BIGINT,cost_value DOUBLE,f_currency BIGINT"), rows: exchanges),
            FixtureTable(name: "tbl_impact_methods", columns: columns("id BIGINT,ref_id VARCHAR(36),name VARCHAR(2048)"), rows: methods),
            FixtureTable(name: "tbl_impact_categories", columns: columns("id BIGINT,ref_id VARCHAR(36),name VARCHAR(2048),reference_unit VARCHAR(255),f_impact_method BIGINT"), rows: categories),
            FixtureTable(name: "tbl_impact_factors", columns: columns("id BIGINT,f_impact_category BIGINT,f_flow BIGINT,f_flow_property_factor BIGINT,f_unit BIGINT,value DOUBLE"), rows: factors),
            FixtureTable(name: "tbl_allocation_factors", columns: columns("id BIGINT,allocation_type VARCHAR(255),value DOUBLE,f_process BIGINT,f_product BIGINT,f_exchange BIGINT"), rows: allocationFactors),
        ]
    }
}

enum FlowTypeName: String {
    case elementary = "ELEMENTARY_FLOW"
    case product = "PRODUCT_FLOW"
}
