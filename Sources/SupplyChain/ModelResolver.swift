import struct Foundation.URL
import class Foundation.FileManager
import Impact
import ModelFamily
import OpenLCA

extension SupplyChainData {
    /// Resolves `model` against `database`: every id and name, units, per-unit costs and impacts.
    /// Reports every problem at once, each with its JSON path and a fix hint.
    public static func resolve(_ model: ModelFile, database: OpenLCADatabase, file: String) throws(ModelError) -> SupplyChainData {
        var resolver = ModelResolver(model: model, database: database)
        let data = resolver.run()
        if let data, resolver.issues.isEmpty { return data }
        throw ModelError(file: file, issues: resolver.issues)
    }
}

/// The resolution steps, collecting issues instead of stopping at the first.
struct ModelResolver {
    let model: ModelFile
    let database: OpenLCADatabase
    var issues: [ModelIssue] = []

    // What the steps resolve, in order (each step reads what the earlier ones set).
    var periods: [String] = []
    var periodIndex: [String: Int] = [:], siteIndex: [String: Int] = [:], materialIndex: [String: Int] = [:], modeIndex: [String: Int] = [:]
    var systemScope = false
    var rule: ProviderRule?
    var demands: [SupplyChainData.Demand] = []
    var catalog: Catalog?
    var indicators: [(SupplyChainData.Indicator, ImpactCategory)] = []
    var processIds: [Int64] = []
    var supplierProcesses: [[Process?]] = [], modeProcesses: [Process?] = [], serviceProcesses: [Process?] = []
    var providers: [Int64: Int64] = [:]
    var results: [Int64: ProcessResult] = [:]
    var notes: [String] = [], cutOffs: [String] = []
    var modes: [SupplyChainData.Mode] = [], kgkmFactors: [Double] = []
    var materials: [SupplyChainData.Material] = [], suppliers: [SupplyChainData.Supplier] = []

    init(model: ModelFile, database: OpenLCADatabase) {
        self.model = model
        self.database = database
    }

    mutating func issue(_ path: String, _ message: String, hint: String? = nil) {
        issues.append(ModelIssue(path, message, hint: hint))
    }

    mutating func checkAmount(_ value: Double?, _ path: String, positive: Bool = false) {
        guard let value else { return }
        if !value.isFinite || value < 0 || (positive && value == 0) {
            issue(path, "must be a finite number \(positive ? "above" : "of at least") 0, not \(value)")
        }
    }

    /// Coordinates in range, and both or neither given (one without the other is reported once,
    /// as the missing one).
    mutating func checkCoordinates(_ latitude: Double?, _ longitude: Double?, _ path: String) {
        if let latitude, !(latitude.isFinite && abs(latitude) <= 90) { issue("\(path).latitude", "must be within -90...90, not \(latitude)") }
        if let longitude, !(longitude.isFinite && abs(longitude) <= 180) { issue("\(path).longitude", "must be within -180...180, not \(longitude)") }
        if (latitude == nil) != (longitude == nil) {
            let missing = latitude == nil ? "latitude" : "longitude"
            issue("\(path).\(missing)", "missing (the \(missing == "latitude" ? "longitude" : "latitude") is given)", hint: "give both coordinates or neither")
        }
    }

    /// Positions of unique ids; duplicates are reported.
    mutating func index(_ ids: [String], _ path: String) -> [String: Int] {
        var positions: [String: Int] = [:]
        for (offset, id) in ids.enumerated() {
            if id.isEmpty { issue("\(path)[\(offset)].id", "is empty") }
            if positions[id] != nil {
                issue("\(path)[\(offset)].id", "duplicate id '\(id)'", hint: "ids must be unique within \(path.dropFirst(2))")
            } else {
                positions[id] = offset
            }
        }
        return positions
    }

    /// Runs the steps in order; each reads what earlier ones resolved and reports its problems.
    mutating func run() -> SupplyChainData? {
        checkIdsAndSettings()
        resolveDemands()
        guard resolveDatabaseEntities(), characterise(), let catalog else { return nil }
        resolveModes(catalog)
        resolveMaterialsAndSuppliers(catalog)
        convertTransport()
        let services = resolveServices()
        let storage = resolveStorage()
        let overrides = resolveDistanceOverrides()
        let objectives = resolveObjectives()
        // Mode indexes below refer to the resolved modes: a mode that failed (not measured in
        // mass x distance, unit group without reference unit) would leave them out of step.
        guard modes.count == (model.transport ?? []).count else { return nil }
        var data = SupplyChainData(
            name: model.name ?? "model", costUnit: catalog.referenceCurrency, periods: periods, indicators: indicators.map(\.0), sites: model.sites.map {
                .init(id: $0.id, name: $0.name ?? $0.id, latitude: $0.latitude, longitude: $0.longitude)
            }, materials: materials, suppliers: suppliers, modes: modes, services: services, demands: demands,
            storage: storage, distanceOverrides: overrides, objectives: objectives, weights: model.weights, notes: notes)
        checkNumbers(&data)
        data.database = DisplayPath.of(database.path)
        data.scope = systemScope ? "system" : "direct"
        data.cutOffs = cutOffs
        if !indicators.isEmpty {
            data.impactLinks = ImpactLinks(processes: Array(Set(processIds)).sorted(), categories: indicators.map(\.1.id), scope: data.scope,
                                           providerRule: (rule ?? .first).rawValue, providers: providers)
        }
        checkDistances(&data)
        return issues.isEmpty ? data : nil
    }

    /// Ids unique within their kind, the scope and provider rule known, coordinates in range.
    mutating func checkIdsAndSettings() {
        periods = model.periods ?? ["1"]
        if periods.isEmpty { issue("$.periods", "is empty", hint: "list at least one period or leave periods out") }
        periodIndex = index(periods, "$.periods")
        siteIndex = index(model.sites.map(\.id), "$.sites")
        materialIndex = index(model.materials.map(\.id), "$.materials")
        modeIndex = index((model.transport ?? []).map(\.id), "$.transport")
        _ = index((model.services ?? []).map(\.id), "$.services")
        _ = index(model.demands.map(\.id), "$.demands")
        _ = index((model.indicators ?? []).map(\.id), "$.indicators")
        var supplierIds: [String: Int] = [:]
        for (m, material) in model.materials.enumerated() {
            if material.suppliers.isEmpty { issue("$.materials[\(m)].suppliers", "is empty", hint: "add at least one supplier") }
            for (s, supplier) in material.suppliers.enumerated() {
                if supplierIds[supplier.id] != nil {
                    issue("$.materials[\(m)].suppliers[\(s)].id", "duplicate supplier id '\(supplier.id)'")
                }
                supplierIds[supplier.id] = supplierIds.count
            }
        }
        systemScope = model.lciaScope == "system"
        if let scope = model.lciaScope, scope != "direct" && scope != "system" {
            issue("$.lciaScope", "unknown scope '\(scope)'", hint: "use \"direct\" or \"system\"")
        }
        rule = ProviderRule(rawValue: model.providerRule ?? "first")
        if rule == nil { issue("$.providerRule", "unknown rule '\(model.providerRule!)'", hint: "use first, same-location or fail") }
        for (k, site) in model.sites.enumerated() {
            checkCoordinates(site.latitude, site.longitude, "$.sites[\(k)]")
        }
        for (m, material) in model.materials.enumerated() {
            for (s, supplier) in material.suppliers.enumerated() {
                checkCoordinates(supplier.latitude, supplier.longitude, "$.materials[\(m)].suppliers[\(s)]")
            }
        }
    }

    /// Each demand's amounts per period, total and required materials.
    mutating func resolveDemands() {
        for (d, demand) in model.demands.enumerated() {
            let path = "$.demands[\(d)]"
            let site = siteIndex[demand.site]
            if site == nil { issue("\(path).site", "unknown site '\(demand.site)'", hint: "use an id from sites") }
            var amounts = [Double](repeating: 0, count: periods.count)
            switch demand.amount {
            case .every(let value)?:
                checkAmount(value, "\(path).amount")
                if let period = demand.period {
                    if let t = periodIndex[period] { amounts[t] = value } else { issue("\(path).period", "unknown period '\(period)'") }
                } else if periods.count == 1 {
                    amounts[0] = value
                } else {
                    issue("\(path).period", "missing", hint: "give the period of the amount, or a map period -> amount")
                }
            case .byPeriod(let map)?:
                for (period, value) in map.sorted(by: { $0.key < $1.key }) {
                    checkAmount(value, "\(path).amount.\(period)")
                    if let t = periodIndex[period] { amounts[t] = value } else { issue("\(path).amount.\(period)", "unknown period '\(period)'") }
                }
            case nil:
                if demand.total == nil { issue("\(path).amount", "missing", hint: "give an amount or a total") }
            }
            checkAmount(demand.total, "\(path).total")
            var requires: [Int: Double] = [:]
            if demand.requires.isEmpty { issue("\(path).requires", "is empty", hint: "name the materials this demand needs") }
            for (materialId, amount) in demand.requires.sorted(by: { $0.key < $1.key }) {
                checkAmount(amount, "\(path).requires.\(materialId)")
                if let m = materialIndex[materialId] { requires[m] = amount } else {
                    issue("\(path).requires.\(materialId)", "unknown material '\(materialId)'")
                }
            }
            demands.append(.init(id: demand.id, site: site ?? 0, amounts: amounts, total: demand.total, requires: requires))
        }
        let totalDemand = demands.reduce(0.0) { $0 + $1.amounts.reduce(0, +) + ($1.total ?? 0) }
        if model.demands.isEmpty || totalDemand == 0 {
            issue("$.demands", "no demand", hint: "give at least one demand with a positive amount")
        }
    }

    /// The database's catalog, the indicators' categories, every process and explicit provider
    /// the file names; false when the model cannot go on.
    mutating func resolveDatabaseEntities() -> Bool {
        do { catalog = try database.catalog() } catch {
            issue("$.database", "\(error)")
            return false
        }
        indicators = resolveIndicators()
        func process(_ text: String, _ path: String) -> Process? {
            do {
                let process = try database.process(matching: text)
                processIds.append(process.id)
                return process
            } catch {
                issue(path, "\(error)")
                return nil
            }
        }
        supplierProcesses = model.materials.enumerated().map { m, material in
            material.suppliers.enumerated().map { s, supplier in process(supplier.process, "$.materials[\(m)].suppliers[\(s)].process") }
        }
        modeProcesses = (model.transport ?? []).enumerated().map { r, mode in process(mode.process, "$.transport[\(r)].process") }
        serviceProcesses = (model.services ?? []).enumerated().map { q, service in process(service.process, "$.services[\(q)].process") }
        for (flowName, processName) in (model.providers ?? [:]).sorted(by: { $0.key < $1.key }) {
            do {
                providers[try database.flow(matching: flowName).id] = try database.process(matching: processName).id
            } catch {
                issue("$.providers.\(flowName)", "\(error)")
            }
        }
        return issues.isEmpty
    }

    /// Impacts and costs per reference unit of every process named, in the model's scope, with
    /// the notes a practitioner should read (system network, bad database values).
    mutating func characterise() -> Bool {
        let lcia: LCIAResult
        do {
            let ids = Array(Set(processIds)).sorted(), categories = indicators.map(\.1.id)
            if systemScope {
                let system = try SystemCharacterisation.compute(database: database, processes: ids, categories: categories,
                                                                options: SystemOptions(providerRule: rule ?? .first, providers: providers))
                lcia = system.lcia
                cutOffs = system.cutOffs.map(\.flowName)
                notes.append(system.summary + (system.cutOffs.isEmpty ? "" : " (\(system.cutOffs.prefix(5).map(\.flowName).joined(separator: "; "))\(system.cutOffs.count > 5 ? "; ..." : ""))"))
                let choices = system.choices.prefix(5).map { "\($0.flowName): \($0.providerName) of \($0.candidates)" }
                if !choices.isEmpty {
                    notes.append("providers chosen by rule \(rule?.rawValue ?? "first"): " + choices.joined(separator: "; ")
                                 + (system.choices.count > 5 ? " and \(system.choices.count - 5) more" : "") + " (\"providers\" in the model file fixes them)")
                }
            } else {
                lcia = try DirectCharacterisation.compute(database: database, processes: ids, categories: categories)
            }
        } catch {
            issue("$", "\(error)")
            return false
        }
        for result in lcia.processes { results[result.process.id] = result }
        // Bad database values are said, never silently zero: per process with its counts, and
        // per category for its factors.
        notes += lcia.warnings
        for result in lcia.processes where !result.dataProblems.isEmpty {
            notes.append("process '\(result.process.name)' (\(result.process.refId)): " + result.dataProblems.joined(separator: "; "))
        }
        return true
    }

    /// Storage entries by material and site.
    mutating func resolveStorage() -> [SupplyChainData.Storage] {
        var storage: [SupplyChainData.Storage] = []
        for (h, entry) in (model.storage ?? []).enumerated() {
            checkAmount(entry.cost, "$.storage[\(h)].cost")
            guard let m = materialIndex[entry.material] else { issue("$.storage[\(h)].material", "unknown material '\(entry.material)'"); continue }
            guard let k = siteIndex[entry.site] else { issue("$.storage[\(h)].site", "unknown site '\(entry.site)'"); continue }
            storage.append(.init(material: m, site: k, cost: entry.cost ?? 0))
        }
        return storage
    }

    /// Distance overrides by (supplier, site).
    mutating func resolveDistanceOverrides() -> [SupplyChainData.Pair: Double] {
        var overrides: [SupplyChainData.Pair: Double] = [:]
        let supplierPosition = Dictionary(uniqueKeysWithValues: suppliers.enumerated().map { ($1.id, $0) })
        for (o, entry) in (model.distances ?? []).enumerated() {
            checkAmount(entry.km, "$.distances[\(o)].km")
            guard let s = supplierPosition[entry.supplier] else { issue("$.distances[\(o)].supplier", "unknown supplier '\(entry.supplier)'"); continue }
            guard let k = siteIndex[entry.site] else { issue("$.distances[\(o)].site", "unknown site '\(entry.site)'"); continue }
            overrides[.init(s, k)] = entry.km
        }
        return overrides
    }

    /// The objectives to report and sweep, and the weights' names.
    mutating func resolveObjectives() -> [String] {
        let objectiveNames = ["cost"] + indicators.map(\.0.id)  // SupplyChainData.measuredObjectiveIds, before the data exists
        let objectives = model.objectives ?? objectiveNames
        for (o, name) in objectives.enumerated() where !objectiveNames.contains(name) {
            issue("$.objectives[\(o)]", "unknown objective '\(name)'", hint: "use cost or an indicator id: \(objectiveNames.joined(separator: ", "))")
        }
        for name in (model.weights ?? [:]).keys.sorted() where !objectiveNames.contains(name) {
            issue("$.weights.\(name)", "unknown objective '\(name)'", hint: "use cost or an indicator id")
        }
        return objectives
    }

    mutating func resolveIndicators() -> [(SupplyChainData.Indicator, ImpactCategory)] {
        var result: [(SupplyChainData.Indicator, ImpactCategory)] = []
        for (i, indicator) in (model.indicators ?? []).enumerated() {
            if indicator.id == "cost" || indicator.id == "weighted" {
                issue("$.indicators[\(i)].id", "'\(indicator.id)' is reserved for an objective", hint: "choose another id, e.g. gwp")
            }
            do {
                let category = try database.impactCategory(matching: indicator.impactCategory)
                let method = (try? database.catalog().methodNames(of: category).joined(separator: "; ")) ?? ""
                result.append((.init(id: indicator.id, categoryRefId: category.refId, name: category.name, unit: category.referenceUnit ?? "",
                                     method: method), category))
            } catch {
                issue("$.indicators[\(i)].impactCategory", "\(error)")
            }
        }
        return result
    }

    /// Every supplier with transport needs a distance to every site that demands its material.
    mutating func checkDistances(_ data: inout SupplyChainData) {
        var reported = Set<String>()
        for (s, supplier) in data.suppliers.enumerated() where !supplier.modes.isEmpty {
            let sites = Set(data.demands.filter { ($0.requires[supplier.material] ?? 0) > 0 }.map(\.site))
            for k in sites.sorted() where data.distance(supplier: s, site: k, mode: supplier.modes[0]) == nil {
                let hasOwn = supplier.latitude != nil && supplier.longitude != nil
                // A site or supplier with one coordinate was reported as missing the other.
                if (data.sites[k].latitude == nil) != (data.sites[k].longitude == nil) { continue }
                if (supplier.latitude == nil) != (supplier.longitude == nil) { continue }
                guard reported.insert(hasOwn ? "site \(k)" : "supplier \(s)").inserted else { continue }
                let m = supplier.material
                let position = model.materials[m].suppliers.firstIndex { $0.id == supplier.id } ?? 0
                issue(hasOwn ? "$.sites[\(k)]" : "$.materials[\(m)].suppliers[\(position)]",
                      hasOwn ? "site '\(data.sites[k].id)' has no coordinates" : "supplier '\(supplier.id)' has no coordinates (its process location has none)",
                      hint: hasOwn ? "give its latitude and longitude, or distances entries for it (e.g. supplier '\(supplier.id)', site '\(data.sites[k].id)')"
                          : "give latitude and longitude, or a distances entry for supplier '\(supplier.id)' and site '\(data.sites[k].id)'")
            }
        }
    }
}
