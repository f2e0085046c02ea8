import Foundation
import GLPKBackend
import LPModel
import OpenLCAFixtures
import Pareto
@testable import Reports
import SupplyChain
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Properties of the bundled example's front.
@Suite struct BundledExampleFrontTests {
    static func front(points: Int = 12) throws -> (SupplyChainProblem, FrontReport<Decision>) {
        let (_, data) = try SupplyChainLoader.load(modelPath: FixtureFiles.packageRoot() + "/db-fixtures/examples/resin-supply.json")
        let problem = try SupplyChainProblem(data: data)
        return (problem, try FrontReport.sweep(problem, objectives: ["cost", "gwp"], makeBackend: { GLPKSolver() }, options: ParetoOptions(points: points)))
    }

    static func lexicographic(_ problem: SupplyChainProblem, first: String, second: String) throws -> [Double] {
        var model = problem.model
        model.activeObjective = problem.objectiveIndex[first]!
        let solver = GLPKSolver()
        try solver.load(model)
        let optimum = try solver.solve(SolveOptions()).objectiveValue
        let objective = model.objectives[problem.objectiveIndex[first]!]
        model.addConstraint(zip(objective.variables, objective.coefficients).map { (Variable(index: $0), $1) },
                            upper: optimum * (1 + 1e-9), name: "fix")
        model.activeObjective = problem.objectiveIndex[second]!
        let lexicographic = GLPKSolver()
        try lexicographic.load(model)
        let result = try lexicographic.solve(SolveOptions())
        return [result.objectiveValues[problem.objectiveIndex["cost"]!], result.objectiveValues[problem.objectiveIndex["gwp"]!]]
    }

    @Test func test_end_points_are_the_lexicographic_optima() throws {
        let (problem, report) = try Self.front()
        let costFirst = try Self.lexicographic(problem, first: "cost", second: "gwp")
        let gwpFirst = try Self.lexicographic(problem, first: "gwp", second: "cost")
        let first = report.points.first!, last = report.points.last!
        #expect(abs(first.objectives["cost"]! - costFirst[0]) < 1e-6 * costFirst[0])
        #expect(abs(first.objectives["gwp"]! - costFirst[1]) < 1e-6 * costFirst[1])
        #expect(abs(last.objectives["cost"]! - gwpFirst[0]) < 1e-6 * gwpFirst[0])
        #expect(abs(last.objectives["gwp"]! - gwpFirst[1]) < 1e-6 * gwpFirst[1])
    }

    /// The payoff table's rows are the front's end points, to the last digit (a payoff cost used
    /// to sit above the end point at the same GWP).
    @Test func test_payoff_rows_are_the_end_points() throws {
        let (_, report) = try Self.front(points: 20)
        let first = report.points.first!, last = report.points.last!
        #expect(report.payoff[0] == [first.objectives["cost"]!, first.objectives["gwp"]!])
        #expect(report.payoff[1] == [last.objectives["cost"]!, last.objectives["gwp"]!])
    }

    /// No decision is solver noise: every delivery is above the stated tolerance, the deliveries
    /// meet each demand exactly (within GLPK's 1e-7 relative feasibility tolerance), and each
    /// point's cost and GWP are the sums over its decision of the data's per-unit values.
    @Test func test_no_decision_is_below_the_tolerance_and_objectives_are_the_decisions_values() throws {
        let (problem, report) = try Self.front(points: 40)
        let data = problem.data
        // The largest requirement of the bundled example is Chicago's 2,400 kg in 2027.
        #expect(report.context.zeroTolerance == 1e-7 * 2400)
        for point in report.points {
            let decision = try #require(point.decision)
            #expect(decision.deliveries.allSatisfy { $0.amount > report.context.zeroTolerance })
            #expect(decision.transport.allSatisfy { $0.amount > report.context.zeroTolerance })
            for (k, site) in data.sites.enumerated() {
                for (t, period) in data.periods.enumerated() {
                    let demand = data.demands.filter { $0.site == k }.reduce(0.0) { $0 + $1.amounts[t] }
                    let delivered = decision.deliveries.filter { $0.site == site.id && $0.period == period }.reduce(0.0) { $0 + $1.amount }
                    #expect(abs(delivered - demand) <= 1e-7 * demand, "\(site.id) \(period): \(delivered) vs \(demand)")
                }
            }
            // cost = sum over routes of amount x (supplier cost + km x mode units per kg-km x mode cost).
            var cost = 0.0, gwp = 0.0
            for route in decision.transport {
                let supplier = data.suppliers.first { $0.id == route.supplier }!
                let mode = data.modes.first { $0.id == route.mode }!
                cost += route.amount * supplier.cost + route.modeAmount * mode.cost
                gwp += route.amount * supplier.impacts[0] + route.modeAmount * mode.impacts[0]
            }
            #expect(abs(cost - point.objectives["cost"]!) <= 1e-9 * cost)
            #expect(abs(gwp - point.objectives["gwp"]!) <= 1e-9 * gwp)
        }
    }

    @Test func test_every_point_meets_its_epsilon_and_none_dominates_another() throws {
        let (_, report) = try Self.front()
        #expect(report.points.count >= 5)
        for point in report.points {
            #expect(point.objectives["gwp"]! <= point.epsilon["gwp"]! * (1 + 1e-9))
            for other in report.points where other.objectives != point.objectives {
                let dominates = other.objectives["cost"]! <= point.objectives["cost"]! && other.objectives["gwp"]! <= point.objectives["gwp"]!
                #expect(!dominates)
            }
        }
    }

    @Test func test_objectives_recomputed_from_each_decision() throws {
        let (problem, report) = try Self.front()
        for point in report.points {
            let decision = try #require(point.decision)
            var cost = 0.0, gwp = 0.0
            for delivery in decision.deliveries {
                let supplier = problem.data.suppliers.first { $0.id == delivery.supplier }!
                cost += delivery.amount * supplier.cost
                gwp += delivery.amount * supplier.impacts[0]
            }
            for leg in decision.transport {
                let mode = problem.data.modes.first { $0.id == leg.mode }!
                cost += leg.modeAmount * mode.cost
                gwp += leg.modeAmount * mode.impacts[0]
            }
            #expect(abs(cost - point.objectives["cost"]!) < 1e-6 * cost)
            #expect(abs(gwp - point.objectives["gwp"]!) < 1e-6 * gwp)
        }
    }

    @Test func test_files_and_a_well_formed_chart() throws {
        let (_, report) = try Self.front(points: 6)
        let directory = NSTemporaryDirectory() + "lcaopt-front-\(UUID().uuidString)"
        try report.write(to: directory)
        let csv = try String(contentsOfFile: directory + "/front.csv", encoding: .utf8)
        // The context first, as # lines: database, scope, the category and method of gwp.
        let comments = csv.split(separator: "\n").filter { $0.hasPrefix("# ") }
        #expect(comments.contains { $0.hasPrefix("# database: ") && $0.hasSuffix("db-fixtures/uslci-example.sqlite") && !$0.contains("..") })
        #expect(comments.contains { $0.hasPrefix("# impact scope: direct") })
        #expect(comments.contains { $0.hasPrefix("# gwp: climate change | global warming potential (GWP100) [kg CO2-Eq], method IPCC 2021") })
        let rows = csv.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows.first == "point,cost [USD],gwp [kg CO2-Eq],epsilon gwp,status,local price [USD per kg CO2-Eq]")
        #expect(rows.count == report.points.count + 1)
        let svg = try Data(contentsOf: URL(fileURLWithPath: directory + "/front.svg"))
        let parser = XMLParser(data: svg)
        #expect(parser.parse())
        let text = String(decoding: svg, as: UTF8.self)
        // Axes by category name, scaled (costs 9,904-11,609 USD in kUSD, GWP 13,420-21,697 kg in t);
        // points numbered 1-6 as in the table; scope and database in the subtitle.
        for label in ["cost [kUSD]", "climate change | global warming potential (GWP100) [t CO2-Eq]", "min cost",
                      "min climate change | global warming potential (GWP100)", "Pareto front: Packaging resin for Chicago and Atlanta",
                      "<polyline", "direct scope · database uslci-example.sqlite", "<title>point 6</title>"] {
            #expect(text.contains(label), "\(label)")
        }
        #expect(!text.contains("22373119"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/front.json"))) as? [String: Any]
        #expect((json?["points"] as? [[String: Any]])?.first?["decision"] != nil)
    }

    @Test func test_chart_ticks_are_round_and_cover_the_data() {
        #expect(FrontChart.ticks([9903.5, 11608.9]) == [9500, 10000, 10500, 11000, 11500, 12000])
        #expect(FrontChart.ticks([0.2, 0.9]) == [0.2, 0.4, 0.6, 0.8, 1.0])
    }
}
