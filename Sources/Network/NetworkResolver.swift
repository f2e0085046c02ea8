import Foundation
import Impact
import InputSchema
import ModelFamily
import OpenLCA

extension NetworkData {
    /// Resolves a checked network tree (``NetworkSource/read(_:file:)``) against `database` (nil:
    /// a network without openLCA links). `scope` overrides the file's `lciaScope`. Every problem
    /// is reported at once, each with its JSON path.
    public static func resolve(_ tree: JSONValue, database: OpenLCADatabase?, databasePath: String, scope: String? = nil,
                               file: String) throws(ModelError) -> NetworkData {
        let scope = scope ?? tree["lciaScope"]?.string ?? "direct"
        let lca = try NetworkLCA.characterise(tree, database: database, databasePath: databasePath, scope: scope, file: file)
        return try resolve(tree, lca: lca, file: file)
    }

    /// Resolution against an earlier characterisation (a scenario's changed tree).
    static func resolve(_ tree: JSONValue, lca: NetworkLCA, file: String) throws(ModelError) -> NetworkData {
        var resolver = NetworkResolver(tree: tree, lca: lca, file: file)
        if let data = resolver.run(), resolver.issues.isEmpty { return data }
        throw ModelError(file: file, issues: resolver.issues)
    }
}

/// The resolution steps, collecting every problem instead of stopping at the first.
struct NetworkResolver {
    let tree: JSONValue
    /// The characterisation; its unit conversions are remembered for later resolutions (scenarios).
    var lca: NetworkLCA
    let file: String
    var issues: [ModelIssue] = []
    var notes: [String] = []

    var snapshots: [String] = [], weights: [Double] = []
    var periods: [NetworkData.Period] = []
    var snapshotIndex: [String: Int] = [:], periodIndex: [String: Int] = [:]
    var locations: [NetworkData.Location] = [], locationIndex: [String: Int] = [:]
    var carriers: [NetworkData.Carrier] = [], carrierIndex: [String: Int] = [:]
    var buses: [NetworkData.Bus] = [], busIndex: [String: Int] = [:]
    var indicators: [NetworkData.Indicator] = [], indicatorIndex: [String: Int] = [:]
    /// For each indicator, its position in the characterisation's impact vectors (nil: a user indicator).
    var categoryPosition: [Int?] = []
    var builds: [NetworkData.Build] = []
    /// The largest amount in the file (demands, capacities, totals): the scale of solver noise.
    var scale = 0.0

    init(tree: JSONValue, lca: NetworkLCA, file: String) {
        (self.tree, self.lca, self.file) = (tree, lca, file)
    }

    mutating func issue(_ path: String, _ message: String, hint: String? = nil) {
        issues.append(ModelIssue(path, message, hint: hint))
    }

    func items(_ key: String) -> [JSONValue] { tree[key]?.array ?? [] }

    /// Positions of unique ids in list `key`; empty and duplicate ids are reported.
    mutating func index(_ key: String) -> [String: Int] {
        var positions: [String: Int] = [:]
        for (offset, item) in items(key).enumerated() {
            let id = item["id"]?.string ?? ""
            if id.isEmpty { issue("$.\(key)[\(offset)].id", "is empty") }
            if positions[id] != nil { issue("$.\(key)[\(offset)].id", "duplicate id '\(id)'", hint: "ids must be unique within \(key)") } else { positions[id] = offset }
        }
        return positions
    }

    /// A number at `path` that must lie in `range` (nil: absent).
    mutating func number(_ value: JSONValue?, _ path: String, _ range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude, what: String = "") -> Double? {
        guard let number = value?.number else { return nil }
        if !range.contains(number) {
            let bounds = range.upperBound == .greatestFiniteMagnitude ? "at least \(ResultContext.short(range.lowerBound))"
                : "within \(ResultContext.short(range.lowerBound))...\(ResultContext.short(range.upperBound))"
            issue(path, "must be \(bounds)\(what), not \(ResultContext.short(number))")
        }
        return number
    }

    /// A per-snapshot value over (period, snapshot): a number, a map snapshot -> number, or a map
    /// period -> (number or map snapshot -> number); every slice must be given.
    mutating func varying(_ value: JSONValue?, _ path: String, default fallback: Double, range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) -> [Double] {
        let count = periods.count * snapshots.count
        guard let value else { return Array(repeating: fallback, count: count) }
        var result = [Double](repeating: .nan, count: count)
        func fill(_ period: Int?, _ value: JSONValue, _ path: String) {
            let range = period.map { $0...$0 } ?? 0...(periods.count - 1)
            switch value {
            case .number(let number):
                for p in range { for t in snapshots.indices { result[p * snapshots.count + t] = number } }
            case .object(let members):
                for key in members.keys.sorted() {
                    if let t = snapshotIndex[key], let number = members[key]!.number {
                        for p in range { result[p * snapshots.count + t] = number }
                    } else if period == nil, let p = periodIndex[key] {
                        fill(p, members[key]!, "\(path).\(key)")
                    } else {
                        issue("\(path).\(key)", "unknown \(period == nil ? "snapshot or period" : "snapshot") '\(key)'",
                              hint: "use a snapshot id: " + snapshots.prefix(6).joined(separator: ", "))
                    }
                }
            default: break
            }
        }
        fill(nil, value, path)
        if let missing = result.firstIndex(where: \.isNaN), issues.allSatisfy({ !$0.path.hasPrefix(path) }) {
            let p = missing / snapshots.count, t = missing % snapshots.count
            issue(path, "no value for snapshot '\(snapshots[t])'" + (periods.count > 1 ? " in period '\(periods[p].id)'" : ""),
                  hint: "give every snapshot a value, or one number for all")
        }
        for (position, number) in result.enumerated() where !number.isNaN && !range.contains(number) {
            issue(path, "must be within \(ResultContext.short(range.lowerBound))...\(ResultContext.short(range.upperBound)), not \(ResultContext.short(number)) (snapshot '\(snapshots[position % snapshots.count])')")
            break
        }
        return result.map { $0.isNaN ? fallback : $0 }
    }

    /// Runs the steps in order; each reads what earlier ones resolved.
    mutating func run() -> NetworkData? {
        resolveTime()
        resolvePlaces()
        resolveIndicators()
        let supplies = resolveSupplies(), exports = resolveExports(), demands = resolveDemands()
        let links = resolveLinks(), routes = resolveTransport(), stores = resolveStores()
        let limits = resolveLimits()
        let objectives = resolveObjectives()
        guard issues.isEmpty else { return nil }
        let name = tree["name"]?.string ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return NetworkData(
            name: name, database: lca.database, scope: lca.scope, costUnit: tree["currency"]?.string ?? lca.costUnit ?? "USD",
            snapshots: snapshots, snapshotWeights: weights, hasPeriods: tree["periods"] != nil, periods: periods,
            locations: locations, carriers: carriers, buses: buses, indicators: indicators, supplies: supplies, exports: exports,
            demands: demands, links: links, routes: routes, stores: stores, builds: builds, limits: limits, objectives: objectives,
            notes: lca.notes + notes, cutOffs: lca.cutOffs, zeroTolerance: 1e-7 * (scale > 0 ? scale : 1),
            source: tree, file: file, lca: lca)
    }

    /// Snapshots with their weights; periods with their discounted cost weights.
    mutating func resolveTime() {
        snapshotIndex = index("snapshots")
        for (t, item) in items("snapshots").enumerated() {
            snapshots.append(item["id"]?.string ?? "")
            let weight = number(item["weight"], "$.snapshots[\(t)].weight", 1e-12...Double.greatestFiniteMagnitude, what: " (above 0)") ?? 1
            weights.append(weight)
        }
        if tree["snapshots"] == nil { (snapshots, weights, snapshotIndex) = (["1"], [1], ["1": 0]) }
        if snapshots.isEmpty { issue("$.snapshots", "is empty", hint: "list at least one snapshot or leave snapshots out") }
        let rate = number(tree["discountRate"], "$.discountRate", 0...1) ?? 0
        periodIndex = index("periods")
        for (p, item) in items("periods").enumerated() {
            let path = "$.periods[\(p)]"
            let year = item["year"]?.number ?? 0
            let years = number(item["years"], "\(path).years", 1...1e4) ?? 1
            if years != years.rounded() { issue("\(path).years", "must be a whole number of years, not \(years)") }
            if let last = periods.last, year < last.year + last.years {
                issue("\(path).year", "starts in \(ResultContext.short(year)), before the previous period ends (\(ResultContext.short(last.year + last.years)))",
                      hint: "list periods in order, each starting after the one before")
            }
            periods.append(.init(id: item["id"]?.string ?? "", year: year, years: years, costWeight: 0))
            if snapshotIndex[periods[p].id] != nil { issue("\(path).id", "'\(periods[p].id)' is also a snapshot id", hint: "give periods and snapshots distinct ids") }
        }
        if tree["periods"] == nil { periods = [.init(id: "1", year: 0, years: 1, costWeight: 1)] }
        if periods.isEmpty { issue("$.periods", "is empty", hint: "list at least one period or leave periods out") }
        // w(y) = sum over k < years(y) of (1 + r)^-(year(y) + k - year(first)): PyPSA's weighting,
        // unless the period gives its weight.
        let first = periods.first?.year ?? 0
        for (p, item) in items("periods").enumerated() where p < periods.count {
            if let weight = number(item["weight"], "$.periods[\(p)].weight", 1e-12...Double.greatestFiniteMagnitude, what: " (above 0)") {
                periods[p].costWeight = weight
            } else {
                periods[p].costWeight = (0..<Int(periods[p].years)).reduce(0.0) { $0 + pow(1 + rate, -(periods[p].year + Double($1) - first)) }
            }
        }
        if tree["periods"] == nil { periods[0].costWeight = 1 }
    }

    /// Locations, carriers and buses.
    mutating func resolvePlaces() {
        locationIndex = index("locations")
        for (k, item) in items("locations").enumerated() {
            let latitude = number(item["latitude"], "$.locations[\(k)].latitude", -90...90)
            let longitude = number(item["longitude"], "$.locations[\(k)].longitude", -180...180)
            if (latitude == nil) != (longitude == nil) { issue("$.locations[\(k)]", "gives one coordinate", hint: "give both latitude and longitude, or neither") }
            locations.append(.init(id: item["id"]?.string ?? "", latitude: latitude, longitude: longitude))
        }
        carrierIndex = index("carriers")
        carriers = items("carriers").map { .init(id: $0["id"]?.string ?? "", unit: $0["unit"]?.string ?? "unit") }
        busIndex = index("buses")
        for (b, item) in items("buses").enumerated() {
            let carrierId = item["carrier"]?.string ?? ""
            let carrier = carrierIndex[carrierId]
            if carrier == nil { issue("$.buses[\(b)].carrier", "unknown carrier '\(carrierId)'", hint: hint(carrierId, carrierIndex, "carriers")) }
            var location: Int?
            if let locationId = item["location"]?.string {
                location = locationIndex[locationId]
                if location == nil { issue("$.buses[\(b)].location", "unknown location '\(locationId)'", hint: hint(locationId, locationIndex, "locations")) }
            }
            buses.append(.init(id: item["id"]?.string ?? "", carrier: carrier ?? 0, location: location))
        }
    }

    /// Did-you-mean for an unknown reference into `known` (ids of `list`).
    func hint(_ text: String, _ known: [String: Int], _ list: String) -> String {
        if let close = closest(to: text, in: Array(known.keys)) { return "did you mean '\(close)'?" }
        return known.isEmpty ? "\(list) is empty" : "use an id from \(list)"
    }

    /// The bus a component names at `path`.
    mutating func bus(_ value: JSONValue?, _ path: String) -> Int? {
        let id = value?.string ?? ""
        guard let b = busIndex[id] else { issue(path, "unknown bus '\(id)'", hint: hint(id, busIndex, "buses")); return nil }
        return b
    }

    /// Indicators: openLCA categories (resolved in the characterisation) and user indicators.
    mutating func resolveIndicators() {
        indicatorIndex = index("indicators")
        var position = 0
        for (i, item) in items("indicators").enumerated() {
            let id = item["id"]?.string ?? ""
            if id == "cost" { issue("$.indicators[\(i)].id", "'cost' is reserved for the cost objective", hint: "choose another id, e.g. gwp") }
            if let text = item["impactCategory"]?.string {
                let category = lca.categories[text]
                indicators.append(.init(id: id, name: category?.name ?? text, unit: item["unit"]?.string ?? category?.unit ?? "",
                                        method: category?.method ?? "", categoryRefId: category?.refId))
                categoryPosition.append(position)
                position += 1
            } else {
                indicators.append(.init(id: id, name: id, unit: item["unit"]?.string ?? "unit", method: "", categoryRefId: nil))
                categoryPosition.append(nil)
            }
        }
    }

    /// Impacts per unit of activity of an item with `process`, `processAmount` and `impacts`
    /// (under `prefix`), and the process's cost per unit of activity. `unit` is the activity's
    /// unit where one is known (a supply's carrier): a unit of the process's reference flow is
    /// converted without `processAmount` (`docs/network.md` section 4).
    mutating func lcaFactors(_ item: JSONValue?, _ path: String, unit: String?, perKm: Bool = false) -> (impacts: [Double], cost: Double?) {
        var impacts = [Double](repeating: 0, count: indicators.count)
        var cost: Double?
        if let text = item?["process"]?.string, let result = lca.results[text] {
            var amount = number(item?["processAmount"], "\(path).processAmount")
            if amount == nil {
                // A scenario's resolution finds the conversion its first resolution made.
                let key = NetworkLCA.ConversionKey(process: text, unit: unit, perKm: perKm)
                amount = lca.conversions[key] ?? converted(unit: unit, result: result, perKm: perKm, path: path)
                if let amount { lca.conversions[key] = amount }
            }
            let factor = amount ?? 1
            for i in indicators.indices { if let k = categoryPosition[i] { impacts[i] = factor * result.impacts[k] } }
            cost = result.cost.map { $0 * factor }
        }
        for (key, value) in (item?["impacts"]?.object ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let i = indicatorIndex[key] else { issue("\(path).impacts.\(key)", "unknown indicator '\(key)'", hint: hint(key, indicatorIndex, "indicators")); continue }
            impacts[i] += value.number ?? 0
        }
        return (impacts, cost)
    }

    /// Reference units of `result`'s process per unit of activity measured in `unit` (per unit
    /// moved per km when `perKm`), through the database's unit groups; nil with a problem or
    /// note when the units do not convert.
    mutating func converted(unit: String?, result: ProcessResult, perKm: Bool, path: String) -> Double? {
        guard let catalog = lca.catalog else { return nil }
        let units = UnitResolver(catalog: catalog)
        let flow = result.referenceFlow.id
        if perKm {
            guard let unit, let perKgKm = units.massDistanceFactor(flow: flow), let kg = units.kilogram,
                  let carrierUnit = catalog.units.values.filter({ $0.unitGroup == kg.unitGroup && ($0.name == unit || $0.synonyms.contains(unit)) }).min(by: { $0.id < $1.id })
            else {
                issue("\(path).processAmount", "missing: the carrier's unit '\(unit ?? "")' times km does not convert to \(result.referenceUnit) of '\(result.process.name)'",
                      hint: "give processAmount: \(result.referenceUnit) per unit moved per km")
                return nil
            }
            return carrierUnit.conversionFactor / kg.conversionFactor * perKgKm
        }
        guard let unit else {
            notes.append("\(path): '\(result.process.name)' counted once per unit of activity (its reference unit \(result.referenceUnit)); give processAmount to convert")
            return nil
        }
        if unit == result.referenceUnit { return 1 }
        guard let found = units.unit(named: unit, convertibleTo: flow), let factor = units.flowUnits(perUnitOf: found, flow: flow) else {
            issue("\(path).processAmount", "missing: '\(unit)' is not a unit of '\(result.referenceFlow.name)' (\(result.referenceUnit)), the reference flow of '\(result.process.name)'",
                  hint: "give processAmount: \(result.referenceUnit) of the process per \(unit)")
            return nil
        }
        return factor
    }

    /// A yes/no build's index.
    mutating func build(_ id: String, fixedCost: Double?) -> Int? {
        guard let fixedCost else { return nil }
        builds.append(.init(id: id, fixedCost: fixedCost))
        return builds.count - 1
    }

    /// Capacity expansion at `path` (units of capacity in `unit`).
    mutating func expansion(_ item: JSONValue?, _ path: String, unit: String?) -> NetworkData.Expansion? {
        guard let item else { return nil }
        let cost = number(item["cost"], "\(path).cost") ?? 0
        let min = number(item["min"], "\(path).min"), max = number(item["max"], "\(path).max")
        if let min, let max, min > max { issue("\(path).min", "is above max (\(ResultContext.short(min)) > \(ResultContext.short(max)))") }
        let unitSize = number(item["unitSize"], "\(path).unitSize", 1e-12...Double.greatestFiniteMagnitude, what: " (above 0)")
        let lifetime = number(item["lifetime"], "\(path).lifetime", 1e-12...Double.greatestFiniteMagnitude, what: " (above 0)")
        if let max { scale = Swift.max(scale, max) }
        var period: Int?
        if let id = item["period"]?.string {
            if let p = periodIndex[id] { period = p } else {
                issue("\(path).period", "unknown period '\(id)'", hint: "use a period id: " + periods.map(\.id).joined(separator: ", "))
            }
        }
        return .init(cost: cost, min: min, max: max, unitSize: unitSize, lifetime: lifetime, embodied: lcaFactors(item, path, unit: unit).impacts,
                     period: period)
    }

    /// The objectives to report and sweep.
    mutating func resolveObjectives() -> [String] {
        let all = ["cost"] + indicators.map(\.id)
        let chosen = (tree["objectives"]?.array ?? []).compactMap(\.string)
        for (o, name) in chosen.enumerated() where !all.contains(name) {
            issue("$.objectives[\(o)]", "unknown objective '\(name)'", hint: "use cost or an indicator id: \(all.joined(separator: ", "))")
        }
        return chosen.isEmpty ? all : chosen
    }
}
