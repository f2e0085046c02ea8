/// Builds General Specification configurations in code, the way MOLA's GUI writes them: one
/// demand `d1`, one time interval per period, every material linked to the modes it may use (J),
/// conversion factor C, explicit distances d, weights w and u. Tests and benchmarks use it.
public struct MOLAConfigurationBuilder: Sendable {
    public var materials: [MOLAConversion.Pair] = []
    public var modes: [MOLAConversion.Pair] = []
    public var kpis: [String] = []
    public var periods: [String] = ["t1"]
    /// Task id and its demand in each period.
    public var tasks: [(id: String, demand: Double)] = []
    /// Conversion factor per material (default 1).
    public var conversion: [Double] = []
    /// Distance in km of material `m` to task `k` (positions).
    public var distance: @Sendable (_ material: Int, _ task: Int) -> Double = { _, _ in 0 }
    /// Mode positions each material may use (default all).
    public var allowedModes: [[Int]]? = nil
    public var environmentWeight = 1.0
    public var costWeight = 1.0
    public var dbFile: String?
    /// Also write the parameters lcaopt does not use, densely and zero, as MOLA's GUI saves a
    /// configuration (U, calA, calB, calC, Arc, and J over every flow-process combination): the
    /// file a MOLA user has, several MB at 100 tasks.
    public var writesEveryParameter = false

    public init() {}

    public func build() -> MOLAConfiguration {
        typealias Entry = MOLAConfiguration.Entry
        var parameters: [String: [Entry]] = [:]
        for (m, material) in materials.enumerated() {
            for k in tasks.map(\.id) {
                for t in periods {
                    parameters["C", default: []].append(Entry(index: [material.flowRefId, k, "d1", t], value: m < conversion.count ? conversion[m] : 1))
                }
            }
            for r in allowedModes?[m] ?? Array(modes.indices) {
                parameters["J", default: []].append(Entry(index: [material.flowRefId, material.processRefId, modes[r].flowRefId, modes[r].processRefId], value: 1))
            }
            for (k, task) in tasks.enumerated() {
                let km = distance(m, k)
                for t in periods { parameters["d", default: []].append(Entry(index: [material.processRefId, material.flowRefId, task.id, t], value: km)) }
            }
        }
        for task in tasks {
            for t in periods { parameters["Demand", default: []].append(Entry(index: ["d1", task.id, t], value: task.demand)) }
            parameters["Total_Demand", default: []].append(Entry(index: ["d1", task.id], value: 0))
        }
        if writesEveryParameter {
            let fm = materials.map(\.flowRefId), pm = materials.map(\.processRefId), ft = modes.map(\.flowRefId), pt = modes.map(\.processRefId)
            let linked = Set((parameters["J"] ?? []).map(\.index))
            parameters["J"] = fm.flatMap { f in pm.flatMap { p in ft.flatMap { t in pt.map { q in
                Entry(index: [f, p, t, q], value: linked.contains([f, p, t, q]) ? 1 : 0) } } } }
            parameters["U"] = fm.flatMap { f in ft.map { Entry(index: [f, $0], value: 0) } }
            let taskIds = tasks.map(\.id)
            for name in ["calA", "calB"] {
                parameters[name] = fm.flatMap { f in pm.flatMap { p in taskIds.flatMap { k in periods.map { Entry(index: [f, p, k, $0], value: 0) } } } }
            }
            parameters["calC"] = fm.flatMap { f in pm.flatMap { p in ft.flatMap { t in pt.flatMap { q in
                taskIds.flatMap { k in periods.map { Entry(index: [f, p, t, q, k, $0], value: 0) } } } } } }
            parameters["Arc"] = taskIds.flatMap { a in taskIds.map { Entry(index: [a, $0], value: 0) } }
        }
        parameters["w"] = kpis.map { Entry(index: [$0], value: 1) }
        parameters["u"] = [Entry(index: ["environment"], value: environmentWeight), Entry(index: ["cost"], value: costWeight)]
        return MOLAConfiguration(
            sets: ["P_m": materials.map(\.processRefId), "F_m": materials.map(\.flowRefId), "P_t": modes.map(\.processRefId),
                   "F_t": modes.map(\.flowRefId), "P_s": [], "F_s": [], "K": tasks.map(\.id), "T": periods, "D": ["d1"],
                   "KPI": kpis, "OBJ": ["environment", "cost"]],
            parameters: parameters, settings: ["distance_calculated": false], dbFile: dbFile,
            specification: "<class 'mola.specification5.GeneralSpecification'>")
    }
}
