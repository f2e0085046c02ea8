import InputSchema
import ModelFamily

/// The resolution of each component list: supplies, exports, demands, links, transport, stores
/// and global constraints.
extension NetworkResolver {
    mutating func resolveSupplies() -> [NetworkData.Supply] {
        _ = index("supplies")
        return items("supplies").enumerated().compactMap { s, item in
            let path = "$.supplies[\(s)]"
            guard let bus = bus(item["bus"], "\(path).bus") else { return nil }
            let unit = carriers[buses[bus].carrier].unit
            let (impacts, processCost) = lcaFactors(item, path, unit: unit)
            if item["cost"] == nil, item["process"] != nil, processCost == nil {
                notes.append("supply \(item["id"]?.string ?? ""): no cost in the database or the file; counted as 0")
            }
            let capacity = number(item["capacity"], "\(path).capacity"), total = number(item["total"], "\(path).total")
            scale = max(scale, capacity ?? 0, total ?? 0)
            return .init(id: item["id"]?.string ?? "", bus: bus, cost: varying(item["cost"], "\(path).cost", default: processCost ?? 0),
                         capacity: capacity, availability: varying(item["availability"], "\(path).availability", default: 1, range: 0...1),
                         minimum: varying(item["minimum"], "\(path).minimum", default: 0, range: 0...Double.greatestFiniteMagnitude),
                         total: total, expansion: expansion(item["expansion"], "\(path).expansion", unit: unit), impacts: impacts)
        }
    }

    mutating func resolveExports() -> [NetworkData.Export] {
        _ = index("exports")
        return items("exports").enumerated().compactMap { e, item in
            let path = "$.exports[\(e)]"
            guard let bus = bus(item["bus"], "\(path).bus") else { return nil }
            return .init(id: item["id"]?.string ?? "", bus: bus, revenue: varying(item["revenue"], "\(path).revenue", default: 0),
                         capacity: number(item["capacity"], "\(path).capacity"),
                         minimum: varying(item["minimum"], "\(path).minimum", default: 0, range: 0...Double.greatestFiniteMagnitude))
        }
    }

    mutating func resolveDemands() -> [NetworkData.Demand] {
        _ = index("demands")
        return items("demands").enumerated().compactMap { d, item in
            let path = "$.demands[\(d)]"
            guard let bus = bus(item["bus"], "\(path).bus") else { return nil }
            let amount = varying(item["amount"], "\(path).amount", default: 0)
            scale = max(scale, amount.map(abs).max() ?? 0)
            return .init(id: item["id"]?.string ?? "", bus: bus, amount: amount)
        }
    }

    mutating func resolveLinks() -> [NetworkData.Link] {
        _ = index("links")
        return items("links").enumerated().compactMap { l, item in
            let path = "$.links[\(l)]"
            let id = item["id"]?.string ?? ""
            var legBuses: [Int] = [], legCoefficients: [Double] = []
            let legs = (item["legs"]?.object ?? [:]).sorted { $0.key < $1.key }
            if legs.isEmpty { issue("\(path).legs", "is empty", hint: "give each bus the link takes from (negative) or gives to (positive)") }
            for (busId, value) in legs {
                guard let b = busIndex[busId] else { issue("\(path).legs.\(busId)", "unknown bus '\(busId)'", hint: hint(busId, busIndex, "buses")); continue }
                legBuses.append(b)
                legCoefficients.append(value.number ?? 0)
            }
            // The unit of activity: a leg consumed at exactly 1 measures it, else one produced at 1.
            let pairs = zip(legBuses, legCoefficients)
            let measuring = (pairs.first { $0.1 == -1 } ?? pairs.first { $0.1 == 1 }).map { carriers[buses[$0.0].carrier].unit }
            let (impacts, processCost) = lcaFactors(item, path, unit: measuring)
            let capacity = number(item["capacity"], "\(path).capacity")
            scale = max(scale, capacity ?? 0)
            let fixedCost = number(item["fixedCost"], "\(path).fixedCost")
            let expansion = expansion(item["expansion"], "\(path).expansion", unit: measuring)
            if fixedCost != nil, capacity == nil, expansion?.max == nil {
                issue("\(path).fixedCost", "a yes/no build needs a capacity", hint: "give capacity (or expansion.max): the most it can do once built")
            }
            return .init(id: id, legBuses: legBuses, legCoefficients: legCoefficients, capacity: capacity,
                         minimumLoad: varying(item["minimumLoad"], "\(path).minimumLoad", default: 0, range: -1...1),
                         availability: varying(item["availability"], "\(path).availability", default: 1, range: 0...1),
                         cost: varying(item["cost"], "\(path).cost", default: processCost ?? 0), expansion: expansion,
                         build: build(id, fixedCost: fixedCost), impacts: impacts, unit: measuring ?? "activity")
        }
    }

    /// Transport: each route and direction, with its distance, loss, fuel buses, cost and impacts.
    mutating func resolveTransport() -> [NetworkData.Route] {
        _ = index("transport")
        var routes: [NetworkData.Route] = []
        for (r, item) in items("transport").enumerated() {
            let path = "$.transport[\(r)]"
            let id = item["id"]?.string ?? ""
            let carrierId = item["carrier"]?.string ?? ""
            guard let carrier = carrierIndex[carrierId] else {
                issue("\(path).carrier", "unknown carrier '\(carrierId)'", hint: hint(carrierId, carrierIndex, "carriers")); continue
            }
            // The bus of a carrier at each location (several: ambiguous, reported where used).
            func busAt(_ location: Int, _ carrier: Int) -> [Int] {
                buses.indices.filter { buses[$0].carrier == carrier && buses[$0].location == location }
            }
            var pairs: [(from: Int, to: Int, km: Double?, pairKey: String)] = []
            let bidirectional = item["bidirectional"]?.bool ?? false
            if item["routes"]?.string == "all" {
                let served = locations.indices.filter { !busAt($0, carrier).isEmpty }
                for a in served { for b in served where a != b {
                    pairs.append((a, b, nil, "\(locations[min(a, b)].id)-\(locations[max(a, b)].id)"))
                } }
            } else {
                for (k, route) in (item["routes"]?.array ?? []).enumerated() {
                    let fromId = route["from"]?.string ?? "", toId = route["to"]?.string ?? ""
                    guard let a = locationIndex[fromId] else { issue("\(path).routes[\(k)].from", "unknown location '\(fromId)'", hint: hint(fromId, locationIndex, "locations")); continue }
                    guard let b = locationIndex[toId] else { issue("\(path).routes[\(k)].to", "unknown location '\(toId)'", hint: hint(toId, locationIndex, "locations")); continue }
                    if a == b { issue("\(path).routes[\(k)]", "goes from '\(fromId)' to itself"); continue }
                    let km = number(route["km"], "\(path).routes[\(k)].km")
                    let key = "\(fromId)>\(toId)"
                    pairs.append((a, b, km, key))
                    if bidirectional { pairs.append((b, a, km, key)) }
                }
            }
            let loss = number(item["loss"], "\(path).loss", 0...1) ?? 0
            let circuity = number(item["circuity"], "\(path).circuity", 1...100) ?? 1
            let capacity = number(item["capacity"], "\(path).capacity")
            scale = max(scale, capacity ?? 0)
            let fixedCost = number(item["fixedCost"], "\(path).fixedCost")
            if fixedCost != nil, capacity == nil { issue("\(path).fixedCost", "a yes/no route needs a capacity", hint: "give capacity: the most a route carries once built") }
            let cost = number(item["cost"], "\(path).cost") ?? 0, costPerKm = number(item["costPerKm"], "\(path).costPerKm") ?? 0
            let (perKmImpacts, processCostPerKm) = lcaFactors(item.removingImpacts, path, unit: carriers[carrier].unit, perKm: true)
            let (perUnitImpacts, _) = lcaFactors(item.onlyImpacts, path, unit: nil)
            var fuel: [(Int, Double)] = []
            for (carrierKey, value) in (item["fuel"]?.object ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let c = carrierIndex[carrierKey] else { issue("\(path).fuel.\(carrierKey)", "unknown carrier '\(carrierKey)'", hint: hint(carrierKey, carrierIndex, "carriers")); continue }
                fuel.append((c, number(value, "\(path).fuel.\(carrierKey)") ?? 0))
            }
            var buildOf: [String: Int] = [:]
            for pair in pairs {
                let (from, to) = (busAt(pair.from, carrier), busAt(pair.to, carrier))
                let label = "\(locations[pair.from].id)>\(locations[pair.to].id)"
                guard from.count == 1, to.count == 1 else {
                    for (location, found) in [(pair.from, from), (pair.to, to)] where found.count != 1 {
                        issue("\(path).routes", "route \(label): \(found.isEmpty ? "no" : "\(found.count)") buses of carrier '\(carrierId)' at location '\(locations[location].id)'",
                              hint: found.isEmpty ? "add a bus of \(carrierId) at \(locations[location].id), or drop the route" : "give one bus per carrier and location")
                    }
                    continue
                }
                var fuelBuses: [Int] = [], fuelPerKm: [Double] = []
                for (c, perKm) in fuel {
                    // The fuel carrier's bus at the origin, else its one bus without a location (a city-wide grid).
                    var found = busAt(pair.from, c)
                    if found.isEmpty {
                        let everywhere = buses.indices.filter { buses[$0].carrier == c && buses[$0].location == nil }
                        if everywhere.count == 1 { found = everywhere }
                    }
                    guard found.count == 1 else {
                        issue("\(path).fuel.\(carriers[c].id)", "route \(label): \(found.isEmpty ? "no" : "several") buses of carrier '\(carriers[c].id)' at '\(locations[pair.from].id)' to draw fuel from")
                        continue
                    }
                    fuelBuses.append(found[0]); fuelPerKm.append(perKm)
                }
                var km = pair.km
                if km == nil {
                    let (a, b) = (locations[pair.from], locations[pair.to])
                    if let lat1 = a.latitude, let lon1 = a.longitude, let lat2 = b.latitude, let lon2 = b.longitude {
                        km = Geo.greatCircleKm(latitude1: lat1, longitude1: lon1, latitude2: lat2, longitude2: lon2) * circuity
                    } else {
                        issue("\(path).routes", "route \(label): no km and '\(a.latitude == nil ? a.id : b.id)' has no coordinates",
                              hint: "give the location latitude and longitude, or the route's km")
                        continue
                    }
                }
                let distance = km ?? 0
                var buildIndex: Int?
                if fixedCost != nil {
                    if let known = buildOf[pair.pairKey] { buildIndex = known } else {
                        buildIndex = build("\(id):\(pair.pairKey)", fixedCost: fixedCost)
                        buildOf[pair.pairKey] = buildIndex
                    }
                }
                // The process's database cost per unit*km counts only when the file gives no cost.
                let databasePerKm = item["cost"] == nil && item["costPerKm"] == nil ? processCostPerKm ?? 0 : 0
                let perUnitCost: Double = cost + (costPerKm + databasePerKm) * distance
                var impacts = perUnitImpacts
                for i in impacts.indices { impacts[i] += perKmImpacts[i] * distance }
                routes.append(.init(transport: id, from: pair.from, to: pair.to, fromBus: from[0], toBus: to[0], km: distance, loss: loss,
                                    fuelBuses: fuelBuses, fuelPerKm: fuelPerKm, capacity: capacity,
                                    cost: perUnitCost, build: buildIndex, impacts: impacts))
            }
        }
        return routes
    }

    mutating func resolveStores() -> [NetworkData.Store] {
        _ = index("stores")
        return items("stores").enumerated().compactMap { h, item in
            let path = "$.stores[\(h)]"
            guard let bus = bus(item["bus"], "\(path).bus") else { return nil }
            let capacity = number(item["capacity"], "\(path).capacity")
            scale = max(scale, capacity ?? 0)
            let cyclic = item["cyclic"]?.bool ?? true
            let initial = number(item["initial"], "\(path).initial") ?? 0
            if cyclic, item["initial"] != nil { issue("\(path).initial", "a cyclic store has no initial level", hint: "set cyclic: false to start from initial") }
            return .init(id: item["id"]?.string ?? "", bus: bus, capacity: capacity,
                         expansion: expansion(item["expansion"], "\(path).expansion", unit: carriers[buses[bus].carrier].unit),
                         standingLoss: number(item["standingLoss"], "\(path).standingLoss", 0...1) ?? 0,
                         efficiencyIn: number(item["efficiencyIn"], "\(path).efficiencyIn", 1e-12...1, what: " (above 0)") ?? 1,
                         efficiencyOut: number(item["efficiencyOut"], "\(path).efficiencyOut", 1e-12...1, what: " (above 0)") ?? 1,
                         cyclic: cyclic, initial: initial, cost: number(item["cost"], "\(path).cost") ?? 0)
        }
    }

    mutating func resolveLimits() -> [NetworkData.Limit] {
        _ = index("constraints")
        return items("constraints").enumerated().compactMap { c, item in
            let path = "$.constraints[\(c)]"
            let indicatorId = item["indicator"]?.string ?? ""
            guard let i = indicatorIndex[indicatorId] else {
                issue("\(path).indicator", "unknown indicator '\(indicatorId)'", hint: hint(indicatorId, indicatorIndex, "indicators")); return nil
            }
            let min = item["min"]?.number, max = item["max"]?.number
            if min == nil && max == nil { issue(path, "gives neither max nor min", hint: "give max (a cap) or min") }
            if let min, let max, min > max { issue("\(path).min", "is above max") }
            var period: Int?
            if let periodId = item["period"]?.string {
                period = periodIndex[periodId]
                if period == nil { issue("\(path).period", "unknown period '\(periodId)'", hint: hint(periodId, periodIndex, "periods")) }
            }
            return .init(id: item["id"]?.string ?? "", indicator: i, min: min, max: max, period: period)
        }
    }
}

private extension JSONValue {
    /// The item without its `impacts` (per-km process impacts of a transport).
    var removingImpacts: JSONValue? {
        guard var members = object else { return self }
        members["impacts"] = nil
        return .object(members)
    }
    /// Only the item's `impacts` (per-unit impacts of a transport).
    var onlyImpacts: JSONValue? {
        .object(["impacts": self["impacts"] ?? .object([:])])
    }
}
