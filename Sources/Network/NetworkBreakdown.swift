import LPModel
import ModelFamily

extension NetworkProblem {
    /// Locations with coordinates, each with the capacities built there and the components used
    /// there; transport flows summed over snapshots (weighted by their hours) and periods.
    public func map(of decision: NetworkDecision) -> DecisionMap {
        let d = data
        var locationOf: [String: Int] = [:]
        for supply in d.supplies { if let l = d.buses[supply.bus].location { locationOf[supply.id] = l } }
        for store in d.stores { if let l = d.buses[store.bus].location { locationOf[store.id] = l } }
        for link in d.links { if let l = link.legBuses.lazy.compactMap({ d.buses[$0].location }).first { locationOf[link.id] = l } }
        var details: [Int: [String]] = [:]
        for capacity in decision.capacities where capacity.built > 0 {
            guard let l = locationOf[capacity.component] else { continue }
            details[l, default: []].append("\(capacity.component): \(ResultTable.reportNumber(capacity.built)) \(capacity.unit) built"
                                           + (capacity.period.map { " in \($0)" } ?? ""))
        }
        var used: [Int: [String]] = [:]
        for activity in decision.activities {
            guard let l = locationOf[activity.component], !(used[l]?.contains(activity.component) ?? false) else { continue }
            used[l, default: []].append(activity.component)
        }
        var places: [DecisionMap.Place] = []
        for (l, location) in d.locations.enumerated() {
            guard let latitude = location.latitude, let longitude = location.longitude else { continue }
            let uses = used[l].map { ["uses " + $0.joined(separator: ", ")] } ?? []
            places.append(.init(id: location.id, label: location.id, kind: "location", latitude: latitude, longitude: longitude,
                                details: (details[l] ?? []) + uses))
        }
        let weight = Dictionary(uniqueKeysWithValues: zip(d.snapshots, d.snapshotWeights))
        struct Key: Hashable { var from, to, mode: String }
        var amounts: [Key: (Double, String)] = [:], order: [Key] = []
        for flow in decision.flows {
            let key = Key(from: flow.from, to: flow.to, mode: flow.transport)
            if amounts[key] == nil { order.append(key) }
            amounts[key, default: (0, flow.unit)].0 += flow.amount * (weight[flow.snapshot] ?? 1)
        }
        return DecisionMap(places: places, flows: order.map { .init(from: $0.from, to: $0.to, mode: $0.mode, amount: amounts[$0]!.0, unit: amounts[$0]!.1) })
    }

    /// Cost and each indicator by component, as the objective rows weigh each column: supplies
    /// (`supply`), exports (`export`, negative: revenue), links (`conversion`), transport
    /// (`transport`), stores (`storage`), capacity built and yes/no builds (`capacity`).
    public func breakdown(primal raw: [Double]) -> [ObjectivePart] {
        let primal = cleaned(primal: raw).primal
        let d = data
        var starts: [(first: Int32, part: String, item: String)] = []
        for (k, supply) in d.supplies.enumerated() { starts.append((supplyColumns[k], "supply", supply.id)) }
        for (e, export) in d.exports.enumerated() { starts.append((exportColumns[e], "export", export.id)) }
        for (l, link) in d.links.enumerated() { starts.append((linkColumns[l], "conversion", link.id)) }
        for (r, route) in d.routes.enumerated() { starts.append((routeColumns[r], "transport", route.transport)) }
        for (h, store) in d.stores.enumerated() {
            for first in [chargeColumns[h], dischargeColumns[h], levelColumns[h]] { starts.append((first, "storage", store.id)) }
        }
        for columns in expansionColumns { starts.append((columns.first, "capacity", columns.id)) }
        for (b, build) in d.builds.enumerated() { starts.append((buildColumns[b], "capacity", build.id)) }
        starts.sort { $0.first < $1.first }
        // Every column belongs to the block that starts at or before it (blocks are contiguous).
        func owner(_ column: Int32) -> (part: String, item: String) {
            var low = 0, high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle].first <= column { low = middle } else { high = middle - 1 }
            }
            return (starts[low].part, starts[low].item)
        }
        var parts: [ObjectivePart] = []
        for name in objectiveNames {
            let objective = model.objectives[objectiveIndex[name]!]
            for (position, column) in objective.variables.enumerated() {
                let value = objective.coefficients[position] * primal[Int(column)]
                guard value != 0 else { continue }
                let (part, item) = owner(column)
                parts.append(ObjectivePart(objective: name, part: part, item: item, value: value))
            }
            if objective.constant != 0 { parts.append(ObjectivePart(objective: name, part: "constant", item: "existing capacity", value: objective.constant)) }
        }
        return ObjectivePart.merged(parts)
    }
}
