import InputSchema
import ModelFamily

/// `--lca FILE` for a PyPSA network: `{component: {process, processAmount}}` (YAML or JSON),
/// optionally with `indicators: [{id, impactCategory}]` (default: every impact category of the
/// database) and `database` (relative to the file), merged into the network's tree so that its
/// supplies and links count openLCA processes per unit of activity.
public enum PyPSALCA {
    /// The keys of an LCA file that are not component ids.
    static let reserved = ["indicators", "database"]

    /// `tree` with the links of `lca` (read from `file`); `categories` are the database's impact
    /// category ref_ids, the indicators when the file names none.
    public static func merge(_ lca: JSONValue, into tree: JSONValue, file: String, categories: [String]) throws(ModelError) -> JSONValue {
        guard case .object(let entries) = lca, case .object(var network) = tree else {
            throw ModelError(file: file, issues: [ModelIssue("$", "expected an object {component: {process, processAmount}}")])
        }
        var issues: [ModelIssue] = []
        let entry = Shape.object([.init("process", .string, required: true), .init("processAmount", .number)])
        var ids: [String] = []
        for key in ["supplies", "links"] { ids += (network[key]?.array ?? []).compactMap { $0["id"]?.string } }
        for (component, value) in entries.sorted(by: { $0.key < $1.key }) where !reserved.contains(component) {
            let problems = entry.problems(in: value, at: "$.\(component)")
            guard problems.isEmpty else { issues += problems; continue }
            var found = false
            for key in ["supplies", "links"] {
                guard var items = network[key]?.array, let index = items.firstIndex(where: { $0["id"]?.string == component }),
                      case .object(var item) = items[index] else { continue }
                item["process"] = value["process"]
                if let amount = value["processAmount"] { item["processAmount"] = amount }
                items[index] = .object(item)
                network[key] = .array(items)
                found = true
            }
            if !found {
                issues.append(ModelIssue("$.\(component)", "no generator or link '\(component)' in the network",
                                         hint: closest(to: component, in: ids).map { "did you mean '\($0)'?" } ?? "use a generator or link name"))
            }
        }
        let indicators: [JSONValue]
        if let given = entries["indicators"] {
            let shape = Shape.list(.object([.init("id", .string, required: true), .init("impactCategory", .string, required: true)]))
            issues += shape.problems(in: given, at: "$.indicators")
            indicators = given.array ?? []
        } else {
            indicators = categories.map { .object(["id": .string($0), "impactCategory": .string($0)]) }
        }
        guard issues.isEmpty else { throw ModelError(file: file, issues: issues) }
        network["indicators"] = .array((network["indicators"]?.array ?? []) + indicators)
        return .object(network)
    }
}
