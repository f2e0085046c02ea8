import Foundation
import SupplyChain
import Testing

@Suite struct ValidationTests {
    @Test func test_every_problem_is_reported_at_once_with_its_path() throws {
        let path = try ModelHelpers.write("""
            {"database": "$DB", "periods": ["p1"],
             "indicators": [{"id": "gwp", "impactCategory": "Climate change"}],
             "sites": [{"id": "plant"}, {"id": "plant"}],
             "materials": [{"id": "steel", "suppliers": [
                {"id": "mill", "process": "no such process", "capacity": -5},
                {"id": "mill2", "process": "p-steel", "modes": ["ship"]}]}],
             "transport": [{"id": "truck", "process": "p-steel"}],
             "demands": [{"id": "d", "site": "nowhere", "amount": 10, "requires": {"steel": 1, "wood": 2}}]}
            """)
        #expect {
            try SupplyChainLoader.load(modelPath: path)
        } throws: { error in
            guard let error = error as? ModelError else { return false }
            let paths = Set(error.issues.map(\.path))
            let expected: Set<String> = ["$.sites[1].id", "$.demands[0].site", "$.demands[0].requires.wood",
                                         "$.indicators[0].impactCategory", "$.materials[0].suppliers[0].process"]
            return expected.isSubset(of: paths) && error.description.contains("ambiguous") == false
                && error.issues.first { $0.path == "$.indicators[0].impactCategory" }!.message.contains("i-gwp-other")
        }
    }

    @Test func test_second_stage_problems_units_modes_coordinates() throws {
        let path = try ModelHelpers.write("""
            {"database": "$DB",
             "sites": [{"id": "plant"}],
             "materials": [{"id": "steel", "unit": "MJ", "suppliers": [{"id": "mill", "process": "p-steel", "modes": ["ship"], "capacity": -1}]}],
             "transport": [{"id": "truck", "process": "p-steel"}],
             "demands": [{"id": "d", "site": "plant", "amount": 10, "requires": {"steel": 1}}]}
            """)
        #expect {
            try SupplyChainLoader.load(modelPath: path)
        } throws: { error in
            guard let error = error as? ModelError else { return false }
            let paths = Set(error.issues.map(\.path))
            return paths.contains("$.transport[0].process") && paths.contains("$.materials[0].unit")
                && error.issues.first { $0.path == "$.transport[0].process" }!.message.contains("not mass x distance")
        }
    }

    @Test func test_missing_coordinates_are_reported_when_a_distance_is_needed() throws {
        let path = try ModelHelpers.write("""
            {"database": "$DB", "sites": [{"id": "plant"}],
             "materials": [{"id": "steel", "suppliers": [{"id": "mill", "process": "Electricity, grid"}]}],
             "transport": [{"id": "truck", "process": "p-truck"}],
             "demands": [{"id": "d", "site": "plant", "amount": 10, "requires": {"steel": 1}}]}
            """)
        #expect {
            try SupplyChainLoader.load(modelPath: path)
        } throws: { error in
            guard let error = error as? ModelError else { return false }
            return error.issues.contains { $0.message.contains("supplier 'mill' has no coordinates") }
                && error.issues.contains { $0.message.contains("not a mass") } // electricity in MJ needs massPerUnit
        }
    }

    @Test func test_malformed_json_and_empty_demand() throws {
        #expect(throws: ModelError.self) { try SupplyChainLoader.load(modelPath: try ModelHelpers.write("{\"sites\": [")) }
        let empty = try ModelHelpers.write("""
            {"database": "$DB", "sites": [{"id": "plant"}], "materials": [{"id": "steel", "suppliers": [{"id": "mill", "process": "p-steel"}]}],
             "demands": []}
            """)
        #expect {
            try SupplyChainLoader.load(modelPath: empty)
        } throws: { error in
            (error as? ModelError)?.issues.contains { $0.path == "$.demands" } == true
        }
    }

    @Test func test_yaml_model() throws {
        let directory = NSTemporaryDirectory() + "lcaopt-yaml-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/model.yaml"
        let yaml = """
            database: \(try OpenLCAFixturesPath.synthetic())
            sites:
              - {id: plant}
            materials:
              - id: steel
                suppliers:
                  - {id: mill, process: p-steel, cost: 2}
            demands:
              - {id: d, site: plant, amount: 5, requires: {steel: 1}}
            """
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let (_, data) = try SupplyChainLoader.load(modelPath: path)
        #expect(data.suppliers.first?.cost == 2)
        #expect(data.name == "model")
    }

    @Test func test_haversine_against_published_distances() {
        // London - Paris about 343.6 km; New York - Los Angeles about 3935.7 km (great circle, mean radius).
        #expect(abs(Geo.greatCircleKm(latitude1: 51.5074, longitude1: -0.1278, latitude2: 48.8566, longitude2: 2.3522) - 343.6) < 0.5)
        #expect(abs(Geo.greatCircleKm(latitude1: 40.7128, longitude1: -74.0060, latitude2: 34.0522, longitude2: -118.2437) - 3935.7) < 1.0)
        #expect(Geo.greatCircleKm(latitude1: 10, longitude1: 20, latitude2: 10, longitude2: 20) == 0)
        // A quarter meridian: pi/2 x R.
        #expect(abs(Geo.greatCircleKm(latitude1: 0, longitude1: 0, latitude2: 90, longitude2: 0) - Double.pi / 2 * 6371.0088) < 1e-9)
    }
}

import OpenLCAFixtures
enum OpenLCAFixturesPath {
    static func synthetic() throws -> String { try FixtureFiles.synthetic() }
}
