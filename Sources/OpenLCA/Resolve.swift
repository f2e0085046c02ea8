extension OpenLCADatabase {
    /// The process whose ref_id is `text` (case-insensitive), else the one whose name is exactly
    /// `text`, else the one whose ref_id starts with `text` (8 characters or more, unique).
    /// Unknown or ambiguous text throws an error that lists candidates.
    public func process(matching text: String) throws(OpenLCAError) -> Process {
        let catalog = try catalog()
        return try Self.resolve(text, kind: .process, in: Array(catalog.processes.values),
                                refId: \.refId, name: \.name, id: \.id, database: self)
    }

    /// The impact category whose ref_id is `text`, else the one named exactly `text`.
    public func impactCategory(matching text: String) throws(OpenLCAError) -> ImpactCategory {
        let catalog = try catalog()
        return try Self.resolve(text, kind: .impact, in: Array(catalog.impactCategories.values),
                                refId: \.refId, name: \.name, id: \.id, database: self)
    }

    /// The flow whose ref_id is `text`, else the one named exactly `text`.
    public func flow(matching text: String) throws(OpenLCAError) -> Flow {
        let catalog = try catalog()
        return try Self.resolve(text, kind: .flow, in: Array(catalog.flows.values),
                                refId: \.refId, name: \.name, id: \.id, database: self)
    }

    /// The categories of the method whose ref_id or exact name is `text`, in name order.
    public func impactCategories(ofMethod text: String) throws(OpenLCAError) -> [ImpactCategory] {
        let catalog = try catalog()
        let needle = text.trimmed
        var methods = catalog.impactMethods.values.filter { $0.refId.lowercased() == needle.lowercased() }
        if methods.isEmpty { methods = catalog.impactMethods.values.filter { $0.name == needle } }
        guard let method = methods.min(by: { $0.id < $1.id }) else {
            let names = catalog.impactMethods.values.map(\.name).sorted()
            throw .unknownEntity(kind: "impact method", query: text, candidates: names.map {
                SearchHit(kind: "method", refId: "", name: $0, category: "")
            })
        }
        if methods.count > 1 {
            throw .ambiguousName(kind: "impact method", query: text, candidates: methods.map {
                SearchHit(kind: "method", refId: $0.refId, name: $0.name, category: "")
            })
        }
        return catalog.impactCategories.values.filter { $0.methods.contains(method.id) }
            .sorted { ($0.name, $0.refId) < ($1.name, $1.refId) }
    }

    static func resolve<Entity>(
        _ text: String, kind: SearchKind, in entities: [Entity],
        refId: KeyPath<Entity, String>, name: KeyPath<Entity, String>, id: KeyPath<Entity, Int64>,
        database: OpenLCADatabase
    ) throws(OpenLCAError) -> Entity {
        let needle = text.trimmed
        let lower = needle.lowercased()
        if let match = entities.first(where: { $0[keyPath: refId].lowercased() == lower }) { return match }
        let named = entities.filter { $0[keyPath: name] == needle }.sorted { $0[keyPath: id] < $1[keyPath: id] }
        if named.count == 1 { return named[0] }
        // A unique ref_id prefix of at least 8 characters (as UUIDs are often abbreviated).
        if named.isEmpty && lower.count >= 8 {
            let prefixed = entities.filter { $0[keyPath: refId].lowercased().hasPrefix(lower) }
            if prefixed.count == 1 { return prefixed[0] }
        }
        let candidates = (try? database.search(needle, kind: kind, limit: named.count > 1 ? 20 : 5)) ?? []
        if named.count > 1 {
            throw .ambiguousName(kind: kind.rawValue, query: text, candidates: candidates.filter { $0.name == needle })
        }
        throw .unknownEntity(kind: kind.rawValue, query: text, candidates: candidates)
    }
}
