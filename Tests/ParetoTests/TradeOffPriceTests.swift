import Foundation
import GLPKBackend
import LPModel
import OpenLCAFixtures
import Pareto
import Reports
import SupplyChain
import Testing

/// A supply-chain front derived by hand, with its trade-off prices and what changes on each edge.
@Suite struct TradeOffPriceTests {
    /// 6 kg of material from three suppliers in the synthetic database, each able to deliver it
    /// all: `a` steel (1 USD, 1.7192 kg CO2-eq per kg), `b` steel counting twice (equivalence 2:
    /// 3 kg of it meet the 6, at 3 USD per kg: 9 USD and 5.1576), `c` paper (4 USD, -1 per kg). Weighted optima are pure
    /// choices, so the corners are all-a (6, 10.3152), all-b (9, 5.1576) and all-c (24, -6)
    /// (all-b lies below the line from all-a to all-c: 6 + 5.1576 x 18 / 16.3152 = 11.69 > 9).
    /// Prices: 3 / 5.1576 = 0.58166 and 15 / 11.1576 = 1.34437 USD per kg CO2-eq; the first
    /// edge replaces a by b, the second b by c.
    @Test func test_three_corner_front_with_prices_and_changes() throws {
        let directory = NSTemporaryDirectory() + "lcaopt-prices-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/model.json"
        try """
        {"database": "\(try FixtureFiles.synthetic())", "indicators": [{"id": "gwp", "impactCategory": "i-gwp"}],
         "sites": [{"id": "plant"}],
         "materials": [{"id": "fibre", "unit": "kg", "suppliers": [
            {"id": "a", "process": "p-steel", "cost": 1, "capacity": 6},
            {"id": "b", "process": "p-steel", "cost": 3, "capacity": 6, "equivalence": 2},
            {"id": "c", "process": "p-paper", "cost": 4, "capacity": 6}]}],
         "demands": [{"id": "d", "site": "plant", "amount": 6, "requires": {"fibre": 1}}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let (_, data) = try SupplyChainLoader.load(modelPath: path)
        let problem = try SupplyChainProblem(data: data, objective: "cost")
        let front = try FrontReport.sweep(problem, objectives: ["cost", "gwp"], makeBackend: { GLPKSolver() }, options: ParetoOptions(method: .auto))
        #expect(front.method == "exact")
        let gwpA = 4.298 / 2.5  // per kg steel, SyntheticDatabase
        let expected: [(Double, Double)] = [(6, 6 * gwpA), (9, 6 * gwpA / 2), (24, -6)]
        #expect(front.points.count == 3)
        for (point, want) in zip(front.points, expected) {
            #expect(abs(point.objectives["cost"]! - want.0) < 1e-9 && abs(point.objectives["gwp"]! - want.1) < 1e-9)
        }
        let edges = try #require(front.edges)
        #expect(edges.count == 2)
        #expect(abs(edges[0].price - 3 / (6 * gwpA / 2)) < 1e-9)
        #expect(abs(edges[1].price - 15 / (6 * gwpA / 2 + 6)) < 1e-9)
        #expect(edges.map(\.unit) == ["USD per kg CO2 eq", "USD per kg CO2 eq"])
        #expect(edges.map(\.from) == [1, 2] && edges.map(\.to) == [2, 3])
        #expect(front.points.map(\.price).prefix(2).elementsEqual(edges.map(\.price)) && front.points[2].price == nil)
        // What changes: the deliveries of the supplier that leaves and of the one that enters.
        #expect(edges[0].changes.contains("- deliveries a fibre plant (6 kg)"), "\(edges[0].changes)")
        #expect(edges[0].changes.contains("+ deliveries b fibre plant (3 kg)"))
        #expect(edges[1].changes.contains("- deliveries b fibre plant (3 kg)") && edges[1].changes.contains("+ deliveries c fibre plant (6 kg)"))
        // The abatement curve: two steps of width 5.1576 and 11.1576 kg at those prices.
        let chart = try #require(front.abatementChart())
        #expect(chart.steps.count == 2 && abs(chart.steps[0].width - 6 * gwpA / 2) < 1e-9 && abs(chart.steps[1].price - edges[1].price) < 1e-9)
        #expect(front.frontCSV().contains("price to next [USD per kg CO2 eq]"))
    }
}
