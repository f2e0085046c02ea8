import LPModel
import OpenLCA
import SupplyChain

/// Where MOLA's arithmetic differs from lcaopt's for a converted MOLA configuration: per process
/// both coefficients and the reasons, the objective values MOLA would report for lcaopt's
/// decision, and the decision MOLA's own coefficients lead to.
public struct MOLAExplanation: Sendable, Codable, Equatable {
    /// One coefficient (per unit of the supplier's material or the mode's reference unit).
    public struct Coefficient: Sendable, Codable, Equatable {
        public var objective: String
        public var unit: String
        public var lcaopt: Double
        public var mola: Double
    }

    /// One process of the model.
    public struct ProcessComparison: Sendable, Codable, Equatable {
        /// `supplier` or `transport`.
        public var role: String
        public var id: String
        public var process: String
        public var processRefId: String
        /// The unit the coefficients are per.
        public var per: String
        public var coefficients: [Coefficient]
        public var reasons: [String]
    }

    public var objective: String
    public var processes: [ProcessComparison]
    /// Differences that concern the whole model (cost periods).
    public var modelReasons: [String]
    /// lcaopt's decision valued by lcaopt and by MOLA's arithmetic.
    public var decisionValues: [String: Double]
    public var decisionValuesMOLA: [String: Double]
    /// The decision that minimises the objective with MOLA's coefficients, and its values both ways.
    public var molaStatus: String
    public var molaDeliveries: [Decision.Delivery]
    public var molaTransport: [Decision.Transport]
    public var molaOptimumMOLA: [String: Double]
    public var molaOptimumLcaopt: [String: Double]
}

extension MOLAExplanation {
    /// Compares lcaopt's coefficients in `data` with MOLA's raw arithmetic for the pairs of
    /// `conversion`, values lcaopt's `report` both ways, and solves the model with MOLA's
    /// coefficients on `solver` to show MOLA's own choice.
    public static func explain(data: SupplyChainData, conversion: MOLAConversion, report: SupplyChainReport,
                               database: OpenLCADatabase, solver: some SolverBackend) throws -> MOLAExplanation {
        let categories = data.indicators.map(\.categoryRefId)
        let pairs = data.suppliers.compactMap { conversion.suppliers[$0.id] } + data.modes.compactMap { conversion.modes[$0.id] }
        let mola = try MOLACoefficients.compute(database: database, pairs: pairs, categories: categories)
        var molaData = data
        var processes: [ProcessComparison] = []
        func comparison(role: String, id: String, name: String, refId: String, per: String, cost: Double, impacts: [Double],
                        coefficients: MOLACoefficients) -> ProcessComparison {
            let rows = [Coefficient(objective: "cost", unit: data.costUnit, lcaopt: cost, mola: coefficients.cost)]
                + data.indicators.enumerated().map { Coefficient(objective: $1.id, unit: $1.unit, lcaopt: impacts[$0], mola: coefficients.impacts[$0]) }
            return ProcessComparison(role: role, id: id, process: name, processRefId: refId, per: per, coefficients: rows, reasons: coefficients.reasons)
        }
        for (s, supplier) in data.suppliers.enumerated() {
            guard let pair = conversion.suppliers[supplier.id], let coefficients = mola[pair] else { continue }
            processes.append(comparison(role: "supplier", id: supplier.id, name: supplier.processName, refId: supplier.processRefId,
                                        per: data.materials[supplier.material].unit, cost: supplier.cost, impacts: supplier.impacts,
                                        coefficients: coefficients))
            molaData.suppliers[s].cost = coefficients.cost
            molaData.suppliers[s].impacts = coefficients.impacts
        }
        for (r, mode) in data.modes.enumerated() {
            guard let pair = conversion.modes[mode.id], let coefficients = mola[pair] else { continue }
            processes.append(comparison(role: "transport", id: mode.id, name: mode.processName, refId: mode.processRefId,
                                        per: mode.unit, cost: mode.cost, impacts: mode.impacts, coefficients: coefficients))
            molaData.modes[r].cost = coefficients.cost
            molaData.modes[r].impacts = coefficients.impacts
        }
        var modelReasons: [String] = []
        if data.periods.count > 1 {
            modelReasons.append("MOLA loads costs for the first time interval (\(data.periods[0])) only: deliveries and transport in \(data.periods.dropFirst().joined(separator: ", ")) cost nothing in its cost objective")
        }
        let lcaoptTable = CoefficientTable(data: data, firstPeriodCostOnly: false)
        let molaTable = CoefficientTable(data: molaData, firstPeriodCostOnly: true)
        // MOLA's own optimum.
        let problem = try SupplyChainProblem(data: molaData, objective: report.objective, names: false)
        try solver.load(problem.model)
        let result = try solver.solve(SolveOptions())
        let molaReport = problem.report(result, objective: report.objective, seconds: 0)
        let feasible = result.primalStatus == .feasiblePoint
        return MOLAExplanation(
            objective: report.objective, processes: processes, modelReasons: modelReasons,
            decisionValues: lcaoptTable.values(report.deliveries, report.transport),
            decisionValuesMOLA: molaTable.values(report.deliveries, report.transport),
            molaStatus: molaReport.status, molaDeliveries: molaReport.deliveries, molaTransport: molaReport.transport,
            molaOptimumMOLA: feasible ? molaTable.values(molaReport.deliveries, molaReport.transport) : [:],
            molaOptimumLcaopt: feasible ? lcaoptTable.values(molaReport.deliveries, molaReport.transport) : [:])
    }
}

/// Coefficients by supplier and mode id, to value a decision.
struct CoefficientTable {
    let data: SupplyChainData
    let firstPeriodCostOnly: Bool
    let supplierIndex: [String: Int]
    let modeIndex: [String: Int]

    init(data: SupplyChainData, firstPeriodCostOnly: Bool) {
        self.data = data
        self.firstPeriodCostOnly = firstPeriodCostOnly
        supplierIndex = Dictionary(uniqueKeysWithValues: data.suppliers.enumerated().map { ($1.id, $0) })
        modeIndex = Dictionary(uniqueKeysWithValues: data.modes.enumerated().map { ($1.id, $0) })
    }

    /// Cost, every indicator and (when the model has weights) the weighted sum of a decision.
    func values(_ deliveries: [Decision.Delivery], _ transport: [Decision.Transport]) -> [String: Double] {
        var cost = 0.0
        var impacts = [Double](repeating: 0, count: data.indicators.count)
        func costed(_ period: String) -> Bool { !firstPeriodCostOnly || period == data.periods.first }
        for delivery in deliveries {
            guard let s = supplierIndex[delivery.supplier] else { continue }
            if costed(delivery.period) { cost += delivery.amount * data.suppliers[s].cost }
            for i in impacts.indices { impacts[i] += delivery.amount * data.suppliers[s].impacts[i] }
        }
        for leg in transport {
            guard let r = modeIndex[leg.mode] else { continue }
            if costed(leg.period) { cost += leg.modeAmount * data.modes[r].cost }
            for i in impacts.indices { impacts[i] += leg.modeAmount * data.modes[r].impacts[i] }
        }
        var values = ["cost": cost]
        for (i, indicator) in data.indicators.enumerated() { values[indicator.id] = impacts[i] }
        if let weights = data.weights {
            values["weighted"] = weights.reduce(0.0) { $0 + $1.value * (values[$1.key] ?? 0) }
        }
        return values
    }
}
