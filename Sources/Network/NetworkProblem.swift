import Foundation
import LPModel
import ModelFamily

/// The LP/MILP of `docs/network.md` section 2 built from a resolved network. Columns come in
/// blocks of one per (period, snapshot) slice: supplies, exports, link activities, route flows,
/// store charge, discharge and level; then built capacity per expandable component and period
/// (whole units with `unitSize`), then one 0/1 column per yes/no build. Rows: one balance per bus
/// and slice, one level equation per store and slice, and the capacity, total and global rows
/// only where the file asks for them.
public struct NetworkProblem: Sendable {
    /// An expandable component's capacity columns (one per period) and what they expand.
    public struct ExpansionColumns: Sendable {
        public enum Owner: Sendable, Hashable { case supply(Int), link(Int), store(Int) }
        public var owner: Owner
        public var first: Int32
        public var id: String
        public var expansion: NetworkData.Expansion
        /// The capacity there before any build.
        public var existing: Double
        /// The unit of capacity (the activity's, or the stored carrier's).
        public var unit: String
    }

    public private(set) var data: NetworkData
    public private(set) var model: LinearModel
    public private(set) var supplyColumns: [Int32] = []
    public private(set) var exportColumns: [Int32] = []
    public private(set) var linkColumns: [Int32] = []
    public private(set) var routeColumns: [Int32] = []
    public private(set) var chargeColumns: [Int32] = []
    public private(set) var dischargeColumns: [Int32] = []
    public private(set) var levelColumns: [Int32] = []
    public private(set) var expansionColumns: [ExpansionColumns] = []
    /// Owner -> position in ``expansionColumns``.
    private var expansionOf: [ExpansionColumns.Owner: Int] = [:]
    public private(set) var buildColumns: [Int32] = []
    public private(set) var objectiveIndex: [String: Int] = [:]
    public private(set) var objectiveNames: [String] = []

    private var slices: Int { data.slices }
    private var snapshotCount: Int { data.snapshots.count }

    /// Builds the LP with `objective` active; without `names` no row or column names.
    public init(data: NetworkData, objective: String = "cost", names: Bool = true) throws(ModelError) {
        self.data = data
        model = LinearModel(name: data.name, keepNames: names)
        addColumns()
        buildRows()
        buildObjectives()
        try activate(objective)
    }

    private mutating func activate(_ objective: String) throws(ModelError) {
        guard let active = objectiveIndex[objective] else {
            throw ModelError(file: data.name, issues: [ModelIssue("objective", "unknown objective '\(objective)'", hint: "use one of \(objectiveNames.joined(separator: ", "))")])
        }
        model.activeObjective = active
    }

    /// The name of slice `s` for column and row names.
    private static func sliceName(_ data: NetworkData, _ s: Int) -> String {
        let t = s % data.snapshots.count, p = s / data.snapshots.count
        return data.hasPeriods ? "\(data.periods[p].id),\(data.snapshots[t])" : data.snapshots[t]
    }

    /// A block of one column per slice; `bounds` gives each slice's bounds.
    private mutating func block(_ name: String, integer: Bool = false, bounds: (Int) -> (Double, Double)) -> Int32 {
        let first = Int32(model.columnCount), d = data
        for s in 0..<slices {
            let (lower, upper) = bounds(s)
            model.addVariable(name: "\(name)[\(Self.sliceName(d, s))]", lower: lower, upper: upper, integer: integer)
        }
        return first
    }

    private mutating func addColumns() {
        let d = data
        for supply in d.supplies {
            let capped = supply.expansion == nil
            supplyColumns.append(block("supply_\(supply.id)") { s in
                (supply.minimum[s], capped ? (supply.capacity.map { $0 * supply.availability[s] } ?? .infinity) : .infinity)
            })
        }
        for export in d.exports {
            exportColumns.append(block("export_\(export.id)") { s in (export.minimum[s], export.capacity ?? .infinity) })
        }
        for link in d.links {
            let negative = link.minimumLoad.contains { $0 < 0 }
            let fixed = link.expansion == nil && link.build == nil
            linkColumns.append(block("link_\(link.id)") { s in
                guard fixed, let capacity = link.capacity else { return (negative ? -.infinity : 0, .infinity) }
                return (link.minimumLoad[s] * capacity, link.availability[s] * capacity)
            })
        }
        for route in d.routes {
            routeColumns.append(block("flow_\(route.transport)_\(d.locations[route.from].id)_\(d.locations[route.to].id)") { _ in (0, route.capacity ?? .infinity) })
        }
        for store in d.stores {
            chargeColumns.append(block("charge_\(store.id)") { _ in (0, .infinity) })
            dischargeColumns.append(block("discharge_\(store.id)") { _ in (0, .infinity) })
            let capped = store.expansion == nil
            levelColumns.append(block("level_\(store.id)") { _ in (0, capped ? (store.capacity ?? .infinity) : .infinity) })
        }
        func addExpansion(_ owner: ExpansionColumns.Owner, _ id: String, _ expansion: NetworkData.Expansion?, existing: Double?, unit: String) {
            guard let expansion else { return }
            let first = Int32(model.columnCount)
            for (q, period) in d.periods.enumerated() {
                // Capacity with a build period (PyPSA's build_year) is built in that period only.
                let open = expansion.period.map { $0 == q } ?? true
                model.addVariable(name: "build_\(id)[\(period.id)]", upper: open ? .infinity : 0, integer: expansion.unitSize != nil)
            }
            expansionOf[owner] = expansionColumns.count
            expansionColumns.append(.init(owner: owner, first: first, id: id, expansion: expansion, existing: existing ?? 0, unit: unit))
        }
        func unit(ofBus bus: Int) -> String { d.carriers[d.buses[bus].carrier].unit }
        for (k, supply) in d.supplies.enumerated() {
            addExpansion(.supply(k), supply.id, supply.expansion, existing: supply.capacity, unit: unit(ofBus: supply.bus))
        }
        for (l, link) in d.links.enumerated() { addExpansion(.link(l), link.id, link.expansion, existing: link.capacity, unit: link.unit) }
        for (h, store) in d.stores.enumerated() { addExpansion(.store(h), store.id, store.expansion, existing: store.capacity, unit: unit(ofBus: store.bus)) }
        for build in d.builds { buildColumns.append(model.addBinary(name: "open_\(build.id)").index) }
    }

    /// Whether a build in period `q` is active in period `p`.
    func active(_ q: Int, in p: Int, lifetime: Double?) -> Bool {
        let built = data.periods[q].year, year = data.periods[p].year
        return built <= year && (lifetime.map { year < built + $0 } ?? true)
    }

    /// The expansion of `owner`, with its first column.
    private func expansion(of owner: ExpansionColumns.Owner) -> (NetworkData.Expansion, Int32)? {
        expansionOf[owner].map { (expansionColumns[$0].expansion, expansionColumns[$0].first) }
    }

    /// Adds `factor * capacity built and active in period p` to `row` (size x units with unitSize).
    private mutating func addActiveCapacity(_ row: Constraint, _ expansion: NetworkData.Expansion, _ first: Int32, period p: Int, factor: Double) {
        let size = expansion.unitSize ?? 1
        for q in data.periods.indices where active(q, in: p, lifetime: expansion.lifetime) {
            model.addTerm(row, Variable(index: first + Int32(q)), factor * size)
        }
    }

    private mutating func buildRows() {
        let d = data
        // Balance per bus and slice, filled component by component.
        let balanceFirst = model.rowCount
        var demand = [Double](repeating: 0, count: d.buses.count * slices)
        for entry in d.demands { for s in 0..<slices { demand[entry.bus * slices + s] += entry.amount[s] } }
        for (b, bus) in d.buses.enumerated() {
            for s in 0..<slices { model.beginConstraint(lower: demand[b * slices + s], upper: demand[b * slices + s], name: "balance_\(bus.id)[\(Self.sliceName(d, s))]") }
        }
        func balance(_ bus: Int, _ s: Int) -> Constraint { Constraint(index: Int32(balanceFirst + bus * slices + s)) }
        for (i, supply) in d.supplies.enumerated() {
            for s in 0..<slices { model.addTerm(balance(supply.bus, s), column(supplyColumns[i], s), 1) }
        }
        for (i, export) in d.exports.enumerated() {
            for s in 0..<slices { model.addTerm(balance(export.bus, s), column(exportColumns[i], s), -1) }
        }
        for (l, link) in d.links.enumerated() {
            for (bus, coefficient) in zip(link.legBuses, link.legCoefficients) where coefficient != 0 {
                for s in 0..<slices { model.addTerm(balance(bus, s), column(linkColumns[l], s), coefficient) }
            }
        }
        for (r, route) in d.routes.enumerated() {
            for s in 0..<slices {
                let flow = column(routeColumns[r], s)
                model.addTerm(balance(route.fromBus, s), flow, -1)
                model.addTerm(balance(route.toBus, s), flow, 1 - route.loss)
                for (bus, perKm) in zip(route.fuelBuses, route.fuelPerKm) { model.addTerm(balance(bus, s), flow, -perKm * route.km) }
            }
        }
        for (h, store) in d.stores.enumerated() {
            for s in 0..<slices {
                model.addTerm(balance(store.bus, s), column(dischargeColumns[h], s), store.efficiencyOut)
                model.addTerm(balance(store.bus, s), column(chargeColumns[h], s), -1)
            }
        }
        buildStoreRows()
        buildCapacityRows()
        buildLimitRows()
    }

    @inline(__always) private func column(_ first: Int32, _ s: Int) -> Variable { Variable(index: first + Int32(s)) }

    /// level(t) = level(t-1) (1 - loss)^w(t) + (charge efficiencyIn - discharge) w(t); cyclic
    /// stores close on the period's last snapshot, others start from `initial`.
    private mutating func buildStoreRows() {
        let d = data
        for (h, store) in d.stores.enumerated() {
            for p in d.periods.indices {
                for t in d.snapshots.indices {
                    let s = p * snapshotCount + t, weight = d.snapshotWeights[t]
                    let keep = pow(1 - store.standingLoss, weight)
                    let previous = t > 0 ? s - 1 : (store.cyclic ? p * snapshotCount + snapshotCount - 1 : nil)
                    let constant = previous == nil ? store.initial * keep : 0
                    let row = model.beginConstraint(lower: constant, upper: constant, name: "level_\(store.id)[\(Self.sliceName(d, s))]")
                    model.addTerm(row, column(levelColumns[h], s), 1)
                    if let previous { model.addTerm(row, column(levelColumns[h], previous), -keep) }
                    model.addTerm(row, column(chargeColumns[h], s), -store.efficiencyIn * weight)
                    model.addTerm(row, column(dischargeColumns[h], s), weight)
                }
            }
        }
    }

    /// Capacity rows: activity against built capacity (expansion) or a yes/no build; supply
    /// totals; expansion limits per period.
    private mutating func buildCapacityRows() {
        let d = data
        for (i, supply) in d.supplies.enumerated() {
            if let (expansion, first) = expansion(of: .supply(i)) {
                for s in 0..<slices {
                    let existing = (supply.capacity ?? 0) * supply.availability[s]
                    let row = model.beginConstraint(upper: existing, name: "capacity_\(supply.id)[\(Self.sliceName(d, s))]")
                    model.addTerm(row, column(supplyColumns[i], s), 1)
                    addActiveCapacity(row, expansion, first, period: s / snapshotCount, factor: -supply.availability[s])
                }
            }
            if let total = supply.total {
                for p in d.periods.indices {
                    let row = model.beginConstraint(upper: total, name: "total_\(supply.id)[\(d.periods[p].id)]")
                    for t in d.snapshots.indices { model.addTerm(row, column(supplyColumns[i], p * snapshotCount + t), d.snapshotWeights[t]) }
                }
            }
        }
        for (l, link) in d.links.enumerated() {
            let hasMinimum = link.minimumLoad.contains { $0 != 0 }
            if let (expansion, first) = expansion(of: .link(l)) {
                for s in 0..<slices {
                    let p = s / snapshotCount, existing = link.capacity ?? 0
                    let upper = model.beginConstraint(upper: link.availability[s] * existing, name: "capacity_\(link.id)[\(Self.sliceName(d, s))]")
                    model.addTerm(upper, column(linkColumns[l], s), 1)
                    addActiveCapacity(upper, expansion, first, period: p, factor: -link.availability[s])
                    if hasMinimum {
                        let lower = model.beginConstraint(lower: link.minimumLoad[s] * existing, name: "minimum_\(link.id)[\(Self.sliceName(d, s))]")
                        model.addTerm(lower, column(linkColumns[l], s), 1)
                        addActiveCapacity(lower, expansion, first, period: p, factor: -link.minimumLoad[s])
                    }
                }
                if let build = link.build, let max = expansion.max {
                    for q in d.periods.indices {
                        let row = model.beginConstraint(upper: 0, name: "built_if_open_\(link.id)[\(d.periods[q].id)]")
                        model.addTerm(row, Variable(index: first + Int32(q)), expansion.unitSize ?? 1)
                        model.addTerm(row, Variable(index: buildColumns[build]), -max)
                    }
                }
            } else if let build = link.build, let capacity = link.capacity {
                for s in 0..<slices {
                    let upper = model.beginConstraint(upper: 0, name: "capacity_\(link.id)[\(Self.sliceName(d, s))]")
                    model.addTerm(upper, column(linkColumns[l], s), 1)
                    model.addTerm(upper, Variable(index: buildColumns[build]), -link.availability[s] * capacity)
                    if hasMinimum {
                        let lower = model.beginConstraint(lower: 0, name: "minimum_\(link.id)[\(Self.sliceName(d, s))]")
                        model.addTerm(lower, column(linkColumns[l], s), 1)
                        model.addTerm(lower, Variable(index: buildColumns[build]), -link.minimumLoad[s] * capacity)
                    }
                }
            }
        }
        for (r, route) in d.routes.enumerated() {
            guard let build = route.build, let capacity = route.capacity else { continue }
            for s in 0..<slices {
                let row = model.beginConstraint(upper: 0, name: "open_flow_\(route.transport)_\(d.locations[route.from].id)_\(d.locations[route.to].id)[\(Self.sliceName(d, s))]")
                model.addTerm(row, column(routeColumns[r], s), 1)
                model.addTerm(row, Variable(index: buildColumns[build]), -capacity)
            }
        }
        for (h, store) in d.stores.enumerated() {
            guard let (expansion, first) = expansion(of: .store(h)) else { continue }
            for s in 0..<slices {
                let row = model.beginConstraint(upper: store.capacity ?? 0, name: "capacity_\(store.id)[\(Self.sliceName(d, s))]")
                model.addTerm(row, column(levelColumns[h], s), 1)
                addActiveCapacity(row, expansion, first, period: s / snapshotCount, factor: -1)
            }
        }
        // Least and most capacity in each period, existing included.
        for columns in expansionColumns where columns.expansion.min != nil || columns.expansion.max != nil {
            let (expansion, existing) = (columns.expansion, columns.existing)
            for p in d.periods.indices {
                let row = model.beginConstraint(lower: (expansion.min ?? -.infinity) - existing, upper: (expansion.max ?? .infinity) - existing,
                                                name: "capacity_limits_\(columns.id)[\(d.periods[p].id)]")
                addActiveCapacity(row, expansion, columns.first, period: p, factor: 1)
            }
        }
    }

    /// The terms of indicator `i` (each column once): operating amounts weighted by snapshot
    /// weight and period length, and the embodied impacts of built capacity; with `period`, that
    /// period's year of operation and what is built in it.
    private func indicatorTerms(_ i: Int, period only: Int? = nil) -> [(Variable, Double)] {
        let d = data
        var terms: [(Variable, Double)] = []
        func add(_ first: Int32, _ factor: Double) {
            guard factor != 0 else { return }
            for p in d.periods.indices where only == nil || only == p {
                let years = only == nil ? d.periods[p].years : 1
                for t in d.snapshots.indices { terms.append((column(first, p * snapshotCount + t), factor * d.snapshotWeights[t] * years)) }
            }
        }
        for (k, supply) in d.supplies.enumerated() { add(supplyColumns[k], supply.impacts[i]) }
        for (l, link) in d.links.enumerated() { add(linkColumns[l], link.impacts[i]) }
        for (r, route) in d.routes.enumerated() { add(routeColumns[r], route.impacts[i]) }
        for columns in expansionColumns where columns.expansion.embodied[i] != 0 {
            for q in d.periods.indices where only == nil || only == q {
                terms.append((Variable(index: columns.first + Int32(q)), columns.expansion.embodied[i] * (columns.expansion.unitSize ?? 1)))
            }
        }
        return terms
    }

    private mutating func buildLimitRows() {
        for limit in data.limits {
            let terms = indicatorTerms(limit.indicator, period: limit.period)
            model.addConstraint(terms, lower: limit.min ?? -.infinity, upper: limit.max ?? .infinity, name: "global_\(limit.id)")
        }
    }

    /// `cost`, then each indicator: every column at most once, in column order.
    private mutating func buildObjectives() {
        let d = data
        var terms: [(Variable, Double)] = []
        func add(_ first: Int32, _ perSlice: (Int) -> Double) {
            for p in d.periods.indices {
                for t in d.snapshots.indices {
                    let s = p * snapshotCount + t
                    let value = perSlice(s)
                    if value != 0 { terms.append((column(first, s), value * d.snapshotWeights[t] * d.periods[p].costWeight)) }
                }
            }
        }
        for (k, supply) in d.supplies.enumerated() { add(supplyColumns[k]) { supply.cost[$0] } }
        for (k, export) in d.exports.enumerated() { add(exportColumns[k]) { -export.revenue[$0] } }
        for (l, link) in d.links.enumerated() { add(linkColumns[l]) { link.cost[$0] } }
        for (r, route) in d.routes.enumerated() { add(routeColumns[r]) { _ in route.cost } }
        for (h, store) in d.stores.enumerated() where store.cost != 0 { add(levelColumns[h]) { _ in store.cost } }
        for columns in expansionColumns {
            let (expansion, first) = (columns.expansion, columns.first)
            for q in d.periods.indices {
                // Annualised cost in every period the build is active, each discounted.
                let weight = d.periods.indices.filter { active(q, in: $0, lifetime: expansion.lifetime) }.reduce(0.0) { $0 + d.periods[$1].costWeight }
                let value = expansion.cost * (expansion.unitSize ?? 1) * weight
                if value != 0 { terms.append((Variable(index: first + Int32(q)), value)) }
            }
        }
        for (b, build) in d.builds.enumerated() where build.fixedCost != 0 { terms.append((Variable(index: buildColumns[b]), build.fixedCost)) }
        let unique = { (terms: [(Variable, Double)]) in
            Objective(name: "", variables: terms.map(\.0.index), coefficients: terms.map(\.1))
        }
        var cost = unique(terms)
        (cost.name, cost.unit) = ("cost", d.costUnit)
        objectiveIndex["cost"] = model.addObjective(cost)
        objectiveNames = ["cost"]
        for (i, indicator) in d.indicators.enumerated() {
            var objective = unique(indicatorTerms(i))
            (objective.name, objective.unit) = (indicator.id, indicator.unit)
            objectiveIndex[indicator.id] = model.addObjective(objective)
            objectiveNames.append(indicator.id)
        }
    }

    /// The same LP with the numbers of `data` written into it (only those that differ), or
    /// false and nothing changed when `data` needs another structure.
    public mutating func renumber(with data: NetworkData, objective: String) throws(ModelError) -> Bool {
        let fresh = try NetworkProblem(data: data, objective: objective, names: model.keepsNames)
        var adopted = model
        guard adopted.adoptNumbers(of: fresh.model) else { return false }
        // Everything from the fresh build, but the LP that recorded only the differing numbers.
        self = fresh
        model = adopted
        return true
    }

    /// The LP's edits since they were last taken: what a renumbering changed.
    public mutating func takeEdits() -> ModelEdits { model.takeEdits() }
}
