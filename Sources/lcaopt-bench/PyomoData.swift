import Foundation
import SupplyChain

/// The resolved numbers of a supply-chain model (per-unit costs and GWP, capacities, demands,
/// route factors) as plain JSON, so that `bench/pyomo/model.py` builds the same LP in Pyomo.
enum PyomoData {
    static func write(_ problem: SupplyChainProblem, to path: String) throws {
        let data = problem.data
        let routes = problem.routes.map { route -> [String: Any] in
            ["s": route.supplier, "r": route.mode, "k": route.site, "t": route.period, "units": route.modeUnitsPerUnit]
        }
        let document: [String: Any] = [
            "periods": data.periods.count,
            "sites": data.sites.count,
            "suppliers": data.suppliers.map { supplier -> [String: Any] in
                ["cost": supplier.cost, "gwp": supplier.impacts[0], "capacity": supplier.capacity.map { $0 ?? -1 }]
            },
            "modes": data.modes.map { ["cost": $0.cost, "gwp": $0.impacts[0]] },
            "deliveries": problem.deliveries.map { ["s": $0.supplier, "k": $0.site, "t": $0.period] },
            "routes": routes,
            "demand": data.sites.indices.map { k in data.periods.indices.map { t in data.requirement(material: 0, site: k, period: t) } },
        ]
        try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: URL(fileURLWithPath: path))
    }
}
