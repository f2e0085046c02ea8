import LPModel

/// What a solution decides, in the model's terms (non-zero amounts only), in a stable order.
public struct Decision: Sendable, Codable, Equatable {
    public struct Delivery: Sendable, Codable, Equatable {
        public var supplier, material, site, period: String
        public var amount: Double
        public var unit: String
    }

    public struct Transport: Sendable, Codable, Equatable {
        public var supplier, mode, site, period: String
        /// Material carried, in the material's unit.
        public var amount: Double
        public var unit: String
        public var km: Double
        /// Transport service in the mode's reference unit (e.g. t*km).
        public var modeAmount: Double
        public var modeUnit: String
    }

    public struct ServiceUse: Sendable, Codable, Equatable {
        public var service, site, period: String
        public var amount: Double
        public var unit: String
    }

    public struct StockLevel: Sendable, Codable, Equatable {
        public var material, site, period: String
        public var amount: Double
        public var unit: String
    }

    public var deliveries: [Delivery] = []
    public var transport: [Transport] = []
    public var services: [ServiceUse] = []
    public var storage: [StockLevel] = []
    /// Suppliers with a fixed cost that are opened.
    public var opened: [String] = []
}

/// One distance used by the model.
public struct DistanceEntry: Sendable, Codable, Equatable {
    public var supplier, site, mode: String
    public var km: Double
    /// True when it comes from the model's `distances`.
    public var overridden: Bool
}

extension SupplyChainProblem {
    /// The non-zero decisions of a solution (noise below ``zeroTolerance`` is zero).
    public func decision(_ result: SolveResult) -> Decision {
        guard result.primalStatus == .feasiblePoint else { return Decision() }
        return decision(primal: result.primal)
    }

    /// The non-zero decisions of the column values `primal` (e.g. of a Pareto point); values
    /// within ``zeroTolerance`` of zero are solver noise, not decisions.
    public func decision(primal raw: [Double]) -> Decision {
        let primal = cleaned(primal: raw).primal
        var decision = Decision()
        let value = { (variable: Variable) in primal[Int(variable.index)] }
        for delivery in deliveries {
            let amount = delivery.carriers.reduce(0) { $0 + value($1) }
            guard amount != 0 else { continue }
            let supplier = data.suppliers[delivery.supplier]
            decision.deliveries.append(.init(supplier: supplier.id, material: data.materials[supplier.material].id,
                                             site: data.sites[delivery.site].id, period: data.periods[delivery.period],
                                             amount: amount, unit: data.materials[supplier.material].unit))
        }
        for route in routes {
            let amount = value(route.variable)
            guard amount != 0 else { continue }
            let supplier = data.suppliers[route.supplier]
            decision.transport.append(.init(supplier: supplier.id, mode: data.modes[route.mode].id, site: data.sites[route.site].id,
                                            period: data.periods[route.period], amount: amount,
                                            unit: data.materials[supplier.material].unit, km: route.km,
                                            modeAmount: amount * route.modeUnitsPerUnit, modeUnit: data.modes[route.mode].unit))
        }
        for service in data.services {
            var amounts: [[Double]] = Array(repeating: Array(repeating: 0, count: data.periods.count), count: data.sites.count)
            for delivery in deliveries {
                let material = data.suppliers[delivery.supplier].material
                guard let per = service.per[material] else { continue }
                amounts[delivery.site][delivery.period] += per * delivery.carriers.reduce(0) { $0 + value($1) }
            }
            for k in data.sites.indices {
                for t in data.periods.indices where amounts[k][t] != 0 {
                    decision.services.append(.init(service: service.id, site: data.sites[k].id, period: data.periods[t],
                                                   amount: amounts[k][t], unit: service.unit))
                }
            }
        }
        for stock in stocks {
            let amount = value(stock.variable)
            guard amount != 0 else { continue }
            decision.storage.append(.init(material: data.materials[stock.material].id, site: data.sites[stock.site].id,
                                          period: data.periods[stock.period], amount: amount, unit: data.materials[stock.material].unit))
        }
        decision.opened = openings.filter { value($0.variable) > 0.5 }.map { data.suppliers[$0.supplier].id }
        return decision
    }

    /// Every supplier-site-mode distance the model uses.
    public var distances: [DistanceEntry] {
        var seen = Set<String>()
        var entries: [DistanceEntry] = []
        for route in routes {
            let supplier = data.suppliers[route.supplier]
            let key = "\(route.supplier)|\(route.site)|\(route.mode)"
            guard seen.insert(key).inserted else { continue }
            entries.append(.init(supplier: supplier.id, site: data.sites[route.site].id, mode: data.modes[route.mode].id, km: route.km,
                                 overridden: data.distanceOverrides[.init(route.supplier, route.site)] != nil))
        }
        return entries
    }
}
