import LPModel
import ModelFamily

extension SupplyChainProblem {
    /// Suppliers and sites with coordinates; each route's amount summed over periods, by mode
    /// (deliveries of suppliers without transport as mode `direct`).
    public func map(of decision: Decision) -> DecisionMap {
        var places: [DecisionMap.Place] = []
        var delivered: [String: Double] = [:]
        for delivery in decision.deliveries { delivered[delivery.supplier, default: 0] += delivery.amount }
        for supplier in data.suppliers {
            guard let latitude = supplier.latitude, let longitude = supplier.longitude else { continue }
            let unit = data.materials[supplier.material].unit
            let details = delivered[supplier.id].map { ["delivers \(ResultTable.reportNumber($0)) \(unit) of \(data.materials[supplier.material].id)"] } ?? []
            places.append(.init(id: supplier.id, label: supplier.processName, kind: "supplier", latitude: latitude, longitude: longitude, details: details))
        }
        for site in data.sites {
            guard let latitude = site.latitude, let longitude = site.longitude else { continue }
            places.append(.init(id: site.id, label: site.name, kind: "site", latitude: latitude, longitude: longitude))
        }
        struct Key: Hashable { var from, to, mode: String }
        var amounts: [Key: (Double, String)] = [:], order: [Key] = []
        func add(_ key: Key, _ amount: Double, _ unit: String) {
            if amounts[key] == nil { order.append(key) }
            amounts[key, default: (0, unit)].0 += amount
        }
        for move in decision.transport { add(Key(from: move.supplier, to: move.site, mode: move.mode), move.amount, move.unit) }
        let carried = Set(decision.transport.map { "\($0.supplier)|\($0.site)|\($0.period)" })
        for delivery in decision.deliveries where !carried.contains("\(delivery.supplier)|\(delivery.site)|\(delivery.period)") {
            add(Key(from: delivery.supplier, to: delivery.site, mode: "direct"), delivery.amount, delivery.unit)
        }
        return DecisionMap(places: places, flows: order.map { DecisionMap.Flow(from: $0.from, to: $0.to, mode: $0.mode, amount: amounts[$0]!.0, unit: amounts[$0]!.1) })
    }

    /// Cost and each indicator split as the objective rows are made: per unit delivered the
    /// supplier's own cost and impacts (`production`) and the services it triggers (`services`);
    /// per unit of transport the mode's (`transport`); suppliers' fixed costs (`fixed cost`);
    /// storage costs (`storage`).
    public func breakdown(primal raw: [Double]) -> [ObjectivePart] {
        let primal = cleaned(primal: raw).primal
        let names = data.measuredObjectiveIds
        let width = names.count
        var parts: [ObjectivePart] = []
        func add(_ o: Int, _ part: String, _ item: String, _ value: Double) {
            if value != 0 { parts.append(ObjectivePart(objective: names[o], part: part, item: item, value: value)) }
        }
        func supplierValue(_ s: Int, _ o: Int) -> Double { o == 0 ? data.suppliers[s].cost : data.suppliers[s].impacts[o - 1] }
        func delivered(_ s: Int, _ x: Double) {
            for o in 0..<width {
                add(o, "production", data.suppliers[s].id, supplierValue(s, o) * x)
                for service in data.services {
                    guard let per = service.per[data.suppliers[s].material], per != 0 else { continue }
                    add(o, "services", service.id, per * (o == 0 ? service.cost : service.impacts[o - 1]) * x)
                }
            }
        }
        for delivery in deliveries where data.suppliers[delivery.supplier].modes.isEmpty {
            delivered(delivery.supplier, primal[Int(delivery.carriers[0].index)])
        }
        for route in routes {
            let x = primal[Int(route.variable.index)]
            guard x != 0 else { continue }
            delivered(route.supplier, x)
            let mode = data.modes[route.mode]
            for o in 0..<width { add(o, "transport", mode.id, route.modeUnitsPerUnit * (o == 0 ? mode.cost : mode.impacts[o - 1]) * x) }
        }
        for opening in openings { add(0, "fixed cost", data.suppliers[opening.supplier].id, (data.suppliers[opening.supplier].fixedCost ?? 0) * primal[Int(opening.variable.index)]) }
        for (index, stock) in stocks.enumerated() {
            let entry = data.storage[index / data.periods.count]
            add(0, "storage", "\(data.materials[entry.material].id) at \(data.sites[entry.site].id)", entry.cost * primal[Int(stock.variable.index)])
        }
        return ObjectivePart.merged(parts)
    }
}
