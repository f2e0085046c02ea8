import Foundation
import OpenLCAFixtures
import Testing

/// `lcaopt uncertainty` from the command line: outputs, shards merged and summarised, bad input.
@Suite struct UncertaintyCLITests {
    let example = FixtureFiles.packageRoot() + "/db-fixtures/examples/resin-supply.json"

    func temporary() throws -> String {
        let path = NSTemporaryDirectory() + "lcaopt-uncertainty-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The bundled example's front: one results row per sample and point, the summary files,
    /// the SVG with a bar per point; the deterministic column is the front's own values.
    @Test func test_front_run_writes_results_and_summary() throws {
        let out = try temporary() + "/out"
        let run = try CLI.run(["uncertainty", example, "--samples", "200", "--front", "--out", out, "--quiet", "--json"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["samples"] as? Int == 200)
        let manifest = try #require(document["run"] as? [String: Any])
        let decisions = try #require(manifest["decisions"] as? [[String: Any]])
        let pareto = try CLI.run(["pareto", example, "--json"])
        let front = try #require(try JSONSerialization.jsonObject(with: Data(pareto.stdout.utf8)) as? [String: Any])
        let points = try #require(front["points"] as? [[String: Any]])
        #expect(decisions.count == points.count)
        for (decision, point) in zip(decisions, points) {
            let a = try #require((decision["objectives"] as? [String: Double])?["gwp"]), b = try #require((point["objectives"] as? [String: Double])?["gwp"])
            #expect(abs(a - b) <= 1e-9 * abs(b))
        }
        let rows = try String(contentsOfFile: out + "/results.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + 200 * points.count)
        for file in ["summary.csv", "summary.json", "comparisons.csv", "uncertainty.json", "batch.json", "uncertainty.svg"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
        }
        let svg = try String(contentsOfFile: out + "/uncertainty.svg", encoding: .utf8)
        #expect(svg.components(separatedBy: "<title>point").count - 1 == 2 * points.count)  // a dot and a bar per point
    }

    /// Two shards merged with `batch merge` and summarised equal one run of all samples.
    @Test func test_shards_merge_and_summarise_as_one_run() throws {
        let directory = try temporary()
        let whole = try CLI.run(["uncertainty", example, "--samples", "60", "--reoptimise", "--out", directory + "/whole", "--quiet", "--csv"])
        #expect(whole.exitCode == 0, "\(whole.stderr)")
        for shard in 0..<2 {
            let part = try CLI.run(["uncertainty", example, "--samples", "60", "--reoptimise", "--shard", "\(shard)/2", "--jobs", "1",
                                    "--out", directory + "/s\(shard)", "--quiet"])
            #expect(part.exitCode == 0, "\(part.stderr)")
        }
        let merge = try CLI.run(["batch", "merge", directory + "/s0", directory + "/s1", "--out", directory + "/merged"])
        #expect(merge.exitCode == 0, "\(merge.stderr)")
        try FileManager.default.copyItem(atPath: directory + "/s0/uncertainty.json", toPath: directory + "/merged/uncertainty.json")
        let summarised = try CLI.run(["uncertainty", "summarise", directory + "/merged", "--csv"])
        #expect(summarised.exitCode == 0, "\(summarised.stderr)")
        #expect(summarised.stdout == whole.stdout)
        #expect(FileManager.default.fileExists(atPath: directory + "/merged/choices.csv"))
    }

    /// Bad input: a clear message and exit 1, never a trace.
    @Test func test_bad_input_is_refused() throws {
        let resume = try CLI.run(["uncertainty", example, "--resume"])
        #expect(resume.exitCode != 0 && resume.stderr.contains("--resume needs --out"))
        let objective = try CLI.run(["uncertainty", example, "--objective", "nonsense", "--samples", "5"])
        #expect(objective.exitCode == 1 && objective.stderr.contains("unknown objective 'nonsense'"))
        let network = FixtureFiles.packageRoot() + "/Tests/NetworkTests/pypsa/chp"
        let unlinked = try CLI.run(["uncertainty", network, "--samples", "5"])
        #expect(unlinked.exitCode == 1 && unlinked.stderr.contains("no openLCA database"), "\(unlinked.stderr)")
        let summary = try CLI.run(["uncertainty", "summarise", try temporary()])
        #expect(summary.exitCode == 1 && summary.stderr.contains("no uncertainty.json"))
    }
}
