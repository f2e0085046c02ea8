import Foundation
import OpenLCAFixtures
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct BatchCLITests {
    let example = FixtureFiles.packageRoot() + "/db-fixtures/examples/resin-supply.json"

    func ids(_ path: String) throws -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
        }
    }

    /// A run killed with SIGKILL part-way and resumed gives the full result set, no duplicates,
    /// and the same values as an uninterrupted run.
    @Test func test_killed_run_resumes_without_loss_or_duplicates() throws {
        let directory = NSTemporaryDirectory() + "lcaopt-kill-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let count = 600
        let scenarios = (0..<count).map { "{\"id\": \"s\($0)\", \"run\": \"pareto\", \"points\": 6, \"scaleDemand\": \(0.5 + Double($0 % 50) * 0.01)}" }
        let path = directory + "/scenarios.jsonl"
        try scenarios.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let out = directory + "/out"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["batch", path, "--model", example, "--out", out, "--jobs", "1", "--quiet"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while try ids(out + "/results.jsonl").count < 20 && Date() < deadline && process.isRunning { usleep(20_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = try ids(out + "/results.jsonl").count
        #expect(before >= 20 && before < count, "killed after \(before) results")
        let resumed = try CLI.run(["batch", path, "--model", example, "--out", out, "--resume", "--jobs", "2", "--quiet"])
        #expect(resumed.exitCode == 0)
        let after = try ids(out + "/results.jsonl")
        #expect(after.count == count)
        #expect(Set(after).count == count)
        let full = try CLI.run(["batch", path, "--model", example, "--out", directory + "/full", "--jobs", "2", "--quiet"])
        #expect(full.exitCode == 0)
        func objectives(_ file: String) throws -> [String: [String: Double]] {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            var result: [String: [String: Double]] = [:]
            for line in text.split(separator: "\n") {
                let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                result[json["id"] as! String] = json["objectives"] as? [String: Double]
            }
            return result
        }
        let resumedValues = try objectives(out + "/results.jsonl"), fullValues = try objectives(directory + "/full/results.jsonl")
        #expect(resumedValues.keys.sorted() == fullValues.keys.sorted())
        for (id, values) in resumedValues {
            for (name, value) in values { #expect(abs(value - fullValues[id]![name]!) <= 1e-9 * max(1, abs(value)), "\(id) \(name)") }
        }
    }

    @Test func test_merge_command_and_shard_option() throws {
        let directory = NSTemporaryDirectory() + "lcaopt-shard-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/scenarios.jsonl"
        try (0..<9).map { "{\"id\": \"s\($0)\", \"scaleDemand\": \(0.8 + Double($0) * 0.01)}" }.joined(separator: "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        for shard in 0..<3 {
            let run = try CLI.run(["batch", path, "--model", example, "--out", directory + "/part\(shard)", "--shard", "\(shard)/3", "--quiet"])
            #expect(run.exitCode == 0)
            #expect(Set(try ids(directory + "/part\(shard)/results.jsonl")) == Set(stride(from: shard, to: 9, by: 3).map { "s\($0)" }))
        }
        let merged = try CLI.run(["batch", "merge", directory + "/part0", directory + "/part1", directory + "/part2", "--out", directory + "/all"])
        #expect(merged.exitCode == 0)
        #expect(try ids(directory + "/all/results.jsonl") == (0..<9).map { "s\($0)" })
        let missing = try CLI.run(["batch", "merge", directory + "/part0", "--out", directory + "/some"])
        #expect(missing.exitCode == 1 && missing.stderr.contains("6 scenarios have no result"))
        let bad = try CLI.run(["batch", path, "--model", example, "--shard", "3/3"])
        #expect(bad.exitCode != 0)
    }

    @Test func test_a_bad_batch_model_exits_1_before_writing_results() throws {
        let directory = NSTemporaryDirectory() + "lcaopt-badmodel-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "{\"id\": \"a\"}\n".write(toFile: directory + "/s.jsonl", atomically: true, encoding: .utf8)
        let result = try CLI.run(["batch", directory + "/s.jsonl", "--model", directory + "/missing.json", "--out", directory + "/out"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("missing.json") && result.stderr.contains("cannot read the file"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/results.jsonl"))
    }
}
