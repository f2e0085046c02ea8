import ModelFamily

/// The non-zero decisions of a network solution (`docs/network.md` section 3), each with its
/// unit: built capacities, activities of supplies, exports and links per snapshot, transport
/// flows per route, store levels, and the yes/no builds taken. `period` is absent for a network
/// without periods.
public struct NetworkDecision: Sendable, Codable, Equatable {
    public struct Capacity: Sendable, Codable, Equatable {
        public var component: String
        public var period: String?
        /// Built in this period (whole units times unitSize with unitSize).
        public var built: Double
        /// Active in this period, existing included.
        public var total: Double
        public var unit: String
    }
    public struct Activity: Sendable, Codable, Equatable {
        public var component: String
        /// `supply`, `export` or `link`.
        public var kind: String
        public var period: String?
        public var snapshot: String
        public var amount: Double
        public var unit: String
    }
    public struct Flow: Sendable, Codable, Equatable {
        public var transport: String
        public var from: String
        public var to: String
        public var period: String?
        public var snapshot: String
        /// Amount leaving `from` per unit of time (`1 - loss` of it arrives).
        public var amount: Double
        public var unit: String
    }
    public struct StoreState: Sendable, Codable, Equatable {
        public var store: String
        public var period: String?
        public var snapshot: String
        public var level: Double
        public var charge: Double
        public var discharge: Double
        public var unit: String
    }

    public var capacities: [Capacity] = []
    public var activities: [Activity] = []
    public var flows: [Flow] = []
    public var stores: [StoreState] = []
    /// Yes/no builds taken (links and routes with a fixed cost).
    public var built: [String] = []

    public init() {}
}

/// What `solve` reports of a network beside its objectives: the decision (its keys at the top
/// level of `solve --json`) and each route's length.
public struct NetworkSolution: Sendable, Codable, Equatable {
    public struct RouteLength: Sendable, Codable, Equatable {
        public var transport, from, to: String
        public var km: Double
    }
    public var capacities: [NetworkDecision.Capacity]
    public var activities: [NetworkDecision.Activity]
    public var flows: [NetworkDecision.Flow]
    public var stores: [NetworkDecision.StoreState]
    public var built: [String]
    public var routes: [RouteLength]

    init(_ decision: NetworkDecision, routes: [RouteLength]) {
        (capacities, activities, flows, stores, built) = (decision.capacities, decision.activities, decision.flows, decision.stores, decision.built)
        self.routes = routes
    }

    public var decision: NetworkDecision {
        var decision = NetworkDecision()
        (decision.capacities, decision.activities, decision.flows, decision.stores, decision.built) = (capacities, activities, flows, stores, built)
        return decision
    }
}

extension NetworkProblem {
    /// The decision of column values `primal` (noise within the zero tolerance is zero).
    public func decision(primal: [Double]) -> NetworkDecision {
        let x = cleaned(primal: primal).primal
        let d = data
        var decision = NetworkDecision()
        func slice(_ s: Int) -> (period: String?, snapshot: String) {
            (d.hasPeriods ? d.periods[s / d.snapshots.count].id : nil, d.snapshots[s % d.snapshots.count])
        }
        func unit(ofBus bus: Int) -> String { d.carriers[d.buses[bus].carrier].unit }
        for columns in expansionColumns {
            let size = columns.expansion.unitSize ?? 1
            let built = d.periods.indices.map { x[Int(columns.first) + $0] * size }
            for p in d.periods.indices {
                let total = columns.existing + d.periods.indices.filter { active($0, in: p, lifetime: columns.expansion.lifetime) }.reduce(0.0) { $0 + built[$1] }
                if built[p] != 0 || total != 0 {
                    decision.capacities.append(.init(component: columns.id, period: d.hasPeriods ? d.periods[p].id : nil, built: built[p], total: total, unit: columns.unit))
                }
            }
        }
        func activities(_ kind: String, _ ids: [String], _ firsts: [Int32], _ units: [String]) {
            for (k, first) in firsts.enumerated() {
                for s in 0..<d.slices where x[Int(first) + s] != 0 {
                    let (period, snapshot) = slice(s)
                    decision.activities.append(.init(component: ids[k], kind: kind, period: period, snapshot: snapshot, amount: x[Int(first) + s], unit: units[k]))
                }
            }
        }
        activities("supply", d.supplies.map(\.id), supplyColumns, d.supplies.map { unit(ofBus: $0.bus) })
        activities("export", d.exports.map(\.id), exportColumns, d.exports.map { unit(ofBus: $0.bus) })
        activities("link", d.links.map(\.id), linkColumns, d.links.map(\.unit))
        for (r, route) in d.routes.enumerated() {
            for s in 0..<d.slices where x[Int(routeColumns[r]) + s] != 0 {
                let (period, snapshot) = slice(s)
                decision.flows.append(.init(transport: route.transport, from: d.locations[route.from].id, to: d.locations[route.to].id,
                                            period: period, snapshot: snapshot, amount: x[Int(routeColumns[r]) + s], unit: unit(ofBus: route.fromBus)))
            }
        }
        for (h, store) in d.stores.enumerated() {
            for s in 0..<d.slices {
                let level = x[Int(levelColumns[h]) + s], charge = x[Int(chargeColumns[h]) + s], discharge = x[Int(dischargeColumns[h]) + s]
                guard level != 0 || charge != 0 || discharge != 0 else { continue }
                let (period, snapshot) = slice(s)
                decision.stores.append(.init(store: store.id, period: period, snapshot: snapshot, level: level, charge: charge, discharge: discharge, unit: unit(ofBus: store.bus)))
            }
        }
        decision.built = d.builds.indices.filter { x[Int(buildColumns[$0])] > 0.5 }.map { d.builds[$0].id }
        return decision
    }

    /// The solution of `primal` (nil: no feasible point), with every route's length.
    public func solution(primal: [Double]?) -> NetworkSolution {
        let d = data
        let routes = d.routes.map { NetworkSolution.RouteLength(transport: $0.transport, from: d.locations[$0.from].id, to: d.locations[$0.to].id, km: $0.km) }
        return NetworkSolution(primal.map { decision(primal: $0) } ?? NetworkDecision(), routes: routes)
    }

    /// The tables of a decision.
    public func tables(of decision: NetworkDecision) -> [ResultTable] {
        let periods = data.hasPeriods
        func cells(_ period: String?, _ rest: [ResultTable.Cell]) -> [ResultTable.Cell] { (periods ? [.text(period ?? "")] : []) + rest }
        let p: [String] = periods ? ["period"] : []
        return [
            ResultTable(title: "Built capacity", file: "capacities", row: "capacity", columns: ["component"] + p + ["built", "total", "unit"],
                        rows: decision.capacities.map { [.text($0.component)] + cells($0.period, [.number($0.built), .number($0.total), .text($0.unit)]) }),
            ResultTable(title: "Activities", file: "activities", row: "activity", columns: ["component", "kind"] + p + ["snapshot", "amount", "unit"],
                        rows: decision.activities.map { [.text($0.component), .text($0.kind)] + cells($0.period, [.text($0.snapshot), .number($0.amount), .text($0.unit)]) }),
            ResultTable(title: "Transport", file: "flows", row: "flow", columns: ["transport", "from", "to"] + p + ["snapshot", "amount", "unit"],
                        rows: decision.flows.map { [.text($0.transport), .text($0.from), .text($0.to)] + cells($0.period, [.text($0.snapshot), .number($0.amount), .text($0.unit)]) }),
            ResultTable(title: "Stores", file: "stores", row: "store", columns: ["store"] + p + ["snapshot", "level", "charge", "discharge", "unit"],
                        rows: decision.stores.map { [.text($0.store)] + cells($0.period, [.text($0.snapshot), .number($0.level), .number($0.charge), .number($0.discharge), .text($0.unit)]) }),
            ResultTable(title: "Yes/no builds taken", file: "built", row: "build", columns: ["build"], rows: decision.built.map { [.text($0)] }),
        ]
    }

    public func tables(of solution: NetworkSolution) -> [ResultTable] {
        tables(of: solution.decision) + [
            ResultTable(title: "Route lengths", file: "routes", row: "route", columns: ["transport", "from", "to", "km"], inText: false,
                        rows: solution.routes.map { [.text($0.transport), .text($0.from), .text($0.to), .number($0.km, digits: 6)] }),
        ]
    }
}
