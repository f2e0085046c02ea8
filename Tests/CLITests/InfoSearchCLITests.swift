import Foundation
import OpenLCAFixtures
import Testing

@Suite struct InfoSearchCLITests {
    let uslci = FixtureFiles.sharedDatabase("uslci_fy17_olca1_5")

    @Test func test_info_json_has_the_documented_shape_and_numbers() throws {
        let result = try CLI.run(["info", uslci, "--json"])
        #expect(result.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let counts = try #require(json["counts"] as? [String: Any])
        #expect(counts["processes"] as? Int == 766)
        #expect(counts["exchanges"] as? Int == 32526)
        #expect(counts["impactMethods"] as? Int == 0)
        #expect(counts["locations"] as? Int == 11)
        #expect(counts["locationsWithCoordinates"] as? Int == 0)
        let flows = try #require(counts["flows"] as? [String: Int])
        #expect(flows == ["elementary": 2918, "product": 1659, "waste": 24])
        #expect(json["database"] as? String == uslci)
        #expect((json["warnings"] as? [String])?.isEmpty == false)
        #expect(result.stderr.isEmpty)
    }

    @Test func test_info_table() throws {
        let result = try CLI.run(["info", uslci])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("exchanges           32526"))
        #expect(result.stdout.contains("Warnings"))
    }

    @Test func test_search_json() throws {
        let result = try CLI.run(["search", uslci, "combination truck", "--kind", "process", "--json"])
        #expect(result.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let hits = try #require(json["results"] as? [[String: Any]])
        #expect(hits.contains { $0["refId"] as? String == "34156f3c-28ef-33db-9ad0-6293a2aa0d52" })
        #expect(hits.allSatisfy { $0["kind"] as? String == "process" })
    }

    @Test func test_bad_inputs_exit_1_with_one_message() throws {
        let scratch = NSTemporaryDirectory() + "lcaopt-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let text = scratch + "/text.sqlite"
        try "hello".write(toFile: text, atomically: true, encoding: .utf8)
        for (path, phrase) in [(scratch + "/missing.sqlite", "no such file"), (text, "not a readable SQLite database")] {
            let result = try CLI.run(["info", path])
            #expect(result.exitCode == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains(phrase))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        let badKind = try CLI.run(["search", uslci, "x", "--kind", "nonsense"])
        #expect(badKind.exitCode == 1) // usage errors are bad input too
    }
}
