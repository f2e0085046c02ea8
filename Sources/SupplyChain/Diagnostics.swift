/// Explanations of infeasible and unbounded models in the model's own terms.
extension SupplyChainProblem {
    /// The obvious causes of infeasibility: a material needed at a site with no supplier, and
    /// capacities (cumulated over periods where storage lets stock carry over) below demand.
    public func explainInfeasibility() -> [String] {
        var reasons: [String] = []
        for m in data.materials.indices {
            let material = data.materials[m]
            let suppliers = data.suppliers.indices.filter { data.suppliers[$0].material == m }
            let needed = data.demands.contains { ($0.requires[m] ?? 0) > 0 }
            if needed && suppliers.isEmpty { reasons.append("material `\(material.id)` is required but has no supplier") }
            let unavailable = suppliers.compactMap { s in data.unavailable[data.suppliers[s].id].map { "`\(data.suppliers[s].id)`: \($0)" } }
            if needed && !suppliers.isEmpty && unavailable.count == suppliers.count {
                reasons.append("no supplier of `\(material.id)` can deliver: " + unavailable.joined(separator: "; "))
                continue
            }
            let storedSomewhere = data.storage.contains { $0.material == m }
            var cumulativeCapacity = 0.0, cumulativeDemand = 0.0
            for t in data.periods.indices {
                let demand = data.sites.indices.reduce(0.0) { $0 + data.requirement(material: m, site: $1, period: t) }
                let capacities = suppliers.map { s in data.suppliers[s].capacity[t].map { $0 * data.suppliers[s].equivalence } }
                guard !capacities.contains(where: { $0 == nil }) else {
                    cumulativeCapacity = .infinity
                    continue
                }
                let capacity = capacities.reduce(0.0) { $0 + ($1 ?? 0) }
                cumulativeCapacity += capacity
                cumulativeDemand += demand
                let without = unavailable.isEmpty ? "" : " (without " + unavailable.joined(separator: "; ") + ")"
                if demand > capacity * (1 + 1e-9) && !storedSomewhere {
                    reasons.append("total capacity of the suppliers of `\(material.id)` in period `\(data.periods[t])` is \(Self.format(capacity)) < demand \(Self.format(demand)) \(material.unit)" + without)
                } else if storedSomewhere && cumulativeDemand > cumulativeCapacity * (1 + 1e-9) {
                    reasons.append("total capacity of the suppliers of `\(material.id)` up to period `\(data.periods[t])` is \(Self.format(cumulativeCapacity)) < demand \(Self.format(cumulativeDemand)) \(material.unit), even with storage" + without)
                }
            }
            let totals = data.demands.reduce(0.0) { $0 + ($1.total ?? 0) * ($1.requires[m] ?? 0) }
            if totals > 0 {
                let capacity = suppliers.reduce(0.0) { sum, s in
                    data.suppliers[s].capacity.reduce(sum) { $0 + ($1 ?? .infinity) * data.suppliers[s].equivalence }
                }
                if totals > capacity * (1 + 1e-9) {
                    reasons.append("total capacity of the suppliers of `\(material.id)` over all periods is \(Self.format(capacity)) < total demand \(Self.format(totals)) \(material.unit)")
                }
            }
        }
        return reasons
    }

    /// Why objective `name` can decrease without bound: suppliers (with their services and
    /// transport) that lower it per unit and have no capacity.
    public func explainUnbounded(objective name: String) -> [String] {
        guard let index = objectiveIndex[name] else { return [] }
        let objective = model.objectives[index]
        var coefficient: [Int32: Double] = [:]
        for (position, variable) in objective.variables.enumerated() { coefficient[variable] = objective.coefficients[position] }
        var reasons: [String] = []
        for (s, supplier) in data.suppliers.enumerated() {
            let ownDeliveries = deliveries.filter { $0.supplier == s }
            let negative = ownDeliveries.contains { $0.carriers.contains { (coefficient[$0.index] ?? 0) < 0 } }
            let uncapped = supplier.capacity.contains { $0 == nil } && supplier.fixedCost == nil
            if negative && uncapped {
                reasons.append("supplier `\(supplier.id)` has a negative \(name) per \(data.materials[supplier.material].unit) and no capacity: give it a capacity")
            }
        }
        return reasons
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
