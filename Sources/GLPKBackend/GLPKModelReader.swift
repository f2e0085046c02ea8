import CGLPK
import Foundation
import LPModel
import Synchronization

/// Reads an LP/MILP written for another tool, free MPS (`.mps`) or CPLEX LP (`.lp`), through
/// GLPK's own readers, into a ``LinearModel``: every row with its bounds, every column with its
/// bounds and kind, and the file's objective as a named objective (negated when the file
/// maximises, so that every objective is minimised). GLPK keeps one `N` row of an MPS file as its
/// objective and drops the others, so each further `N` row asked for is read as the objective of
/// another pass over the file; rows of an LP file serve as objectives by name (``LPFile``).
public enum GLPKModelReader {
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var messages: [String]
        public var description: String {
            "\(path): not a readable \(path.lowercased().hasSuffix(".lp") ? "CPLEX LP" : "free MPS") file"
                + (messages.isEmpty ? "" : ": " + messages.suffix(3).joined(separator: "; "))
        }
    }

    /// Reads `path` (`.lp`: CPLEX LP, anything else: free MPS), with the `N` rows named in
    /// `objectives` (MPS only) as further objectives after the file's own.
    public static func read(path: String, objectives: [String] = []) throws(ReadError) -> (model: LinearModel, objective: String) {
        let problem = try load(path, objectiveRow: nil)
        defer { glp_delete_prob(problem) }
        let rows = Int(glp_get_num_rows(problem)), columns = Int(glp_get_num_cols(problem))
        var model = LinearModel(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        func bounds(type: Int32, lower: Double, upper: Double) -> (Double, Double) {
            switch type {
            case Int32(GLP_FR): return (-.infinity, .infinity)
            case Int32(GLP_LO): return (lower, .infinity)
            case Int32(GLP_UP): return (-.infinity, upper)
            default: return (lower, upper)  // GLP_DB, GLP_FX
            }
        }
        for j in 1..<(columns + 1) {
            let (lower, upper) = bounds(type: glp_get_col_type(problem, Int32(j)), lower: glp_get_col_lb(problem, Int32(j)), upper: glp_get_col_ub(problem, Int32(j)))
            let kind = glp_get_col_kind(problem, Int32(j))
            model.addVariable(name: glp_get_col_name(problem, Int32(j)).map { String(cString: $0) } ?? "x\(j)", lower: lower, upper: upper,
                              integer: kind == Int32(GLP_IV) || kind == Int32(GLP_BV))
        }
        var indexes = [Int32](repeating: 0, count: columns + 1), values = [Double](repeating: 0, count: columns + 1)
        var rowNames = Set<String>()
        for i in 1..<(rows + 1) {
            let (lower, upper) = bounds(type: glp_get_row_type(problem, Int32(i)), lower: glp_get_row_lb(problem, Int32(i)), upper: glp_get_row_ub(problem, Int32(i)))
            let name = glp_get_row_name(problem, Int32(i)).map { String(cString: $0) } ?? "r\(i)"
            rowNames.insert(name)
            let row = model.beginConstraint(lower: lower, upper: upper, name: name)
            let count = Int(glp_get_mat_row(problem, Int32(i), &indexes, &values))
            for k in 1..<(count + 1) { model.addTerm(row, Variable(index: indexes[k] - 1), values[k]) }
        }
        let main = objective(of: problem, columns: columns)
        model.addObjective(main)
        guard !path.lowercased().hasSuffix(".lp") else { return (model, main.name) }
        // Further N rows: each the objective of its own pass (the columns are the same, in the same order).
        for name in objectives where name != main.name && !rowNames.contains(name) {
            guard let other = try? load(path, objectiveRow: name) else { continue }
            defer { glp_delete_prob(other) }
            if Int(glp_get_num_cols(other)) == columns { model.addObjective(objective(of: other, columns: columns)) }
        }
        return (model, main.name)
    }

    /// A problem read from `path`, with `objectiveRow` as its objective (MPS; nil: the first N row).
    private static func load(_ path: String, objectiveRow: String?) throws(ReadError) -> OpaquePointer {
        GLPKEnvironment.installHooks()
        let messages = Mutex<[String]>([])
        let problem = glp_create_prob()!
        let status = GLPKEnvironment.capturing({ line in messages.withLock { $0.append(line) } }) { () -> Int32 in
            if path.lowercased().hasSuffix(".lp") { return glp_read_lp(problem, nil, path) }
            var parameters = glp_mpscp()
            glp_init_mpscp(&parameters)
            guard let objectiveRow else { return glp_read_mps(problem, Int32(GLP_MPS_FILE), &parameters, path) }
            return objectiveRow.withCString { name in
                parameters.obj_name = UnsafeMutablePointer(mutating: name)
                return glp_read_mps(problem, Int32(GLP_MPS_FILE), &parameters, path)
            }
        }
        guard status == 0 else {
            glp_delete_prob(problem)
            throw ReadError(path: path, messages: messages.withLock { $0 })
        }
        return problem
    }

    /// The problem's objective, negated when it maximises.
    private static func objective(of problem: OpaquePointer, columns: Int) -> Objective {
        let sign = glp_get_obj_dir(problem) == Int32(GLP_MAX) ? -1.0 : 1.0
        var variables: [Int32] = [], coefficients: [Double] = []
        for j in 1..<(columns + 1) {
            let value = glp_get_obj_coef(problem, Int32(j))
            if value != 0 { variables.append(Int32(j - 1)); coefficients.append(sign * value) }
        }
        return Objective(name: glp_get_obj_name(problem).map { String(cString: $0) } ?? "objective", variables: variables, coefficients: coefficients,
                         constant: sign * glp_get_obj_coef(problem, 0))
    }
}
