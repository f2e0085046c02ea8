import LPModel
import ModelFamily

/// The supply chain as a model family: the data is the resolved model, the problem its LP.
extension SupplyChainData: FamilyModel {
    public typealias Problem = SupplyChainProblem

    public var objectiveUnits: [String: String] {
        var units = ["cost": costUnit]
        for indicator in indicators { units[indicator.id] = indicator.unit }
        if weights != nil { units["weighted"] = "weighted" }
        return units
    }

    public var context: ResultContext { context(zeroTolerance: zeroTolerance) }

    /// Suppliers get `impacts[process]` times their reference units per unit of material;
    /// transport modes and services the impacts as they are (per reference unit).
    public func applyingImpacts(_ impacts: [Int64: [Double]]) -> SupplyChainData {
        var data = self
        for s in data.suppliers.indices {
            if let vector = impacts[data.suppliers[s].processId] { data.suppliers[s].impacts = vector.map { $0 * data.suppliers[s].perUnit } }
        }
        for r in data.modes.indices { if let vector = impacts[data.modes[r].processId] { data.modes[r].impacts = vector } }
        for q in data.services.indices { if let vector = impacts[data.services[q].processId] { data.services[q].impacts = vector } }
        return data
    }

    public func problem(objective: String, names: Bool) throws(ModelError) -> SupplyChainProblem {
        try SupplyChainProblem(data: self, objective: objective, names: names)
    }

    /// Periods, indicators and cost unit; sites, suppliers and transport modes; demand and storage.
    public var summary: ModelSummary {
        let unit = materials.first?.unit ?? "unit"
        var facts = ["Periods: \(periods.joined(separator: ", "))"]
        let demand = periods.indices.map { t in demands.reduce(0.0) { $0 + $1.amounts[t] } }
        facts.append("Demand per period: " + zip(periods, demand).map { "\($0) \(ResultTable.reportNumber($1))" }.joined(separator: ", "))
        if !storage.isEmpty {
            facts.append("Storage: " + storage.map { "\(materials[$0.material].id) at \(sites[$0.site].id), \(ResultTable.reportNumber($0.cost)) \(costUnit) per unit and period" }
                .joined(separator: "; "))
        }
        let sitesTable = ResultTable(title: "Sites", file: "sites", row: "site", columns: ["site", "name", "latitude", "longitude"], rows: sites.map {
            [.text($0.id), .text($0.name), $0.latitude.map { .number($0) } ?? .text(""), $0.longitude.map { .number($0) } ?? .text("")]
        })
        let suppliersTable = ResultTable(
            title: "Suppliers", file: "suppliers", row: "supplier",
            columns: ["supplier", "material", "process", "cost / \(unit)", indicators.map { "\($0.id) / \(unit)" }.joined(separator: ", "), "capacity", "modes"],
            rows: suppliers.map { supplier in
                [.text(supplier.id), .text(materials[supplier.material].id), .text(supplier.processName), .number(supplier.cost),
                 .text(supplier.impacts.map { ResultTable.reportNumber($0) }.joined(separator: ", ")),
                 .text(Set(supplier.capacity.map { $0.map { ResultTable.reportNumber($0) } ?? "none" }).sorted().joined(separator: "/")),
                 .text(supplier.modes.map { modes[$0].id }.joined(separator: ", "))]
            })
        let modesTable = ResultTable(title: "Transport modes", file: "modes", row: "mode",
                                     columns: ["mode", "process", "unit", "cost / unit", "impacts / unit", "circuity"], rows: modes.map { mode in
            [.text(mode.id), .text(mode.processName), .text(mode.unit), .number(mode.cost),
             .text(mode.impacts.map { ResultTable.reportNumber($0) }.joined(separator: ", ")), .number(mode.circuity)]
        })
        return ModelSummary(facts: facts, tables: [sitesTable, suppliersTable] + (modes.isEmpty ? [] : [modesTable]))
    }
}

/// The report of a supply-chain solve (`lcaopt solve --json`).
public typealias SupplyChainReport = SolveReport<SupplyChainSolution>

/// What `solve` reports of a supply chain beside its objectives: the decision (its keys at the
/// top level of `solve --json`) and every distance the model uses.
public struct SupplyChainSolution: Sendable, Codable, Equatable {
    public var deliveries: [Decision.Delivery]
    public var transport: [Decision.Transport]
    public var services: [Decision.ServiceUse]
    public var storage: [Decision.StockLevel]
    public var opened: [String]
    public var distances: [DistanceEntry]

    init(_ decision: Decision, distances: [DistanceEntry]) {
        (deliveries, transport, services, storage, opened) = (decision.deliveries, decision.transport, decision.services, decision.storage, decision.opened)
        self.distances = distances
    }

    /// The decision part.
    public var decision: Decision {
        Decision(deliveries: deliveries, transport: transport, services: services, storage: storage, opened: opened)
    }
}

extension SupplyChainProblem: FamilyProblem {
    public typealias Model = SupplyChainData

    public var notes: [String] { data.notes }

    public var infeasibleWords: String { "no combination of deliveries meets every demand within the capacities" }

    public func solution(primal: [Double]?) -> SupplyChainSolution {
        SupplyChainSolution(primal.map { decision(primal: $0) } ?? Decision(), distances: distances)
    }

    /// Suppliers delivering, modes carrying, routes (supplier to site by mode), services used,
    /// storage held and suppliers opened, each once.
    public func choices(of decision: Decision) -> [String] {
        var seen = Set<String>(), labels: [String] = []
        func add(_ label: String) { if seen.insert(label).inserted { labels.append(label) } }
        for delivery in decision.deliveries { add("supplier \(delivery.supplier)") }
        for move in decision.transport { add("mode \(move.mode)") }
        for move in decision.transport { add("route \(move.supplier) -> \(move.site) by \(move.mode)") }
        for use in decision.services { add("service \(use.service)") }
        for level in decision.storage { add("storage \(level.material) at \(level.site)") }
        for supplier in decision.opened { add("open \(supplier)") }
        return labels
    }

    public func tables(of decision: Decision) -> [ResultTable] {
        var tables = [
            ResultTable(title: "Deliveries", file: "deliveries", row: "delivery", columns: ["supplier", "material", "site", "period", "amount", "unit"],
                        rows: decision.deliveries.map { [.text($0.supplier), .text($0.material), .text($0.site), .text($0.period), .number($0.amount), .text($0.unit)] }),
            ResultTable(title: "Transport", file: "transport", row: "transport",
                        columns: ["supplier", "mode", "site", "period", "amount", "unit", "km", "mode_amount", "mode_unit"],
                        labels: ["supplier", "mode", "site", "period", "amount", "unit", "km", "transport", "unit"],
                        rows: decision.transport.map {
                            [.text($0.supplier), .text($0.mode), .text($0.site), .text($0.period), .number($0.amount), .text($0.unit),
                             .number($0.km, digits: 6), .number($0.modeAmount), .text($0.modeUnit)]
                        }),
            ResultTable(title: "Services", file: "services", row: "service", columns: ["service", "site", "period", "amount", "unit"],
                        rows: decision.services.map { [.text($0.service), .text($0.site), .text($0.period), .number($0.amount), .text($0.unit)] }),
            ResultTable(title: "Storage", file: "storage", row: "storage", columns: ["material", "site", "period", "amount", "unit"],
                        labels: ["material", "site", "end of period", "stock", "unit"],
                        rows: decision.storage.map { [.text($0.material), .text($0.site), .text($0.period), .number($0.amount), .text($0.unit)] }),
        ]
        tables.append(ResultTable(title: "Opened suppliers", file: "opened", row: "opened", columns: ["supplier"],
                                  rows: decision.opened.map { [.text($0)] }))
        return tables
    }

    public func tables(of solution: SupplyChainSolution) -> [ResultTable] {
        tables(of: solution.decision) + [
            ResultTable(title: "Distances", file: "distances", row: "distance", columns: ["supplier", "site", "mode", "km", "overridden"], inText: false,
                        rows: solution.distances.map { [.text($0.supplier), .text($0.site), .text($0.mode), .number($0.km, digits: 6), .text($0.overridden ? "true" : "false")] }),
        ]
    }
}
