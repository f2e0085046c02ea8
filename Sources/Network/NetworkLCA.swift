import Impact
import InputSchema
import ModelFamily
import OpenLCA

/// What a network takes from its openLCA database, computed once: each named impact category,
/// each named process's impacts and cost per reference unit (in the file's scope), and the
/// catalog for unit conversions. A scenario's changes re-resolve the network against this, with
/// no database access.
struct NetworkLCA: Sendable {
    struct Category: Sendable { var refId, name, unit, method: String }

    var database = ""
    var scope = "direct"
    var costUnit: String?
    var catalog: Catalog?
    var categories: [String: Category] = [:]
    var results: [String: ProcessResult] = [:]
    var notes: [String] = []
    var cutOffs: [String] = []
    /// Reference units of a process per unit of activity, found through the catalog's unit
    /// groups once and kept for every later resolution of the same network.
    struct ConversionKey: Hashable, Sendable { var process: String; var unit: String?; var perKm: Bool }
    var conversions: [ConversionKey: Double] = [:]
    /// The processes and categories characterised (nil without a database), and for each of the
    /// file's indicator categories (`impactCategory` in file order) its position in `links.categories`.
    var links: ImpactLinks?
    var categoryPositions: [Int] = []

    /// Every `process` text in the tree with its JSON path, and every `impactCategory`.
    static func references(in tree: JSONValue) -> (processes: [(text: String, path: String)], categories: [(text: String, path: String)]) {
        var processes: [(String, String)] = [], categories: [(String, String)] = []
        for key in ["supplies", "links", "transport", "stores", "indicators"] {
            for (index, item) in (tree[key]?.array ?? []).enumerated() {
                if let text = item["process"]?.string { processes.append((text, "$.\(key)[\(index)].process")) }
                if let text = item["expansion"]?["process"]?.string { processes.append((text, "$.\(key)[\(index)].expansion.process")) }
                if let text = item["impactCategory"]?.string { categories.append((text, "$.\(key)[\(index)].impactCategory")) }
            }
        }
        return (processes, categories)
    }

    /// True when the network names an openLCA process or impact category.
    static func needsDatabase(_ tree: JSONValue) -> Bool {
        let found = references(in: tree)
        return !found.processes.isEmpty || !found.categories.isEmpty
    }

    /// Characterises every process the network names against `database` (nil: the network
    /// names none), in `scope`; problems are every reference that does not resolve.
    static func characterise(_ tree: JSONValue, database: OpenLCADatabase?, databasePath: String, scope: String, file: String) throws(ModelError) -> NetworkLCA {
        var lca = NetworkLCA()
        lca.scope = scope
        let found = references(in: tree)
        guard let database else {
            if let first = found.processes.first ?? found.categories.first {
                throw ModelError(file: file, issues: [ModelIssue("$.database", "missing: \(first.path) names '\(first.text)' from an openLCA database",
                                                                 hint: "name the database (a path relative to this file), or give the database path explicitly")])
            }
            return lca
        }
        lca.database = databasePath
        var issues: [ModelIssue] = []
        let catalog: Catalog
        do { catalog = try database.catalog() } catch { throw ModelError(file: file, issues: [ModelIssue("$.database", "\(error)")]) }
        lca.catalog = catalog
        lca.costUnit = catalog.referenceCurrency
        var categoryIds: [Int64] = []
        for (text, path) in found.categories where lca.categories[text] == nil {
            do {
                let category = try database.impactCategory(matching: text)
                lca.categories[text] = Category(refId: category.refId, name: category.name, unit: category.referenceUnit ?? "",
                                                method: catalog.methodNames(of: category).joined(separator: "; "))
                categoryIds.append(category.id)
            } catch { issues.append(ModelIssue(path, "\(error)")) }
        }
        var processOf: [String: Int64] = [:]
        for (text, path) in found.processes where processOf[text] == nil {
            do { processOf[text] = try database.process(matching: text).id } catch { issues.append(ModelIssue(path, "\(error)")) }
        }
        guard issues.isEmpty else { throw ModelError(file: file, issues: issues) }
        // Categories in the order of the file's indicators, which the impact vectors follow.
        let ordered = (tree["indicators"]?.array ?? []).compactMap { $0["impactCategory"]?.string }
        var seen = Set<String>(), orderedIds: [Int64] = []
        for text in ordered where seen.insert(text).inserted {
            if let refId = lca.categories[text]?.refId, let category = catalog.impactCategories.values.first(where: { $0.refId == refId }) { orderedIds.append(category.id) }
        }
        let ids = Array(Set(processOf.values)).sorted()
        lca.links = ImpactLinks(processes: ids, categories: orderedIds, scope: scope)
        lca.categoryPositions = ordered.map { text in
            orderedIds.firstIndex { id in catalog.impactCategories[id]?.refId == lca.categories[text]?.refId } ?? -1
        }
        let result: LCIAResult
        do {
            if scope == "system" {
                let system = try SystemCharacterisation.compute(database: database, processes: ids, categories: orderedIds)
                result = system.lcia
                lca.cutOffs = system.cutOffs.map(\.flowName)
                lca.notes.append(system.summary)
                let choices = system.choices.prefix(5).map { "\($0.flowName): \($0.providerName) of \($0.candidates)" }
                if !choices.isEmpty {
                    lca.notes.append("providers chosen by rule first: " + choices.joined(separator: "; ")
                                     + (system.choices.count > 5 ? " and \(system.choices.count - 5) more" : ""))
                }
            } else {
                result = try DirectCharacterisation.compute(database: database, processes: ids, categories: orderedIds)
            }
        } catch { throw ModelError(file: file, issues: [ModelIssue("$", "\(error)")]) }
        lca.notes += result.warnings
        var byId: [Int64: ProcessResult] = [:]
        for process in result.processes { byId[process.process.id] = process }
        for process in result.processes where !process.dataProblems.isEmpty {
            lca.notes.append("process '\(process.process.name)' (\(process.process.refId)): " + process.dataProblems.joined(separator: "; "))
        }
        // Impact vectors are re-indexed by category ref_id, so indicators may repeat a category.
        let resultRefIds = result.categories.map(\.refId)
        for (text, id) in processOf {
            guard var process = byId[id] else { continue }
            process.impacts = ordered.map { text in
                guard let refId = lca.categories[text]?.refId, let k = resultRefIds.firstIndex(of: refId) else { return 0 }
                return process.impacts[k]
            }
            lca.results[text] = process
        }
        return lca
    }
}
