import Foundation

/// What `lcaopt search` can look for.
public enum SearchKind: String, Sendable, Codable, CaseIterable {
    case process, flow, impact, location, all
}

/// One search result.
public struct SearchHit: Sendable, Codable, Equatable {
    public var kind: String
    public var refId: String
    public var name: String
    /// Folder path in openLCA's navigation tree.
    public var category: String
    /// Process: the reference product's name.
    public var referenceProduct: String?
    /// Process: reference unit of its product; impact: the category's unit; flow: reference unit.
    public var referenceUnit: String?
    /// Process: its location's code or name.
    public var location: String?
    /// Impact: the method(s) it belongs to.
    public var method: String?
    /// Flow: `ELEMENTARY_FLOW`, `PRODUCT_FLOW`, `WASTE_FLOW`.
    public var flowType: String?
    /// Location: coordinates when real.
    public var latitude: Double?
    public var longitude: Double?
}

extension OpenLCADatabase {
    /// Case-insensitive search on names (containing `text`) and ref_ids (starting with it).
    ///
    /// Order: exact name, then ref_id prefix, then name prefix, then word start, then anywhere;
    /// ties by name, then ref_id, so the order is stable.
    public func search(_ text: String, kind: SearchKind = .all, limit: Int = 20) throws(OpenLCAError) -> [SearchHit] {
        let catalog = try catalog()
        let needle = text.trimmed.lowercased()
        guard !needle.isEmpty else { return [] }
        var ranked: [(rank: Int, hit: SearchHit)] = []
        func consider(_ kindName: String, _ refId: String, _ name: String, _ make: () -> SearchHit) {
            if let rank = Self.rank(needle: needle, name: name, refId: refId) { ranked.append((rank, make())) }
        }
        let wants = { (k: SearchKind) in kind == .all || kind == k }
        var matchedProcesses: [Process] = []
        if wants(.process) {
            for process in catalog.processes.values where Self.rank(needle: needle, name: process.name, refId: process.refId) != nil {
                matchedProcesses.append(process)
            }
        }
        let references = try exchanges(withIDs: matchedProcesses.compactMap(\.quantitativeReference))
        for process in matchedProcesses {
            consider("process", process.refId, process.name) {
                let reference = process.quantitativeReference.flatMap { references[$0] }
                let location = process.location.flatMap { catalog.locations[$0] }
                return SearchHit(kind: "process", refId: process.refId, name: process.name,
                                 category: catalog.folderPath(process.category),
                                 referenceProduct: reference.flatMap { catalog.flows[$0.flow]?.name },
                                 referenceUnit: reference.flatMap { catalog.referenceUnit(ofFlow: $0.flow)?.name },
                                 location: location.map { $0.code ?? $0.name })
            }
        }
        if wants(.flow) {
            for flow in catalog.flows.values {
                consider("flow", flow.refId, flow.name) {
                    SearchHit(kind: "flow", refId: flow.refId, name: flow.name, category: catalog.folderPath(flow.category),
                              referenceUnit: catalog.referenceUnit(ofFlow: flow.id)?.name, flowType: flow.type.rawValue)
                }
            }
        }
        if wants(.impact) {
            for category in catalog.impactCategories.values {
                consider("impact", category.refId, category.name) {
                    SearchHit(kind: "impact", refId: category.refId, name: category.name, category: "",
                              referenceUnit: category.referenceUnit,
                              method: catalog.methodNames(of: category).joined(separator: "; "))
                }
            }
        }
        if wants(.location) {
            for location in catalog.locations.values {
                consider("location", location.refId, location.name) {
                    SearchHit(kind: "location", refId: location.refId, name: location.name, category: "",
                              location: location.code,
                              latitude: location.hasCoordinates ? location.latitude : nil,
                              longitude: location.hasCoordinates ? location.longitude : nil)
                }
            }
        }
        ranked.sort { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.hit.name != b.hit.name { return a.hit.name < b.hit.name }
            if a.hit.kind != b.hit.kind { return Self.kindOrder(a.hit.kind) < Self.kindOrder(b.hit.kind) }
            return a.hit.refId < b.hit.refId
        }
        return ranked.prefix(max(0, limit)).map(\.hit)
    }

    /// Processes first: they are what a model file names most.
    static func kindOrder(_ kind: String) -> Int {
        ["process", "impact", "flow", "location"].firstIndex(of: kind) ?? 4
    }

    /// The match rank of a name and ref_id for a lower-case needle, or nil when they do not match.
    static func rank(needle: String, name: String, refId: String) -> Int? {
        let lowerName = name.lowercased()
        if lowerName == needle { return 0 }
        if refId.lowercased().hasPrefix(needle) { return 1 }
        if lowerName.hasPrefix(needle) { return 2 }
        guard let range = lowerName.range(of: needle) else { return nil }
        let before = lowerName[..<range.lowerBound].last
        return before.map { $0.isLetter || $0.isNumber } == true ? 4 : 3
    }
}
