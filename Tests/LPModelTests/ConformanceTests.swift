import GLPKBackend
import HiGHSBackend
import LPModel
import TestSupport
import Testing

/// A solver backend under test: every conformance case runs on each.
struct Backend: CustomStringConvertible, Sendable {
    var description: String
    var make: @Sendable () throws -> any SolverBackend

    /// GLPK, HiGHS (installed by scripts/setup; a missing HiGHS fails these tests, it does not skip
    /// them), and the recording mock over GLPK (every call passed through and recorded).
    static let all: [Backend] = [
        Backend(description: "glpk", make: { GLPKSolver() }),
        Backend(description: "highs", make: { try HiGHSSolver() }),
        Backend(description: "recording mock (glpk)", make: { RecordingBackend(GLPKSolver()) }),
    ]
}

/// Known optima, in the spirit of MathOptInterface's shared suite, run on every backend (GLPK and HiGHS).
/// Sign convention of duals, for every backend: a row's dual is d(objective)/d(active bound of the row),
/// a reduced cost d(objective)/d(active bound of the column), for a minimised objective.
@Suite struct ConformanceTests {
    /// min -x - 2y + z + w; x + y <= 4; 1 <= x - y <= 3; z - x = -1; z free; w fixed at 2.
    /// Optimum by hand: y is maximal where x + y = 4 and x - y = 1: x 2.5, y 1.5, z 1.5, obj -2.
    /// Duals (d obj / d rhs): c1 -1, c2 +1 (its lower side), c3 +1.
    static func textbook() -> (LinearModel, [Variable], [Constraint]) {
        var model = LinearModel(name: "textbook")
        let x = model.addVariable(name: "x")
        let y = model.addVariable(name: "y")
        let z = model.addVariable(name: "z", lower: -.infinity)
        let w = model.addVariable(name: "w", lower: 2, upper: 2)
        let c1 = model.addConstraint([(x, 1), (y, 1)], upper: 4, name: "c1")
        let c2 = model.addConstraint([(x, 1), (y, -1)], lower: 1, upper: 3, name: "c2")
        let c3 = model.addConstraint([(z, 1), (x, -1)], lower: -1, upper: -1, name: "c3")
        model.addObjective("obj", [(x, -1), (y, -2), (z, 1), (w, 1)])
        model.addObjective("y only", [(y, 1)])
        return (model, [x, y, z, w], [c1, c2, c3])
    }

    @Test(arguments: Backend.all) func test_textbook_lp_primal_duals_and_all_objectives(_ backend: Backend) throws {
        let (model, v, _) = Self.textbook()
        let solver = try backend.make()
        try solver.load(model)
        let result = try solver.solve(.init())
        #expect(result.isOptimal)
        #expect(abs(result.objectiveValue - -2) < 1e-9)
        for (variable, expected) in zip(v, [2.5, 1.5, 1.5, 2.0]) {
            #expect(abs(result.value(variable) - expected) < 1e-9)
        }
        for (dual, expected) in zip(result.rowDuals, [-1.0, 1.0, 1.0]) { #expect(abs(dual - expected) < 1e-9) }
        #expect(abs(result.objectiveValues[1] - 1.5) < 1e-9)
        #expect(result.rowActivity.count == 3 && abs(result.rowActivity[0] - 4) < 1e-9)
        #expect(!result.warmStarted)
    }

    @Test(arguments: Backend.all) func test_resolve_after_row_bound_change_equals_cold_solve(_ backend: Backend) throws {
        var (model, v, c) = Self.textbook()
        let warm = try backend.make()
        try warm.load(model)
        _ = try warm.solve(.init())
        try warm.setRowBounds(c[0], lower: -.infinity, upper: 6)
        let warmResult = try warm.solve(.init())
        model.setBounds(c[0], lower: -.infinity, upper: 6)
        let cold = try backend.make()
        try cold.load(model)
        let coldResult = try cold.solve(.init())
        #expect(warmResult.warmStarted && !coldResult.warmStarted)
        #expect(abs(warmResult.objectiveValue - -4) < 1e-9) // y = (6 - 1) / 2
        #expect(abs(warmResult.objectiveValue - coldResult.objectiveValue) < 1e-9)
        for variable in v { #expect(abs(warmResult.value(variable) - coldResult.value(variable)) < 1e-9) }
    }

    @Test(arguments: Backend.all) func test_resolve_after_column_bound_and_objective_change(_ backend: Backend) throws {
        let (model, v, _) = Self.textbook()
        let solver = try backend.make()
        try solver.load(model)
        _ = try solver.solve(.init())
        try solver.setColumnBounds(v[1], lower: 0, upper: 1) // y <= 1: obj -2 * 1 + 1
        #expect(abs(try solver.solve(.init()).objectiveValue - -1) < 1e-9)
        try solver.setActiveObjective(1) // minimise y: y = 0 is feasible (x in [1, 3])
        let minimiseY = try solver.solve(.init())
        #expect(minimiseY.isOptimal && abs(minimiseY.objectiveValue) < 1e-9)
        #expect(abs(minimiseY.objectiveValues[1] - minimiseY.objectiveValue) < 1e-12)
    }

    @Test(arguments: Backend.all) func test_degenerate_lp(_ backend: Backend) throws {
        // min -x - y; x + y <= 1; x + 2y <= 1; 2x + y <= 1; x, y <= 1: optimum at (1/3, 1/3), three rows active.
        var model = LinearModel()
        let x = model.addVariable(name: "x", upper: 1), y = model.addVariable(name: "y", upper: 1)
        model.addConstraint([(x, 1), (y, 1)], upper: 1, name: "a")
        model.addConstraint([(x, 1), (y, 2)], upper: 1, name: "b")
        model.addConstraint([(x, 2), (y, 1)], upper: 1, name: "c")
        model.addConstraint([(x, 3), (y, 3)], upper: 2, name: "d")
        model.addObjective("obj", [(x, -1), (y, -1)])
        for method in SolveOptions.Method.allCases {
            let solver = try backend.make()
            try solver.load(model)
            let result = try solver.solve(.init(method: method))
            #expect(result.isOptimal)
            #expect(abs(result.objectiveValue - -2.0 / 3.0) < 1e-9)
        }
    }

    @Test(arguments: Backend.all) func test_infeasible_lp_cold_and_warm(_ backend: Backend) throws {
        var model = LinearModel()
        let x = model.addVariable(name: "x")
        let low = model.addConstraint([(x, 1)], lower: 0, name: "low")
        model.addConstraint([(x, 1)], upper: 1, name: "high")
        model.addObjective("obj", [(x, 1)])
        let solver = try backend.make()
        try solver.load(model)
        #expect(try solver.solve(.init()).isOptimal)
        try solver.setRowBounds(low, lower: 2, upper: .infinity)
        let warm = try solver.solve(.init())
        #expect(warm.termination == .infeasible && warm.primalStatus == .noSolution)
        let cold = try solver.solve(.init(forceCold: true))
        #expect(cold.termination == .infeasible)
    }

    @Test(arguments: Backend.all) func test_unbounded_lp(_ backend: Backend) throws {
        var model = LinearModel()
        let x = model.addVariable(name: "x"), y = model.addVariable(name: "y")
        model.addConstraint([(x, 1), (y, -1)], upper: 1, name: "r")
        model.addObjective("obj", [(x, -1)])
        for method in SolveOptions.Method.allCases {
            let solver = try backend.make()
            try solver.load(model)
            let result = try solver.solve(.init(method: method))
            #expect(result.termination == .unbounded, "\(method): \(result.termination) \(result.rawStatus)")
        }
    }

    @Test(arguments: Backend.all) func test_knapsack_matches_brute_force(_ backend: Backend) throws {
        let values: [Double] = [10, 13, 7, 8, 4, 9, 3]
        let weights: [Double] = [5, 6, 3, 4, 2, 5, 1]
        let capacity = 12.0
        var best = 0.0
        for mask in 0..<(1 << values.count) {
            let chosen = values.indices.filter { mask & (1 << $0) != 0 }
            if chosen.map({ weights[$0] }).reduce(0, +) <= capacity { best = max(best, chosen.map { values[$0] }.reduce(0, +)) }
        }
        var model = LinearModel(name: "knapsack")
        let items = values.indices.map { model.addBinary(name: "take[\($0)]") }
        model.addConstraint(zip(items, weights).map { ($0, $1) }, upper: capacity, name: "capacity")
        model.addObjective("value", zip(items, values).map { ($0, -$1) })
        let solver = try backend.make()
        try solver.load(model)
        let result = try solver.solve(.init())
        #expect(result.isOptimal)
        #expect(abs(-result.objectiveValue - best) < 1e-9)
        #expect(result.primal.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(result.rowDuals.isEmpty)
    }

    /// Facility A: fixed 10, capacity 10, unit cost 1; B: fixed 3, capacity 4, unit cost 0;
    /// demand 8. A alone 18, B alone infeasible, both 13 + 4 x 1 = 17: both open.
    static func facilityLocation() -> LinearModel {
        var model = LinearModel(name: "facility")
        let openA = model.addBinary(name: "open[A]"), openB = model.addBinary(name: "open[B]")
        let shipA = model.addVariable(name: "ship[A]"), shipB = model.addVariable(name: "ship[B]")
        model.addConstraint([(shipA, 1), (shipB, 1)], lower: 8, name: "demand")
        model.addConstraint([(shipA, 1), (openA, -10)], upper: 0, name: "capacity[A]")
        model.addConstraint([(shipB, 1), (openB, -4)], upper: 0, name: "capacity[B]")
        model.addObjective("cost", [(openA, 10), (openB, 3), (shipA, 1), (shipB, 0)])
        return model
    }

    @Test(arguments: Backend.all) func test_facility_location_milp(_ backend: Backend) throws {
        let solver = try backend.make()
        try solver.load(Self.facilityLocation())
        let result = try solver.solve(.init())
        #expect(result.isOptimal)
        #expect(abs(result.objectiveValue - 17) < 1e-9)
        #expect(result.primal[0] == 1 && result.primal[1] == 1)
        #expect(abs(result.primal[3] - 4) < 1e-9)
    }

    @Test(arguments: Backend.all) func test_milp_without_integer_solution(_ backend: Backend) throws {
        var model = LinearModel()
        let x = model.addVariable(name: "x", upper: 10, integer: true)
        model.addConstraint([(x, 2)], lower: 3, upper: 3, name: "odd") // 2x = 3
        model.addObjective("obj", [(x, 1)])
        let solver = try backend.make()
        try solver.load(model)
        #expect(try solver.solve(.init()).termination == .noFeasibleIntegerSolution)
    }

    @Test(arguments: Backend.all) func test_invalid_inputs_are_rejected_before_glpk(_ backend: Backend) throws {
        var nanModel = LinearModel()
        let x = nanModel.addVariable(name: "x")
        nanModel.addConstraint([(x, .nan)], upper: 1, name: "bad")
        nanModel.addObjective("obj", [(x, 1)])
        #expect(throws: LPModelError.self) { try backend.make().load(nanModel) }

        var bounds = LinearModel()
        bounds.addVariable(name: "x", lower: 2, upper: 1)
        bounds.addObjective("obj", [])
        #expect(throws: LPModelError.self) { try backend.make().load(bounds) }

        var unnamed = LinearModel()
        unnamed.addVariable(name: "")
        unnamed.addObjective("obj", [])
        #expect(throws: LPModelError.self) { try backend.make().load(unnamed) }

        #expect(throws: LPModelError.self) { try backend.make().load(LinearModel()) } // no objective

        let (model, _, _) = Self.textbook()
        let solver = try backend.make()
        #expect(throws: LPModelError.notLoaded) { try solver.solve(.init()) }
        try solver.load(model)
        #expect(throws: LPModelError.self) { try solver.setRowBounds(Constraint(index: 99), lower: 0, upper: 1) }
        #expect(throws: LPModelError.self) { try solver.setRowBounds(Constraint(index: 0), lower: .nan, upper: 1) }
        #expect(throws: LPModelError.self) { try solver.setColumnBounds(Variable(index: -1), lower: 0, upper: 1) }
        #expect(throws: LPModelError.self) {
            try solver.setObjective(0, Objective(name: "o", variables: [42], coefficients: [1], constant: 0))
        }
        #expect(throws: LPModelError.self) { try solver.setActiveObjective(5) }
        #expect(try solver.solve(.init()).isOptimal) // still usable after rejected edits
    }

    @Test(arguments: Backend.all) func test_duplicate_terms_are_summed_and_zeros_dropped(_ backend: Backend) throws {
        var model = LinearModel()
        let x = model.addVariable(name: "x")
        model.addConstraint([(x, 1), (x, 1), (x, 0)], lower: 4, name: "twice") // 2x >= 4
        model.addObjective("obj", [(x, 1), (x, 2)]) // 3x
        let solver = try backend.make()
        try solver.load(model)
        let result = try solver.solve(.init())
        #expect(abs(result.objectiveValue - 6) < 1e-9)
        #expect(model.compressedRows().values == [2])
    }

    @Test(arguments: Backend.all) func test_objective_constant_and_empty_model(_ backend: Backend) throws {
        var model = LinearModel()
        model.addObjective("obj", [], constant: 5)
        let solver = try backend.make()
        try solver.load(model)
        #expect(try solver.solve(.init()).objectiveValue == 5)
    }

    @Test(arguments: Backend.all) func test_concurrent_solves_on_several_threads(_ backend: Backend) async throws {
        let capacities = (1...16).map(Double.init)
        let serial = try capacities.map { try Self.solveKnapsack(capacity: $0, backend) }
        let parallel = try await withThrowingTaskGroup(of: (Int, Double).self) { group in
            for (index, capacity) in capacities.enumerated() {
                group.addTask { (index, try Self.solveKnapsack(capacity: capacity, backend)) }
            }
            var values = [Double](repeating: 0, count: capacities.count)
            for try await (index, value) in group { values[index] = value }
            return values
        }
        #expect(parallel == serial)
    }

    /// The caching layer hands a backend only what the model's edits list: a new bound and a new
    /// objective are edits (a warm re-solve equal to a cold one), a new structure or a changed
    /// matrix coefficient is a load. The recording mock shows the exact calls.
    @Test(arguments: Backend.all) func test_caching_solver_edits_changes_and_reloads_structures(_ backend: Backend) throws {
        var (model, v, c) = Self.textbook()
        let recorder = RecordingBackend(try backend.make())
        let cache = CachingSolver(recorder)
        #expect(try cache.solve(model, edits: model.takeEdits()).isOptimal)
        #expect(recorder.calls == ["load", "solve"])
        recorder.clear()
        model.setBounds(c[0], lower: -.infinity, upper: 5)
        model.setBounds(c[0], lower: -.infinity, upper: 6)  // set twice, handed over once
        model.activeObjective = 1  // "y only"
        let warm = try cache.solve(model, edits: model.takeEdits())
        #expect(recorder.calls == ["row 0", "active 1", "solve"])
        #expect(warm.warmStarted)
        let cold = try backend.make()
        try cold.load(model)
        let reference = try cold.solve(.init())
        #expect(abs(warm.objectiveValue - reference.objectiveValue) < 1e-9)
        // min y with x + y <= 6, 1 <= x - y <= 3, x, y >= 0: y = 0 (x = 1).
        #expect(abs(warm.value(v[1])) < 1e-9)
        // Nothing changed: no edit, a re-solve.
        recorder.clear()
        _ = try cache.solve(model, edits: model.takeEdits())
        #expect(recorder.calls == ["active 1", "solve"])
        // A column bound and a replaced objective.
        recorder.clear()
        model.setBounds(v[0], lower: 0, upper: 2)
        model.replaceObjective(0, with: Objective(name: "obj", variables: [1], coefficients: [-1]))
        model.activeObjective = 0
        let edited = try cache.solve(model, edits: model.takeEdits())
        #expect(recorder.calls == ["column 0", "objective 0", "active 0", "solve"])
        // max y with x <= 2, x - y >= 1, x + y <= 6: y = x - 1 = 1.
        #expect(abs(edited.objectiveValue - -1) < 1e-9)
        // A matrix coefficient: x + 2y <= 6 now, loaded anew.
        recorder.clear()
        model.setEntryValue(1, 2)
        #expect(try cache.solve(model, edits: model.takeEdits()).isOptimal)
        #expect(recorder.calls == ["load", "solve"])
        recorder.clear()
        var bigger = model
        _ = bigger.addVariable(name: "extra", upper: 1)
        let reloaded = try cache.solve(bigger, edits: bigger.takeEdits())
        #expect(recorder.calls == ["load", "solve"])
        #expect(!reloaded.warmStarted && reloaded.isOptimal)
    }

    /// A model with no columns is feasible only when every row's bounds hold 0: `0 >= 1` is infeasible.
    @Test(arguments: Backend.all) func test_no_columns_infeasible_row(_ backend: Backend) throws {
        var model = LinearModel()
        model.addConstraint([], lower: 1, name: "impossible")
        model.addObjective("none", [])
        let solver = try backend.make()
        try solver.load(model)
        let result = try solver.solve(.init())
        #expect(result.termination == .infeasible && result.primalStatus == .noSolution)
    }

    /// A limit reached is a status with the best point so far, not an error: a transport LP of
    /// 30 x 30 needs more than one simplex iteration.
    @Test(arguments: Backend.all) func test_iteration_limit_is_a_status(_ backend: Backend) throws {
        var model = LinearModel()
        let n = 30
        var x: [[Variable]] = []
        for i in 0..<n { x.append((0..<n).map { j in model.addVariable(name: "x\(i)_\(j)") }) }
        for i in 0..<n { model.addConstraint(x[i].map { ($0, 1) }, upper: 10, name: "supply\(i)") }
        for j in 0..<n { model.addConstraint((0..<n).map { (x[$0][j], 1) }, lower: 9, name: "demand\(j)") }
        var terms: [(Variable, Double)] = []
        for i in 0..<n {
            for j in 0..<n { terms.append((x[i][j], Double((i * 7 + j * 13) % 17 + 1))) }
        }
        model.addObjective("cost", terms)
        let solver = try backend.make()
        try solver.load(model)
        let limited = try solver.solve(SolveOptions(iterationLimit: 1, forceCold: true))
        #expect(limited.termination == .iterationLimit, "\(limited.rawStatus)")
        let full = try solver.solve(SolveOptions(forceCold: true))
        #expect(full.isOptimal)
    }

    static func solveKnapsack(capacity: Double, _ backend: Backend) throws -> Double {
        var model = LinearModel()
        let values: [Double] = [10, 13, 7, 8, 4, 9, 3, 6, 5, 11]
        let weights: [Double] = [5, 6, 3, 4, 2, 5, 1, 3, 2, 6]
        let items = values.indices.map { model.addBinary(name: "t\($0)") }
        model.addConstraint(zip(items, weights).map { ($0, $1) }, upper: capacity, name: "cap")
        model.addObjective("v", zip(items, values).map { ($0, -$1) })
        let solver = try backend.make()
        try solver.load(model)
        return try solver.solve(.init()).objectiveValue
    }
}
