import Foundation
import GLPKBackend
import LPModel
import ModelFamily
import ModelLoader
import Network

/// Writes network files into a fresh folder and solves them with GLPK.
struct NetworkFixture {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "lcaopt-network-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Loads the network file `name` (through the loader every command uses).
    func load(_ name: String, database: String? = nil) throws -> NetworkData {
        let loaded = try ModelSource.load(path: folder + "/" + name, databasePath: database)
        guard let data = loaded.family as? NetworkData else { throw ModelError(file: name, issues: [ModelIssue("$", "not a network")]) }
        return data
    }

    /// Solves `data` for `objective` with GLPK.
    static func solve(_ data: NetworkData, objective: String = "cost") throws -> (NetworkProblem, NetworkReport) {
        let problem = try NetworkProblem(data: data, objective: objective)
        let solver = GLPKSolver()
        try solver.load(problem.model)
        let result = try solver.solve(SolveOptions())
        return (problem, problem.report(result, objective: objective, seconds: 0))
    }

    /// The load problems of file `name` (empty: it loads).
    func problems(_ name: String) -> [String] {
        do { _ = try load(name); return [] } catch let error as ModelError { return error.issues.map(\.description) } catch { return ["\(error)"] }
    }
}

extension NetworkReport {
    /// The amount of component `id` in `snapshot` (0: none).
    func activity(_ id: String, _ snapshot: String = "1", period: String? = nil) -> Double {
        solution.activities.first { $0.component == id && $0.snapshot == snapshot && $0.period == period }?.amount ?? 0
    }
}

/// `a` equals `b` to `relative` (with an absolute floor of 1e-9).
func close(_ a: Double?, _ b: Double, _ relative: Double = 1e-7) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= relative * max(1, abs(b)) + 1e-9
}
