import Foundation
import InputSchema
import ModelFamily
import SwiftCSV

/// A PyPSA network as `Network.export_to_csv_folder` writes it, read as a network file's tree
/// (`docs/network.md` section 5): generators become supplies, loads demands, links (any number of
/// buses) links, stores stores, storage units a store with charging and discharging links; carriers' `co2_emissions` become the indicator `co2` (t per MWh of
/// primary energy, over each generator's efficiency) and a `primary_energy` global constraint its
/// cap; snapshot weightings the snapshots' weights. Static attributes and `COMPONENT-ATTR.csv`
/// series are read; PyPSA's results (`-p.csv`, `-e.csv`, `marginal_price`, `mu`, `_opt`
/// columns) are ignored; what lcaopt cannot model exactly is rejected by name with the reason.
public struct PyPSAFolder {
    public let folder: String
    var issues: [ModelIssue] = []
    private var snapshotIds: [String] = []
    /// Multi-period networks (PyPSA's investment periods): each snapshot label's period and
    /// timestep, the periods in order with their year and `years` weighting.
    private var slices: [(label: String, period: String, timestep: String)] = []
    private var periods: [(id: String, year: Double, years: Double)] = []

    /// True when `path` is a folder written by PyPSA (it holds `network.csv` or `buses.csv`).
    public static func recognises(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        return ["network.csv", "buses.csv"].contains { FileManager.default.fileExists(atPath: path + "/" + $0) }
    }

    /// The network tree of the folder at `folder`, checked against the network file's shape.
    public static func read(_ folder: String) throws(ModelError) -> JSONValue {
        var reader = PyPSAFolder(folder: folder)
        let tree = reader.tree()
        var problems = reader.issues
        if problems.isEmpty { problems = NetworkShape.shape.problems(in: tree) }
        guard problems.isEmpty else { throw ModelError(file: folder, issues: problems) }
        return tree
    }

    init(folder: String) { self.folder = folder }

    mutating func issue(_ path: String, _ message: String, hint: String? = nil) {
        issues.append(ModelIssue(path, message, hint: hint))
    }

    // MARK: Tables

    /// One static table: a row per component, cells by column.
    struct Table {
        var columns: [String]
        var rows: [[String: String]]
        var names: [String] { rows.map { $0["name"] ?? "" } }
    }

    private func exists(_ file: String) -> Bool { FileManager.default.fileExists(atPath: folder + "/" + file) }

    /// The CSV `file` as a header and rows (nil when absent); `path` names it in problems.
    private mutating func csv(_ file: String) -> (header: [String], rows: [[String]])? {
        guard exists(file) else { return nil }
        guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8),
              let parsed = try? EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false) else {
            issue(file, "not readable as CSV (UTF-8, comma-separated)", hint: "export the network again with export_to_csv_folder, or fix the file")
            return nil
        }
        let rows = parsed.rows.filter { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        return (parsed.header.map { $0.trimmingCharacters(in: .whitespaces) }, rows)
    }

    /// A component's static table (`generators.csv`): nil when absent or empty.
    private mutating func table(_ component: String) -> Table? {
        guard let (header, rows) = csv("\(component).csv"), !rows.isEmpty else { return nil }
        // The first column is the component name (`name`, or unnamed in older exports).
        var columns = header
        if let first = columns.first, first.isEmpty || first == "Unnamed: 0" { columns[0] = "name" }
        return Table(columns: columns, rows: rows.map { row in
            Dictionary(zip(columns, row.map { $0.trimmingCharacters(in: .whitespaces) }), uniquingKeysWith: { a, _ in a })
        })
    }

    /// `COMPONENT-ATTR.csv` as column -> value per snapshot (nil when absent).
    private mutating func series(_ component: String, _ attribute: String) -> [String: [String: Double]]? {
        let file = "\(component)-\(attribute).csv"
        guard let (header, rows) = csv(file) else { return nil }
        var result: [String: [String: Double]] = [:]
        for (offset, row) in rows.enumerated() {
            guard let snapshot = row.first else { continue }
            for (column, cell) in zip(header.dropFirst(), row.dropFirst()) where !cell.isEmpty {
                guard let value = Double(cell) else { issue(file, "line \(offset + 2), column \(column): '\(cell)' is not a number"); continue }
                result[column, default: [:]][snapshot] = value
            }
        }
        return result
    }

    // MARK: The tree

    /// Attributes that describe or report and change nothing in the optimum lcaopt builds.
    static let ignored: Set<String> = ["control", "type", "carrier", "sub_network", "generator", "x", "y", "v_nom", "unit", "location",
                                       "v_mag_pu_set", "v_mag_pu_min", "v_mag_pu_max", "q_set", "sign", "active", "length",
                                       "color", "nice_name", "max_growth", "max_relative_growth", "weight", "reversed"]

    /// A component's attributes that lcaopt does not model, present with a value other than
    /// PyPSA's default: each is a problem naming the component.
    private mutating func rejectUnsupported(_ table: Table, _ component: String, supported: Set<String>, defaults: [String: Set<String>] = [:]) {
        let common: [String: Set<String>] = [
            "sign": ["1", "1.0", "-1", "-1.0"], "active": ["True", "true", "1"], "committable": ["False", "false", "0", ""],
            "lifetime": ["inf", ""], "build_year": ["0", "0.0", ""], "ramp_limit_up": ["", "nan", "NaN"], "ramp_limit_down": ["", "nan", "NaN"],
            "min_up_time": ["0", ""], "min_down_time": ["0", ""], "start_up_cost": ["0", "0.0", ""], "shut_down_cost": ["0", "0.0", ""],
            "marginal_cost_quadratic": ["0", "0.0", ""], "stand_by_cost": ["0", "0.0", ""], "p_set": ["0", "0.0", ""],
            "e_min_pu": ["0", "0.0", ""], "e_max_pu": ["1", "1.0", ""], "e_initial_per_period": ["False", ""], "e_cyclic_per_period": ["True", ""],
            "p_nom_mod": ["0", "0.0", ""], "e_nom_mod": ["0", "0.0", ""], "up_time_before": ["1", ""], "down_time_before": ["0", ""],
        ]
        for column in table.columns where column != "name" && !supported.contains(column) && !Self.ignored.contains(column)
            && !column.hasSuffix("_opt") && !column.hasPrefix("mu") && column != "p_nom_opt" {
            let allowed = defaults[column] ?? common[column]
            for row in table.rows {
                let value = row[column] ?? ""
                if allowed?.contains(value) == true || (allowed == nil && value.isEmpty) { continue }
                let why = column == "committable" ? "unit commitment (committable) needs start-up decisions lcaopt does not model"
                    : "lcaopt does not model \(column)"
                issue("\(component).csv", "\(component) '\(row["name"] ?? "")': \(column) = \(value): \(why)", hint: "remove it, or keep PyPSA's default")
            }
        }
    }

    /// Series files that hold results, not inputs.
    static func isResult(_ attribute: String) -> Bool {
        ["p", "q", "e", "marginal_price", "status", "state_of_charge", "spill", "p_dispatch", "p_store", "v_mag_pu", "v_ang",
         "start_up", "shut_down"].contains(attribute)
            || attribute.hasPrefix("mu") || attribute.hasSuffix("_opt") || (attribute.hasPrefix("p") && Int(attribute.dropFirst()) != nil)
    }

    mutating func tree() -> JSONValue {
        // PyPSA's costs carry no currency: they are the network's own units.
        var network: [String: JSONValue] = ["kind": .string("network"), "name": .string(URL(fileURLWithPath: folder).lastPathComponent),
                                            "currency": .string("currency")]
        rejectPowerFlow()
        snapshots(&network)
        let carriers = table("carriers")
        var co2: [String: Double] = [:]
        for row in carriers?.rows ?? [] { if let value = Double(row["co2_emissions"] ?? ""), value != 0 { co2[row["name"] ?? ""] = value } }
        if let carriers { rejectUnsupported(carriers, "carriers", supported: ["co2_emissions"]) }
        buses(&network)
        if !co2.isEmpty || exists("global_constraints.csv") {
            network["indicators"] = .array([.object(["id": .string("co2"), "unit": .string("t")])])
        }
        generators(&network, co2: co2)
        loads(&network)
        links(&network)
        stores(&network, co2: co2)
        storageUnits(&network, co2: co2)
        globalConstraints(&network)
        rejectUnknownSeries()
        return .object(network)
    }

    /// Components that need power-flow physics, and storage units, are rejected by name.
    private mutating func rejectPowerFlow() {
        for component in ["lines", "transformers", "shunt_impedances"] {
            for name in table(component)?.names ?? [] {
                issue("\(component).csv", "\(component.dropLast()) '\(name)': \(component) need power-flow physics (impedances, Kirchhoff's laws), which lcaopt does not model",
                      hint: "replace it by a link (a transport model), or remove it")
            }
        }
    }

    private mutating func snapshots(_ network: inout [String: JSONValue]) {
        guard let (header, rows) = csv("snapshots.csv") else {
            network["snapshots"] = .array([.object(["id": .string("now"), "weight": .number(1)])])
            snapshotIds = ["now"]
            return
        }
        let snapshot = header.firstIndex(of: "snapshot") ?? 0
        let objective = header.firstIndex(of: "objective"), stores = header.firstIndex(of: "stores"), generators = header.firstIndex(of: "generators")
        if let period = header.firstIndex(of: "period"), let timestep = header.firstIndex(of: "timestep") {
            return investmentPeriods(&network, rows: rows, label: snapshot, period: period, timestep: timestep, weights: [objective, stores, generators])
        }
        var items: [JSONValue] = []
        for (offset, row) in rows.enumerated() {
            let id = row[snapshot]
            let weights = [objective, stores, generators].map { $0.flatMap { Double(row[$0]) } ?? 1 }
            if weights.contains(where: { abs($0 - weights[0]) > 1e-12 * max(1, abs(weights[0])) }) {
                issue("snapshots.csv", "line \(offset + 2): snapshot '\(id)' weighs \(weights.map { ResultContext.short($0) }.joined(separator: ", ")) for objective, stores and generators",
                      hint: "lcaopt weighs a snapshot once for all three: give them equal weightings")
            }
            snapshotIds.append(id)
            items.append(.object(["id": .string(id), "weight": .number(weights[0])]))
        }
        network["snapshots"] = .array(items)
    }

    /// Snapshots over investment periods (`snapshots.csv` with `period` and `timestep`, and
    /// `investment_periods.csv` with each period's `objective` and `years` weightings): the
    /// periods, each weighted by its objective weighting, and the timesteps as snapshots, which
    /// every period must share, with the same weighting in each.
    private mutating func investmentPeriods(_ network: inout [String: JSONValue], rows: [[String]], label: Int, period: Int, timestep: Int, weights: [Int?]) {
        guard let table = table("investment_periods") else {
            issue("investment_periods.csv", "missing: snapshots.csv has periods", hint: "export the network with its investment periods")
            return
        }
        var items: [JSONValue] = []
        for row in table.rows {
            let id = row["name"] ?? row["period"] ?? ""
            guard let year = Double(id) else { issue("investment_periods.csv", "period '\(id)' is not a year"); continue }
            let years = number(row, "years", 1, "investment_periods.csv"), weight = number(row, "objective", 1, "investment_periods.csv")
            periods.append((id: Self.yearId(year), year: year, years: years))
            items.append(.object(["id": .string(Self.yearId(year)), "year": .number(year), "years": .number(years), "weight": .number(weight)]))
        }
        var weightOf: [String: Double] = [:], order: [String] = []
        for (offset, row) in rows.enumerated() {
            let values = weights.map { $0.flatMap { Double(row[$0]) } ?? 1 }
            let periodId = Double(row[period]).map(Self.yearId) ?? row[period], step = row[timestep]
            if values.contains(where: { abs($0 - values[0]) > 1e-12 * max(1, abs(values[0])) }) {
                issue("snapshots.csv", "line \(offset + 2): snapshot '\(row[label])' weighs \(values.map { ResultContext.short($0) }.joined(separator: ", ")) for objective, stores and generators",
                      hint: "lcaopt weighs a snapshot once for all three: give them equal weightings")
            }
            if let known = weightOf[step] {
                if abs(known - values[0]) > 1e-12 * max(1, abs(known)) {
                    issue("snapshots.csv", "line \(offset + 2): timestep '\(step)' weighs \(ResultContext.short(values[0])) in period \(periodId), \(ResultContext.short(known)) in another",
                          hint: "lcaopt's periods share their snapshots and weightings")
                }
            } else {
                weightOf[step] = values[0]
                order.append(step)
            }
            if !periods.contains(where: { $0.id == periodId }) { issue("snapshots.csv", "line \(offset + 2): period \(row[period]) is not in investment_periods.csv") }
            slices.append((label: row[label], period: periodId, timestep: step))
        }
        for p in periods where slices.filter({ $0.period == p.id }).count != order.count {
            issue("snapshots.csv", "period \(p.id) has \(slices.filter { $0.period == p.id }.count) of the \(order.count) timesteps", hint: "lcaopt's periods share their snapshots")
        }
        snapshotIds = order
        network["periods"] = .array(items)
        network["snapshots"] = .array(order.map { .object(["id": .string($0), "weight": .number(weightOf[$0]!)]) })
    }

    /// A year as a period id: `2030`, not `2030.0`.
    static func yearId(_ year: Double) -> String { year == year.rounded() && abs(year) < 1e15 ? String(Int64(year)) : "\(year)" }

    /// A component's `build_year` and `lifetime` over investment periods (PyPSA: active in
    /// period p when build_year <= p < build_year + lifetime); nil without periods, where a
    /// build year or lifetime other than PyPSA's default is a problem.
    private mutating func lifetime(_ row: [String: String], file: String, kind: String) -> (build: Double, lifetime: Double)? {
        guard !periods.isEmpty, !slices.isEmpty else {
            if !["0", "0.0", ""].contains(row["build_year"] ?? "") || !["inf", ""].contains(row["lifetime"] ?? "") {
                issue(file, "\(kind) '\(row["name"] ?? "")': build_year and lifetime matter only over investment periods, which this network has none of",
                      hint: "remove them, or add investment periods")
            }
            return nil
        }
        return (number(row, "build_year", 0, file), number(row, "lifetime", .infinity, file))
    }

    /// The period an extendable component is built in (that of its build year; year 0 with no
    /// end: the first, active in all) and its lifetime; nil without periods.
    private mutating func buildPeriod(_ row: [String: String], file: String, kind: String) -> (period: String, lifetime: Double?)? {
        guard let (build, lifetime) = lifetime(row, file: file, kind: kind) else { return nil }
        let period = build == 0 && !lifetime.isFinite ? periods.first : periods.first { $0.year == build }
        guard let period else {
            issue(file, "\(kind) '\(row["name"] ?? "")': build_year \(Self.yearId(build)) is not an investment period (\(periods.map(\.id).joined(separator: ", ")))",
                  hint: "lcaopt builds capacity at the start of a period: give a period's year")
            return nil
        }
        return (period.id, lifetime.isFinite ? lifetime : nil)
    }

    /// Fixed capacity must be active in every investment period (lcaopt's existing capacity is).
    private mutating func requireActiveInEveryPeriod(_ row: [String: String], file: String, kind: String) {
        guard let (build, lifetime) = lifetime(row, file: file, kind: kind),
              periods.contains(where: { !(build <= $0.year && $0.year < build + lifetime) }) else { return }
        issue(file, "\(kind) '\(row["name"] ?? "")': fixed capacity active in some investment periods only (build_year \(Self.yearId(build)), lifetime \(ResultContext.short(lifetime))) is not mapped",
              hint: "make it extendable with p_nom_min = p_nom_max, or active in every period")
    }

    private mutating func buses(_ network: inout [String: JSONValue]) {
        guard let buses = table("buses") else { issue("buses.csv", "missing or empty", hint: "a PyPSA folder lists its buses in buses.csv"); return }
        rejectUnsupported(buses, "buses", supported: [])
        var carriers: [String] = []
        network["buses"] = .array(buses.rows.map { row in
            let carrier = (row["carrier"] ?? "").isEmpty ? "AC" : row["carrier"]!
            if !carriers.contains(carrier) { carriers.append(carrier) }
            return .object(["id": .string(row["name"] ?? ""), "carrier": .string(carrier)])
        })
        network["carriers"] = .array(carriers.map { .object(["id": .string($0), "unit": .string("MWh")]) })
    }

    /// A static number (`fallback` when empty), or nil with a problem when not a number.
    private mutating func number(_ row: [String: String], _ column: String, _ fallback: Double, _ file: String) -> Double {
        let text = row[column] ?? ""
        if text.isEmpty { return fallback }
        guard let value = Double(text) else { issue(file, "\(row["name"] ?? ""): \(column) '\(text)' is not a number"); return fallback }
        return value
    }

    private func flag(_ row: [String: String], _ column: String) -> Bool { ["True", "true", "1"].contains(row[column] ?? "") }

    /// A per-snapshot value: the series' column for `name` where the series has one, else the static value.
    private func varying(_ series: [String: [String: Double]]?, _ name: String, _ value: Double) -> JSONValue {
        guard let column = series?[name] else { return .number(value) }
        return perSnapshot { column[$0] ?? value }
    }

    /// A value per snapshot from its label in the series files: `{snapshot: value}`, or over
    /// investment periods `{period: {timestep: value}}`.
    private func perSnapshot(_ value: (String) -> Double) -> JSONValue {
        guard !slices.isEmpty else { return .object(Dictionary(uniqueKeysWithValues: snapshotIds.map { ($0, JSONValue.number(value($0))) })) }
        var nested: [String: [String: JSONValue]] = [:]
        for slice in slices { nested[slice.period, default: [:]][slice.timestep] = .number(value(slice.label)) }
        return .object(nested.mapValues { .object($0) })
    }

    /// A PyPSA component's `build_year` and `lifetime`, read by ``buildPeriod``.
    static let lifetimeColumns: Set<String> = ["build_year", "lifetime"]

    /// `{cost, min?, max?, unitSize?, period?, lifetime?}` of an extendable component's `prefix`
    /// (`p_nom` or `e_nom`), built in the period of its build year over investment periods.
    private mutating func expansion(_ row: [String: String], _ prefix: String, _ file: String, kind: String) -> JSONValue {
        var expansion: [String: JSONValue] = ["cost": .number(number(row, "capital_cost", 0, file))]
        if let (period, lifetime) = buildPeriod(row, file: file, kind: kind) {
            expansion["period"] = .string(period)
            if let lifetime { expansion["lifetime"] = .number(lifetime) }
        }
        let minimum = number(row, "\(prefix)_min", 0, file), maximum = number(row, "\(prefix)_max", .infinity, file)
        let unit = number(row, "\(prefix)_mod", 0, file)
        if minimum != 0 { expansion["min"] = .number(minimum) }
        if maximum.isFinite { expansion["max"] = .number(maximum) }
        if unit > 0 { expansion["unitSize"] = .number(unit) }
        return .object(expansion)
    }

    private mutating func generators(_ network: inout [String: JSONValue], co2: [String: Double]) {
        guard let generators = table("generators") else { return }
        let supported = Set(["bus", "p_nom", "p_nom_extendable", "p_nom_min", "p_nom_max", "p_nom_mod", "capital_cost", "marginal_cost",
                             "efficiency", "p_min_pu", "p_max_pu", "committable"]).union(Self.lifetimeColumns)
        rejectUnsupported(generators, "generators", supported: supported)
        for row in generators.rows where flag(row, "committable") {
            issue("generators.csv", "generator '\(row["name"] ?? "")': committable: unit commitment needs start-up decisions lcaopt does not model",
                  hint: "set committable to False")
        }
        let maxPU = series("generators", "p_max_pu"), minPU = series("generators", "p_min_pu"), cost = series("generators", "marginal_cost")
        network["supplies"] = .array(generators.rows.map { row in
            let name = row["name"] ?? "", file = "generators.csv"
            var supply: [String: JSONValue] = ["id": .string(name), "bus": .string(row["bus"] ?? "")]
            supply["cost"] = varying(cost, name, number(row, "marginal_cost", 0, file))
            supply["availability"] = varying(maxPU, name, number(row, "p_max_pu", 1, file))
            let minimum = number(row, "p_min_pu", 0, file), pNom = number(row, "p_nom", 0, file)
            let extendable = flag(row, "p_nom_extendable")
            if extendable {
                supply["expansion"] = expansion(row, "p_nom", file, kind: "generator")
                if minimum != 0 || minPU?[name] != nil {
                    issue(file, "generator '\(name)': p_min_pu on an extendable generator (a minimum that grows with the built capacity) is not mapped",
                          hint: "give it p_min_pu 0, or a fixed p_nom")
                }
            } else {
                requireActiveInEveryPeriod(row, file: file, kind: "generator")
                supply["capacity"] = .number(pNom)
                if let column = minPU?[name] {
                    supply["minimum"] = perSnapshot { (column[$0] ?? minimum) * pNom }
                } else if minimum != 0 {
                    supply["minimum"] = .number(minimum * pNom)
                }
            }
            // PyPSA counts a carrier's emissions per MWh of primary energy: p / efficiency.
            if let factor = co2[row["carrier"] ?? ""] {
                supply["impacts"] = .object(["co2": .number(factor / number(row, "efficiency", 1, file))])
            }
            return .object(supply)
        })
    }

    private mutating func loads(_ network: inout [String: JSONValue]) {
        guard let loads = table("loads") else { return }
        rejectUnsupported(loads, "loads", supported: ["bus", "p_set"], defaults: ["sign": ["-1", "-1.0", ""]])
        let pSet = series("loads", "p_set")
        network["demands"] = .array(loads.rows.map { row in
            let name = row["name"] ?? ""
            return .object(["id": .string(name), "bus": .string(row["bus"] ?? ""), "amount": varying(pSet, name, number(row, "p_set", 0, "loads.csv"))])
        })
    }

    private mutating func links(_ network: inout [String: JSONValue]) {
        guard let links = table("links") else { return }
        let busColumns = links.columns.filter { $0.hasPrefix("bus") && Int($0.dropFirst(3)) != nil }.sorted { Int($0.dropFirst(3))! < Int($1.dropFirst(3))! }
        let efficiencyColumns = Set(busColumns.dropFirst(2).map { "efficiency" + $0.dropFirst(3) })
        rejectUnsupported(links, "links", supported: Set(busColumns).union(efficiencyColumns).union(["efficiency", "p_nom", "p_nom_extendable", "p_nom_min",
                                      "p_nom_max", "p_nom_mod", "capital_cost", "marginal_cost", "p_min_pu", "p_max_pu"]).union(Self.lifetimeColumns))
        let maxPU = series("links", "p_max_pu"), minPU = series("links", "p_min_pu"), cost = series("links", "marginal_cost")
        if let efficiency = series("links", "efficiency"), let name = efficiency.keys.sorted().first {
            issue("links-efficiency.csv", "link '\(name)': an efficiency that varies by snapshot is not mapped (lcaopt's legs are constant)",
                  hint: "give a constant efficiency")
        }
        network["links"] = .array(links.rows.map { row in
            let name = row["name"] ?? "", file = "links.csv"
            var legs: [String: Double] = [:]
            for column in busColumns {
                guard let bus = row[column], !bus.isEmpty else { continue }
                let index = Int(column.dropFirst(3))!
                let coefficient = index == 0 ? -1 : number(row, index == 1 ? "efficiency" : "efficiency\(index)", 1, file)
                legs[bus, default: 0] += coefficient
            }
            var link: [String: JSONValue] = ["id": .string(name), "legs": .object(legs.mapValues { .number($0) })]
            link["cost"] = varying(cost, name, number(row, "marginal_cost", 0, file))
            link["availability"] = varying(maxPU, name, number(row, "p_max_pu", 1, file))
            link["minimumLoad"] = varying(minPU, name, number(row, "p_min_pu", 0, file))
            if flag(row, "p_nom_extendable") { link["expansion"] = expansion(row, "p_nom", file, kind: "link") } else {
                requireActiveInEveryPeriod(row, file: file, kind: "link")
                link["capacity"] = .number(number(row, "p_nom", 0, file))
            }
            return .object(link)
        })
    }

    private mutating func stores(_ network: inout [String: JSONValue], co2: [String: Double]) {
        guard let stores = table("stores") else { return }
        rejectUnsupported(stores, "stores", supported: Set(["bus", "e_nom", "e_nom_extendable", "e_nom_min", "e_nom_max", "e_nom_mod", "e_cyclic", "e_initial",
                                                            "standing_loss", "capital_cost", "marginal_cost", "marginal_cost_storage"]).union(Self.lifetimeColumns))
        network["stores"] = .array(stores.rows.map { row in
            let name = row["name"] ?? "", file = "stores.csv"
            if number(row, "marginal_cost", 0, file) != 0 {
                issue(file, "store '\(name)': marginal_cost on a store's dispatch is not mapped (lcaopt's store cost is per unit held)",
                      hint: "use marginal_cost_storage, or 0")
            }
            if co2[row["carrier"] ?? ""] != nil {
                issue(file, "store '\(name)': a store of a carrier with co2_emissions counts in PyPSA's primary energy constraint, which lcaopt does not map")
            }
            let cyclic = flag(row, "e_cyclic")
            var store: [String: JSONValue] = ["id": .string(name), "bus": .string(row["bus"] ?? ""), "cyclic": .bool(cyclic),
                                              "standingLoss": .number(number(row, "standing_loss", 0, file))]
            if !cyclic { store["initial"] = .number(number(row, "e_initial", 0, file)) }
            let holding = number(row, "marginal_cost_storage", 0, file)
            if holding != 0 { store["cost"] = .number(holding) }
            if flag(row, "e_nom_extendable") { store["expansion"] = expansion(row, "e_nom", file, kind: "store") } else {
                requireActiveInEveryPeriod(row, file: file, kind: "store")
                store["capacity"] = .number(number(row, "e_nom", 0, file))
            }
            return .object(store)
        })
    }

    /// Storage units as a store on a bus of their own, charged and discharged through two links:
    /// `soc(t) = (1 - standing_loss)^w soc(t-1) + w (efficiency_store p_store - p_dispatch / efficiency_dispatch)`,
    /// with `p_store <= -p_min_pu p_nom`, `p_dispatch <= p_max_pu p_nom` and `soc <= max_hours p_nom`.
    private mutating func storageUnits(_ network: inout [String: JSONValue], co2: [String: Double]) {
        guard let units = table("storage_units") else { return }
        let file = "storage_units.csv"
        rejectUnsupported(units, "storage_units", supported: ["bus", "p_nom", "max_hours", "efficiency_store", "efficiency_dispatch", "standing_loss",
                                                              "cyclic_state_of_charge", "state_of_charge_initial", "marginal_cost", "marginal_cost_storage",
                                                              "capital_cost", "p_min_pu", "p_max_pu", "p_nom_extendable"],
                          defaults: ["p_nom_extendable": ["False", "false", "0", ""]])
        var buses = network["buses"]?.array ?? [], carriers = network["carriers"]?.array ?? []
        var links = network["links"]?.array ?? [], stores = network["stores"]?.array ?? []
        for row in units.rows {
            let name = row["name"] ?? "", bus = row["bus"] ?? ""
            if flag(row, "p_nom_extendable") {
                issue(file, "storage unit '\(name)': an extendable storage unit couples energy to power capacity (max_hours), which lcaopt does not map",
                      hint: "give it a fixed p_nom, or model it as an extendable store with links")
                continue
            }
            if co2[row["carrier"] ?? ""] != nil { issue(file, "storage unit '\(name)': a carrier with co2_emissions counts in PyPSA's primary energy constraint, which lcaopt does not map") }
            let pNom = number(row, "p_nom", 0, file), hours = number(row, "max_hours", 1, file)
            let inEfficiency = number(row, "efficiency_store", 1, file), outEfficiency = number(row, "efficiency_dispatch", 1, file)
            let state = "storage-unit:\(name)"
            buses.append(.object(["id": .string(state), "carrier": .string(state)]))
            carriers.append(.object(["id": .string(state), "unit": .string("MWh")]))
            links.append(.object(["id": .string("\(name):store"), "legs": .object([bus: .number(-1), state: .number(inEfficiency)]),
                                  "capacity": .number(-number(row, "p_min_pu", -1, file) * pNom)]))
            var dispatch: [String: JSONValue] = ["id": .string("\(name):dispatch"), "legs": .object([state: .number(-1 / outEfficiency), bus: .number(1)]),
                                                 "capacity": .number(number(row, "p_max_pu", 1, file) * pNom)]
            let cost = number(row, "marginal_cost", 0, file)
            if cost != 0 { dispatch["cost"] = .number(cost) }
            links.append(.object(dispatch))
            let cyclic = flag(row, "cyclic_state_of_charge")
            var store: [String: JSONValue] = ["id": .string(name), "bus": .string(state), "capacity": .number(hours * pNom), "cyclic": .bool(cyclic),
                                              "standingLoss": .number(number(row, "standing_loss", 0, file))]
            if !cyclic { store["initial"] = .number(number(row, "state_of_charge_initial", 0, file)) }
            let holding = number(row, "marginal_cost_storage", 0, file)
            if holding != 0 { store["cost"] = .number(holding) }
            stores.append(.object(store))
        }
        (network["buses"], network["carriers"], network["links"], network["stores"]) = (.array(buses), .array(carriers), .array(links), .array(stores))
    }

    private mutating func globalConstraints(_ network: inout [String: JSONValue]) {
        guard let constraints = table("global_constraints") else { return }
        rejectUnsupported(constraints, "global_constraints", supported: ["type", "carrier_attribute", "sense", "constant", "investment_period"])
        network["constraints"] = .array(constraints.rows.compactMap { row in
            let name = row["name"] ?? "", file = "global_constraints.csv"
            let type = (row["type"] ?? "").isEmpty ? "primary_energy" : row["type"]!
            let attribute = (row["carrier_attribute"] ?? "").isEmpty ? "co2_emissions" : row["carrier_attribute"]!
            guard type == "primary_energy", attribute == "co2_emissions" else {
                issue(file, "global constraint '\(name)': \(type) on \(attribute) is not mapped (lcaopt maps primary_energy on co2_emissions)")
                return nil
            }
            var constant = number(row, "constant", 0, file)
            var constraint: [String: JSONValue] = ["id": .string(name), "indicator": .string("co2")]
            if let text = row["investment_period"], !text.isEmpty {
                // PyPSA counts a period's emissions over its `years`; lcaopt's period limit is per year of operation.
                guard let year = Double(text), let period = periods.first(where: { $0.year == year }) else {
                    issue(file, "global constraint '\(name)': investment_period \(text) is not an investment period")
                    return nil
                }
                constraint["period"] = .string(period.id)
                constant /= period.years
            }
            switch row["sense"] ?? "<=" {
            case "<=", "": constraint["max"] = .number(constant)
            case ">=": constraint["min"] = .number(constant)
            case "==": (constraint["min"], constraint["max"]) = (.number(constant), .number(constant))
            case let sense: issue(file, "global constraint '\(name)': unknown sense '\(sense)'", hint: "use <=, >= or ==")
            }
            return .object(constraint)
        })
    }

    /// `COMPONENT-ATTR.csv` files that are neither inputs lcaopt reads nor PyPSA's results.
    private mutating func rejectUnknownSeries() {
        let read: [String: Set<String>] = ["generators": ["p_max_pu", "p_min_pu", "marginal_cost"], "loads": ["p_set"],
                                           "links": ["p_max_pu", "p_min_pu", "marginal_cost", "efficiency"]]
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for file in files.sorted() where file.hasSuffix(".csv") && file.contains("-") {
            let stem = file.dropLast(4)
            guard let dash = stem.firstIndex(of: "-") else { continue }
            let component = String(stem[..<dash]), attribute = String(stem[stem.index(after: dash)...])
            if Self.isResult(attribute) || read[component]?.contains(attribute) == true { continue }
            issue(file, "\(component) vary by snapshot in \(attribute), which lcaopt does not map", hint: "give a static value, or remove the file")
        }
    }
}
