import Foundation
import SupplyChain
import Testing

/// A misspelled key never passes silently: the issue's `"capcity": 600` solved without the limit.
@Suite struct UnknownKeyTests {
    func issues(_ text: String, name: String = "model.json") throws -> [ModelIssue] {
        do {
            _ = try SupplyChainLoader.load(modelPath: try ModelHelpers.write(text, name: name))
            Issue.record("loaded")
            return []
        } catch let error as ModelError {
            return error.issues
        }
    }

    @Test func misspelledKeysAreRejectedInJSONAndYAML() throws {
        let json = try issues("""
            {"database": "$DB", "sites": [{"id": "plant", "latitude": 1, "longitude": 2}],
             "materials": [{"id": "steel", "suppliers": [{"id": "mill", "process": "p-steel", "capcity": 600}]}],
             "demands": [{"id": "d", "site": "plant", "amount": 10, "requires": {"steel": 1}}], "objectves": ["cost"]}
            """)
        #expect(json.map(\.description) == [
            "$.materials[0].suppliers[0].capcity: unknown key 'capcity' (did you mean 'capacity'?)",
            "$.objectves: unknown key 'objectves' (did you mean 'objectives'?)",
        ])
        let yaml = try issues("""
            database: $DB
            sites: [{id: plant}]
            materials:
              - id: steel
                suppliers: [{id: mill, process: p-steel, fixedcost: 5}]
            demands: [{id: d, site: plant, amount: 10, requires: {steel: 1}}]
            """, name: "model.yaml")
        #expect(yaml.map(\.description) == ["$.materials[0].suppliers[0].fixedcost: unknown key 'fixedcost' (did you mean 'fixedCost'?)"])
    }

    /// Structure problems of every kind come in one report (the issue's broken file showed one,
    /// then five more after the first was fixed).
    @Test func structureProblemsComeTogether() throws {
        let found = try issues("""
            {"database": "$DB", "sites": [{"id": "plant", "latitude": "north"}],
             "materials": [{"id": "steel", "suppliers": [{"process": "p-steel", "capacity": {"2025": "x"}}]}],
             "demands": [{"id": "d", "site": "plant", "amount": 10, "requires": {"steel": "one"}}], "lciaScope": "sytem"}
            """)
        #expect(found.map(\.path) == ["$.demands[0].requires.steel", "$.lciaScope", "$.materials[0].suppliers[0].capacity.2025",
                                      "$.materials[0].suppliers[0].id", "$.sites[0].latitude"])
    }
}

/// Two indicators on one impact category each carry the category's values (the first reported 0).
@Suite struct DuplicateIndicatorTests {
    @Test func bothIndicatorsCarryTheirValues() throws {
        let json = """
            {"database": "$DB", "periods": ["p1"],
             "indicators": [{"id": "gwp", "impactCategory": "i-gwp"}, {"id": "gwp-copy", "impactCategory": "i-gwp"}],
             "sites": [{"id": "plant"}],
             "materials": [{"id": "steel", "unit": "kg", "suppliers": [{"id": "mill", "process": "p-steel", "modes": []}]}],
             "demands": [{"id": "d", "site": "plant", "amount": 10, "requires": {"steel": 1}}]}
            """
        let (_, _, report) = try ModelHelpers.solve(json)
        // 10 kg of steel at 4.298 kg CO2-eq per 2.5 kg reference amount (SyntheticDatabase): 17.192.
        #expect(abs(report.objectives["gwp"]! - 17.192) < 1e-9)
        #expect(abs(report.objectives["gwp-copy"]! - 17.192) < 1e-9)
    }
}

/// Coordinates: a site missing only its latitude is one problem, named as such; supplier
/// coordinates are range-checked as site coordinates are.
@Suite struct CoordinateTests {
    @Test func halfCoordinatesAreReportedOnceAsTheMissingOne() throws {
        let json = """
            {"database": "$DB", "sites": [{"id": "plant", "longitude": 8.0}],
             "materials": [{"id": "steel", "suppliers": [{"id": "mill", "process": "p-steel", "latitude": 200, "longitude": 8},
                                                          {"id": "mill2", "process": "p-steel", "latitude": 50, "longitude": 9}]}],
             "transport": [{"id": "truck", "process": "p-truck"}],
             "demands": [{"id": "d", "site": "plant", "amount": 10, "requires": {"steel": 1}}]}
            """
        do {
            _ = try SupplyChainLoader.load(modelPath: try ModelHelpers.write(json))
            Issue.record("loaded")
        } catch let error as ModelError {
            #expect(error.issues.map(\.path) == ["$.sites[0].latitude", "$.materials[0].suppliers[0].latitude"])
            #expect(error.issues[0].message == "missing (the longitude is given)")
            #expect(error.issues[1].message == "must be within -90...90, not 200.0")
        }
    }
}
