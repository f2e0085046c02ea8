import Foundation

/// What `lcaopt search` can look for.
public enum SearchKind: String, Sendable, Codable, CaseIterable {
    case process, flow, impact, method, location, all
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
    /// Flow: the ref_id of the process whose reference product it is, when that process is a hit too.
    public var productOf: String?
    /// Method: how many impact categories it has.
    public var categories: Int?
}

/// Search hits and how many matched in all (more than the hits when the list was cut).
public struct SearchResults: Sendable {
    public var hits: [SearchHit]
    public var total: Int
}

extension OpenLCADatabase {
    /// Case-insensitive search on names (containing `text`) and ref_ids (starting with it);
    /// impact categories also match by their method's name. An empty `text` lists everything
    /// of the kind.
    ///
    /// Order: exact name, then ref_id prefix, then the text as a whole word (first word first),
    /// then as the start of a word, then anywhere ("cement" finds "Portland cement" before
    /// "reinforcement"); ties by name, then kind (processes first), then ref_id, so the order is stable.
    public func search(_ text: String, kind: SearchKind = .all, limit: Int = 20) throws(OpenLCAError) -> [SearchHit] {
        try searchCounted(text, kind: kind, limit: limit).hits
    }

    /// ``search(_:kind:limit:)`` with the number of matches in all.
    public func searchCounted(_ text: String, kind: SearchKind = .all, limit: Int = 20) throws(OpenLCAError) -> SearchResults {
        let catalog = try catalog()
        let needle = text.trimmed.lowercased()
        var ranked: [(rank: Int, hit: SearchHit)] = []
        func consider(_ kindName: String, _ refId: String, _ name: String, also: String? = nil, _ make: () -> SearchHit) {
            let own = Self.rank(needle: needle, name: name, refId: refId)
            let other = also.flatMap { Self.rank(needle: needle, name: $0, refId: "") }.map { $0 + 10 }
            if let rank = own ?? other { ranked.append((rank, make())) }
        }
        let wants = { (k: SearchKind) in kind == .all || kind == k }
        var matchedProcesses: [Process] = []
        if wants(.process) {
            for process in catalog.processes.values where Self.rank(needle: needle, name: process.name, refId: process.refId) != nil {
                matchedProcesses.append(process)
            }
        }
        let references = try exchanges(withIDs: matchedProcesses.compactMap(\.quantitativeReference))
        var productOf: [Int64: String] = [:]
        for process in matchedProcesses {
            let reference = process.quantitativeReference.flatMap { references[$0] }
            if let flow = reference?.flow, productOf[flow] == nil { productOf[flow] = process.refId }
            consider("process", process.refId, process.name) {
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
                              referenceUnit: catalog.referenceUnit(ofFlow: flow.id)?.name, flowType: flow.type.rawValue,
                              productOf: productOf[flow.id])
                }
            }
        }
        if wants(.impact) {
            for category in catalog.impactCategories.values {
                let methods = catalog.methodNames(of: category).joined(separator: "; ")
                consider("impact", category.refId, category.name, also: methods) {
                    SearchHit(kind: "impact", refId: category.refId, name: category.name, category: "",
                              referenceUnit: category.referenceUnit, method: methods)
                }
            }
        }
        if wants(.method) {
            var counts: [Int64: Int] = [:]
            for category in catalog.impactCategories.values { for method in category.methods { counts[method, default: 0] += 1 } }
            for method in catalog.impactMethods.values {
                consider("method", method.refId, method.name) {
                    SearchHit(kind: "method", refId: method.refId, name: method.name, category: "", categories: counts[method.id] ?? 0)
                }
            }
        }
        if wants(.location) {
            for location in catalog.locations.values {
                consider("location", location.refId, location.name, also: location.code) {
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
        return SearchResults(hits: ranked.prefix(max(0, limit)).map(\.hit), total: ranked.count)
    }

    /// Processes first: they are what a model file names most.
    static func kindOrder(_ kind: String) -> Int {
        ["process", "impact", "method", "flow", "location"].firstIndex(of: kind) ?? 5
    }

    /// The match rank of a name and ref_id for a lower-case needle, or nil when they do not
    /// match: 0 exact name, 1 ref_id prefix, 2 whole first word, 3 whole word, 4 word start,
    /// 5 anywhere; an empty needle matches everything at rank 0.
    static func rank(needle: String, name: String, refId: String) -> Int? {
        if needle.isEmpty { return 0 }
        let lowerName = name.lowercased()
        if lowerName == needle { return 0 }
        if refId.lowercased().hasPrefix(needle) { return 1 }
        var best: Int?
        var searchStart = lowerName.startIndex
        while let range = lowerName.range(of: needle, range: searchStart..<lowerName.endIndex) {
            let before = lowerName[..<range.lowerBound].last, after = lowerName[range.upperBound...].first
            let startsWord = before.map { !($0.isLetter || $0.isNumber) } ?? true
            let endsWord = after.map { !($0.isLetter || $0.isNumber) } ?? true
            let rank = startsWord && endsWord ? (range.lowerBound == lowerName.startIndex ? 2 : 3) : startsWord ? 4 : 5
            best = min(best ?? rank, rank)
            searchStart = lowerName.index(after: range.lowerBound)
        }
        return best
    }
}
