import LPModel

/// The outcome of solving a supply-chain model, as `lcaopt solve --json` prints it.
public struct SolveReport: Sendable, Codable, Equatable {
    /// `optimal`, `infeasible`, `unbounded`, ... (``TerminationStatus``).
    public var status: String
    /// The objective minimised.
    public var objective: String
    /// Every objective's value: `cost`, each indicator id, `weighted` when defined.
    public var objectives: [String: Double]
    /// Units of the objectives.
    public var objectiveUnits: [String: String]
    public var deliveries: [Decision.Delivery]
    public var transport: [Decision.Transport]
    public var services: [Decision.ServiceUse]
    public var storage: [Decision.StockLevel]
    public var opened: [String]
    public var distances: [DistanceEntry]
    /// Why there is no solution, in the model's terms.
    public var explanation: [String]
    /// Facts about the data (missing costs, scope warnings).
    public var notes: [String]
    /// The database, impact scope, categories and tolerance the numbers come with.
    public var context: ResultContext
    public var seconds: Double
}

extension SupplyChainProblem {
    /// A report of `result` for the objective `objective`.
    public func report(_ raw: SolveResult, objective: String, seconds: Double) -> SolveReport {
        var result = cleaned(raw)
        if result.primalStatus == .feasiblePoint, let index = result.objectiveValues.prefix(objectiveNames.count).firstIndex(where: { !$0.isFinite }) {
            // An overflow is not an optimum: say which objective and stop there.
            result.termination = .numericalFailure
            result.primalStatus = .noSolution
            result.rawStatus = "objective \(objectiveNames[index]) is \(result.objectiveValues[index]) (overflow): check the model's costs and impacts for huge values"
        }
        let decision = decision(result)
        var values: [String: Double] = [:]
        var units: [String: String] = [:]
        for (index, name) in objectiveNames.enumerated() {
            units[name] = model.objectives[index].unit ?? ""
            if result.primalStatus == .feasiblePoint { values[name] = result.objectiveValues[index] }
        }
        var explanation: [String] = []
        switch result.termination {
        case .infeasible, .infeasibleOrUnbounded, .noFeasibleIntegerSolution:
            explanation = explainInfeasibility()
            if explanation.isEmpty { explanation = ["no combination of deliveries meets every demand within the capacities (\(result.rawStatus))"] }
        case .unbounded:
            explanation = explainUnbounded(objective: objective)
            if explanation.isEmpty { explanation = ["\(objective) can decrease without bound (\(result.rawStatus))"] }
        case .optimal: break
        default: explanation = [result.rawStatus]
        }
        return SolveReport(status: result.termination.rawValue, objective: objective, objectives: values, objectiveUnits: units,
                           deliveries: decision.deliveries, transport: decision.transport, services: decision.services,
                           storage: decision.storage, opened: decision.opened, distances: distances,
                           explanation: explanation, notes: data.notes, context: context, seconds: seconds)
    }
}
