import InputSchema
import ModelFamily

/// A scenario's changes on a network, made on the file's tree and resolved again against the
/// same characterisation (no database access): `disable` drops components, `set` writes any
/// numeric field by `KIND.ID.FIELD` (`links.chp.expansion.cost`, `demands.eload.amount`,
/// `demands.eload.amount.winter`, `constraints.co2.max`, `snapshots.summer.weight`) or a top-level
/// number (`discountRate`), and `scaleDemand` multiplies every demand.
extension NetworkData {
    /// The lists whose components a scenario may disable.
    static let disableable = ["supplies", "exports", "demands", "links", "transport", "stores", "constraints"]

    public func applying(_ changes: ModelChanges) throws(ModelChangeError) -> NetworkData {
        guard case .object(var members) = source else { throw ModelChangeError("the network's file is not an object") }
        for id in changes.disable {
            var found = false
            for key in Self.disableable {
                guard var list = members[key]?.array else { continue }
                let before = list.count
                list.removeAll { $0["id"]?.string == id }
                if list.count != before { members[key] = .array(list); found = true }
            }
            if !found { throw ModelChangeError("disable: no component '\(id)' (\(Self.disableable.joined(separator: ", ")))") }
        }
        for (path, value) in changes.set.sorted(by: { $0.key < $1.key }) {
            try Self.set(path, value, in: &members)
        }
        if let factor = changes.scaleDemand {
            guard factor.isFinite, factor >= 0 else { throw ModelChangeError("scaleDemand must be a finite number of at least 0, not \(factor)") }
            if let demands = members["demands"]?.array {
                members["demands"] = .array(demands.map { demand in
                    guard var item = demand.object, let amount = item["amount"] else { return demand }
                    item["amount"] = Self.scaled(amount, factor)
                    return .object(item)
                })
            }
        }
        let tree = JSONValue.object(members)
        let problems = NetworkShape.shape.problems(in: tree)
        guard problems.isEmpty else { throw ModelChangeError(problems.map(\.description).joined(separator: "; ")) }
        do {
            var data = try Self.resolve(tree, lca: lca, file: file)
            data.name = name
            return data
        } catch {
            throw ModelChangeError(error.issues.map(\.description).joined(separator: "; "))
        }
    }

    private static func scaled(_ value: JSONValue, _ factor: Double) -> JSONValue {
        switch value {
        case .number(let number): return .number(number * factor)
        case .object(let members): return .object(members.mapValues { scaled($0, factor) })
        default: return value
        }
    }

    /// Sets `path` to `value` in the tree's `members`.
    private static func set(_ path: String, _ value: Double, in members: inout [String: JSONValue]) throws(ModelChangeError) {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 {
            guard path == "discountRate" else {
                throw ModelChangeError("set \(path): not a field; use KIND.ID.FIELD (e.g. links.chp.cost) or discountRate")
            }
            members[path] = .number(value)
            return
        }
        guard parts.count >= 3, NetworkShape.listKeys.contains(parts[0]) else {
            throw ModelChangeError("set \(path): use KIND.ID.FIELD with KIND one of \(NetworkShape.listKeys.joined(separator: ", "))")
        }
        guard var list = members[parts[0]]?.array, let position = list.firstIndex(where: { $0["id"]?.string == parts[1] }) else {
            throw ModelChangeError("set \(path): no \(parts[0]) entry '\(parts[1])'")
        }
        var item = list[position]
        try setNested(&item, Array(parts.dropFirst(2)), .number(value), path: path)
        list[position] = item
        members[parts[0]] = .array(list)
    }

    private static func setNested(_ value: inout JSONValue, _ keys: [String], _ new: JSONValue, path: String) throws(ModelChangeError) {
        guard var members = value.object ?? (value == .null ? [:] : nil) else {
            throw ModelChangeError("set \(path): '\(keys[0])' is inside a value that is not an object")
        }
        if keys.count == 1 {
            if let existing = members[keys[0]], existing.string != nil {
                throw ModelChangeError("set \(path): '\(keys[0])' is not a number")
            }
            members[keys[0]] = new
        } else {
            var inner = members[keys[0]] ?? .null
            if inner.number != nil {
                // One number stands for every snapshot: there is no snapshot entry to change.
                throw ModelChangeError("set \(path): '\(keys[0])' is one number for every snapshot; set \(path.split(separator: ".").dropLast().joined(separator: ".")) instead")
            }
            try setNested(&inner, Array(keys.dropFirst()), new, path: path)
            members[keys[0]] = inner
        }
        value = .object(members)
    }
}
