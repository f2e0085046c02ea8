import LPModel
import ModelFamily

/// The network as a model family: the data is the resolved network, the problem its LP.
extension NetworkData: FamilyModel {
    public typealias Problem = NetworkProblem

    public var objectiveIds: [String] { ["cost"] + indicators.map(\.id) }

    public var objectiveUnits: [String: String] {
        var units = ["cost": costUnit]
        for indicator in indicators { units[indicator.id] = indicator.unit }
        return units
    }

    /// Cost and the first indicator the file names among its objectives.
    public var defaultFrontObjectives: [String] {
        let measured = objectives.filter { $0 != "cost" }
        return ["cost"] + Array((measured.isEmpty ? indicators.map(\.id) : measured).prefix(1))
    }

    /// The ids of `texts`: objective ids, or an indicator's impact category name or ref_id.
    public func objectiveIds(for texts: [String], path: String) throws(ModelError) -> [String] {
        var ids: [String] = [], issues: [ModelIssue] = []
        for text in texts {
            if objectiveIds.contains(text) { ids.append(text); continue }
            let lower = text.lowercased()
            let matches = indicators.filter { $0.categoryRefId?.lowercased() == lower || ($0.categoryRefId != nil && $0.name.lowercased() == lower) }
            if matches.count == 1 { ids.append(matches[0].id); continue }
            issues.append(ModelIssue(path, "unknown objective '\(text)'", hint: "use " + objectiveIds.joined(separator: ", ")))
        }
        guard issues.isEmpty else { throw ModelError(file: name, issues: issues) }
        return ids
    }

    public var context: ResultContext {
        ResultContext(model: name, database: database.isEmpty ? "none (no openLCA links)" : database, scope: scope,
                      indicators: indicators.map { .init(id: $0.id, category: $0.name, method: $0.method, unit: $0.unit) },
                      costUnit: costUnit, cutOffs: cutOffs, zeroTolerance: zeroTolerance,
                      toleranceBasis: "in each carrier's unit: 1e-7 of the network's largest demand or capacity")
    }

    public var impactLinks: ImpactLinks? { lca.links }

    /// The network resolved again (no database access) with the linked processes' impacts replaced.
    public func applyingImpacts(_ impacts: [Int64: [Double]]) throws(ModelChangeError) -> NetworkData {
        var lca = self.lca
        for (text, result) in lca.results {
            guard let vector = impacts[result.process.id] else { continue }
            lca.results[text]!.impacts = lca.categoryPositions.map { $0 >= 0 && $0 < vector.count ? vector[$0] : 0 }
        }
        do {
            var data = try Self.resolve(source, lca: lca, file: file)
            data.name = name
            return data
        } catch {
            throw ModelChangeError(error.issues.map(\.description).joined(separator: "; "))
        }
    }

    public func problem(objective: String, names: Bool) throws(ModelError) -> NetworkProblem {
        try NetworkProblem(data: self, objective: objective, names: names)
    }

    /// Counts of the network's parts; its buses and components.
    public var summary: ModelSummary {
        let listed = zip(snapshots, snapshotWeights).prefix(12).map { "\($0) (weight \(ResultContext.short($1)))" }.joined(separator: ", ")
        var facts = ["Snapshots: " + listed + (snapshots.count > 12 ? " and \(snapshots.count - 12) more" : "")]
        if hasPeriods {
            facts.append("Periods: " + periods.map { "\($0.id) (\(Int($0.year)), \(Int($0.years)) years, cost weight \(ResultContext.short($0.costWeight)))" }.joined(separator: ", "))
        }
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        facts.append("\(count(buses.count, "bus", "buses")) of \(count(carriers.count, "carrier", "carriers")) at \(count(locations.count, "location", "locations")); "
                     + "\(count(supplies.count, "supply", "supplies")), \(count(exports.count, "export", "exports")), \(count(demands.count, "demand", "demands")), "
                     + "\(count(links.count, "link", "links")), \(count(routes.count, "transport route", "transport routes")) (one direction each), "
                     + "\(count(stores.count, "store", "stores")), \(count(limits.count, "global constraint", "global constraints"))")
        let busTable = ResultTable(title: "Buses", file: "buses", row: "bus", columns: ["bus", "carrier", "unit", "location"], rows: buses.map {
            [.text($0.id), .text(carriers[$0.carrier].id), .text(carriers[$0.carrier].unit), .text($0.location.map { locations[$0].id } ?? "")]
        })
        let linkTable = ResultTable(title: "Links", file: "links", row: "link", columns: ["link", "legs", "capacity", "expansion", "\(indicators.map(\.id).joined(separator: ", ")) / unit"], rows: links.map { link in
            [.text(link.id), .text(zip(link.legBuses, link.legCoefficients).map { "\(buses[$0].id) \(ResultContext.short($1))" }.joined(separator: ", ")),
             .text(link.capacity.map(ResultContext.short) ?? ""), .text(link.expansion.map { "\(ResultContext.short($0.cost)) \(costUnit) per \(link.unit) and year" } ?? ""),
             .text(link.impacts.map(ResultContext.short).joined(separator: ", "))]
        })
        return ModelSummary(facts: facts, tables: [busTable] + (links.isEmpty ? [] : [linkTable]))
    }
}

/// The report of a network solve (`lcaopt solve --json`).
public typealias NetworkReport = SolveReport<NetworkSolution>

extension NetworkProblem: FamilyProblem {
    public typealias Model = NetworkData

    public var context: ResultContext { data.context }
    public var notes: [String] { data.notes }
    public var zeroTolerance: Double { data.zeroTolerance }

    /// Capacities built, components used, transport moved (by direction), yes/no builds taken.
    public func choices(of decision: NetworkDecision) -> [String] {
        var seen = Set<String>(), labels: [String] = []
        func add(_ label: String) { if seen.insert(label).inserted { labels.append(label) } }
        for capacity in decision.capacities where capacity.built > 0 { add("build \(capacity.component)") }
        for activity in decision.activities { add("use \(activity.component)") }
        for flow in decision.flows { add("transport \(flow.transport) \(flow.from) -> \(flow.to)") }
        for id in decision.built { add("build \(id)") }
        return labels
    }
    public var infeasibleWords: String { "no operation of the network meets every demand within the capacities and limits" }

    /// Buses whose demand nothing can meet, and limits that no decision can reach.
    public func explainInfeasibility() -> [String] {
        let d = data
        var reasons: [String] = []
        var feeds = Set<Int>(), drains = Set<Int>()
        for supply in d.supplies { feeds.insert(supply.bus) }
        for export in d.exports { drains.insert(export.bus) }
        for link in d.links {
            for (bus, coefficient) in zip(link.legBuses, link.legCoefficients) {
                if coefficient > 0 || link.minimumLoad.contains(where: { $0 < 0 }) { feeds.insert(bus) }
                if coefficient < 0 || link.minimumLoad.contains(where: { $0 < 0 }) { drains.insert(bus) }
            }
        }
        for route in d.routes { feeds.insert(route.toBus); drains.insert(route.fromBus) }
        for store in d.stores { feeds.insert(store.bus); drains.insert(store.bus) }
        for demand in d.demands {
            if demand.amount.contains(where: { $0 > 0 }) && !feeds.contains(demand.bus) {
                reasons.append("demand \(demand.id): nothing supplies, converts into or transports to bus \(d.buses[demand.bus].id)")
            }
            if demand.amount.contains(where: { $0 < 0 }) && !drains.contains(demand.bus) {
                reasons.append("demand \(demand.id): a negative amount must leave bus \(d.buses[demand.bus].id), and nothing takes from it")
            }
        }
        for limit in d.limits where (limit.min ?? 0) > 0 && d.indicators.indices.contains(limit.indicator) {
            let i = limit.indicator
            let possible = d.supplies.contains { $0.impacts[i] > 0 } || d.links.contains { $0.impacts[i] > 0 } || d.routes.contains { $0.impacts[i] > 0 }
            if !possible { reasons.append("constraint \(limit.id): a minimum on \(d.indicators[i].id) that no activity adds to") }
        }
        return reasons
    }

    /// Revenues without a capacity, and activities with negative cost and no capacity.
    public func explainUnbounded(objective: String) -> [String] {
        let d = data
        guard objective == "cost" else {
            return ["a negative impact per unit on an activity without a capacity lets \(objective) decrease without bound"]
        }
        var reasons: [String] = []
        for export in d.exports where export.capacity == nil && export.revenue.contains(where: { $0 > 0 }) {
            reasons.append("export \(export.id) earns revenue and has no capacity")
        }
        for link in d.links where link.capacity == nil && link.expansion == nil && link.cost.contains(where: { $0 < 0 }) {
            reasons.append("link \(link.id) has a negative cost and no capacity")
        }
        return reasons
    }
}
