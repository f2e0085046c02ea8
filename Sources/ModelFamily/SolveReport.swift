import LPModel

/// The outcome of solving a model of any family, as `lcaopt solve --json` prints it: the status,
/// every objective, the family's ``FamilyProblem/Solution`` (its keys at the top level, beside
/// these), why there is no solution, and the context.
@dynamicMemberLookup
public struct SolveReport<Solution: Codable & Sendable & Equatable>: Sendable, Codable, Equatable {
    /// `optimal`, `infeasible`, `unbounded`, ... (``TerminationStatus``).
    public var status: String
    /// The objective minimised.
    public var objective: String
    /// Every objective's value: `cost`, each indicator id, `weighted` when defined.
    public var objectives: [String: Double]
    /// Units of the objectives.
    public var objectiveUnits: [String: String]
    /// Objective ids in model order (tables list them so; not in JSON, whose keys are sorted).
    public var objectiveOrder: [String]
    /// The decision and what it was made from, in the family's terms.
    public var solution: Solution
    /// Why there is no solution, in the model's terms.
    public var explanation: [String]
    /// Facts about the data (missing costs, scope warnings).
    public var notes: [String]
    /// The database, impact scope, categories and tolerance the numbers come with.
    public var context: ResultContext
    public var seconds: Double

    /// The solution's fields, as if they were the report's (`report.deliveries`).
    public subscript<T>(dynamicMember path: KeyPath<Solution, T>) -> T { solution[keyPath: path] }

    private enum CodingKeys: String, CodingKey {
        case status, objective, objectives, objectiveUnits, explanation, notes, context, seconds
    }

    public init(status: String, objective: String, objectives: [String: Double], objectiveUnits: [String: String],
                objectiveOrder: [String], solution: Solution, explanation: [String], notes: [String], context: ResultContext, seconds: Double) {
        self.status = status
        self.objective = objective
        self.objectives = objectives
        self.objectiveUnits = objectiveUnits
        self.objectiveOrder = objectiveOrder
        self.solution = solution
        self.explanation = explanation
        self.notes = notes
        self.context = context
        self.seconds = seconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decode(String.self, forKey: .status)
        objective = try container.decode(String.self, forKey: .objective)
        objectives = try container.decode([String: Double].self, forKey: .objectives)
        objectiveUnits = try container.decode([String: String].self, forKey: .objectiveUnits)
        objectiveOrder = objectiveUnits.keys.sorted()
        explanation = try container.decode([String].self, forKey: .explanation)
        notes = try container.decode([String].self, forKey: .notes)
        context = try container.decode(ResultContext.self, forKey: .context)
        seconds = try container.decode(Double.self, forKey: .seconds)
        solution = try Solution(from: decoder)  // the solution's keys sit beside the report's
    }

    public func encode(to encoder: any Encoder) throws {
        try solution.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(objective, forKey: .objective)
        try container.encode(objectives, forKey: .objectives)
        try container.encode(objectiveUnits, forKey: .objectiveUnits)
        try container.encode(explanation, forKey: .explanation)
        try container.encode(notes, forKey: .notes)
        try container.encode(context, forKey: .context)
        try container.encode(seconds, forKey: .seconds)
    }

    /// The objective table: each objective in model order, its value and unit.
    public var objectiveTable: ResultTable {
        ResultTable(title: "Objectives", file: "objectives", row: "objective", columns: ["objective", "value", "unit"],
                    rows: objectiveOrder.compactMap { name in
                        objectives[name].map { [.text(name), .number($0), .text(objectiveUnits[name] ?? "")] }
                    })
    }
}

extension FamilyProblem {
    /// The report of `raw`, a solve minimising `objective`: noise cleaned, an overflowed objective
    /// a numerical failure, no solution explained in the model's terms.
    public func report(_ raw: SolveResult, objective: String, seconds: Double) -> SolveReport<Solution> {
        var result = cleaned(raw)
        if result.primalStatus == .feasiblePoint, let index = result.objectiveValues.prefix(objectiveNames.count).firstIndex(where: { !$0.isFinite }) {
            // An overflow is not an optimum: say which objective and stop there.
            result.termination = .numericalFailure
            result.primalStatus = .noSolution
            result.rawStatus = "objective \(objectiveNames[index]) is \(result.objectiveValues[index]) (overflow): check the model's costs and impacts for huge values"
        }
        let feasible = result.primalStatus == .feasiblePoint
        var values: [String: Double] = [:]
        var units: [String: String] = [:]
        for (index, name) in objectiveNames.enumerated() {
            units[name] = model.objectives[index].unit ?? ""
            if feasible { values[name] = result.objectiveValues[index] }
        }
        var explanation: [String] = []
        switch result.termination {
        case .infeasible, .infeasibleOrUnbounded, .noFeasibleIntegerSolution:
            explanation = explainInfeasibility()
            if explanation.isEmpty { explanation = ["\(infeasibleWords) (\(result.rawStatus))"] }
        case .unbounded:
            explanation = explainUnbounded(objective: objective)
            if explanation.isEmpty { explanation = ["\(objective) can decrease without bound (\(result.rawStatus))"] }
        case .optimal: break
        default: explanation = [result.rawStatus]
        }
        return SolveReport(status: result.termination.rawValue, objective: objective, objectives: values, objectiveUnits: units,
                           objectiveOrder: objectiveNames, solution: solution(primal: feasible ? result.primal : nil),
                           explanation: explanation, notes: notes, context: context, seconds: seconds)
    }
}
