import Foundation
import GLPKBackend
import LPModel
import OpenLCAFixtures
import SupplyChain

/// Writes a model (JSON text with `$DB` for the synthetic database) and solves it.
enum ModelHelpers {
    static func write(_ json: String, database: String? = nil, name: String = "model.json") throws -> String {
        let directory = NSTemporaryDirectory() + "lcaopt-model-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        let db = try database ?? FixtureFiles.synthetic()
        try json.replacingOccurrences(of: "$DB", with: db).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func solve(_ json: String, objective: String = "cost") throws -> (SupplyChainProblem, SolveResult, SupplyChainReport) {
        let (_, data) = try SupplyChainLoader.load(modelPath: try write(json))
        let problem = try SupplyChainProblem(data: data, objective: objective)
        let solver = GLPKSolver()
        try solver.load(problem.model)
        let result = try solver.solve(SolveOptions())
        return (problem, result, problem.report(result, objective: objective, seconds: 0))
    }

    /// A model around the synthetic database: steel (GWP 1.7192 per kg, cost 2.2 per kg in the
    /// database), truck transport (GWP 0.1, cost 0.08 per t*km), one site, given parts.
    static func model(periods: String = "[\"p1\"]", suppliers: String, demands: String, extra: String = "",
                      unit: String = "kg", transport: Bool = true) -> String {
        """
        {"database": "$DB", "periods": \(periods),
         "indicators": [{"id": "gwp", "impactCategory": "i-gwp"}],
         "sites": [{"id": "plant", "latitude": 50.0, "longitude": 8.0}],
         "materials": [{"id": "steel", "unit": "\(unit)", "suppliers": \(suppliers)}],
         "transport": \(transport ? "[{\"id\": \"truck\", \"process\": \"p-truck\"}]" : "[]"),
         "demands": \(demands)\(extra)}
        """
    }
}
