import Foundation
import LPModel
import Network
import OpenLCAFixtures
import TestSupport
import Testing

/// The network file shown in README.md loads and solves, and its optimum is glpsol's on the
/// exported LP.
@Suite struct ReadmeNetworkTests {
    @Test func test_readme_network_solves_to_glpsols_optimum() throws {
        let readme = try String(contentsOfFile: FixtureFiles.packageRoot() + "/README.md", encoding: .utf8)
        let blocks = readme.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let network = try #require(blocks.first { $0.hasPrefix("kind: network") })
        let fixture = try NetworkFixture()
        try fixture.write("readme.yaml", network)
        try fixture.write("heating.csv", "snapshot,heating\nwinter,60\nsummer,10\nshoulder,30\n")
        let data = try fixture.load("readme.yaml")
        let (problem, report) = try NetworkFixture.solve(data)
        #expect(report.status == "optimal")
        #expect(report.objectives["co2"]! <= 8100 + 1e-6)
        let glpsol = try Glpsol.objective(of: try ModelExport.text(problem.model, format: .mps), format: .mps)
        #expect(close(report.objectives["cost"], glpsol, 1e-6))
    }
}
