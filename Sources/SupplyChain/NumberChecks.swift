/// Every number of the resolved data, whether it came from the model file or the database,
/// checked once where it enters, against what the LP can take: finite and at most 1e15 in
/// magnitude (costs, impacts, amounts, distances; nothing physical needs more, and products of
/// such numbers stay far from overflow), and an equivalence of at least 1e-12. A database impact
/// below 1e-30 per unit (beyond any inventory's precision) is rounded to 0 and said in a note.
extension SupplyChainData {
    /// The largest magnitude a cost, impact, amount, distance or weight may have (model files,
    /// scenarios and database values alike).
    public static let largestNumber = 1e15
    /// The smallest equivalence a supplier may have.
    public static let smallestEquivalence = 1e-12
}

extension ModelResolver {
    static let largest = SupplyChainData.largestNumber
    static let smallestImpact = 1e-30

    mutating func checkNumbers(_ data: inout SupplyChainData) {
        var supplierPath: [String: String] = [:]
        var modelCost: Set<String> = []
        for (m, material) in model.materials.enumerated() {
            for (s, supplier) in material.suppliers.enumerated() {
                supplierPath[supplier.id] = "$.materials[\(m)].suppliers[\(s)]"
                if supplier.cost != nil { modelCost.insert(supplier.id) }
            }
        }
        var rounded = 0
        func check(_ value: Double, _ path: String, _ what: String) {
            if !value.isFinite || abs(value) > Self.largest {
                issue(path, "\(what) is \(value), beyond what an LP can take (at most 1e15 in magnitude)",
                      hint: "check the number and its unit")
            }
        }
        func impacts(_ values: inout [Double], _ path: String, _ per: String) {
            for i in values.indices {
                check(values[i], path, "its \(data.indicators[i].id) per \(per) (from the database)")
                if values[i] != 0 && abs(values[i]) < Self.smallestImpact { values[i] = 0; rounded += 1 }
            }
        }
        for s in data.suppliers.indices {
            let supplier = data.suppliers[s], path = supplierPath[supplier.id] ?? "$.materials"
            let unit = data.materials[supplier.material].unit
            check(supplier.cost, modelCost.contains(supplier.id) ? "\(path).cost" : "\(path).process",
                  modelCost.contains(supplier.id) ? "cost" : "its cost per \(unit) (from the database's reference exchange)")
            impacts(&data.suppliers[s].impacts, "\(path).process", unit)
            if supplier.cost != 0 && abs(supplier.cost) < Self.smallestImpact { data.suppliers[s].cost = 0; rounded += 1 }
            for value in supplier.capacity.compactMap({ $0 }) { check(value, "\(path).capacity", "capacity") }
            if let fixed = supplier.fixedCost { check(fixed, "\(path).fixedCost", "fixedCost") }
            if !(supplier.equivalence >= SupplyChainData.smallestEquivalence) || supplier.equivalence > Self.largest {
                issue("\(path).equivalence", "must be 1e-12 to 1e15, not \(supplier.equivalence)")
            }
            for factor in supplier.modeUnitsPerKm { check(factor, "\(path).process", "its transport units per \(unit) and km (from the database's units)") }
        }
        for r in data.modes.indices {
            let path = "$.transport[\(model.transport?.firstIndex { $0.id == data.modes[r].id } ?? r)]"
            check(data.modes[r].cost, "\(path).cost", "cost per \(data.modes[r].unit)")
            impacts(&data.modes[r].impacts, "\(path).process", data.modes[r].unit)
        }
        for q in data.services.indices {
            let path = "$.services[\(q)]"
            check(data.services[q].cost, "\(path).cost", "cost per \(data.services[q].unit)")
            impacts(&data.services[q].impacts, "\(path).process", data.services[q].unit)
            for value in data.services[q].per.values { check(value, "\(path).per", "amount per unit of material") }
        }
        for (d, demand) in data.demands.enumerated() {
            for value in demand.amounts { check(value, "$.demands[\(d)].amount", "amount") }
            if let total = demand.total { check(total, "$.demands[\(d)].total", "total") }
            for value in demand.requires.values { check(value, "$.demands[\(d)].requires", "amount per unit of demand") }
        }
        for (h, entry) in data.storage.enumerated() { check(entry.cost, "$.storage[\(h)].cost", "cost") }
        for (o, entry) in (model.distances ?? []).enumerated() { check(entry.km, "$.distances[\(o)].km", "km") }
        for (name, weight) in data.weights ?? [:] { check(weight, "$.weights.\(name)", "weight") }
        if rounded > 0 {
            data.notes.append("\(rounded) cost\(rounded == 1 ? "" : "s") or impact\(rounded == 1 ? "" : "s") per unit below 1e-30 in magnitude rounded to 0")
        }
    }
}
