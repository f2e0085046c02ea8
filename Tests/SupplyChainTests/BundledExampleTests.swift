import Foundation
import GLPKBackend
import Impact
import LPModel
import OpenLCA
import OpenLCAFixtures
import SupplyChain
import TestSupport
import Testing

/// The bundled example solved, and its objectives recomputed from the reported decision with
/// numbers taken straight from the database and the model file.
@Suite struct BundledExampleTests {
    static let modelPath = FixtureFiles.packageRoot() + "/db-fixtures/examples/resin-supply.json"

    static func solved(_ objective: String) throws -> (SupplyChainProblem, SupplyChainReport) {
        let (_, data) = try SupplyChainLoader.load(modelPath: modelPath)
        let problem = try SupplyChainProblem(data: data, objective: objective)
        let solver = GLPKSolver()
        try solver.load(problem.model)
        let result = try solver.solve(SolveOptions())
        return (problem, problem.report(result, objective: objective, seconds: 0))
    }

    @Test(arguments: ["cost", "gwp"])
    func test_objectives_recomputed_from_the_decision(_ objective: String) throws {
        let (_, report) = try Self.solved(objective)
        #expect(report.status == "optimal")
        let model = try ModelFile.load(path: Self.modelPath)
        let db = try OpenLCADatabase(path: FixtureFiles.packageRoot() + "/db-fixtures/uslci-example.sqlite")
        let gwp = try db.impactCategory(matching: "22373119-7cbb-5450-97c8-49a119af7614")
        let suppliers = model.materials[0].suppliers
        let modes = model.transport!
        let ids = try (suppliers.map(\.process) + modes.map(\.process)).map { try db.process(matching: $0).id }
        let lcia = try DirectCharacterisation.compute(database: db, processes: ids, categories: [gwp.id])
        var cost = 0.0, impact = 0.0
        for delivery in report.deliveries {
            let index = suppliers.firstIndex { $0.id == delivery.supplier }!
            cost += delivery.amount * lcia.processes[index].cost!
            impact += delivery.amount * lcia.processes[index].impacts[0]
        }
        var delivered: [String: Double] = [:]
        for delivery in report.deliveries { delivered["\(delivery.supplier)|\(delivery.site)|\(delivery.period)", default: 0] += delivery.amount }
        var carried: [String: Double] = [:]
        for leg in report.transport {
            let mode = modes.firstIndex { $0.id == leg.mode }!
            let supplier = suppliers.first { $0.id == leg.supplier }!
            let site = model.sites.first { $0.id == leg.site }!
            let km = Geo.greatCircleKm(latitude1: supplier.latitude!, longitude1: supplier.longitude!,
                                       latitude2: site.latitude!, longitude2: site.longitude!) * modes[mode].circuity!
            let tonneKm = leg.amount / 1000 * km
            cost += tonneKm * modes[mode].cost!
            impact += tonneKm * lcia.processes[suppliers.count + mode].impacts[0]
            carried["\(leg.supplier)|\(leg.site)|\(leg.period)", default: 0] += leg.amount
        }
        #expect(abs(cost - report.objectives["cost"]!) < 1e-6 * cost)
        #expect(abs(impact - report.objectives["gwp"]!) < 1e-6 * impact)
        // Every delivery travels by some mode, and every site gets its demand.
        for (key, amount) in delivered { #expect(abs((carried[key] ?? 0) - amount) < 1e-6) }
        for demand in model.demands {
            let periods: [String: Double]
            switch demand.amount! {
            case .every(let value): periods = [demand.period!: value]
            case .byPeriod(let map): periods = map
            }
            for (period, amount) in periods {
                let got = report.deliveries.filter { $0.site == demand.site && $0.period == period }.reduce(0) { $0 + $1.amount }
                #expect(got >= amount - 1e-6)
            }
        }
    }

    @Test func test_cost_and_gwp_disagree() throws {
        let (_, cost) = try Self.solved("cost")
        let (_, gwp) = try Self.solved("gwp")
        #expect(cost.objectives["cost"]! < gwp.objectives["cost"]! - 100)
        #expect(gwp.objectives["gwp"]! < cost.objectives["gwp"]! - 100)
    }

    @Test(arguments: ModelExport.Format.allCases)
    func test_export_read_back_by_glpsol(_ format: ModelExport.Format) throws {
        let (problem, report) = try Self.solved("gwp")
        let text = try ModelExport.text(problem.model, format: format)
        let value = try Glpsol.objective(of: text, format: format)
        #expect(abs(value - report.objectives["gwp"]!) < 1e-6 * value)
    }
}
