import ArgumentParser
import OpenLCA

/// `lcaopt search DB TEXT`: find the ids to put in a model file.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find processes, flows, impact categories and locations by name or ref_id prefix.")

    @Argument(help: "An openLCA database exported to SQLite (opened read-only).")
    var database: String

    @Argument(help: "Text to find (case-insensitive, anywhere in the name, or the start of a ref_id; impact categories also by method name). Empty (\"\") lists everything of --kind.")
    var text: String

    @Option(help: "What to search: process, flow, impact, method, location or all.")
    var kind: SearchKind = .all

    @Option(help: "At most this many results.")
    var limit = 20

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    struct Output: Encodable { var results: [SearchHit]; var total: Int }

    func run() throws {
        try reportingErrors {
            let found = try OpenLCADatabase(path: database).searchCounted(text, kind: kind, limit: limit)
            if json {
                try printJSON(Output(results: found.hits, total: found.total))
                return
            }
            if found.hits.isEmpty {
                printError("no match for '\(text)'")
                return
            }
            var table = TextTable(["kind", "ref_id", "name", "details", "category"])
            for hit in found.hits {
                table.add([hit.kind, hit.refId, hit.name, Self.details(hit), hit.category])
            }
            print(table.render())
            if found.total > found.hits.count {
                print("... \(found.total - found.hits.count) more (\(found.total) matches; raise --limit or narrow the text)")
            }
        }
    }

    static func details(_ hit: SearchHit) -> String {
        switch hit.kind {
        case "process":
            return [hit.referenceProduct.map { "product: \($0)" }, hit.referenceUnit.map { "unit: \($0)" },
                    hit.location.map { "location: \($0)" }].compactMap { $0 }.joined(separator: "; ")
        case "impact":
            return [hit.method.map { "method: \($0)" }, hit.referenceUnit.map { "unit: \($0)" }].compactMap { $0 }.joined(separator: "; ")
        case "flow":
            return [hit.flowType, hit.referenceUnit.map { "unit: \($0)" },
                    hit.productOf.map { "reference product of process \($0.prefix(8)) (listed too)" }].compactMap { $0 }.joined(separator: "; ")
        case "method":
            return hit.categories.map { "\($0) impact categories" } ?? ""
        default:
            var parts = [hit.location].compactMap { $0 }
            if let lat = hit.latitude, let lon = hit.longitude { parts.append("\(lat), \(lon)") }
            return parts.joined(separator: "; ")
        }
    }
}

extension SearchKind: ExpressibleByArgument {}
