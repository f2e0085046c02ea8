import Foundation
import OpenLCAFixtures
import Testing

/// The committed reports in notebooks-export/ are what lcaopt writes today, and they are valid
/// nbformat 4 notebooks.
@Suite struct NotebookExportTests {
    static let root = FixtureFiles.packageRoot()
    /// Each example with its points and further arguments (the bundled example's report carries
    /// the uncertainty section).
    static let examples = [("resin-supply.json", "10 --samples 1000 --html"), ("resin-storage.json", "8"),
                           ("urban-energy.yaml", "8"), ("cement-expansion.yaml", "8"), ("food-system.yaml", "8")]

    @Test(arguments: examples)
    func test_regenerated_reports_match_the_committed_ones(_ example: (String, String)) throws {
        let (file, points) = example
        let name = String(file.split(separator: ".")[0])
        let out = NSTemporaryDirectory() + "lcaopt-notebooks-\(UUID().uuidString)"
        let arguments = points.split(separator: " ").map(String.init)
        let result = try CLI.run(["report", "db-fixtures/examples/\(file)", "--points"] + arguments + ["--out", out], currentDirectory: Self.root)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let regenerated = try String(contentsOfFile: "\(out)/\(name).md", encoding: .utf8).replacingOccurrences(of: out, with: "notebooks-export")
        let committed = try String(contentsOfFile: "\(Self.root)/notebooks-export/\(name).md", encoding: .utf8)
        #expect(regenerated == committed, "notebooks-export/\(name).md is stale: run `lcaopt report db-fixtures/examples/\(file) --points \(points) --out notebooks-export`")
        // The front's numbers (full precision in the CSV) agree to 1e-9.
        func numbers(_ path: String) throws -> [Double] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
                .flatMap { $0.split(separator: ",").compactMap { Double($0) } }
        }
        let fresh = try numbers("\(out)/\(name)-front.csv"), kept = try numbers("\(Self.root)/notebooks-export/\(name)-front.csv")
        #expect(fresh.count == kept.count)
        for (a, b) in zip(fresh, kept) { #expect(abs(a - b) <= 1e-9 * max(1, abs(b))) }
    }

    @Test(arguments: examples.map(\.0))
    func test_committed_notebook_is_valid_nbformat_4(_ file: String) throws {
        let name = String(file.split(separator: ".")[0])
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(Self.root)/notebooks-export/\(name).ipynb"))
        let notebook = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(notebook["nbformat"] as? Int == 4)
        #expect((notebook["nbformat_minor"] as? Int ?? -1) >= 0)
        let metadata = try #require(notebook["metadata"] as? [String: Any])
        #expect((metadata["kernelspec"] as? [String: Any])?["name"] as? String == "python3")
        let cells = try #require(notebook["cells"] as? [[String: Any]])
        #expect(cells.count >= 8)
        var ids = Set<String>()
        for cell in cells {
            let type = try #require(cell["cell_type"] as? String)
            #expect(["markdown", "code"].contains(type))
            #expect(cell["metadata"] is [String: Any])
            #expect(cell["source"] is [String])
            if let id = cell["id"] as? String { #expect(ids.insert(id).inserted) }
            if type == "code" {
                #expect(cell["execution_count"] is Int)
                let outputs = try #require(cell["outputs"] as? [[String: Any]])
                #expect(!outputs.isEmpty) // outputs are embedded
                for output in outputs { #expect(["display_data", "execute_result", "stream"].contains(output["output_type"] as? String ?? "")) }
            }
        }
        let sources = cells.map { ($0["source"] as? [String] ?? []).joined() }
        #expect(sources.contains { $0.contains("pd.read_csv(\"\(name)-front.csv\", comment=\"#\")") })
        #expect(sources.last?.contains("pandas") == true)
        #expect(sources.contains { $0.contains("## Payoff table") })
        #expect(sources.contains { $0.contains("### Decision at the cost-optimal") })
        #expect(sources.contains { $0.contains("lcaopt report db-fixtures/examples/\(file)") })
        let svg = cells.compactMap { ($0["outputs"] as? [[String: Any]])?.first?["data"] as? [String: Any] }.compactMap { $0["image/svg+xml"] as? [String] }
        #expect(svg.first?.joined().contains("<svg") == true)
    }
}
