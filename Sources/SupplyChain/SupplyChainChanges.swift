import ModelFamily

extension SupplyChainData {
    /// This data with a scenario's changes: disabled suppliers, modes and services, `set` values
    /// (same meaning and units as in the model file), and a demand scale. Throws a message naming
    /// the unknown id or field.
    public func applying(_ changes: ModelChanges) throws(ModelChangeError) -> SupplyChainData {
        var data = self
        func fail(_ message: String) -> ModelChangeError { ModelChangeError(message) }
        let modesBefore = changes.disable.isEmpty ? [] : data.suppliers.map(\.modes)
        for id in changes.disable {
            if let s = data.suppliers.firstIndex(where: { $0.id == id }) {
                data.suppliers[s].capacity = Array(repeating: 0, count: data.periods.count)
                data.suppliers[s].fixedCost = nil
                data.unavailable[id] = "disabled by the scenario"
            } else if let r = data.modes.firstIndex(where: { $0.id == id }) {
                for s in data.suppliers.indices where data.suppliers[s].modes.contains(r) {
                    data.suppliers[s].modes.removeAll { $0 == r }
                    // A supplier whose every mode is disabled cannot deliver.
                    if data.suppliers[s].modes.isEmpty {
                        data.suppliers[s].capacity = Array(repeating: 0, count: data.periods.count)
                        data.unavailable[data.suppliers[s].id] = "no route: every transport mode it may use is disabled (\(modesBefore[s].map { data.modes[$0].id }.joined(separator: ", ")))"
                    }
                }
            } else if let q = data.services.firstIndex(where: { $0.id == id }) {
                data.services[q].per = [:]
            } else {
                throw fail("disable: no supplier, transport mode or service '\(id)'")
            }
        }
        // Each path sets its own field, so the order does not matter and is not sorted per
        // scenario; when one fails, the first failing path in sorted order is reported.
        let values = changes.set
        do {
            for (path, value) in values { try data.set(path, value, fail: fail) }
        } catch {
            for (path, value) in values.sorted(by: { $0.key < $1.key }) { try data.set(path, value, fail: fail) }
            throw error
        }
        if let factor = changes.scaleDemand {
            for d in data.demands.indices {
                data.demands[d].amounts = data.demands[d].amounts.map { $0 * factor }
                data.demands[d].total = data.demands[d].total.map { $0 * factor }
            }
        }
        return data
    }

    private mutating func set(_ path: String, _ value: Double, fail: (String) -> ModelChangeError) throws(ModelChangeError) {
        // KIND.ID.FIELD, where the id may itself contain dots (validated to have three parts).
        guard let firstDot = path.utf8.firstIndex(of: UInt8(ascii: ".")), let lastDot = path.utf8.lastIndex(of: UInt8(ascii: ".")),
              firstDot < lastDot else {
            throw fail("set path '\(path)' is not KIND.ID.FIELD")
        }
        let kind = path[..<firstDot], id = String(path[path.index(after: firstDot)..<lastDot]), field = path[path.index(after: lastDot)...]
        if value < 0 && !(field == "latitude" || field == "longitude") { throw fail("set \(path): \(value) is negative") }
        // The same range the model file's numbers are held to (ModelResolver.checkNumbers).
        if !(abs(value) <= SupplyChainData.largestNumber) { throw fail("set \(path): \(value) is beyond what an LP can take (at most 1e15 in magnitude)") }
        if field == "latitude" && abs(value) > 90 { throw fail("set \(path): must be within -90...90") }
        if field == "longitude" && abs(value) > 180 { throw fail("set \(path): must be within -180...180") }
        switch kind {
        case "suppliers":
            guard let s = suppliers.firstIndex(where: { $0.id == id }) else { throw fail("set \(path): no supplier '\(id)'") }
            switch field {
            case "cost": suppliers[s].cost = value
            case "capacity": suppliers[s].capacity = Array(repeating: value, count: periods.count)
            case "fixedCost": suppliers[s].fixedCost = value
            case "equivalence":
                guard value >= SupplyChainData.smallestEquivalence else { throw fail("set \(path): equivalence must be 1e-12 to 1e15") }
                suppliers[s].equivalence = value
            case "latitude": suppliers[s].latitude = value
            case "longitude": suppliers[s].longitude = value
            default: throw fail("set \(path): suppliers have cost, capacity, fixedCost, equivalence, latitude, longitude")
            }
        case "transport":
            guard let r = modes.firstIndex(where: { $0.id == id }) else { throw fail("set \(path): no transport mode '\(id)'") }
            switch field {
            case "cost": modes[r].cost = value
            case "circuity":
                guard value >= 1 else { throw fail("set \(path): circuity must be 1 or more") }
                modes[r].circuity = value
            default: throw fail("set \(path): transport modes have cost, circuity")
            }
        case "services":
            guard let q = services.firstIndex(where: { $0.id == id }) else { throw fail("set \(path): no service '\(id)'") }
            guard field == "cost" else { throw fail("set \(path): services have cost") }
            services[q].cost = value
        case "demands":
            guard let d = demands.firstIndex(where: { $0.id == id }) else { throw fail("set \(path): no demand '\(id)'") }
            switch field {
            case "amount":
                // One number replaces the amount of every period in which the demand has one.
                let periodsWithDemand = demands[d].amounts.indices.filter { demands[d].amounts[$0] > 0 }
                let targets = periodsWithDemand.isEmpty ? Array(demands[d].amounts.indices) : periodsWithDemand
                for t in targets { demands[d].amounts[t] = value }
            case "total": demands[d].total = value
            default: throw fail("set \(path): demands have amount, total")
            }
        case "storage":
            let split = id.split(separator: "@")
            guard split.count == 2, let h = storage.firstIndex(where: {
                materials[$0.material].id == split[0] && sites[$0.site].id == split[1]
            }) else { throw fail("set \(path): no storage 'MATERIAL@SITE' called '\(id)'") }
            guard field == "cost" else { throw fail("set \(path): storage has cost") }
            storage[h].cost = value
        default:
            throw fail("set \(path): the kind must be suppliers, transport, services, demands or storage")
        }
    }
}
