import LPModel

/// The LP/MILP of `docs/model.md` section 3 built from resolved data. Only variables that can be
/// non-zero exist: a delivery where a site needs the material in that period (every period with
/// storage or a total demand), a route only for allowed modes, a stock only where storage is
/// allowed, an opening decision only with a fixed cost. A delivery with transport is the sum of
/// its routes (`x = sum_r y` substituted), which halves the rows of transport models.
public struct SupplyChainProblem: Sendable {
    /// A delivery from a supplier to a site in a period. Its amount is carried by `carriers`: the
    /// delivery variable `x` itself when the supplier has no transport, else the route variables
    /// `y` of its modes (x = sum of y is substituted, so no route rows are needed).
    public struct Delivery: Sendable { public var supplier, site, period: Int; public var carriers: [Variable] }
    public struct Route: Sendable {
        public var supplier, mode, site, period: Int
        public var variable: Variable
        public var km: Double
        /// Mode reference units per unit of material on this route (km x conversion).
        public var modeUnitsPerUnit: Double
    }
    public struct Stock: Sendable { public var material, site, period: Int; public var variable: Variable }
    public struct Opening: Sendable { public var supplier: Int; public var variable: Variable }
    public struct DemandRow: Sendable { public var material, site, period: Int; public var constraint: Constraint; public var required: Double }

    public let data: SupplyChainData
    public private(set) var model: LinearModel
    public private(set) var deliveries: [Delivery] = []
    public private(set) var routes: [Route] = []
    public private(set) var stocks: [Stock] = []
    public private(set) var openings: [Opening] = []
    public private(set) var demandRows: [DemandRow] = []
    /// Objective name (`cost`, indicator ids, `weighted`) -> index in the model.
    public private(set) var objectiveIndex: [String: Int] = [:]
    /// Objective names in model order.
    public private(set) var objectiveNames: [String] = []

    /// Units of each material required at each site in each period: `[material][site][period]`.
    private let required: [[[Double]]]

    /// Builds the model; `objective` is the one minimised first (default `cost`). Without
    /// `names` the LP carries no variable and row names (faster; exports then number them).
    public init(data: SupplyChainData, objective: String = "cost", names: Bool = true) throws(ModelError) {
        self.data = data
        model = LinearModel(name: data.name, keepNames: names)
        var required = Array(repeating: Array(repeating: Array(repeating: 0.0, count: data.periods.count), count: data.sites.count),
                             count: data.materials.count)
        for demand in data.demands {
            for (material, per) in demand.requires {
                for t in data.periods.indices { required[material][demand.site][t] += per * demand.amounts[t] }
            }
        }
        self.required = required
        var builder = ObjectiveTerms(count: 1 + data.indicators.count)
        buildVariables(&builder)
        buildRows()
        addObjectives(builder)
        guard let active = objectiveIndex[objective] else {
            throw ModelError(file: data.name, issues: [ModelIssue("--objective", "unknown objective '\(objective)'",
                                                                  hint: "use one of \(objectiveNames.joined(separator: ", "))")])
        }
        model.activeObjective = active
    }

    /// Periods in which `material` is delivered to `site` (nil: none).
    private func deliveryPeriods(material: Int, site: Int) -> [Int] {
        let storage = data.storage.contains { $0.material == material && $0.site == site }
        let total = data.demands.contains { $0.site == site && $0.total != nil && ($0.requires[material] ?? 0) > 0 }
        if storage || total {
            let needed = data.demands.contains { $0.site == site && ($0.requires[material] ?? 0) > 0 }
            return needed ? Array(data.periods.indices) : []
        }
        return data.periods.indices.filter { required[material][site][$0] > 0 }
    }

    private mutating func buildVariables(_ objectives: inout ObjectiveTerms) {
        let indicatorCount = data.indicators.count
        for (s, supplier) in data.suppliers.enumerated() {
            // Per unit delivered: the supplier's cost and impacts plus the services it triggers.
            var unitCost = supplier.cost
            var unitImpacts = supplier.impacts
            for service in data.services {
                guard let per = service.per[supplier.material], per != 0 else { continue }
                unitCost += per * service.cost
                for i in 0..<indicatorCount { unitImpacts[i] += per * service.impacts[i] }
            }
            for k in data.sites.indices {
                for t in deliveryPeriods(material: supplier.material, site: k) {
                    guard !supplier.modes.isEmpty else {
                        let x = model.addVariable(name: "x[\(supplier.id),\(data.sites[k].id),\(data.periods[t])]")
                        deliveries.append(.init(supplier: s, site: k, period: t, carriers: [x]))
                        objectives.add(0, x, unitCost)
                        for i in 0..<indicatorCount { objectives.add(1 + i, x, unitImpacts[i]) }
                        continue
                    }
                    var carriers: [Variable] = []
                    for r in supplier.modes {
                        let km = data.distance(supplier: s, site: k, mode: r) ?? 0
                        let perUnit = km * supplier.modeUnitsPerKm[r]
                        let y = model.addVariable(name: "y[\(supplier.id),\(data.modes[r].id),\(data.sites[k].id),\(data.periods[t])]")
                        routes.append(.init(supplier: s, mode: r, site: k, period: t, variable: y, km: km, modeUnitsPerUnit: perUnit))
                        carriers.append(y)
                        objectives.add(0, y, unitCost + perUnit * data.modes[r].cost)
                        for i in 0..<indicatorCount { objectives.add(1 + i, y, unitImpacts[i] + perUnit * data.modes[r].impacts[i]) }
                    }
                    deliveries.append(.init(supplier: s, site: k, period: t, carriers: carriers))
                }
            }
            if let fixedCost = supplier.fixedCost {
                let open = model.addBinary(name: "o[\(supplier.id)]")
                openings.append(.init(supplier: s, variable: open))
                objectives.add(0, open, fixedCost)
            }
        }
        for entry in data.storage {
            for t in data.periods.indices {
                let h = model.addVariable(name: "h[\(data.materials[entry.material].id),\(data.sites[entry.site].id),\(data.periods[t])]")
                stocks.append(.init(material: entry.material, site: entry.site, period: t, variable: h))
                objectives.add(0, h, entry.cost)
            }
        }
    }

    private mutating func buildRows() {
        // Demand balance per material, site and period.
        var byBalance: [BalanceKey: [(Variable, Double)]] = [:]
        for delivery in deliveries {
            let supplier = data.suppliers[delivery.supplier]
            for carrier in delivery.carriers {
                byBalance[BalanceKey(supplier.material, delivery.site, delivery.period), default: []].append((carrier, supplier.equivalence))
            }
        }
        var stockOf: [BalanceKey: Variable] = [:]
        for stock in stocks { stockOf[BalanceKey(stock.material, stock.site, stock.period)] = stock.variable }
        for m in data.materials.indices {
            for k in data.sites.indices {
                for t in data.periods.indices {
                    let key = BalanceKey(m, k, t)
                    let required = self.required[m][k][t]
                    let stock = stockOf[key]
                    guard required > 0 || stock != nil else { continue }
                    let row = model.beginConstraint(lower: required, name: "demand[\(data.materials[m].id),\(data.sites[k].id),\(data.periods[t])]")
                    for (x, equivalence) in byBalance[key] ?? [] { model.addTerm(row, x, equivalence) }
                    if let stock {
                        model.addTerm(row, stock, -1)
                        if t > 0, let previous = stockOf[BalanceKey(m, k, t - 1)] { model.addTerm(row, previous, 1) }
                    }
                    demandRows.append(.init(material: m, site: k, period: t, constraint: row, required: required))
                }
                let total = data.demands.reduce(0.0) { $1.site == k ? $0 + ($1.total ?? 0) * ($1.requires[m] ?? 0) : $0 }
                if total > 0 {
                    let row = model.beginConstraint(lower: total, name: "total[\(data.materials[m].id),\(data.sites[k].id)]")
                    for t in data.periods.indices {
                        for (x, equivalence) in byBalance[BalanceKey(m, k, t)] ?? [] { model.addTerm(row, x, equivalence) }
                    }
                }
            }
        }
        // Capacity, gated by the opening decision when there is a fixed cost.
        var byCapacity: [SupplierPeriod: [Variable]] = [:]
        for delivery in deliveries { byCapacity[SupplierPeriod(delivery.supplier, delivery.period), default: []].append(contentsOf: delivery.carriers) }
        let openingOf = Dictionary(uniqueKeysWithValues: openings.map { ($0.supplier, $0.variable) })
        for (s, supplier) in data.suppliers.enumerated() {
            for t in data.periods.indices {
                guard let xs = byCapacity[SupplierPeriod(s, t)] else { continue }
                let limit = supplier.capacity[t] ?? (openingOf[s] != nil ? bigM(for: supplier) : nil)
                guard let limit else { continue }
                let name = "capacity[\(supplier.id),\(data.periods[t])]"
                if let open = openingOf[s] {
                    let row = model.beginConstraint(upper: 0, name: name)
                    for x in xs { model.addTerm(row, x, 1) }
                    model.addTerm(row, open, -limit)
                } else {
                    let row = model.beginConstraint(upper: limit, name: name)
                    for x in xs { model.addTerm(row, x, 1) }
                }
            }
        }
    }

    /// An upper bound on useful deliveries of a supplier in one period: all demand of its material.
    private func bigM(for supplier: SupplyChainData.Supplier) -> Double {
        let demand = data.demands.reduce(0.0) { sum, demand in
            let per = demand.requires[supplier.material] ?? 0
            return sum + per * (demand.amounts.reduce(0, +) + (demand.total ?? 0))
        }
        return max(demand / supplier.equivalence, 1)
    }

    private mutating func addObjectives(_ terms: ObjectiveTerms) {
        let names = ["cost"] + data.indicators.map(\.id)
        let units = [data.costUnit] + data.indicators.map(\.unit)
        for (index, name) in names.enumerated() {
            objectiveIndex[name] = model.addObjective(terms.objective(index, name: name, unit: units[index]))
            objectiveNames.append(name)
        }
        if let weights = data.weights {
            var combined: [(Variable, Double)] = []
            for (index, name) in names.enumerated() {
                guard let weight = weights[name], weight != 0 else { continue }
                combined += terms.terms(index).map { ($0.0, $0.1 * weight) }
            }
            objectiveIndex["weighted"] = model.addObjective("weighted", combined, unit: "weighted")
            objectiveNames.append("weighted")
        }
    }
}

private struct BalanceKey: Hashable {
    var material, site, period: Int
    init(_ material: Int, _ site: Int, _ period: Int) { (self.material, self.site, self.period) = (material, site, period) }
}

private struct SupplierPeriod: Hashable {
    var supplier, period: Int
    init(_ supplier: Int, _ period: Int) { (self.supplier, self.period) = (supplier, period) }
}

/// Objective coefficients gathered while variables are created (flat arrays per objective).
struct ObjectiveTerms {
    private var variables: [[Variable]]
    private var coefficients: [[Double]]

    init(count: Int) {
        variables = Array(repeating: [], count: count)
        coefficients = Array(repeating: [], count: count)
    }

    mutating func add(_ objective: Int, _ variable: Variable, _ coefficient: Double) {
        guard coefficient != 0 else { return }
        variables[objective].append(variable)
        coefficients[objective].append(coefficient)
    }

    /// Objective `index`: variables were added in increasing order, each once, so the arrays are
    /// already what ``Objective`` stores.
    func objective(_ index: Int, name: String, unit: String) -> Objective {
        Objective(name: name, unit: unit, variables: variables[index].map(\.index), coefficients: coefficients[index])
    }

    func terms(_ objective: Int) -> [(Variable, Double)] {
        Array(zip(variables[objective], coefficients[objective]))
    }
}
