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

    public private(set) var data: SupplyChainData
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

    /// Units of each material required at each site in each period, flat (material, site, period): see `requiredAt`.
    private(set) var required: [Double]
    /// Where the numbers of the data sit in the LP, so that ``renumbered(with:objective:)`` can
    /// rewrite them: total-demand rows, capacity rows (with the matrix entry of the opening
    /// variable when there is a fixed cost) and the matrix entries that hold an equivalence.
    private var totalRows: [(constraint: Constraint, material: Int, site: Int)] = []
    private var capacityRows: [(constraint: Constraint, supplier: Int, period: Int, openingEntry: Int?)] = []
    private var equivalenceEntries: [(entry: Int, supplier: Int)] = []

    /// Builds the model; `objective` is the one minimised first (default `cost`). Without
    /// `names` the LP carries no variable and row names (faster; exports then number them).
    public init(data: SupplyChainData, objective: String = "cost", names: Bool = true) throws(ModelError) {
        self.data = data
        model = LinearModel(name: data.name, keepNames: names)
        required = Self.requiredAmounts(data)
        buildVariables()
        buildRows()
        setNumbers(nil)
        try activate(objective)
    }

    /// The same LP with the numbers of `data` (costs, impacts, distances, demands, capacities,
    /// equivalences, weights) written into it, or nil when `data` needs another structure (other
    /// suppliers, modes, delivery periods, storage, fixed costs or capacity rows). This is how a
    /// batch changes a prepared model instead of building one per scenario.
    public func renumbered(with data: SupplyChainData, objective: String) throws(ModelError) -> SupplyChainProblem? {
        var problem = self
        return try problem.renumber(with: data, objective: objective) ? problem : nil
    }

    /// ``renumbered(with:objective:)`` in place: false (and nothing changed) when `data` needs
    /// another structure.
    public mutating func renumber(with data: SupplyChainData, objective: String) throws(ModelError) -> Bool {
        guard Self.sameStructure(self.data, data) else { return false }
        if objectiveIndex[objective] == nil { try activate(objective) }  // throws: an unknown objective changes nothing
        let unchanged = DistanceInputs(self.data, data)
        let objectives = ObjectiveInputs(self.data, data, distancesSame: unchanged.allSame)
        self.data = data
        Self.fillRequired(&required, data)
        for index in routes.indices {
            let route = routes[index]
            if !unchanged.route(supplier: route.supplier, site: route.site, mode: route.mode) {
                routes[index].km = data.distance(supplier: route.supplier, site: route.site, mode: route.mode) ?? 0
            }
            routes[index].modeUnitsPerUnit = routes[index].km * data.suppliers[route.supplier].modeUnitsPerKm[route.mode]
        }
        setNumbers(objectives)
        try activate(objective)
        return true
    }

    /// The LP's edits since they were last taken: what a renumbering changed.
    public mutating func takeEdits() -> ModelEdits { model.takeEdits() }

    private mutating func activate(_ objective: String) throws(ModelError) {
        guard let active = objectiveIndex[objective] else {
            throw ModelError(file: data.name, issues: [ModelIssue("objective", "unknown objective '\(objective)'",
                                                                  hint: "use one of \(objectiveNames.joined(separator: ", "))")])
        }
        model.activeObjective = active
    }

    static func requiredAmounts(_ data: SupplyChainData) -> [Double] {
        var required = [Double](repeating: 0, count: data.materials.count * data.sites.count * data.periods.count)
        fillRequired(&required, data)
        return required
    }

    /// Recomputes `required` in place (no allocation: this runs once per batch scenario).
    private static func fillRequired(_ required: inout [Double], _ data: SupplyChainData) {
        for index in required.indices { required[index] = 0 }
        let periods = data.periods.count, sites = data.sites.count
        for demand in data.demands {
            for (material, per) in demand.requires {
                let base = (material * sites + demand.site) * periods
                for t in 0..<periods { required[base + t] += per * demand.amounts[t] }
            }
        }
    }

    private func requiredAt(_ material: Int, _ site: Int, _ period: Int) -> Double {
        required[(material * data.sites.count + site) * data.periods.count + period]
    }

    /// True when `a` and `b` give the LP the same variables, rows and matrix pattern.
    static func sameStructure(_ a: SupplyChainData, _ b: SupplyChainData) -> Bool {
        guard a.sites.count == b.sites.count, a.periods.count == b.periods.count, a.materials.count == b.materials.count,
              a.modes.count == b.modes.count, a.indicators.count == b.indicators.count, a.suppliers.count == b.suppliers.count,
              a.storage.count == b.storage.count, a.demands.count == b.demands.count, (a.weights == nil) == (b.weights == nil)
        else { return false }
        // By index, so that no supplier or demand is copied (their strings and arrays would be retained).
        for s in a.suppliers.indices {
            guard a.suppliers[s].material == b.suppliers[s].material, a.suppliers[s].modes == b.suppliers[s].modes,
                  (a.suppliers[s].fixedCost == nil) == (b.suppliers[s].fixedCost == nil),
                  a.suppliers[s].capacity.count == b.suppliers[s].capacity.count,
                  a.suppliers[s].capacity.indices.allSatisfy({ (a.suppliers[s].capacity[$0] == nil) == (b.suppliers[s].capacity[$0] == nil) })
            else { return false }
        }
        for h in a.storage.indices where a.storage[h].material != b.storage[h].material || a.storage[h].site != b.storage[h].site { return false }
        for d in a.demands.indices {
            guard a.demands[d].site == b.demands[d].site, (a.demands[d].total == nil) == (b.demands[d].total == nil),
                  ((a.demands[d].total ?? 0) > 0) == ((b.demands[d].total ?? 0) > 0),
                  a.demands[d].amounts.count == b.demands[d].amounts.count,
                  a.demands[d].amounts.indices.allSatisfy({ (a.demands[d].amounts[$0] > 0) == (b.demands[d].amounts[$0] > 0) }),
                  a.demands[d].requires.allSatisfy({ ($0.value > 0) == ((b.demands[d].requires[$0.key] ?? 0) > 0) }),
                  b.demands[d].requires.allSatisfy({ ($0.value > 0) == ((a.demands[d].requires[$0.key] ?? 0) > 0) })
            else { return false }
        }
        return true
    }

    /// Periods in which `material` is delivered to `site` (nil: none).
    private func deliveryPeriods(material: Int, site: Int) -> [Int] {
        let storage = data.storage.contains { $0.material == material && $0.site == site }
        let total = data.demands.contains { $0.site == site && $0.total != nil && ($0.requires[material] ?? 0) > 0 }
        if storage || total {
            let needed = data.demands.contains { $0.site == site && ($0.requires[material] ?? 0) > 0 }
            return needed ? Array(data.periods.indices) : []
        }
        return data.periods.indices.filter { requiredAt(material, site, $0) > 0 }
    }

    private mutating func buildVariables() {
        for (s, supplier) in data.suppliers.enumerated() {
            for k in data.sites.indices {
                for t in deliveryPeriods(material: supplier.material, site: k) {
                    guard !supplier.modes.isEmpty else {
                        let x = model.addVariable(name: "x[\(supplier.id),\(data.sites[k].id),\(data.periods[t])]")
                        deliveries.append(.init(supplier: s, site: k, period: t, carriers: [x]))
                        continue
                    }
                    var carriers: [Variable] = []
                    for r in supplier.modes {
                        let km = data.distance(supplier: s, site: k, mode: r) ?? 0
                        let y = model.addVariable(name: "y[\(supplier.id),\(data.modes[r].id),\(data.sites[k].id),\(data.periods[t])]")
                        routes.append(.init(supplier: s, mode: r, site: k, period: t, variable: y, km: km,
                                            modeUnitsPerUnit: km * supplier.modeUnitsPerKm[r]))
                        carriers.append(y)
                    }
                    deliveries.append(.init(supplier: s, site: k, period: t, carriers: carriers))
                }
            }
            if supplier.fixedCost != nil {
                openings.append(.init(supplier: s, variable: model.addBinary(name: "o[\(supplier.id)]")))
            }
        }
        for entry in data.storage {
            for t in data.periods.indices {
                let h = model.addVariable(name: "h[\(data.materials[entry.material].id),\(data.sites[entry.site].id),\(data.periods[t])]")
                stocks.append(.init(material: entry.material, site: entry.site, period: t, variable: h))
            }
        }
    }

    /// Rows and their pattern; their numbers (bounds, equivalences, capacity limits) come from ``setNumbers(_:)``.
    private mutating func buildRows() {
        // Demand balance per material, site and period.
        var byBalance: [BalanceKey: [(Variable, Int)]] = [:]
        for delivery in deliveries {
            let material = data.suppliers[delivery.supplier].material
            for carrier in delivery.carriers {
                byBalance[BalanceKey(material, delivery.site, delivery.period), default: []].append((carrier, delivery.supplier))
            }
        }
        var stockOf: [BalanceKey: Variable] = [:]
        for stock in stocks { stockOf[BalanceKey(stock.material, stock.site, stock.period)] = stock.variable }
        for m in data.materials.indices {
            for k in data.sites.indices {
                for t in data.periods.indices {
                    let key = BalanceKey(m, k, t)
                    let stock = stockOf[key]
                    guard requiredAt(m, k, t) > 0 || stock != nil else { continue }
                    let row = model.beginConstraint(name: "demand[\(data.materials[m].id),\(data.sites[k].id),\(data.periods[t])]")
                    for (x, s) in byBalance[key] ?? [] {
                        equivalenceEntries.append((model.entryCount, s))
                        model.addTerm(row, x, 0)
                    }
                    if let stock {
                        model.addTerm(row, stock, -1)
                        if t > 0, let previous = stockOf[BalanceKey(m, k, t - 1)] { model.addTerm(row, previous, 1) }
                    }
                    demandRows.append(.init(material: m, site: k, period: t, constraint: row, required: 0))
                }
                if totalDemand(material: m, site: k) > 0 {
                    let row = model.beginConstraint(name: "total[\(data.materials[m].id),\(data.sites[k].id)]")
                    for t in data.periods.indices {
                        for (x, s) in byBalance[BalanceKey(m, k, t)] ?? [] {
                            equivalenceEntries.append((model.entryCount, s))
                            model.addTerm(row, x, 0)
                        }
                    }
                    totalRows.append((row, m, k))
                }
            }
        }
        // Capacity, gated by the opening decision when there is a fixed cost.
        var byCapacity: [SupplierPeriod: [Variable]] = [:]
        for delivery in deliveries { byCapacity[SupplierPeriod(delivery.supplier, delivery.period), default: []].append(contentsOf: delivery.carriers) }
        let openingOf = Dictionary(uniqueKeysWithValues: openings.map { ($0.supplier, $0.variable) })
        for (s, supplier) in data.suppliers.enumerated() {
            for t in data.periods.indices {
                guard let xs = byCapacity[SupplierPeriod(s, t)], supplier.capacity[t] != nil || openingOf[s] != nil else { continue }
                let row = model.beginConstraint(name: "capacity[\(supplier.id),\(data.periods[t])]")
                for x in xs { model.addTerm(row, x, 1) }
                var openingEntry: Int?
                if let open = openingOf[s] {
                    openingEntry = model.entryCount
                    model.addTerm(row, open, 0)
                }
                capacityRows.append((row, s, t, openingEntry))
            }
        }
    }

    private func totalDemand(material m: Int, site k: Int) -> Double {
        data.demands.reduce(0.0) { $1.site == k ? $0 + ($1.total ?? 0) * ($1.requires[m] ?? 0) : $0 }
    }

    /// Writes the data's numbers into the LP: row bounds, equivalences, capacity limits, objectives.
    /// `unchanged`: which objectives' inputs are the same as before (a renumbering), nil when building.
    private mutating func setNumbers(_ unchanged: ObjectiveInputs?) {
        // Only changed values are written: the arrays may be shared with a solver's copy of the LP.
        func bounds(_ row: Constraint, _ lower: Double, _ upper: Double) {
            let index = Int(row.index)
            if model.rowLower[index] != lower || model.rowUpper[index] != upper { model.setBounds(row, lower: lower, upper: upper) }
        }
        func entry(_ index: Int, _ value: Double) {
            if model.entryValues[index] != value { model.setEntryValue(index, value) }
        }
        for index in demandRows.indices {
            let row = demandRows[index]
            demandRows[index].required = requiredAt(row.material, row.site, row.period)
            bounds(row.constraint, demandRows[index].required, .infinity)
        }
        for row in totalRows { bounds(row.constraint, totalDemand(material: row.material, site: row.site), .infinity) }
        for row in capacityRows {
            let limit = data.suppliers[row.supplier].capacity[row.period]
            if let index = row.openingEntry {
                entry(index, -(limit ?? bigM(for: data.suppliers[row.supplier])))
                bounds(row.constraint, -.infinity, 0)
            } else {
                bounds(row.constraint, -.infinity, limit ?? .infinity)
            }
        }
        for (index, s) in equivalenceEntries { entry(index, data.suppliers[s].equivalence) }
        if let unchanged, unchanged.costs && unchanged.impacts { return }
        setObjectives(unchanged)
    }

    /// An upper bound on useful deliveries of a supplier in one period: all demand of its material.
    private func bigM(for supplier: SupplyChainData.Supplier) -> Double {
        let demand = data.demands.reduce(0.0) { sum, demand in
            let per = demand.requires[supplier.material] ?? 0
            return sum + per * (demand.amounts.reduce(0, +) + (demand.total ?? 0))
        }
        return max(demand / supplier.equivalence, 1)
    }

    /// Cost, each indicator and (with weights) their weighted sum, from dense per-column
    /// coefficients (flat arrays: this runs once per scenario in a batch).
    private mutating func setObjectives(_ unchanged: ObjectiveInputs?) {
        let width = 1 + data.indicators.count, columns = model.columnCount
        // Per unit delivered: the supplier's cost and impacts plus the services it triggers.
        var unit = [Double](repeating: 0, count: data.suppliers.count * width)
        var direct = [Bool](repeating: false, count: data.suppliers.count)
        for s in data.suppliers.indices {
            unit[s * width] = data.suppliers[s].cost
            for i in 1..<width { unit[s * width + i] = data.suppliers[s].impacts[i - 1] }
            direct[s] = data.suppliers[s].modes.isEmpty
            for service in data.services {
                guard let per = service.per[data.suppliers[s].material], per != 0 else { continue }
                unit[s * width] += per * service.cost
                for i in 1..<width { unit[s * width + i] += per * service.impacts[i - 1] }
            }
        }
        var perMode = [Double](repeating: 0, count: data.modes.count * width)
        for r in data.modes.indices {
            perMode[r * width] = data.modes[r].cost
            for i in 1..<width { perMode[r * width + i] = data.modes[r].impacts[i - 1] }
        }
        var dense = [Double](repeating: 0, count: columns * width)  // column-major: [column * width + objective]
        for delivery in deliveries where direct[delivery.supplier] {
            let column = Int(delivery.carriers[0].index)
            for o in 0..<width { dense[column * width + o] = unit[delivery.supplier * width + o] }
        }
        for route in routes {
            let column = Int(route.variable.index)
            for o in 0..<width {
                dense[column * width + o] = unit[route.supplier * width + o] + route.modeUnitsPerUnit * perMode[route.mode * width + o]
            }
        }
        for opening in openings { dense[Int(opening.variable.index) * width] = data.suppliers[opening.supplier].fixedCost ?? 0 }
        // Stocks were created per storage entry, one per period.
        for (index, stock) in stocks.enumerated() { dense[Int(stock.variable.index) * width] = data.storage[index / data.periods.count].cost }
        let factors = data.weights.map { weights in data.measuredObjectiveIds.map { weights[$0] ?? 0 } }
        func weighted(_ column: Int) -> Double {
            guard let factors else { return 0 }
            var sum = 0.0
            for o in 0..<width where factors[o] != 0 && dense[column * width + o] != 0 { sum += dense[column * width + o] * factors[o] }
            return sum
        }
        if objectiveNames.isEmpty {
            let names = data.measuredObjectiveIds, units = [data.costUnit] + data.indicators.map(\.unit)
            var objectives = (0..<width).map { o in Self.sparse(columns, name: names[o], unit: units[o]) { dense[$0 * width + o] } }
            if factors != nil { objectives.append(Self.sparse(columns, name: "weighted", unit: "weighted", weighted)) }
            for objective in objectives {
                objectiveIndex[objective.name] = model.addObjective(objective)
                objectiveNames.append(objective.name)
            }
        } else {
            for o in 0..<width where !(o == 0 ? unchanged?.costs == true : unchanged?.impacts == true) {
                updateObjective(o) { dense[$0 * width + o] }
            }
            if factors != nil { updateObjective(width, weighted) }
        }
    }

    /// Rewrites objective `index` with `value(column)`: in place when its columns are the same
    /// (a batch scenario changes numbers, rarely which coefficients are zero), else anew.
    private mutating func updateObjective(_ index: Int, _ value: (Int) -> Double) {
        var objective = model.objectives[index]
        var position = 0, changed = false, same = true
        for column in 0..<model.columnCount {
            let coefficient = value(column)
            let listed = position < objective.variables.count && Int(objective.variables[position]) == column
            if coefficient == 0 {
                if listed { same = false; break }
                continue
            }
            guard listed else { same = false; break }
            if objective.coefficients[position] != coefficient {
                objective.coefficients[position] = coefficient
                changed = true
            }
            position += 1
        }
        if same && position == objective.variables.count {
            if changed { model.replaceObjective(index, with: objective) }
        } else {
            model.replaceObjective(index, with: Self.sparse(model.columnCount, name: objective.name, unit: objective.unit ?? "", value))
        }
    }

    /// The non-zero `value(column)` of `columns` columns as an objective.
    private static func sparse(_ columns: Int, name: String, unit: String, _ value: (Int) -> Double) -> Objective {
        var variables: [Int32] = [], coefficients: [Double] = []
        for column in 0..<columns {
            let coefficient = value(column)
            guard coefficient != 0 else { continue }
            variables.append(Int32(column))
            coefficients.append(coefficient)
        }
        return Objective(name: name, unit: unit, variables: variables, coefficients: coefficients)
    }
}

/// Which inputs of the route distances stayed the same between two versions of the data
/// (compared once, not per route).
private struct DistanceInputs {
    let suppliers: [Bool], sites: [Bool], modes: [Bool], overrides: Bool
    /// Nothing changed (the common case, no per-entity arrays).
    let allSame: Bool

    init(_ a: SupplyChainData, _ b: SupplyChainData) {
        // By index, so that no supplier or site is copied (their strings and arrays would be retained).
        let allSame = a.distanceOverrides == b.distanceOverrides
            && a.suppliers.indices.allSatisfy { a.suppliers[$0].latitude == b.suppliers[$0].latitude && a.suppliers[$0].longitude == b.suppliers[$0].longitude }
            && a.sites.indices.allSatisfy { a.sites[$0].latitude == b.sites[$0].latitude && a.sites[$0].longitude == b.sites[$0].longitude }
            && a.modes.indices.allSatisfy { a.modes[$0].circuity == b.modes[$0].circuity }
        if allSame {
            (suppliers, sites, modes, overrides) = ([], [], [], true)
            self.allSame = true
            return
        }
        self.allSame = false
        suppliers = a.suppliers.indices.map { a.suppliers[$0].latitude == b.suppliers[$0].latitude && a.suppliers[$0].longitude == b.suppliers[$0].longitude }
        sites = a.sites.indices.map { a.sites[$0].latitude == b.sites[$0].latitude && a.sites[$0].longitude == b.sites[$0].longitude }
        modes = a.modes.indices.map { a.modes[$0].circuity == b.modes[$0].circuity }
        overrides = a.distanceOverrides == b.distanceOverrides
    }

    func route(supplier: Int, site: Int, mode: Int) -> Bool { allSame || (overrides && suppliers[supplier] && sites[site] && modes[mode]) }
}

/// Which objectives' inputs stayed the same between two versions of the data: a scenario that
/// changes a cost need not recompute the impact objectives (compared once; unchanged arrays are
/// shared and compare in O(1)).
private struct ObjectiveInputs {
    let costs: Bool, impacts: Bool

    init(_ a: SupplyChainData, _ b: SupplyChainData, distancesSame: Bool) {
        let transport = distancesSame && a.suppliers.indices.allSatisfy { a.suppliers[$0].modeUnitsPerKm == b.suppliers[$0].modeUnitsPerKm }
        let services = a.services.count == b.services.count && a.services.indices.allSatisfy { a.services[$0].per == b.services[$0].per }
        costs = transport && services && a.weights == b.weights
            && a.suppliers.indices.allSatisfy { a.suppliers[$0].cost == b.suppliers[$0].cost && a.suppliers[$0].fixedCost == b.suppliers[$0].fixedCost }
            && a.modes.indices.allSatisfy { a.modes[$0].cost == b.modes[$0].cost }
            && a.services.indices.allSatisfy { a.services[$0].cost == b.services[$0].cost }
            && a.storage.indices.allSatisfy { a.storage[$0].cost == b.storage[$0].cost }
        impacts = transport && services && a.weights == b.weights
            && a.suppliers.indices.allSatisfy { a.suppliers[$0].impacts == b.suppliers[$0].impacts }
            && a.modes.indices.allSatisfy { a.modes[$0].impacts == b.modes[$0].impacts }
            && a.services.indices.allSatisfy { a.services[$0].impacts == b.services[$0].impacts }
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
