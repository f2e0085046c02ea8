import Foundation
import ModelFamily
import Network
import Testing

/// Small networks whose optimum is derived by hand in each test's comment.
@Suite struct HandDerivedNetworkTests {
    /// A boiler turns gas into heat at 0.8: 10 MWh of heat take 12.5 MWh of gas at 20 USD and
    /// 0.2 t CO2 each: cost 250, CO2 2.5.
    @Test func test_two_bus_link_with_an_efficiency() throws {
        let fixture = try NetworkFixture()
        try fixture.write("boiler.yaml", """
        kind: network
        carriers: [{id: gas, unit: MWh}, {id: heat, unit: MWh}]
        buses: [{id: gas, carrier: gas}, {id: heat, carrier: heat}]
        indicators: [{id: co2, unit: t}]
        supplies: [{id: gas-in, bus: gas, cost: 20, impacts: {co2: 0.2}}]
        demands: [{id: load, bus: heat, amount: 10}]
        links: [{id: boiler, legs: {gas: -1, heat: 0.8}}]
        """)
        let (_, report) = try NetworkFixture.solve(try fixture.load("boiler.yaml"))
        #expect(report.status == "optimal")
        #expect(close(report.activity("boiler"), 12.5))
        #expect(close(report.activity("gas-in"), 12.5))
        #expect(close(report.objectives["cost"], 250))
        #expect(close(report.objectives["co2"], 2.5))
    }

    /// A CHP (1 gas -> 0.4 electricity + 0.5 heat, 30 USD per MWh gas) and a boiler (0.9) meet
    /// 10 MWh electricity and 5 MWh heat; the grid sells electricity at 100. Heat cannot be
    /// dumped, so the CHP runs at most 5 / 0.5 = 10. Each unit of CHP saves 0.4 x 100 of grid and
    /// 0.5 / 0.9 x 30 of boiler gas for 30: it runs at 10, the grid gives 10 - 4 = 6, the boiler
    /// nothing. Cost 30 x 10 + 100 x 6 = 900; CO2 0.2 x 10 + 0.5 x 6 = 5.
    @Test func test_chp_with_two_outputs() throws {
        let fixture = try NetworkFixture()
        try fixture.write("chp.yaml", Self.chp)
        let (_, report) = try NetworkFixture.solve(try fixture.load("chp.yaml"))
        #expect(close(report.activity("chp"), 10))
        #expect(close(report.activity("grid"), 6))
        #expect(report.activity("boiler") == 0)
        #expect(close(report.objectives["cost"], 900))
        #expect(close(report.objectives["co2"], 5))
    }

    static let chp = """
    kind: network
    carriers: [{id: gas, unit: MWh}, {id: elec, unit: MWh}, {id: heat, unit: MWh}]
    buses: [{id: gas, carrier: gas}, {id: elec, carrier: elec}, {id: heat, carrier: heat}]
    indicators: [{id: co2, unit: t}]
    supplies:
      - {id: gas-in, bus: gas, cost: 30, impacts: {co2: 0.2}}
      - {id: grid, bus: elec, cost: 100, impacts: {co2: 0.5}}
    demands: [{id: eload, bus: elec, amount: 10}, {id: hload, bus: heat, amount: 5}]
    links:
      - {id: chp, legs: {gas: -1, elec: 0.4, heat: 0.5}, capacity: 30}
      - {id: boiler, legs: {gas: -1, heat: 0.9}}
    """

    /// A heat pipe from A (0 N, 0 E) to B (0 N, 1 E): the Haversine distance is the Earth's
    /// mean radius times one degree in radians, 111.195 km, times circuity 1.2. 10 % is lost, so
    /// B's 50 MWh take f = 50 / 0.9 from A; pumping takes 0.001 MWh electricity per MWh and km
    /// at A; each MWh moved costs 0.01 per km.
    @Test func test_transport_loss_and_fuel_per_km() throws {
        let fixture = try NetworkFixture()
        try fixture.write("pipe.yaml", """
        kind: network
        locations: [{id: A, latitude: 0, longitude: 0}, {id: B, latitude: 0, longitude: 1}]
        carriers: [{id: heat, unit: MWh}, {id: elec, unit: MWh}]
        buses: [{id: heatA, carrier: heat, location: A}, {id: heatB, carrier: heat, location: B}, {id: elecA, carrier: elec, location: A}]
        supplies: [{id: heat-in, bus: heatA, cost: 10}, {id: elec-in, bus: elecA, cost: 100}]
        demands: [{id: load, bus: heatB, amount: 50}]
        transport: [{id: pipe, carrier: heat, routes: [{from: A, to: B}], loss: 0.1, fuel: {elec: 0.001}, circuity: 1.2, costPerKm: 0.01}]
        """)
        let (_, report) = try NetworkFixture.solve(try fixture.load("pipe.yaml"))
        let km = 6371.0088 * Double.pi / 180 * 1.2
        let flow = 50 / 0.9
        #expect(close(report.routes.first?.km, km, 1e-12))
        #expect(close(report.flows.first?.amount, flow))
        #expect(close(report.activity("heat-in"), flow))
        #expect(close(report.activity("elec-in"), 0.001 * km * flow))
        #expect(close(report.objectives["cost"], 10 * flow + 100 * 0.001 * km * flow + 0.01 * km * flow))
    }

    /// A cyclic store with 10 % standing loss per unit of time and 0.9 charging efficiency.
    /// Electricity costs 10 in `cheap` (weight 2) and 50 in `dear` (weight 3); demand is 10 per
    /// unit of time in both. Levels: L_cheap = L_dear 0.9^2 + 1.8 c, L_dear = L_cheap 0.9^3 - 3 d.
    /// Covering all of `dear` from the store (d = 10) with L_dear = 0 takes L_cheap = 30 / 0.729
    /// and c = L_cheap / 1.8 (a unit from the store costs 2 x 10 / (1.8 x 0.729) = 15.2 per unit
    /// delivered against 50 bought). Cost = 2 x 10 x (10 + c).
    @Test func test_cyclic_store_with_standing_loss_over_weighted_snapshots() throws {
        let fixture = try NetworkFixture()
        try fixture.write("store.yaml", """
        kind: network
        snapshots: [{id: cheap, weight: 2}, {id: dear, weight: 3}]
        carriers: [{id: elec, unit: MWh}]
        buses: [{id: elec, carrier: elec}]
        supplies: [{id: grid, bus: elec, cost: {cheap: 10, dear: 50}}]
        demands: [{id: load, bus: elec, amount: 10}]
        stores: [{id: battery, bus: elec, capacity: 100, standingLoss: 0.1, efficiencyIn: 0.9}]
        """)
        let (_, report) = try NetworkFixture.solve(try fixture.load("store.yaml"))
        let level = 30 / 0.729, charge = level / 1.8
        #expect(close(report.activity("grid", "cheap"), 10 + charge))
        #expect(report.activity("grid", "dear") == 0)
        let cheap = report.stores.first { $0.snapshot == "cheap" }
        #expect(close(cheap?.level, level))
        #expect(close(cheap?.charge, charge))
        #expect(close(report.stores.first { $0.snapshot == "dear" }?.discharge, 10))
        #expect(close(report.objectives["cost"], 2 * 10 * (10 + charge)))
    }

    /// Capacity in whole units of 4 for a demand of 10: 3 units (12), where the LP relaxation
    /// would build 2.5. Cost 100 x 12 + 1 x 10 = 1210.
    @Test func test_whole_units_round_up() throws {
        let fixture = try NetworkFixture()
        try fixture.write("units.yaml", """
        kind: network
        carriers: [{id: gas}, {id: heat}]
        buses: [{id: gas, carrier: gas}, {id: heat, carrier: heat}]
        supplies: [{id: gas-in, bus: gas, cost: 1}]
        demands: [{id: load, bus: heat, amount: 10}]
        links: [{id: boiler, legs: {gas: -1, heat: 1}, expansion: {cost: 100, unitSize: 4}}]
        """)
        let data = try fixture.load("units.yaml")
        let (problem, report) = try NetworkFixture.solve(data)
        #expect(problem.model.hasIntegerColumns)
        #expect(close(report.capacities.first?.built, 12))
        #expect(close(report.objectives["cost"], 1210))
    }

    /// Heat at B costs 10 there or 1 at A over a pipe with a fixed cost: with 50 the pipe is
    /// built (50 + 1 x 10 = 60 < 100), with 95 it is not (95 + 10 = 105 > 100).
    @Test(arguments: [(50.0, true, 60.0), (95.0, false, 100.0)])
    func test_yes_no_route(_ example: (fixedCost: Double, built: Bool, cost: Double)) throws {
        let fixture = try NetworkFixture()
        try fixture.write("route.yaml", """
        kind: network
        locations: [{id: A}, {id: B}]
        carriers: [{id: heat}]
        buses: [{id: heatA, carrier: heat, location: A}, {id: heatB, carrier: heat, location: B}]
        supplies: [{id: heat-a, bus: heatA, cost: 1}, {id: heat-b, bus: heatB, cost: 10}]
        demands: [{id: load, bus: heatB, amount: 10}]
        transport: [{id: pipe, carrier: heat, routes: [{from: A, to: B, km: 1}], capacity: 100, fixedCost: \(example.fixedCost)}]
        """)
        let (_, report) = try NetworkFixture.solve(try fixture.load("route.yaml"))
        #expect(report.built == (example.built ? ["pipe:A>B"] : []))
        #expect(close(report.objectives["cost"], example.cost))
    }

    /// Two periods of 5 years from 2025 at 5 %: w1 = sum_{k<5} 1.05^-k, w2 = sum_{5<=k<10} 1.05^-k.
    /// Demand 10 in the first and 20 in the second; capacity costs 50 per unit and year, operation
    /// 1 per unit. With a 20-year lifetime, 10 built in 2025 serve both periods and 10 more come
    /// in 2030: cost = 50 x 10 x (w1 + w2) + 50 x 10 x w2 + 10 w1 + 20 w2. With a 5-year lifetime
    /// the first build retires: 50 x 10 x w1 + 50 x 20 x w2 + 10 w1 + 20 w2. CO2 (0.3 per unit
    /// operated) is not discounted: 0.3 x (10 x 5 + 20 x 5) = 45, plus 2 per unit built.
    @Test(arguments: [20.0, 5.0])
    func test_two_period_expansion_with_discounting(_ lifetime: Double) throws {
        let fixture = try NetworkFixture()
        try fixture.write("periods.yaml", """
        kind: network
        periods: [{id: p2025, year: 2025, years: 5}, {id: p2030, year: 2030, years: 5}]
        discountRate: 0.05
        carriers: [{id: cement, unit: t}]
        buses: [{id: cement, carrier: cement}]
        indicators: [{id: co2, unit: t}]
        supplies: [{id: plant, bus: cement, cost: 1, impacts: {co2: 0.3}, expansion: {cost: 50, lifetime: \(lifetime), impacts: {co2: 2}}}]
        demands: [{id: market, bus: cement, amount: {p2025: 10, p2030: 20}}]
        """)
        let (_, report) = try NetworkFixture.solve(try fixture.load("periods.yaml"))
        let w1 = (0..<5).reduce(0.0) { $0 + pow(1.05, -Double($1)) }, w2 = (5..<10).reduce(0.0) { $0 + pow(1.05, -Double($1)) }
        let expected = lifetime == 20 ? 50 * 10 * (w1 + w2) + 50 * 10 * w2 + 10 * w1 + 20 * w2 : 50 * 10 * w1 + 50 * 20 * w2 + 10 * w1 + 20 * w2
        #expect(close(report.objectives["cost"], expected))
        let built = lifetime == 20 ? [10.0, 10.0] : [10.0, 20.0]
        #expect(report.capacities.map(\.built) == built)
        #expect(close(report.objectives["co2"], 45 + 2 * built.reduce(0, +)))
    }

    /// Coal (40 USD, 1 t CO2 per MWh) and wind (80, none) meet 10 MWh; a cap of 4 t keeps coal at
    /// 4: cost 4 x 40 + 6 x 80 = 640 (400 without the cap).
    @Test func test_binding_global_constraint() throws {
        let fixture = try NetworkFixture()
        try fixture.write("cap.yaml", """
        kind: network
        carriers: [{id: elec, unit: MWh}]
        buses: [{id: elec, carrier: elec}]
        indicators: [{id: co2, unit: t}]
        supplies: [{id: coal, bus: elec, cost: 40, impacts: {co2: 1}}, {id: wind, bus: elec, cost: 80, capacity: 100}]
        demands: [{id: load, bus: elec, amount: 10}]
        constraints: [{id: co2-cap, indicator: co2, max: 4}]
        """)
        let (_, report) = try NetworkFixture.solve(try fixture.load("cap.yaml"))
        #expect(close(report.activity("coal"), 4))
        #expect(close(report.activity("wind"), 6))
        #expect(close(report.objectives["cost"], 640))
        #expect(close(report.objectives["co2"], 4))
    }
}
