import Foundation
import OpenLCA
import SupplyChain

/// A MOLA configuration translated into a native model file, with what the translation noticed.
public struct MOLAConversion: Sendable {
    /// A MOLA material or transport pair `(flow, process)` behind a native supplier or mode.
    public struct Pair: Sendable, Hashable {
        public var flowRefId: String
        public var processRefId: String

        public init(flowRefId: String, processRefId: String) {
            self.flowRefId = flowRefId
            self.processRefId = processRefId
        }

        /// The pair of the process named `text` (ref_id or exact name) and its reference product,
        /// as MOLA's GUI puts a process into `P_m` and its product into `F_m`.
        public static func referenceProduct(ofProcess text: String, in database: OpenLCADatabase) throws -> Pair {
            let process = try database.process(matching: text)
            guard let reference = process.quantitativeReference, let exchange = try database.exchanges(withIDs: [reference])[reference],
                  let flow = try database.catalog().flows[exchange.flow] else {
                throw ModelError(file: database.path, issues: [ModelIssue("process", "'\(process.name)' has no reference product")])
            }
            return Pair(flowRefId: flow.refId, processRefId: process.refId)
        }
    }

    /// The equivalent native model (no `database`: the caller names it).
    public var model: ModelFile
    /// Native supplier id -> MOLA `(F_m, P_m)` pair.
    public var suppliers: [String: Pair]
    /// Native transport mode id -> MOLA `(F_t, P_t)` pair.
    public var modes: [String: Pair]
    /// What was ignored or interpreted, for the user.
    public var notes: [String]
}

extension MOLAConversion {
    /// Translates `config` against `database` (needed for names, reference products and checks).
    /// Everything MOLA allows that lcaopt cannot map is rejected, every problem at once, each
    /// naming the set or parameter.
    public static func convert(_ config: MOLAConfiguration, database: OpenLCADatabase, file: String) throws(ModelError) -> MOLAConversion {
        var converter = MOLAConverter(config: config, database: database)
        let result = converter.run(name: URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
        if let result, converter.issues.isEmpty { return result }
        throw ModelError(file: file, issues: converter.issues)
    }
}

/// The translation steps of ``MOLAConversion/convert(_:database:file:)``, collecting issues.
struct MOLAConverter {
    let config: MOLAConfiguration
    let database: OpenLCADatabase
    var issues: [ModelIssue] = []
    var notes: [String] = []

    init(config: MOLAConfiguration, database: OpenLCADatabase) {
        self.config = config
        self.database = database
    }

    mutating func issue(_ path: String, _ message: String, hint: String? = nil) {
        issues.append(ModelIssue(path, message, hint: hint))
    }

    /// Up to three items and how many more.
    static func sample(_ items: [String]) -> String {
        items.prefix(3).joined(separator: "; ") + (items.count > 3 ? "; and \(items.count - 3) more" : "")
    }

    mutating func run(name: String) -> MOLAConversion? {
        let periods = unique(config.set("T")), tasks = unique(config.set("K")), demandSet = unique(config.set("D"))
        if periods.isEmpty { issue("$.sets.T", "is empty", hint: "list at least one time interval") }
        if tasks.isEmpty { issue("$.sets.K", "is empty", hint: "list at least one task") }
        rejectUnmappable(periods: periods)
        guard let entities = resolveEntities() else { return nil }
        let demand = chooseDemand(demandSet, tasks: tasks, periods: periods)
        let links = transportLinks(entities)
        let modeIds = Self.readableIds(links.modes.map { entities.processName[$0.processRefId] ?? $0.processRefId },
                                       refIds: links.modes.map(\.processRefId))
        let supplierIds = Self.readableIds(links.suppliers.map { entities.processName[$0.pair.processRefId] ?? $0.pair.processRefId },
                                           refIds: links.suppliers.map(\.pair.processRefId))
        guard let demand, issues.isEmpty else { return nil }
        let distanceCalculated = config.settings["distance_calculated"] ?? false
        if distanceCalculated {
            let unlocated = links.suppliers.map(\.pair.processRefId).filter { !entities.located.contains($0.lowercased()) }
            if !unlocated.isEmpty {
                issue("$.settings.distance_calculated", "\(unlocated.count) material process\(unlocated.count == 1 ? " has" : "es have") no coordinates in the database (\(Self.sample(unlocated.map { entities.processName[$0.lowercased()] ?? $0 })))",
                      hint: "MOLA would measure from 0°N 0°E, openLCA's placeholder; set distance_calculated to false and give d, or convert the configuration (lcaopt convert-mola) and give the suppliers' latitude and longitude")
            }
        }
        let sites = siteList(tasks, periods: periods, coordinates: distanceCalculated)
        let C = config.table("C"), d = config.table("d")
        var suppliers: [ModelFile.Supplier] = []
        var distances: [ModelFile.DistanceOverride] = []
        var supplierPairs: [String: MOLAConversion.Pair] = [:]
        let demandedTasks = demandedTasks(demand, tasks: tasks, periods: periods)
        for (offset, link) in links.suppliers.enumerated() {
            let pair = link.pair, id = supplierIds[offset]
            guard let equivalence = equivalence(pair.flowRefId, demand: demand, tasks: tasks, periods: periods, C: C) else { continue }
            if equivalence == 0 {
                notes.append("supplier \(id): C is 0 for its flow, so it never counts toward demand \(demand); left out")
                continue
            }
            suppliers.append(ModelFile.Supplier(
                id: id, process: pair.processRefId, flow: nil, latitude: nil, longitude: nil, cost: nil, capacity: nil,
                fixedCost: nil, modes: link.modes.map { modeIds[$0] }, equivalence: equivalence == 1 ? nil : equivalence))
            supplierPairs[id] = pair
            if !distanceCalculated {
                for k in demandedTasks {
                    if let km = distance(pair, task: k, periods: periods, d: d) {
                        distances.append(.init(supplier: id, site: k, km: km))
                    }
                }
            }
        }
        if suppliers.isEmpty && issues.isEmpty {
            issue("$.parameters.J", "no (F_m, P_m) pair is linked to a transport mode",
                  hint: "MOLA delivers a material only through a mode with J[F_m, P_m, F_t, P_t] = 1")
        }
        // The material is named after the flow its suppliers deliver when they all deliver one
        // (MOLA names only the demand, d1); several flows counted by C keep the demand's name.
        let flows = Set(supplierPairs.values.map { $0.flowRefId.lowercased() })
        let material = flows.count == 1 ? (entities.flowName[flows.first!] ?? demand) : demand
        var demands = nativeDemands(demand, tasks: tasks, periods: periods)
        for index in demands.indices { demands[index].requires = [material: 1] }
        let kpis = unique(config.set("KPI"))
        let storage = periods.count > 1 ? tasks.map { ModelFile.Storage(material: material, site: $0, cost: nil) } : nil
        if periods.count > 1 {
            notes.append("storage: MOLA's Storage_Service_Flow becomes free storage of \(demand) at every task; lcaopt starts each task with no stock, where MOLA lets the stock of the first period appear without a delivery")
        }
        guard issues.isEmpty else { return nil }
        let model = ModelFile(
            name: name, database: nil, periods: periods,
            indicators: kpis.map { .init(id: $0, impactCategory: $0) },
            sites: sites,
            materials: [.init(id: material, unit: nil, massPerUnit: nil, suppliers: suppliers)],
            transport: links.modes.enumerated().map { .init(id: modeIds[$0.offset], process: $0.element.processRefId, cost: nil, circuity: nil) },
            services: nil, demands: demands, storage: storage, distances: distances.isEmpty ? nil : distances,
            objectives: nil, weights: weights(kpis), lciaScope: nil, providers: nil, providerRule: nil)
        return MOLAConversion(model: model, suppliers: supplierPairs,
                              modes: Dictionary(uniqueKeysWithValues: links.modes.enumerated().map { (modeIds[$0.offset], $0.element) }),
                              notes: notes)
    }

    func unique(_ members: [String]) -> [String] {
        var seen: Set<String> = []
        return members.filter { seen.insert($0).inserted }
    }

    /// MOLA features with no lcaopt equivalent are errors naming the parameter.
    mutating func rejectUnmappable(periods: [String]) {
        for name in ["calA", "calB", "calC"] {
            let used = config.parameter(name).filter { $0.value != 0 }
            if !used.isEmpty {
                issue("$.parameters.\(name)", "\(used.count) non-zero task-port coefficients (\(Self.sample(used.map { "[\($0.index.joined(separator: ", "))]" })))",
                      hint: "lcaopt does not model MOLA's task ports (calA, calB, calC); set them to 0")
            }
        }
        let arcs = config.parameter("Arc").filter { $0.value != 0 && $0.index.count == 2 && $0.index[0] != $0.index[1] }
        if !arcs.isEmpty {
            issue("$.parameters.Arc", "\(arcs.count) arcs between tasks (\(Self.sample(arcs.map { $0.index.joined(separator: " -> ") })))",
                  hint: "lcaopt does not link tasks; remove the arcs or model the chain as separate sites")
        }
        let links = config.parameter("L").filter { $0.value != 0 }
        if !links.isEmpty {
            if periods.count > 1 {
                issue("$.parameters.L", "\(links.count) service flows linked to stock (L)",
                      hint: "lcaopt's storage has a cost per unit held but no service process; set L to 0 and give the storage cost in a native model (lcaopt convert-mola)")
            } else {
                notes.append("L: services on stock are ignored: with one time interval no stock is ever held")
            }
        }
    }

    struct Entities {
        var processName: [String: String] = [:]
        /// Process ref_id -> ref_id of its reference product.
        var referenceProduct: [String: String] = [:]
        var flowName: [String: String] = [:]
        /// Processes whose location has real coordinates (not missing, not openLCA's 0/0).
        var located: Set<String> = []
    }

    /// Checks every process, flow and impact category id against the database.
    mutating func resolveEntities() -> Entities? {
        let catalog: Catalog
        do { catalog = try database.catalog() } catch {
            issue("$.db_file", "\(error)")
            return nil
        }
        var processes: [String: OpenLCA.Process] = [:]
        for process in catalog.processes.values { processes[process.refId.lowercased()] = process }
        var flows: [String: Flow] = [:]
        for flow in catalog.flows.values { flows[flow.refId.lowercased()] = flow }
        let categories = Set(catalog.impactCategories.values.map { $0.refId.lowercased() })
        var entities = Entities()
        for set in ["P_m", "P_t", "P_s"] {
            let missing = unique(config.set(set)).filter { processes[$0.lowercased()] == nil }
            if !missing.isEmpty { missingIds(set, "process", missing) }
        }
        for set in ["F_m", "F_t", "F_s"] {
            let missing = unique(config.set(set)).filter { flows[$0.lowercased()] == nil }
            if !missing.isEmpty { missingIds(set, "flow", missing) }
        }
        let missingKPIs = unique(config.set("KPI")).filter { !categories.contains($0.lowercased()) }
        if !missingKPIs.isEmpty { missingIds("KPI", "impact category", missingKPIs) }
        guard issues.isEmpty else { return nil }
        let used = (config.set("P_m") + config.set("P_t")).compactMap { processes[$0.lowercased()] }
        let references: [Int64: ExchangeRecord]
        do { references = try database.exchanges(withIDs: used.compactMap(\.quantitativeReference)) } catch {
            issue("$.db_file", "\(error)")
            return nil
        }
        for process in used {
            entities.processName[process.refId.lowercased()] = process.name
            if process.location.flatMap({ catalog.locations[$0] })?.hasCoordinates == true { entities.located.insert(process.refId.lowercased()) }
            if let reference = process.quantitativeReference.flatMap({ references[$0] }), let flow = catalog.flows[reference.flow] {
                entities.referenceProduct[process.refId.lowercased()] = flow.refId.lowercased()
            }
        }
        for id in config.set("F_m") + config.set("F_t") {
            if let flow = flows[id.lowercased()] { entities.flowName[id.lowercased()] = flow.name }
        }
        return entities
    }

    mutating func missingIds(_ set: String, _ kind: String, _ ids: [String]) {
        let source = config.dbFile.map { " (the configuration was made for \($0))" } ?? ""
        issue("$.sets.\(set)", "\(ids.count) \(kind) id\(ids.count == 1 ? "" : "s") not in the database: \(ids.joined(separator: ", "))",
              hint: "give the database these ids come from explicitly\(source)")
    }

    struct Links {
        struct Supplier {
            var pair: MOLAConversion.Pair
            /// Positions in `modes`.
            var modes: [Int]
        }

        var suppliers: [Supplier] = []
        var modes: [MOLAConversion.Pair] = []
    }

    /// The material pairs and transport pairs that J links, in the order of the sets.
    mutating func transportLinks(_ entities: Entities) -> Links {
        let fm = Set(config.set("F_m")), pm = Set(config.set("P_m")), ft = Set(config.set("F_t")), pt = Set(config.set("P_t"))
        var linked: [MOLAConversion.Pair: [MOLAConversion.Pair]] = [:]
        var badIndex: [String] = []
        for entry in config.parameter("J") where entry.value != 0 {
            guard entry.index.count == 4, fm.contains(entry.index[0]), pm.contains(entry.index[1]),
                  ft.contains(entry.index[2]), pt.contains(entry.index[3]) else {
                badIndex.append("[\(entry.index.joined(separator: ", "))]")
                continue
            }
            let material = MOLAConversion.Pair(flowRefId: entry.index[0], processRefId: entry.index[1])
            let mode = MOLAConversion.Pair(flowRefId: entry.index[2], processRefId: entry.index[3])
            linked[material, default: []].append(mode)
        }
        if !badIndex.isEmpty {
            issue("$.parameters.J", "\(badIndex.count) entries whose index is not [F_m, P_m, F_t, P_t] members: \(Self.sample(badIndex))")
        }
        var links = Links()
        let usedModes = Set(linked.values.joined())
        for p in unique(config.set("P_t")) {
            for f in unique(config.set("F_t")) {
                let pair = MOLAConversion.Pair(flowRefId: f, processRefId: p)
                if usedModes.contains(pair) {
                    checkReferenceProduct(pair, entities, set: "F_t")
                    links.modes.append(pair)
                }
            }
        }
        let modePosition = Dictionary(uniqueKeysWithValues: links.modes.enumerated().map { ($1, $0) })
        for p in unique(config.set("P_m")) {
            for f in unique(config.set("F_m")) {
                let pair = MOLAConversion.Pair(flowRefId: f, processRefId: p)
                guard let modes = linked[pair] else { continue }
                checkReferenceProduct(pair, entities, set: "F_m")
                links.suppliers.append(.init(pair: pair, modes: Set(modes.compactMap { modePosition[$0] }).sorted()))
            }
        }
        return links
    }

    mutating func checkReferenceProduct(_ pair: MOLAConversion.Pair, _ entities: Entities, set: String) {
        let process = pair.processRefId.lowercased()
        guard let reference = entities.referenceProduct[process], reference != pair.flowRefId.lowercased() else { return }
        let flowName = entities.flowName[pair.flowRefId.lowercased()] ?? pair.flowRefId
        let processName = entities.processName[process] ?? pair.processRefId
        issue("$.parameters.J", "[\(pair.flowRefId), \(pair.processRefId), ...]: '\(flowName)' (\(set)) is not the reference product of '\(processName)' (\(entities.flowName[reference] ?? reference))",
              hint: "MOLA gives a co-product the whole burden of its process at its own cost, and a flow the process does not make costs nothing; link the flow to the process whose reference product it is")
    }

    /// The one demand the model meets; several positive demands need MOLA's selection binaries.
    mutating func chooseDemand(_ demands: [String], tasks: [String], periods: [String]) -> String? {
        let demand = config.table("Demand"), total = config.table("Total_Demand")
        let active = demands.filter { d in
            tasks.contains { k in (total[MOLAConfiguration.key([d, k])] ?? 0) > 0 || periods.contains { t in (demand[MOLAConfiguration.key([d, k, t])] ?? 0) > 0 } }
        }
        if demands.count > 1 && !active.isEmpty {
            issue("$.parameters.Demand", "set D has \(demands.count) demands (\(Self.sample(demands))): MOLA chooses one of them per task and period with binaries (Demand_Selection)",
                  hint: "lcaopt cannot map the demand selection; keep one demand in D (one configuration per demand)")
            return nil
        }
        guard let chosen = active.first else {
            issue("$.parameters.Demand", "no positive Demand or Total_Demand", hint: "give the demand of at least one task")
            return nil
        }
        for (name, entries) in [("Demand", config.parameter("Demand")), ("Total_Demand", config.parameter("Total_Demand"))] {
            if let bad = entries.first(where: { !$0.value.isFinite || $0.value < 0 }) {
                issue("$.parameters.\(name)", "[\(bad.index.joined(separator: ", "))] is \(bad.value)", hint: "demands are finite and not negative")
            }
        }
        return chosen
    }

    func demandedTasks(_ d: String, tasks: [String], periods: [String]) -> [String] {
        let demand = config.table("Demand"), total = config.table("Total_Demand")
        return tasks.filter { k in
            (total[MOLAConfiguration.key([d, k])] ?? 0) > 0 || periods.contains { (demand[MOLAConfiguration.key([d, k, $0])] ?? 0) > 0 }
        }
    }

    func nativeDemands(_ d: String, tasks: [String], periods: [String]) -> [ModelFile.Demand] {
        let demand = config.table("Demand"), total = config.table("Total_Demand")
        return demandedTasks(d, tasks: tasks, periods: periods).map { k in
            var amounts: [String: Double] = [:]
            for t in periods { if let value = demand[MOLAConfiguration.key([d, k, t])], value > 0 { amounts[t] = value } }
            let taskTotal = total[MOLAConfiguration.key([d, k])].flatMap { $0 > 0 ? $0 : nil }
            return ModelFile.Demand(id: tasks.count == 1 ? d : "\(d)@\(k)", site: k, period: nil,
                                    amount: amounts.isEmpty ? nil : .byPeriod(amounts), total: taskTotal, requires: [d: 1])
        }
    }

    /// MOLA's conversion factor C of `flow` for demand `d`: one number over every task and period.
    mutating func equivalence(_ flow: String, demand d: String, tasks: [String], periods: [String], C: [String: Double]) -> Double? {
        var values: Set<Double> = []
        var missing: [String] = []
        for k in tasks { for t in periods {
            if let value = C[MOLAConfiguration.key([flow, k, d, t])] { values.insert(value) } else { missing.append("[\(flow), \(k), \(d), \(t)]") }
        } }
        if !missing.isEmpty && values.isEmpty {
            issue("$.parameters.C", "no conversion factor for \(Self.sample(missing))", hint: "give C[F_m, K, D, T] for every material flow")
            return nil
        }
        guard values.count == 1, let value = values.first else {
            issue("$.parameters.C", "the conversion factor of flow \(flow) varies by task or period (\(values.sorted().map { "\($0)" }.joined(separator: ", ")))",
                  hint: "lcaopt's equivalence is one number per supplier; split the configuration")
            return nil
        }
        if !value.isFinite || value < 0 {
            issue("$.parameters.C", "the conversion factor of flow \(flow) is \(value)", hint: "give a finite number of at least 0")
            return nil
        }
        return value
    }

    /// MOLA's distance d[P_m, F_m, K, T] as one number per task.
    mutating func distance(_ pair: MOLAConversion.Pair, task k: String, periods: [String], d: [String: Double]) -> Double? {
        let values = Set(periods.compactMap { d[MOLAConfiguration.key([pair.processRefId, pair.flowRefId, k, $0])] })
        guard let value = values.first else {
            issue("$.parameters.d", "no distance for [\(pair.processRefId), \(pair.flowRefId), \(k), ...]",
                  hint: "give d for every linked material and task, or set distance_calculated with X and Y")
            return nil
        }
        if values.count > 1 {
            issue("$.parameters.d", "the distance of [\(pair.processRefId), \(pair.flowRefId), \(k)] varies by period", hint: "lcaopt's distances are per supplier and site")
            return nil
        }
        if !value.isFinite || value < 0 {
            issue("$.parameters.d", "[\(pair.processRefId), \(pair.flowRefId), \(k), ...] is \(value)", hint: "give a finite distance in km")
            return nil
        }
        return value
    }

    /// Sites from the tasks; with `distance_calculated`, their coordinates from X (longitude) and Y (latitude).
    mutating func siteList(_ tasks: [String], periods: [String], coordinates: Bool) -> [ModelFile.Site] {
        let X = config.table("X"), Y = config.table("Y")
        return tasks.map { k in
            guard coordinates else { return ModelFile.Site(id: k, name: nil, latitude: nil, longitude: nil) }
            func value(_ table: [String: Double], _ name: String, _ what: String) -> Double? {
                let values = Set(periods.compactMap { table[MOLAConfiguration.key([k, $0])] })
                guard values.count == 1, let value = values.first, value.isFinite else {
                    issue("$.parameters.\(name)", values.count > 1 ? "the \(what) of task \(k) varies by period" : "task \(k) has no \(what) (\(values.first.map { "\($0)" } ?? "missing"))",
                          hint: "give \(name)[\(k), T], or set distance_calculated to false and give distances d")
                    return nil
                }
                return value
            }
            return ModelFile.Site(id: k, name: nil, latitude: value(Y, "Y", "latitude"), longitude: value(X, "X", "longitude"))
        }
    }

    /// MOLA's objective `u['environment'] * sum_i w[i] * KPI[i] + u['cost'] * cost`.
    func weights(_ kpis: [String]) -> [String: Double]? {
        let u = config.table("u"), w = config.table("w")
        var weights: [String: Double] = ["cost": u["cost"] ?? 1]
        for kpi in kpis { weights[kpi] = (u["environment"] ?? 1) * (w[kpi] ?? 0) }
        return weights
    }

    /// Ids from names where unique, else the name and the first 8 characters of the ref_id.
    static func readableIds(_ names: [String], refIds: [String]) -> [String] {
        var counts: [String: Int] = [:]
        for name in names { counts[name, default: 0] += 1 }
        return zip(names, refIds).map { name, refId in counts[name] == 1 ? name : "\(name) [\(refId.prefix(8))]" }
    }
}
