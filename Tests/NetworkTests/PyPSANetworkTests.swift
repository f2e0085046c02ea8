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
    static let names = ["chp", "two-way-link", "store", "extendable", "co2-cap", "storage-unit", "two-periods"]

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

    /// Two investment periods (2030 and 2040, objective weightings 9.16 and 7.52, ten years
    /// each): wind built in 2030 is active in both periods, wind and the battery of 2040 in the
    /// second only; the CO2 cap of 2040 (300,000 t over its ten years) binds. Besides the
    /// optimum (`test_optimum_equals_pypsas`), the capacities equal PyPSA's p_nom_opt.
    @Test func test_investment_periods_build_what_pypsa_builds() throws {
        let data = try Self.load(Self.root + "/two-periods")
        #expect(data.periods.map(\.id) == ["2030", "2040"])
        #expect(data.periods.map(\.costWeight) == [9.162236706367079, 7.516225305121976])
        let problem = try data.problem(objective: "cost", names: false)
        let result = try CachingSolver(GLPKSolver()).solve(problem.model, edits: ModelEdits())
        let decision = problem.decision(primal: result.primal)
        func built(_ id: String) -> Double { decision.capacities.filter { $0.component == id }.reduce(0) { $0 + $1.built } }
        // PyPSA's generators.csv: p_nom_opt 66.6667 (wind-2030) and 172.717 (wind-2040).
        #expect(abs(built("wind-2030") - 66.66666666666667) < 1e-6)
        #expect(abs(built("wind-2040") - 172.71689497716895) < 1e-6)
        #expect(decision.capacities.filter { $0.component == "wind-2040" && $0.period == "2030" }.allSatisfy { $0.total == 0 })
    }

    /// Over investment periods, a build year that is no period's year, and fixed capacity that
    /// is active in some periods only, are refused by name.
    @Test func test_build_years_that_do_not_fit_the_periods_are_refused() throws {
        let folder = NSTemporaryDirectory() + "lcaopt-pypsa-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Self.root + "/two-periods", toPath: folder)
        let generators = try String(contentsOfFile: folder + "/generators.csv", encoding: .utf8)
            .replacingOccurrences(of: "wind-2040,elec,PQ,0.0,True,wind,0.0,2040,", with: "wind-2040,elec,PQ,0.0,True,wind,0.0,2035,")
            .replacingOccurrences(of: "gas,elec,Slack,100.0,False,gas,60.0,0,inf,", with: "gas,elec,Slack,100.0,False,gas,60.0,0,15.0,")
        try generators.write(toFile: folder + "/generators.csv", atomically: true, encoding: .utf8)
        do {
            _ = try Self.load(folder)
            Issue.record("the folder loaded")
        } catch let error as ModelError {
            let text = error.issues.map(\.description)
            #expect(text.contains { $0.contains("generator 'wind-2040': build_year 2035 is not an investment period") }, "\(text)")
            #expect(text.contains { $0.contains("generator 'gas': fixed capacity active in some investment periods only") }, "\(text)")
        }
    }
}
