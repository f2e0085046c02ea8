import Foundation
import LPModel
import SupplyChain
import Testing

/// Small models whose optimum is computed by hand in each test's comment.
@Suite struct HandSolvedModelTests {
    static let steelGWP = 4.298 / 2.5 // per kg, from the synthetic database

    /// 10 kg over 100 km by truck: cost 10 x 3 + 1 t*km x 0.08; GWP 10 x 1.7192 + 1 x 0.1.
    @Test func test_one_supplier_with_transport() throws {
        let (_, result, report) = try ModelHelpers.solve(ModelHelpers.model(
            suppliers: #"[{"id": "mill", "process": "p-steel", "cost": 3}]"#,
            demands: #"[{"id": "d", "site": "plant", "amount": 10, "requires": {"steel": 1}}]"#,
            extra: #", "distances": [{"supplier": "mill", "site": "plant", "km": 100}]"#))
        #expect(result.isOptimal)
        #expect(abs(report.objectives["cost"]! - 30.08) < 1e-9)
        #expect(abs(report.objectives["gwp"]! - (10 * Self.steelGWP + 0.1)) < 1e-9)
        #expect(report.transport.count == 1 && abs(report.transport[0].modeAmount - 1) < 1e-12)
        #expect(report.transport[0].modeUnit == "t*km" && report.transport[0].km == 100)
        #expect(report.distances.map(\.km) == [100] && report.distances.map(\.overridden) == [true])
    }

    /// The cheaper supplier (2) is full at 6; the other (3) delivers 4: cost 12 + 12 = 24.
    @Test func test_two_suppliers_with_a_capacity() throws {
        let (_, _, report) = try ModelHelpers.solve(ModelHelpers.model(
            suppliers: #"[{"id": "a", "process": "p-steel", "cost": 2, "capacity": 6, "modes": []}, {"id": "b", "process": "p-steel", "cost": 3, "modes": []}]"#,
            demands: #"[{"id": "d", "site": "plant", "amount": 10, "requires": {"steel": 1}}]"#))
        #expect(report.status == "optimal")
        #expect(abs(report.objectives["cost"]! - 24) < 1e-9)
        #expect(report.deliveries.map(\.supplier) == ["a", "b"])
        #expect(report.deliveries.map(\.amount) == [6, 4])
    }

    /// Capacity 10 then 2, demand 4 then 8: buy 10 in p1 and hold 6 (0.5 each): 12 x 1 + 3 = 15.
    @Test func test_storage_across_two_periods() throws {
        let base = ModelHelpers.model(
            periods: #"["p1", "p2"]"#,
            suppliers: #"[{"id": "mill", "process": "p-steel", "cost": 1, "capacity": {"p1": 10, "p2": 2}, "modes": []}]"#,
            demands: #"[{"id": "d", "site": "plant", "amount": {"p1": 4, "p2": 8}, "requires": {"steel": 1}}]"#,
            extra: #", "storage": [{"material": "steel", "site": "plant", "cost": 0.5}]"#)
        let (_, _, report) = try ModelHelpers.solve(base)
        #expect(abs(report.objectives["cost"]! - 15) < 1e-9)
        #expect(report.storage.map(\.amount) == [6])
        #expect(report.storage.first?.period == "p1")
        // Without storage the second period cannot be served, and the report says why.
        let (_, result, noStorage) = try ModelHelpers.solve(base.replacingOccurrences(of: #", "storage": [{"material": "steel", "site": "plant", "cost": 0.5}]"#, with: ""))
        #expect(result.termination == .infeasible)
        #expect(noStorage.explanation == ["total capacity of the suppliers of `steel` in period `p2` is 2 < demand 8 kg"])
    }

    /// A: 1 per kg + 100 fixed; B: 2 per kg. 50 kg: B (100 < 150); 150 kg: A (250 < 300).
    @Test(arguments: [(50.0, "b", 100.0, [String]()), (150.0, "a", 250.0, ["a"])])
    func test_fixed_cost_flips_the_choice(_ amount: Double, _ chosen: String, _ cost: Double, _ opened: [String]) throws {
        let (_, _, report) = try ModelHelpers.solve(ModelHelpers.model(
            suppliers: #"[{"id": "a", "process": "p-steel", "cost": 1, "fixedCost": 100, "modes": []}, {"id": "b", "process": "p-steel", "cost": 2, "modes": []}]"#,
            demands: "[{\"id\": \"d\", \"site\": \"plant\", \"amount\": \(amount), \"requires\": {\"steel\": 1}}]"))
        #expect(abs(report.objectives["cost"]! - cost) < 1e-9)
        #expect(report.deliveries.map(\.supplier) == [chosen])
        #expect(report.opened == opened)
    }

    /// 2 MJ of electricity per kg at 0.05 per MJ: cost 10 x 1 + 20 x 0.05 = 11;
    /// GWP 10 x 1.7192 + 20 x 0.5 / 3.6.
    @Test func test_service_per_material() throws {
        let (_, _, report) = try ModelHelpers.solve(ModelHelpers.model(
            suppliers: #"[{"id": "mill", "process": "p-steel", "cost": 1, "modes": []}]"#,
            demands: #"[{"id": "d", "site": "plant", "amount": 10, "requires": {"steel": 1}}]"#,
            extra: #", "services": [{"id": "power", "process": "p-power", "cost": 0.05, "per": {"steel": 2}}]"#))
        #expect(abs(report.objectives["cost"]! - 11) < 1e-9)
        #expect(abs(report.objectives["gwp"]! - (10 * Self.steelGWP + 20 * 0.5 / 3.6)) < 1e-9)
        #expect(report.services.count == 1 && report.services[0].amount == 20 && report.services[0].unit == "MJ")
    }

    /// Coordinates 1 degree of latitude apart (111.195 km) with circuity 1.5 unless overridden.
    @Test func test_distance_override_wins_over_coordinates_and_circuity() throws {
        let json = """
            {"database": "$DB", "sites": [{"id": "plant", "latitude": 50.0, "longitude": 8.0}],
             "materials": [{"id": "steel", "suppliers": [{"id": "mill", "process": "p-steel", "cost": 1, "latitude": 51.0, "longitude": 8.0}]}],
             "transport": [{"id": "truck", "process": "p-truck", "cost": 1, "circuity": 1.5}],
             "demands": [{"id": "d", "site": "plant", "amount": 1000, "requires": {"steel": 1}}] OVERRIDE}
            """
        let oneDegree = 2 * Double.pi * 6371.0088 / 360
        let (_, _, computed) = try ModelHelpers.solve(json.replacingOccurrences(of: "OVERRIDE", with: ""))
        #expect(abs(computed.transport[0].km - oneDegree * 1.5) < 1e-9)
        #expect(abs(computed.objectives["cost"]! - (1000 + oneDegree * 1.5)) < 1e-9) // 1 t x km x 1 per t*km
        let (_, _, overridden) = try ModelHelpers.solve(json.replacingOccurrences(
            of: "OVERRIDE", with: #", "distances": [{"supplier": "mill", "site": "plant", "km": 200}]"#))
        #expect(overridden.transport[0].km == 200)
        #expect(abs(overridden.objectives["cost"]! - 1200) < 1e-9)
    }

    /// Amounts in t and lb: x and demands in the material's unit; per-unit cost and GWP scaled
    /// (2.2 per kg is 2200 per t); transport in t*km from the mass.
    @Test(arguments: [("t", 1000.0), ("lb", 0.45359237), ("kg", 1.0)])
    func test_material_units(_ unit: String, _ kilograms: Double) throws {
        let (_, _, report) = try ModelHelpers.solve(ModelHelpers.model(
            suppliers: #"[{"id": "mill", "process": "p-steel"}]"#,
            demands: #"[{"id": "d", "site": "plant", "amount": 2, "requires": {"steel": 1}}]"#,
            extra: #", "distances": [{"supplier": "mill", "site": "plant", "km": 100}]"#, unit: unit))
        let mass = 2 * kilograms
        #expect(report.deliveries.first?.unit == unit && report.deliveries.first?.amount == 2)
        #expect(abs(report.transport[0].modeAmount - mass * 100 / 1000) < 1e-12)
        #expect(abs(report.objectives["cost"]! - (mass * 2.2 + mass * 0.1 * 0.08)) < 1e-9 * max(1, mass))
        #expect(abs(report.objectives["gwp"]! - (mass * Self.steelGWP + mass * 0.1 * 0.1)) < 1e-9 * max(1, mass))
    }

    /// Paper takes up CO2 (-1 per kg) and has no capacity: minimising GWP is unbounded.
    @Test func test_negative_impact_without_capacity_is_unbounded_and_named() throws {
        let (_, result, report) = try ModelHelpers.solve(ModelHelpers.model(
            suppliers: #"[{"id": "paper-mill", "process": "p-paper", "cost": 1, "modes": []}]"#,
            demands: #"[{"id": "d", "site": "plant", "amount": 10, "requires": {"steel": 1}}]"#, unit: "kg"), objective: "gwp")
        #expect(result.termination == .unbounded)
        #expect(report.explanation.count == 1 && report.explanation[0].contains("`paper-mill`"))
    }

    /// Equivalence: one kg of "strong" steel counts for 2 kg of material: 5 kg serve 10.
    @Test func test_equivalence() throws {
        let (_, _, report) = try ModelHelpers.solve(ModelHelpers.model(
            suppliers: #"[{"id": "strong", "process": "p-steel", "cost": 3, "equivalence": 2, "modes": []}, {"id": "plain", "process": "p-steel", "cost": 2, "modes": []}]"#,
            demands: #"[{"id": "d", "site": "plant", "amount": 10, "requires": {"steel": 1}}]"#))
        #expect(report.deliveries.map(\.supplier) == ["strong"] && report.deliveries[0].amount == 5)
        #expect(abs(report.objectives["cost"]! - 15) < 1e-9)
    }

    @Test func test_only_possible_variables_are_built() throws {
        let (problem, _, _) = try ModelHelpers.solve(ModelHelpers.model(
            periods: #"["p1", "p2", "p3"]"#,
            suppliers: #"[{"id": "a", "process": "p-steel", "cost": 1}, {"id": "b", "process": "p-steel", "cost": 2, "modes": []}]"#,
            demands: #"[{"id": "d", "site": "plant", "period": "p2", "amount": 10, "requires": {"steel": 1}}]"#,
            extra: #", "distances": [{"supplier": "a", "site": "plant", "km": 10}]"#))
        // Demand in p2 only: y for a's one mode (x = y substituted), x for b, in p2; no storage, no opening.
        #expect(problem.deliveries.count == 2 && problem.routes.count == 1 && problem.stocks.isEmpty)
        #expect(problem.model.columnCount == 2)
    }
}
