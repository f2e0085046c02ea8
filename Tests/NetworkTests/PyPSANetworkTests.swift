import Foundation
import GLPKBackend
import HiGHSBackend
import LPModel
import ModelFamily
import ModelLoader
import Network
import OpenLCAFixtures
import Pareto
import Testing

/// PyPSA networks read from the CSV folders PyPSA itself wrote (bench/pypsa/make_networks.py:
/// built with PyPSA 1.4 from PyPI, solved by its optimize() with HiGHS, exported with results):
/// lcaopt's optimum equals the objective PyPSA reported for each (six networks, a storage unit among them).
@Suite struct PyPSANetworkTests {
    static let root = FixtureFiles.packageRoot() + "/Tests/NetworkTests/pypsa"
    static let names = ["chp", "two-way-link", "store", "extendable", "co2-cap", "storage-unit"]

    static func expected(_ name: String) throws -> Double {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/expected.json"))
        let all = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        return try #require(all[name]?["objective"] as? Double)
    }

    static func load(_ folder: String) throws -> NetworkData {
        try #require(try ModelSource.load(path: folder).family as? NetworkData)
    }

    @Test(arguments: names)
    func test_optimum_equals_pypsas(_ name: String) throws {
        let data = try Self.load(Self.root + "/" + name)
        for solver in ["glpk", "highs"] {
            let problem = try NetworkProblem(data: data)
            let backend: any SolverBackend = solver == "glpk" ? GLPKSolver() : try HiGHSSolver()
            try backend.load(problem.model)
            let report = problem.report(try backend.solve(SolveOptions()), objective: "cost", seconds: 0)
            let pypsa = try Self.expected(name)
            #expect(report.status == "optimal")
            #expect(abs(report.objectives["cost"]! - pypsa) <= 1e-6 * max(1, abs(pypsa)), "\(name) on \(solver): \(report.objectives["cost"]!) vs PyPSA \(pypsa)")
        }
    }

    /// The exact front of the CO2-capped network starts at the cap, and its first edge's price is
    /// the shadow price PyPSA wrote for the global constraint (`mu` in global_constraints.csv).
    @Test func test_first_trade_off_price_is_pypsas_co2_shadow_price() throws {
        let data = try Self.load(Self.root + "/co2-cap")
        let problem = try NetworkProblem(data: data)
        let front = try ParetoSweep.run(model: problem.model, objectives: [problem.objectiveIndex["cost"]!, problem.objectiveIndex["co2"]!],
                                        options: ParetoOptions(method: .exact), makeBackend: { GLPKSolver() })
        let corners = front.points.map { ($0.objectiveValues[problem.objectiveIndex["cost"]!], $0.objectiveValues[problem.objectiveIndex["co2"]!]) }
        let csv = try String(contentsOfFile: Self.root + "/co2-cap/global_constraints.csv", encoding: .utf8).split(separator: "\n")
        let header = csv[0].split(separator: ","), row = csv[1].split(separator: ",")
        let mu = try #require(Double(row[header.firstIndex(of: "mu")!]))
        #expect(abs(corners[0].1 - 600) < 1e-6)
        let price = (corners[1].0 - corners[0].0) / (corners[0].1 - corners[1].1)
        #expect(abs(price - abs(mu)) < 1e-6 * abs(mu), "\(price) vs PyPSA's mu \(mu)")
    }

    /// A copy of the CHP folder with what lcaopt cannot model exactly: each is named with its reason.
    @Test func test_unmodelled_components_are_rejected_by_name() throws {
        let folder = NSTemporaryDirectory() + "lcaopt-pypsa-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Self.root + "/chp", toPath: folder)
        try "name,bus0,bus1,x,s_nom\nline-1,gas,elec,0.1,100\n".write(toFile: folder + "/lines.csv", atomically: true, encoding: .utf8)
        let generators = try String(contentsOfFile: folder + "/generators.csv", encoding: .utf8)
            .replacingOccurrences(of: "p_nom_opt", with: "committable").replacingOccurrences(of: ",1000.0\n", with: ",True\n")
        try generators.write(toFile: folder + "/generators.csv", atomically: true, encoding: .utf8)
        try ",gas-import\n0,5\n1,5\n2,5\n".write(toFile: folder + "/generators-ramp_limit_up.csv", atomically: true, encoding: .utf8)
        do {
            _ = try Self.load(folder)
            Issue.record("the folder loaded")
        } catch let error as ModelError {
            let text = error.issues.map(\.description)
            #expect(text.contains { $0.contains("line 'line-1'") && $0.contains("power-flow") }, "\(text)")
            #expect(text.contains { $0.contains("generator 'gas-import'") && $0.contains("committable") })
            #expect(text.contains { $0.hasPrefix("generators-ramp_limit_up.csv") })
            // PyPSA's results beside the inputs (generators-p.csv, links-p0.csv, buses-marginal_price.csv, p_nom_opt) are no problem.
            #expect(!text.contains { $0.contains("-p.csv") || $0.contains("marginal_price") || $0.contains("_opt") })
        }
    }
}
