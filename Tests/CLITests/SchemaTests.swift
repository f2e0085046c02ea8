import Foundation
import OpenLCAFixtures
import Testing

/// `lcaopt schema` prints JSON Schemas that accept every bundled example and reject what the
/// loader rejects (a misspelled key), checked by an independent validator (Python's jsonschema,
/// draft 2020-12, and PyYAML for the network examples; scripts/setup installs both when missing).
@Suite struct SchemaTests {
    static let root = FixtureFiles.packageRoot()

    /// The validator's verdict on each document: "ok" or its first error message.
    func validate(_ schema: String, _ documents: [String]) throws -> [String] {
        let directory = NSTemporaryDirectory() + "lcaopt-schema-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try schema.write(toFile: directory + "/schema.json", atomically: true, encoding: .utf8)
        let script = """
            import json, sys, yaml
            from jsonschema import Draft202012Validator
            schema = json.load(open(sys.argv[1]))
            Draft202012Validator.check_schema(schema)
            validator = Draft202012Validator(schema)
            for path in sys.argv[2:]:
                document = yaml.safe_load(open(path)) if path.endswith(".yaml") else json.load(open(path))
                errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
                print("ok" if not errors else errors[0].message)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, directory + "/schema.json"] + documents
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with jsonschema is needed (scripts/setup installs it): \(problems)")
        return text.split(separator: "\n").map(String.init)
    }

    @Test func modelSchemaAcceptsTheExamplesAndRejectsAMisspelledKey() throws {
        let schema = try CLI.run(["schema", "model"])
        #expect(schema.exitCode == 0)
        let examples = ["resin-supply", "resin-storage"].map { Self.root + "/db-fixtures/examples/\($0).json" }
        let text = try String(contentsOfFile: examples[0], encoding: .utf8).replacingOccurrences(of: "\"capacity\": 4000", with: "\"capcity\": 4000")
        let misspelled = NSTemporaryDirectory() + "lcaopt-capcity-\(UUID().uuidString).json"
        try text.write(toFile: misspelled, atomically: true, encoding: .utf8)
        let verdicts = try validate(schema.stdout, examples + [misspelled])
        #expect(verdicts.prefix(2) == ["ok", "ok"])
        #expect(verdicts.count == 3 && verdicts[2].contains("capcity"), "\(verdicts)")
    }

    @Test func networkSchemaAcceptsTheNetworkExamplesAndRejectsAMisspelledKey() throws {
        let schema = try CLI.run(["schema", "network"])
        #expect(schema.exitCode == 0)
        let examples = ["urban-energy", "cement-expansion", "food-system"].map { Self.root + "/db-fixtures/examples/\($0).yaml" }
        let text = try String(contentsOfFile: examples[2], encoding: .utf8).replacingOccurrences(of: "initial: 100000", with: "inital: 100000")
        let misspelled = NSTemporaryDirectory() + "lcaopt-inital-\(UUID().uuidString).yaml"
        try text.write(toFile: misspelled, atomically: true, encoding: .utf8)
        let verdicts = try validate(schema.stdout, examples + [misspelled])
        #expect(verdicts.prefix(3) == ["ok", "ok", "ok"])
        #expect(verdicts.count == 4 && verdicts[3].contains("inital"), "\(verdicts)")
        // The loader rejects the same key.
        let loaded = try CLI.run(["solve", misspelled, "--dry-run"])
        #expect(loaded.exitCode == 1)
        #expect(loaded.stderr.contains("$.stores[0].inital: unknown key 'inital'"))
    }

    @Test func scenarioSchemaAcceptsTheBundledScenarios() throws {
        let schema = try CLI.run(["schema", "scenario"])
        let lines = try String(contentsOfFile: Self.root + "/db-fixtures/examples/resin-scenarios.jsonl", encoding: .utf8).split(separator: "\n")
        let directory = NSTemporaryDirectory() + "lcaopt-scenarios-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for (index, line) in (lines.map(String.init) + [#"{"id": "k1", "scaledemand": 2}"#]).enumerated() {
            paths.append(directory + "/\(index).json")
            try line.write(toFile: paths.last!, atomically: true, encoding: .utf8)
        }
        let verdicts = try validate(schema.stdout, paths)
        #expect(verdicts.dropLast() == Array(repeating: "ok", count: lines.count)[...])
        #expect(verdicts.last?.contains("scaledemand") == true, "\(verdicts)")
    }
}
