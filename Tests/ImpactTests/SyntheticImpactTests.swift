import Impact
import OpenLCA
import OpenLCAFixtures
import Testing

/// The synthetic database's impacts, computed by hand in `SyntheticDatabase`'s documentation,
/// in every layout and identifier case.
@Suite struct SyntheticImpactTests {
    static let layouts: [FixtureOptions] = [
        .init(), .init(upperCase: true), .init(layout: .v2), .init(layout: .v2, upperCase: true), .init(idsAsText: true),
    ]

    func compute(_ options: FixtureOptions, processes: [String], categories: [String], contributions: Int = 0) throws -> LCIAResult {
        let db = try OpenLCADatabase(path: try FixtureFiles.synthetic(options))
        return try DirectCharacterisation.compute(
            database: db, processes: try processes.map { try db.process(matching: $0).id },
            categories: try categories.map { try db.impactCategory(matching: $0).id }, contributions: contributions)
    }

    /// A category requested twice carries its values at both positions (the first used to be 0).
    @Test func test_a_category_requested_twice_has_its_values_twice() throws {
        let result = try compute(.init(), processes: ["p-steel", "p-paper"], categories: ["i-gwp", "i-res", "i-gwp"])
        // Hand values as in test_hand_computed_values: steel 4.298 / 2.5 kg CO2-eq per kg, paper -1.
        #expect(abs(result.processes[0].impacts[0] - 4.298 / 2.5) < 1e-12 && abs(result.processes[0].impacts[2] - 4.298 / 2.5) < 1e-12)
        #expect(abs(result.processes[1].impacts[0] + 1) < 1e-12 && abs(result.processes[1].impacts[2] + 1) < 1e-12)
        #expect(abs(result.processes[0].impacts[1] - 14.4) < 1e-12)
        let db = try OpenLCADatabase(path: try FixtureFiles.synthetic())
        let steel = try db.process(matching: "p-steel").id, gwp = try db.impactCategory(matching: "i-gwp").id
        let system = try SystemCharacterisation.compute(database: db, processes: [steel], categories: [gwp, gwp])
        #expect(system.lcia.processes[0].impacts[0] == system.lcia.processes[0].impacts[1] && system.lcia.processes[0].impacts[0] != 0)
    }

    @Test(arguments: layouts)
    func test_hand_computed_values(_ options: FixtureOptions) throws {
        let result = try compute(options, processes: ["p-steel", "p-power", "p-truck", "p-paper"],
                                 categories: ["i-gwp", "i-res", "i-rad", "i-water", "i-gwp-other"])
        let expected: [[Double]] = [
            [4.298 / 2.5, 14.4, 0.8, 0.02, 4.25 / 2.5], // steel, per kg
            [0.5 / 3.6, 0, 0, 0, 0.5 / 3.6],           // electricity, per MJ
            [0.1, 0, 0, 0, 0.1],                       // transport, per t*km
            [-1, 0, 0, 0, 0.5],                        // paper, per kg (the other method has no CO2 uptake factor)
        ]
        for (process, values) in zip(result.processes, expected) {
            for (actual, wanted) in zip(process.impacts, values) {
                #expect(abs(actual - wanted) <= 1e-12 * max(1, abs(wanted)), "\(process.process.refId): \(actual) vs \(wanted)")
            }
        }
        let steel = result.processes[0]
        #expect(steel.referenceAmount == 2.5 && steel.referenceUnit == "kg")
        #expect(abs(steel.cost! - 2.2) < 1e-12)
        #expect(steel.isMultiOutput && steel.linkableInputs == 1)
        #expect(steel.location?.code == "DE" && steel.location?.hasCoordinates == true)
        #expect(steel.notes.contains { $0.hasPrefix("multi-output: 2 products") })
        #expect(steel.notes.contains { $0.contains("summed") })
        let power = result.processes[1]
        #expect(power.referenceAmount == 3.6 && power.referenceUnit == "MJ" && power.cost == nil)
        #expect(power.location?.hasCoordinates == false)
        let truck = result.processes[2]
        #expect(abs(truck.referenceAmount - 1) < 1e-12 && truck.referenceUnit == "t*km")
        #expect(abs(truck.cost! - 0.08) < 1e-12)
        #expect(result.processes[3].referenceAmount == 1000)
        #expect(result.categories.map(\.refId) == ["i-gwp", "i-res", "i-rad", "i-water", "i-gwp-other"])
        #expect(result.methodNames == ["Test method", "Test method", "Test method", "Test method", "Other method"])
    }

    @Test func test_contributions_sum_to_the_impact() throws {
        let result = try compute(.init(), processes: ["p-steel"], categories: ["i-gwp"], contributions: 5)
        let contributions = result.processes[0].contributions[0]
        #expect(contributions.map(\.flowRefId) == ["f-co2", "f-ch4"])
        #expect(abs(contributions[0].impact - 4 / 2.5) < 1e-12)
        #expect(abs(contributions[0].amount - 4 / 2.5) < 1e-12 && contributions[0].unit == "kg")
        #expect(abs(contributions.map(\.impact).reduce(0, +) - result.processes[0].impacts[0]) < 1e-12)
        let top1 = try compute(.init(), processes: ["p-steel"], categories: ["i-gwp"], contributions: 1)
        #expect(top1.processes[0].contributions[0].count == 1)
    }

    @Test func test_a_recorded_direction_overrides_the_first_exchange() throws {
        // With an OUTPUT direction, CO2 taken in by steel subtracts exactly as with the first-exchange rule.
        var tables = SyntheticDatabase.tables
        let index = tables.firstIndex { $0.name == "tbl_impact_categories" }!
        tables[index].columns.append(.init("direction", "VARCHAR(255)"))
        tables[index].rows = tables[index].rows.map { $0 + [.text("OUTPUT")] }
        let path = try FixtureFiles.generateOnce(root: FixtureFiles.packageRoot(), name: "synthetic-direction.sqlite") {
            try FixtureWriter.write(tables, to: $0, options: .init(layout: .v2))
        }
        let db = try OpenLCADatabase(path: path)
        let result = try DirectCharacterisation.compute(
            database: db, processes: [try db.process(matching: "p-steel").id, try db.process(matching: "p-paper").id],
            categories: [try db.impactCategory(matching: "i-gwp").id, try db.impactCategory(matching: "i-res").id])
        #expect(abs(result.processes[0].impacts[0] - 4.298 / 2.5) < 1e-12)
        // Resources recorded as OUTPUT: the natural gas input now counts negative.
        #expect(abs(result.processes[0].impacts[1] - -14.4) < 1e-12)
        // Paper's CO2 uptake (an input) with an OUTPUT-direction factor of -1: (-1500)(-1) = +1500.
        #expect(abs(result.processes[1].impacts[0] - (1500 + 500) / 1000.0) < 1e-12)
    }

    @Test func test_unknown_and_ambiguous_names_list_candidates() throws {
        let db = try OpenLCADatabase(path: try FixtureFiles.synthetic())
        #expect {
            try db.impactCategory(matching: "Climate change")
        } throws: { error in
            guard case OpenLCAError.ambiguousName(_, _, let candidates) = error else { return false }
            return Set(candidates.map(\.refId)) == ["i-gwp", "i-gwp-other"]
        }
        #expect {
            try db.process(matching: "Steel")
        } throws: { error in
            guard case OpenLCAError.unknownEntity(_, _, let candidates) = error else { return false }
            return candidates.first?.refId == "p-steel" && "\(error)".contains("p-steel")
        }
        #expect(try db.impactCategories(ofMethod: "Test method").map(\.refId) == ["i-gwp", "i-rad", "i-res", "i-water"])
        #expect(try db.process(matching: "P-STEEL").refId == "p-steel")
    }
}
