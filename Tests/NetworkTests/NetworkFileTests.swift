import Foundation
import Impact
import ModelFamily
import Network
import OpenLCA
import OpenLCAFixtures
import Testing

/// Network files: CSV lists, openLCA links and their units, and every bad-file case.
@Suite struct NetworkFileTests {
    static let database = FixtureFiles.packageRoot() + "/db-fixtures/uslci-example.sqlite"
    static let gwp = "22373119-7cbb-5450-97c8-49a119af7614"
    static let hdpe = "Polyethylene, high density, resin, at plant, CTR"

    /// The CHP network of HandDerivedNetworkTests with supplies, links and demands as CSV files
    /// (nested keys as `legs.gas` columns) and a per-snapshot demand as a CSV series: the same
    /// data, so the same optimum and decision as the lists inline.
    @Test func test_csv_lists_equal_the_same_lists_inline() throws {
        let fixture = try NetworkFixture()
        try fixture.write("inline.yaml", """
        kind: network
        snapshots: [{id: day, weight: 2}, {id: night, weight: 1}]
        carriers: [{id: gas, unit: MWh}, {id: elec, unit: MWh}, {id: heat, unit: MWh}]
        buses: [{id: gas, carrier: gas}, {id: elec, carrier: elec}, {id: heat, carrier: heat}]
        indicators: [{id: co2, unit: t}]
        supplies:
          - {id: gas-in, bus: gas, cost: 30, impacts: {co2: 0.2}}
          - {id: grid, bus: elec, cost: 100, impacts: {co2: 0.5}}
        demands: [{id: eload, bus: elec, amount: {day: 10, night: 4}}, {id: hload, bus: heat, amount: 5}]
        links:
          - {id: chp, legs: {gas: -1, elec: 0.4, heat: 0.5}, capacity: 30}
          - {id: boiler, legs: {gas: -1, heat: 0.9}}
        """)
        try fixture.write("supplies.csv", "id,bus,cost,impacts.co2\ngas-in,gas,30,0.2\ngrid,elec,100,0.5\n")
        try fixture.write("links.csv", "id,legs.gas,legs.elec,legs.heat,capacity\nchp,-1,0.4,0.5,30\nboiler,-1,,0.9,\n")
        try fixture.write("demands.csv", "id,bus,amount\neload,elec,loads.csv\nhload,heat,5\n")
        try fixture.write("loads.csv", "snapshot,eload\nday,10\nnight,4\n")
        try fixture.write("csv.yaml", """
        kind: network
        snapshots: [{id: day, weight: 2}, {id: night, weight: 1}]
        carriers: [{id: gas, unit: MWh}, {id: elec, unit: MWh}, {id: heat, unit: MWh}]
        buses: [{id: gas, carrier: gas}, {id: elec, carrier: elec}, {id: heat, carrier: heat}]
        indicators: [{id: co2, unit: t}]
        supplies: supplies.csv
        demands: demands.csv
        links: links.csv
        """)
        let inline = try fixture.load("inline.yaml"), csv = try fixture.load("csv.yaml")
        #expect(csv.supplies == inline.supplies)
        #expect(csv.links == inline.links)
        #expect(csv.demands == inline.demands)
        let (_, a) = try NetworkFixture.solve(inline), (_, b) = try NetworkFixture.solve(csv)
        #expect(a.status == "optimal")
        #expect(a.objectives == b.objectives)
        #expect(a.solution.decision == b.solution.decision)
    }

    /// A link linked to the HDPE process, 1000 kg per t of activity: its GWP per unit of
    /// activity is 1000 x the process's GWP per kg (what `lcaopt lcia` reports, computed here by
    /// the same direct characterisation); a supply in t of the same process converts kg to t
    /// through the database's units without processAmount.
    @Test func test_openlca_linked_link_and_supply_count_the_process_per_reference_unit() throws {
        let fixture = try NetworkFixture()
        try fixture.write("linked.yaml", """
        kind: network
        database: \(Self.database)
        carriers: [{id: resin, unit: t}, {id: film, unit: t}]
        buses: [{id: resin, carrier: resin}, {id: film, carrier: film}]
        indicators: [{id: gwp, impactCategory: \(Self.gwp)}]
        supplies: [{id: resin-in, bus: resin, cost: 900, process: "\(Self.hdpe)"}]
        links: [{id: extruder, legs: {resin: -1.1, film: 1}, cost: 50, process: "\(Self.hdpe)", processAmount: 1000}]
        demands: [{id: market, bus: film, amount: 2}]
        """)
        let data = try fixture.load("linked.yaml")
        let db = try OpenLCADatabase(path: Self.database)
        let process = try db.process(matching: Self.hdpe), category = try db.impactCategory(matching: Self.gwp)
        let lcia = try DirectCharacterisation.compute(database: db, processes: [process.id], categories: [category.id])
        let perKg = lcia.processes[0].impacts[0]
        #expect(perKg > 0)
        #expect(close(data.links[0].impacts[0], 1000 * perKg, 1e-12))
        #expect(close(data.supplies[0].impacts[0], 1000 * perKg, 1e-12))
        let (_, report) = try NetworkFixture.solve(data)
        // 2 t of film: 2 units of extrusion and 2.2 t of resin.
        #expect(close(report.objectives["gwp"], (2 + 2.2) * 1000 * perKg))
        #expect(close(report.objectives["cost"], 2 * 50 + 2.2 * 900))
        #expect(report.context.indicators.first?.unit == "kg CO2-Eq")
    }

    /// The same link in the system scope counts the process's cradle-to-gate impacts, as the
    /// system characterisation computes them for it (the scope a file or --scope chooses).
    @Test func test_system_scope_counts_cradle_to_gate_impacts() throws {
        let fixture = try NetworkFixture()
        try fixture.write("system.yaml", """
        kind: network
        database: \(Self.database)
        lciaScope: system
        carriers: [{id: film, unit: t}]
        buses: [{id: film, carrier: film}]
        indicators: [{id: gwp, impactCategory: \(Self.gwp)}]
        links: [{id: extruder, legs: {film: 1}, process: "\(Self.hdpe)", processAmount: 1000}]
        demands: [{id: market, bus: film, amount: 2}]
        """)
        let data = try fixture.load("system.yaml")
        let db = try OpenLCADatabase(path: Self.database)
        let process = try db.process(matching: Self.hdpe), category = try db.impactCategory(matching: Self.gwp)
        let system = try SystemCharacterisation.compute(database: db, processes: [process.id], categories: [category.id])
        #expect(data.scope == "system")
        #expect(close(data.links[0].impacts[0], 1000 * system.lcia.processes[0].impacts[0], 1e-12))
    }

    /// A supply whose carrier unit is no unit of its process's reference flow, without
    /// processAmount: an error that says what to give, not a silent factor of 1.
    @Test func test_unconvertible_unit_without_process_amount_is_an_error() throws {
        let fixture = try NetworkFixture()
        try fixture.write("units.yaml", """
        kind: network
        database: \(Self.database)
        carriers: [{id: resin, unit: MWh}]
        buses: [{id: resin, carrier: resin}]
        supplies: [{id: resin-in, bus: resin, process: "\(Self.hdpe)"}]
        demands: [{id: market, bus: resin, amount: 2}]
        """)
        let problems = fixture.problems("units.yaml")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("$.supplies[0].processAmount: missing: 'MWh' is not a unit of") == true)
    }

    /// Every problem of a bad file at once, each at its path: an unknown bus, a bus of an unknown
    /// carrier, a route between locations where the carrier has no bus, a non-finite number, an
    /// unknown key, and a CSV list without a required column.
    @Test func test_bad_file_lists_every_problem() throws {
        let fixture = try NetworkFixture()
        try fixture.write("bad.json", """
        {"kind": "network",
         "locations": [{"id": "A", "latitude": 0, "longitude": 0}, {"id": "B", "latitude": 1, "longitude": 1}],
         "carriers": [{"id": "heat"}],
         "buses": [{"id": "heatA", "carrier": "heat", "location": "A"}, {"id": "steam", "carrier": "heet"}],
         "supplies": [{"id": "boiler", "bus": "heatX", "cost": 1}],
         "demands": [{"id": "load", "bus": "heatA", "amount": 5}],
         "transport": [{"id": "pipe", "carrier": "heat", "routes": [{"from": "A", "to": "B"}]}]}
        """)
        let problems = fixture.problems("bad.json")
        #expect(problems.contains("$.buses[1].carrier: unknown carrier 'heet' (did you mean 'heat'?)"))
        #expect(problems.contains { $0.hasPrefix("$.supplies[0].bus: unknown bus 'heatX'") })
        #expect(problems.contains { $0.contains("route A>B: no buses of carrier 'heat' at location 'B'") })
        #expect(problems.count == 3)

        try fixture.write("shape.yaml", """
        kind: network
        carriers: [{id: heat}]
        buses: [{id: heat, carrier: heat}]
        supplies: [{id: boiler, bus: heat, cost: .inf, capcity: 3}]
        links: links.csv
        """)
        try fixture.write("links.csv", "legs.heat,capacity\n1,5\n")
        let shape = fixture.problems("shape.yaml")
        #expect(shape.contains { $0.hasPrefix("$.links: links.csv: missing column 'id'") })
        #expect(shape.count == 1, "the CSV problem is reported before the shape check: \(shape)")
        try fixture.write("links.csv", "id,legs.heat,capacity\nboiler,1,5\n")
        let rest = fixture.problems("shape.yaml")
        #expect(rest.contains { $0.hasPrefix("$.supplies[0].capcity: unknown key 'capcity'") && $0.contains("did you mean 'capacity'?") })
        #expect(rest.contains { $0.hasPrefix("$.supplies[0].cost") && $0.contains("finite") })
        #expect(rest.count == 2, "\(rest)")
    }

    /// A cell that is not a number and a row longer than the header name the file and line
    /// (a short row's missing cells are empty: the keys are absent).
    @Test func test_csv_cells_are_checked_with_file_and_line() throws {
        let fixture = try NetworkFixture()
        try fixture.write("net.yaml", "kind: network\ncarriers: [{id: heat}]\nbuses: [{id: heat, carrier: heat}]\nsupplies: supplies.csv\n")
        try fixture.write("supplies.csv", "id,bus,cost\nboiler,heat,cheap\nlong,heat,1,2\n")
        let problems = fixture.problems("net.yaml")
        #expect(problems.contains("$.supplies[0].cost: supplies.csv line 2, column cost: 'cheap' is not a number (or the name of a per-snapshot .csv file)"))
        #expect(problems.contains { $0.hasPrefix("$.supplies[1]: supplies.csv line 3 has more cells than the header's 3") })
        #expect(problems.count == 2, "\(problems)")
    }

    /// A network that names openLCA data and no database says so at `$.database`.
    @Test func test_openlca_links_without_a_database_are_an_error() throws {
        let fixture = try NetworkFixture()
        try fixture.write("nodb.yaml", """
        kind: network
        carriers: [{id: resin, unit: kg}]
        buses: [{id: resin, carrier: resin}]
        supplies: [{id: resin-in, bus: resin, process: "\(Self.hdpe)"}]
        """)
        let problems = fixture.problems("nodb.yaml")
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("$.database: missing") == true)
    }
}
