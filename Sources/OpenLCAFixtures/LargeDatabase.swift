import SQLite

#if canImport(Glibc)
import Glibc
#endif

/// A deterministic ecoinvent-sized openLCA database for benchmarks: by default 20,000 unit
/// processes with one product each, 4,000 elementary flows, 1,500 elementary exchanges and 5
/// linked product inputs per process (3 from 300 hub processes, 2 from the neighbourhood: about
/// 30 million exchange rows), 20 impact categories with 1,000 factors each, three transport
/// processes in t*km, in the openLCA 1.x layout with the usual indexes. Written once into an
/// ignored folder; never committed.
public struct LargeDatabase: Sendable {
    public var processes = 20_000
    public var elementaryFlows = 4_000
    public var elementaryExchangesPerProcess = 1_500
    public var productInputsPerProcess = 5
    public var categories = 20
    public var factorsPerCategory = 1_000
    public var seed: UInt64 = 2024

    public init() {}

    /// ref_id of process `index` (0-based): `proc-00000042`.
    public static func processRefId(_ index: Int) -> String { "proc-" + pad(index, 8) }
    /// ref_ids of the three transport processes (reference unit t*km): truck, rail, barge.
    public static let transportRefIds = ["transport-truck", "transport-rail", "transport-barge"]

    /// ref_id of impact category `index`: `cat-03`.
    public static func categoryRefId(_ index: Int) -> String { "cat-" + pad(index, 2) }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    // Id ranges, so that every kind has its own block.
    private static let unitBase: Int64 = 1, propertyBase: Int64 = 100, groupBase: Int64 = 200
    private static let flowBase: Int64 = 1_000_000, factorBase: Int64 = 2_000_000
    private static let processBase: Int64 = 3_000_000, categoryBase: Int64 = 4_000_000, methodId: Int64 = 4_999_999
    private static let exchangeBase: Int64 = 10_000_000, impactFactorBase: Int64 = 90_000_000

    /// Writes the database to `path` (replacing it).
    public func write(to path: String, progress: (String) -> Void = { _ in }) throws {
        var smallTables = referenceTables()
        smallTables.append(contentsOf: flowTables())
        let temporary = path + ".partial"
        unlink(temporary)
        let connection = try SQLiteConnection(path: temporary, mode: .create)
        try connection.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -500000")
        try connection.transaction {
            for table in smallTables { try FixtureWriter.writeTable(table, to: connection, upperCase: false) }
            try writeProcessesAndExchanges(connection, progress: progress)
            try writeImpacts(connection)
        }
        progress("indexing")
        try connection.execute("""
            CREATE UNIQUE INDEX idx_exchange_id ON tbl_exchanges(id);
            CREATE INDEX idx_exchange_owner ON tbl_exchanges(f_owner);
            CREATE INDEX idx_exchange_flow ON tbl_exchanges(f_flow);
            CREATE UNIQUE INDEX idx_process_id ON tbl_processes(id);
            CREATE UNIQUE INDEX idx_flow_id ON tbl_flows(id);
            CREATE INDEX idx_process_ref_id ON tbl_processes(ref_id);
            CREATE INDEX idx_impact_factor_category ON tbl_impact_factors(f_impact_category);
            ANALYZE;
            """)
        try FixtureWriter.replace(path, with: temporary)
    }

    private func referenceTables() -> [FixtureTable] {
        // Mass: kg (ref), g; energy: MJ (ref), kWh; volume: m3 (ref), l.
        let units: [(Int64, String, Double, Int64)] = [(1, "kg", 1, 200), (2, "g", 0.001, 200), (3, "MJ", 1, 201),
                                                       (4, "kWh", 3.6, 201), (5, "m3", 1, 202), (6, "l", 0.001, 202),
                                                       (7, "t*km", 1, 203), (8, "kg*km", 0.001, 203)]
        return [
            FixtureTable(name: "openlca_version", columns: [.init("version", "INTEGER")], rows: [[.integer(5)]]),
            FixtureTable(name: "tbl_units", columns: [.init("id", "BIGINT"), .init("ref_id", "VARCHAR(36)"), .init("name", "VARCHAR(2048)"),
                                                      .init("conversion_factor", "DOUBLE"), .init("f_unit_group", "BIGINT")],
                         rows: units.map { [.integer($0.0), .text("unit-\($0.1)"), .text($0.1), .real($0.2), .integer($0.3)] }),
            FixtureTable(name: "tbl_unit_groups", columns: [.init("id", "BIGINT"), .init("ref_id", "VARCHAR(36)"), .init("name", "VARCHAR(2048)"),
                                                            .init("f_reference_unit", "BIGINT")],
                         rows: [[.integer(200), .text("ug-mass"), .text("Units of mass"), .integer(1)],
                                [.integer(201), .text("ug-energy"), .text("Units of energy"), .integer(3)],
                                [.integer(202), .text("ug-volume"), .text("Units of volume"), .integer(5)],
                                [.integer(203), .text("ug-transport"), .text("Units of mass*length"), .integer(7)]]),
            FixtureTable(name: "tbl_flow_properties", columns: [.init("id", "BIGINT"), .init("ref_id", "VARCHAR(36)"), .init("name", "VARCHAR(2048)"),
                                                                .init("f_unit_group", "BIGINT")],
                         rows: [[.integer(100), .text("fp-mass"), .text("Mass"), .integer(200)],
                                [.integer(101), .text("fp-energy"), .text("Energy"), .integer(201)],
                                [.integer(102), .text("fp-volume"), .text("Volume"), .integer(202)],
                                [.integer(103), .text("fp-transport"), .text("Goods transport (mass*distance)"), .integer(203)]]),
        ]
    }

    /// Elementary flows cycle through mass, energy and volume; products are all mass.
    private func flowTables() -> [FixtureTable] {
        var flows = FixtureTable(name: "tbl_flows", columns: [
            .init("id", "BIGINT"), .init("ref_id", "VARCHAR(36)"), .init("name", "VARCHAR(2048)"),
            .init("flow_type", "VARCHAR(255)"), .init("f_reference_flow_property", "BIGINT")])
        var factors = FixtureTable(name: "tbl_flow_property_factors", columns: [
            .init("id", "BIGINT"), .init("conversion_factor", "DOUBLE"), .init("f_flow", "BIGINT"), .init("f_flow_property", "BIGINT")])
        for index in 0..<elementaryFlows {
            let id = Self.flowBase + Int64(index)
            let property = Self.propertyBase + Int64(index % 3)
            flows.rows.append([.integer(id), .text("elem-" + Self.pad(index, 6)), .text("Emission \(index)"),
                               .text("ELEMENTARY_FLOW"), .integer(property)])
            factors.rows.append([.integer(Self.factorBase + Int64(index)), .real(1), .integer(id), .integer(property)])
        }
        for index in 0..<processes {
            let id = Self.flowBase + Int64(elementaryFlows + index)
            flows.rows.append([.integer(id), .text("prod-" + Self.pad(index, 8)), .text("Product \(index)"),
                               .text("PRODUCT_FLOW"), .integer(Self.propertyBase)])
            factors.rows.append([.integer(Self.factorBase + Int64(elementaryFlows + index)), .real(1), .integer(id), .integer(Self.propertyBase)])
        }
        for (offset, refId) in Self.transportRefIds.enumerated() {
            let id = Self.flowBase + Int64(elementaryFlows + processes + offset)
            flows.rows.append([.integer(id), .text("flow-" + refId), .text(refId), .text("PRODUCT_FLOW"), .integer(Self.propertyBase + 3)])
            factors.rows.append([.integer(Self.factorBase + Int64(elementaryFlows + processes + offset)), .real(1), .integer(id),
                                 .integer(Self.propertyBase + 3)])
        }
        return [flows, factors]
    }

    private func writeProcessesAndExchanges(_ connection: SQLiteConnection, progress: (String) -> Void) throws {
        try connection.execute("""
            CREATE TABLE tbl_processes (id BIGINT, ref_id VARCHAR(36), name VARCHAR(2048), process_type VARCHAR(255),
              f_quantitative_reference BIGINT, f_location BIGINT, f_currency BIGINT, f_category BIGINT, default_allocation_method VARCHAR(255));
            CREATE TABLE tbl_exchanges (id BIGINT, f_owner BIGINT, f_flow BIGINT, f_unit BIGINT, is_input SMALLINT,
              f_flow_property_factor BIGINT, resulting_amount_value DOUBLE, avoided_product SMALLINT, f_default_provider BIGINT,
              cost_value DOUBLE, f_currency BIGINT)
            """)
        let insertProcess = try connection.prepare("INSERT INTO tbl_processes VALUES (?, ?, ?, 'UNIT_PROCESS', ?, NULL, NULL, NULL, NULL)")
        let insertExchange = try connection.prepare("INSERT INTO tbl_exchanges VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, NULL)")
        var random = SplitMix64(seed: seed)
        var exchangeId = Self.exchangeBase
        let elementaryUnits: [[Int64]] = [[1, 2], [3, 4], [5, 6]] // per property: reference unit, other unit
        for index in 0..<processes {
            if index % 2000 == 0 { progress("processes \(index)/\(processes)") }
            let processId = Self.processBase + Int64(index)
            let product = Self.flowBase + Int64(elementaryFlows + index)
            // Reference: mostly 1 kg; every 9th process 2.5 kg; every 13th given in g.
            let referenceId = exchangeId
            let inGrams = index % 13 == 0
            let amount = index % 9 == 0 ? 2.5 : 1.0
            try insert(insertExchange, exchangeId, processId, product, inGrams ? 2 : 1, false,
                       Self.factorBase + Int64(elementaryFlows + index), inGrams ? amount * 1000 : amount, nil,
                       Double.random(in: 0.5...5, using: &random))
            exchangeId += 1
            for input in 0..<productInputsPerProcess where processes > 1 {
                // As in ecoinvent, most inputs come from a few hundred hub processes (energy,
                // transport, chemicals) and the rest from a process's own neighbourhood; random
                // links across the whole database would make an unrealistically dense LU.
                let hubs = min(processes, 300)
                var provider = input < 3 ? Int.random(in: 0..<hubs, using: &random)
                    : (index + Int.random(in: 1...100, using: &random)) % processes
                if provider == index { provider = (provider + 1) % processes }
                try insert(insertExchange, exchangeId, processId, Self.flowBase + Int64(elementaryFlows + provider), 1, true,
                           Self.factorBase + Int64(elementaryFlows + provider), Double.random(in: 0.001...0.1, using: &random),
                           Self.processBase + Int64(provider), nil)
                exchangeId += 1
            }
            for _ in 0..<elementaryExchangesPerProcess {
                let flow = Int.random(in: 0..<elementaryFlows, using: &random)
                let units = elementaryUnits[flow % 3]
                let unit = units[Int.random(in: 0..<8, using: &random) == 0 ? 1 : 0]
                try insert(insertExchange, exchangeId, processId, Self.flowBase + Int64(flow), unit,
                           Int.random(in: 0..<10, using: &random) == 0, Self.factorBase + Int64(flow),
                           Double.random(in: 1e-6...1, using: &random), nil, nil)
                exchangeId += 1
            }
            insertProcess.reset()
            insertProcess.bind(1, processId)
            insertProcess.bind(2, Self.processRefId(index))
            insertProcess.bind(3, "Process \(index)")
            insertProcess.bind(4, referenceId)
            while try insertProcess.step() {}
        }
        // Transport: 1 t*km with a cost and a few emissions each.
        for (offset, refId) in Self.transportRefIds.enumerated() {
            let processId = Self.processBase + Int64(processes + offset)
            let product = Self.flowBase + Int64(elementaryFlows + processes + offset)
            let referenceId = exchangeId
            try insert(insertExchange, exchangeId, processId, product, 7, false, Self.factorBase + Int64(elementaryFlows + processes + offset),
                       1, nil, [0.12, 0.045, 0.03][offset])
            exchangeId += 1
            for flow in 0..<min(20, elementaryFlows) {
                try insert(insertExchange, exchangeId, processId, Self.flowBase + Int64(flow * 3 % elementaryFlows), [1, 3, 5][flow * 3 % elementaryFlows % 3],
                           false, Self.factorBase + Int64(flow * 3 % elementaryFlows), [0.08, 0.02, 0.03][offset] / Double(flow + 1), nil, nil)
                exchangeId += 1
            }
            insertProcess.reset()
            insertProcess.bind(1, processId)
            insertProcess.bind(2, refId)
            insertProcess.bind(3, refId)
            insertProcess.bind(4, referenceId)
            while try insertProcess.step() {}
        }
    }

    private func insert(_ statement: SQLiteStatement, _ id: Int64, _ owner: Int64, _ flow: Int64, _ unit: Int64, _ isInput: Bool,
                        _ factor: Int64, _ amount: Double, _ provider: Int64?, _ cost: Double?) throws {
        statement.reset()
        statement.bind(1, id)
        statement.bind(2, owner)
        statement.bind(3, flow)
        statement.bind(4, unit)
        statement.bind(5, Int64(isInput ? 1 : 0))
        statement.bind(6, factor)
        statement.bind(7, amount)
        statement.bind(8, provider)
        statement.bind(9, cost)
        while try statement.step() {}
    }

    private func writeImpacts(_ connection: SQLiteConnection) throws {
        try connection.execute("""
            CREATE TABLE tbl_impact_methods (id BIGINT, ref_id VARCHAR(36), name VARCHAR(2048));
            CREATE TABLE tbl_impact_categories (id BIGINT, ref_id VARCHAR(36), name VARCHAR(2048), reference_unit VARCHAR(255), f_impact_method BIGINT);
            CREATE TABLE tbl_impact_factors (id BIGINT, f_impact_category BIGINT, f_flow BIGINT, f_flow_property_factor BIGINT, f_unit BIGINT, value DOUBLE);
            INSERT INTO tbl_impact_methods VALUES (\(Self.methodId), 'method-large', 'Large benchmark method');
            """)
        let category = try connection.prepare("INSERT INTO tbl_impact_categories VALUES (?, ?, ?, 'units', \(Self.methodId))")
        let factor = try connection.prepare("INSERT INTO tbl_impact_factors VALUES (?, ?, ?, ?, ?, ?)")
        var random = SplitMix64(seed: seed &+ 1)
        var factorId = Self.impactFactorBase
        for index in 0..<categories {
            let categoryId = Self.categoryBase + Int64(index)
            try category.run([.integer(categoryId), .text(Self.categoryRefId(index)), .text("Category \(index)")])
            var chosen = Set<Int>()
            while chosen.count < min(factorsPerCategory, elementaryFlows) { chosen.insert(Int.random(in: 0..<elementaryFlows, using: &random)) }
            for flow in chosen.sorted() {
                let referenceUnit: Int64 = [1, 3, 5][flow % 3]
                try factor.run([.integer(factorId), .integer(categoryId), .integer(Self.flowBase + Int64(flow)),
                                .integer(Self.factorBase + Int64(flow)), .integer(referenceUnit), .real(Double.random(in: 0.01...100, using: &random))])
                factorId += 1
            }
        }
    }
}
