import OpenLCA
import SparseLU

/// Builds the linked network of a system-scope calculation, one chunk of processes at a time.
struct NetworkBuilder {
    struct ColumnKey: Hashable { var process: Int64; var flow: Int64 }

    let database: OpenLCADatabase
    let catalog: Catalog
    let categories: [ImpactCategory]
    let factors: FactorTable
    let options: SystemOptions
    /// Processes whose reference product (or treated waste) is the flow.
    var producers: [Int64: [Int64]] = [:]
    /// Flow types by flow id (looked up for every exchange).
    let flowTypes: [Int64: FlowType]
    var columns: [ColumnKey] = []
    var columnIndex: [ColumnKey: Int] = [:]
    /// The columns of each process.
    var columnsOfProcess: [Int64: [Int]] = [:]
    var columnImpacts: [[Double]] = []
    /// Columns whose exchanges are in the matrices already.
    var built = Set<Int>()
    /// Per column, its characterised flows (flow, net amount, input direction): kept only when
    /// contributions are asked for, to split results by elementary flow.
    var columnFlows: [[(flow: Int64, net: Double, input: Bool)]] = []
    var rows: [Int32] = [], cols: [Int32] = [], values: [Double] = []
    var cutOffs: [Int64: Set<Int64>] = [:]
    var choices: [Int64: ProviderChoice] = [:]
    /// Per requested process: reference exchange and counts for its metadata.
    var references: [Int64: ExchangeRecord] = [:]
    var productCounts: [Int64: Int] = [:]
    var linkableCounts: [Int64: Int] = [:]
    static let chunkSize = 400
    /// Monte Carlo: set before ``build(from:)`` to keep, per triplet and per characterised
    /// exchange, what a sample redraws (``tripletSources``, ``columnEntries``).
    var recording = false
    /// Per triplet of `rows`/`cols`/`values` (when recording): its exchange's distribution, and
    /// the factor from a draw (in the exchange's unit) to the matrix value (unit conversion,
    /// allocation factor, openLCA's sign).
    var tripletSources: [CellSource] = []
    /// Per column (when recording): its characterised elementary exchanges, by flow, each with
    /// its flow's direction in the column (``Elementary/flowIsInput``).
    var columnEntries: [[Elementary]] = []

    struct CellSource {
        var uncertainty: Result<Uncertainty?, Uncertainty.Unusable>
        var scale: Double
    }


    init(database: OpenLCADatabase, categories: [Int64], options: SystemOptions) throws(OpenLCAError) {
        self.database = database
        let catalog = try database.catalog()
        let list = categories.compactMap { catalog.impactCategories[$0] }
        self.catalog = catalog
        self.categories = list
        flowTypes = catalog.flows.mapValues(\.type)
        factors = FactorTable(try database.impactFactors(ofCategories: categories), categories: list, catalog: catalog)
        self.options = options
        let qrefs = try database.exchanges(withIDs: catalog.processes.values.compactMap(\.quantitativeReference))
        for process in catalog.processes.values.sorted(by: { $0.id < $1.id }) {
            guard let id = process.quantitativeReference, let exchange = qrefs[id], exchange.owner == process.id else { continue }
            producers[exchange.flow, default: []].append(process.id)
            references[process.id] = exchange
        }
    }

    /// The column of (process, product), created on first use.
    mutating func column(_ process: Int64, _ flow: Int64, queue: inout [Int64]) -> Int {
        let key = ColumnKey(process: process, flow: flow)
        if let index = columnIndex[key] { return index }
        let index = columns.count
        columns.append(key)
        columnIndex[key] = index
        columnsOfProcess[process, default: []].append(index)
        columnImpacts.append(Array(repeating: 0, count: categories.count))
        if options.contributions > 0 { columnFlows.append([]) }
        if recording { columnEntries.append([]) }
        queue.append(process)
        return index
    }

    mutating func build(from requested: [Int64]) throws(OpenLCAError) {
        var queue: [Int64] = []
        for process in requested {
            guard let reference = references[process] else {
                let p = catalog.processes[process]
                throw .invalidEntity(kind: "process", refId: p?.refId ?? "\(process)", name: p?.name ?? "",
                                     problem: "its quantitative reference exchange is missing; fix the process in openLCA")
            }
            _ = column(process, reference.flow, queue: &queue)
        }
        var position = 0
        while position < queue.count {
            var chunk: [Int64] = []
            var inChunk = Set<Int64>()
            while position < queue.count && chunk.count < Self.chunkSize {
                let process = queue[position]
                if inChunk.insert(process).inserted { chunk.append(process) }
                position += 1
            }
            if chunk.isEmpty { continue }
            var exchanges: [Int64: [ExchangeRecord]] = [:]
            try database.forEachExchange(ofProcesses: chunk) { exchanges[$0.owner, default: []].append($0) }
            let allocation = try allocationFactors(chunk)
            for process in chunk {
                let list = (exchanges[process] ?? []).sorted { $0.id < $1.id }
                try add(process: process, exchanges: list, allocation: allocation[process], queue: &queue)
            }
        }
    }

    /// Allocation factors by process: (method, product flow, exchange or nil) -> value.
    func allocationFactors(_ processes: [Int64]) throws(OpenLCAError) -> [Int64: [AllocationKey: Double]] {
        var result: [Int64: [AllocationKey: Double]] = [:]
        for factor in try database.allocationFactors(ofProcesses: processes) {
            result[factor.process, default: [:]][AllocationKey(method: factor.method, product: factor.product,
                                                               exchange: factor.method == "CAUSAL" ? factor.exchange : nil)] = factor.value
        }
        return result
    }

    struct AllocationKey: Hashable { var method: String; var product: Int64; var exchange: Int64? }

    /// Adds the columns of `process` that the network uses.
    mutating func add(process: Int64, exchanges: [ExchangeRecord], allocation: [AllocationKey: Double]?,
                      queue: inout [Int64]) throws(OpenLCAError) {
        let info = catalog.processes[process]
        let types = exchanges.map { flowTypes[$0.flow] ?? .unknown }
        productCounts[process] = Set(exchanges.indices.filter { isProduct(exchanges[$0], types[$0]) }.map { exchanges[$0].flow }).count
        linkableCounts[process] = exchanges.indices.filter { isLinkable(exchanges[$0], types[$0]) }.count
        let method = info?.defaultAllocationMethod?.uppercased()
        let ownColumns = (columnsOfProcess[process] ?? []).filter { !built.contains($0) }
        for c in ownColumns {
            built.insert(c)
            let product = columns[c].flow
            func factor(_ exchange: ExchangeRecord) -> Double {
                guard productCounts[process, default: 1] > 1, let method, let allocation else { return 1 }
                if method == "CAUSAL" {
                    return allocation[AllocationKey(method: method, product: product, exchange: exchange.id)] ?? 1
                }
                return allocation[AllocationKey(method: method, product: product, exchange: nil)] ?? 1
            }
            var entries: [Elementary] = []
            for (position, exchange) in exchanges.enumerated() {
                let type = types[position]
                let conversion = catalog.exchangeFactor(unit: exchange.unit, propertyFactor: exchange.flowPropertyFactor)
                let amount = exchange.amount * conversion
                if isProduct(exchange, type) {
                    if exchange.flow == product {
                        append(row: c, column: c, value: exchange.isInput ? -amount : amount,
                               source: CellSource(uncertainty: exchange.uncertainty, scale: exchange.isInput ? -conversion : conversion))
                    }
                    continue
                }
                let allocation = factor(exchange)
                let allocated = amount * allocation
                if isLinkable(exchange, type) {
                    guard let provider = try self.provider(for: exchange, consumer: process) else {
                        cutOffs[exchange.flow, default: []].insert(process)
                        continue
                    }
                    let row = column(provider, exchange.flow, queue: &queue)
                    append(row: row, column: c, value: Self.matrixValue(exchange, allocated, type: type),
                           source: CellSource(uncertainty: exchange.uncertainty, scale: Self.matrixValue(exchange, conversion * allocation, type: type)))
                    continue
                }
                if factors.entries[exchange.flow] != nil {
                    entries.append(Elementary(flow: exchange.flow, amount: allocated, isInput: exchange.isInput,
                                              scale: conversion * allocation, uncertainty: exchange.uncertainty))
                }
            }
            characterise(entries, column: c)
        }
    }

    /// A product output or treated waste input (not avoided): what the process provides.
    func isProduct(_ exchange: ExchangeRecord, _ type: FlowType) -> Bool {
        guard !exchange.isAvoided else { return false }
        switch type {
        case .product: return !exchange.isInput
        case .waste: return exchange.isInput
        default: return false
        }
    }

    /// A product input or waste output, or an avoided product or waste: linked to a provider.
    func isLinkable(_ exchange: ExchangeRecord, _ type: FlowType) -> Bool {
        switch type {
        case .product: return exchange.isInput || exchange.isAvoided
        case .waste: return !exchange.isInput || exchange.isAvoided
        default: return false
        }
    }

    /// openLCA's `CalcExchange.matrixValue` for a technosphere exchange.
    static func matrixValue(_ exchange: ExchangeRecord, _ amount: Double, type: FlowType) -> Double {
        if exchange.isAvoided { return type == .product ? amount : -amount }
        return exchange.isInput ? -amount : amount
    }

    mutating func append(row: Int, column: Int, value: Double, source: CellSource) {
        guard value != 0 else { return }
        rows.append(Int32(row))
        cols.append(Int32(column))
        values.append(value)
        if recording { tripletSources.append(source) }
    }

    /// A characterised elementary exchange of a column.
    struct Elementary {
        var flow: Int64
        /// Allocated amount in the flow's reference unit, without sign.
        var amount: Double
        var isInput: Bool
        /// Unit conversion times allocation factor: a draw (in the exchange's unit) times this is `amount`.
        var scale: Double
        var uncertainty: Result<Uncertainty?, Uncertainty.Unusable>
        /// The direction of the flow in its column (its first exchange's), set by ``characterise(_:column:)``.
        var flowIsInput = false
    }

    /// Column impacts from its elementary exchanges (direction: category's, else first exchange).
    /// Entries arrive in exchange-id order; a stable sort by flow keeps the first exchange first.
    mutating func characterise(_ entries: [Elementary], column: Int) {
        let sorted = entries.enumerated().sorted { ($0.element.flow, $0.offset) < ($1.element.flow, $1.offset) }.map(\.element)
        var position = 0
        while position < sorted.count {
            let first = sorted[position]
            var net = 0.0
            while position < sorted.count && sorted[position].flow == first.flow {
                var entry = sorted[position]
                net += entry.isInput ? -entry.amount : entry.amount
                if recording {
                    entry.flowIsInput = first.isInput
                    columnEntries[column].append(entry)
                }
                position += 1
            }
            for (category, value) in factors.entries[first.flow] ?? [] {
                let input = factors.directions[category].map { $0 == .input } ?? first.isInput
                columnImpacts[column][category] += net * (input ? -value : value)
            }
            if options.contributions > 0 { columnFlows[column].append((first.flow, net, first.isInput)) }
        }
    }

    /// Per category, the largest elementary-flow contributions to the result with scaling `s`.
    func flowContributions(_ s: [Double]) -> [[ProcessResult.Contribution]] {
        categories.indices.map { i in
            var impact: [Int64: Double] = [:], amount: [Int64: Double] = [:]
            for k in s.indices where s[k] != 0 {
                for entry in columnFlows[k] {
                    guard let value = factors.entries[entry.flow]?.first(where: { $0.category == i })?.value else { continue }
                    let input = factors.directions[i].map { $0 == .input } ?? entry.input
                    impact[entry.flow, default: 0] += s[k] * entry.net * (input ? -value : value)
                    amount[entry.flow, default: 0] += s[k] * entry.net
                }
            }
            let list = impact.filter { $0.value != 0 }.map { flow, value in
                ProcessResult.Contribution(flowRefId: catalog.flows[flow]?.refId ?? "\(flow)", flowName: catalog.flows[flow]?.name ?? "?",
                                           amount: amount[flow] ?? 0, unit: catalog.referenceUnit(ofFlow: flow)?.name ?? "?", impact: value)
            }
            return Array(list.sorted { abs($0.impact) != abs($1.impact) ? abs($0.impact) > abs($1.impact) : $0.flowName < $1.flowName }
                .prefix(options.contributions))
        }
    }

    /// The provider of a linkable exchange: explicit, default provider, the single producer, or the rule.
    mutating func provider(for exchange: ExchangeRecord, consumer: Int64) throws(OpenLCAError) -> Int64? {
        if let explicit = options.providers[exchange.flow] { return explicit }
        let candidates = producers[exchange.flow] ?? []
        if let preferred = exchange.defaultProvider, candidates.contains(preferred) { return preferred }
        guard let first = candidates.first else { return nil }
        if candidates.count == 1 { return first }
        var chosen = first
        switch options.providerRule {
        case .first: break
        case .sameLocation:
            let location = catalog.processes[consumer]?.location
            chosen = candidates.first { location != nil && catalog.processes[$0]?.location == location } ?? first
        case .fail:
            let flow = catalog.flows[exchange.flow]
            throw .invalidEntity(kind: "flow", refId: flow?.refId ?? "\(exchange.flow)", name: flow?.name ?? "",
                                 problem: "\(candidates.count) processes produce it: "
                                    + candidates.compactMap { catalog.processes[$0].map { "\($0.refId) \($0.name)" } }.joined(separator: "; ")
                                    + "; choose one in the model's providers or use another provider rule")
        }
        if choices[exchange.flow] == nil, let process = catalog.processes[chosen] {
            choices[exchange.flow] = ProviderChoice(flowName: catalog.flows[exchange.flow]?.name ?? "", providerRefId: process.refId,
                                                    providerName: process.name, candidates: candidates.count, rule: options.providerRule.rawValue)
        }
        return chosen
    }
}

extension NetworkBuilder {
    /// Factorises A once and solves one demand vector per requested process.
    func solve(requested: [Int64]) throws(OpenLCAError) -> SystemResult {
        let size = columns.count
        var diagonal = Set<Int32>()
        for entry in rows.indices where rows[entry] == cols[entry] { diagonal.insert(rows[entry]) }
        for c in 0..<size where !diagonal.contains(Int32(c)) {
            let process = catalog.processes[columns[c].process]
            throw .invalidEntity(kind: "process", refId: process?.refId ?? "", name: process?.name ?? "",
                                 problem: "its product has a zero amount: the technology matrix is singular")
        }
        let lu: SparseLU
        do {
            lu = try SparseLU(size: size, rows: rows, columns: cols, values: values)
        } catch {
            throw .readFailed(path: database.path, detail: error.description)
        }
        var results: [ProcessResult] = []
        var scaling: [[Double]] = []
        var demandColumn: [Int] = [], demandValue: [Double] = []
        var contributions: [[[ProcessContribution]]] = []
        let perProcess = options.scalingVectors || options.contributions > 0 || requested.count <= categories.count
        // Adjoint: lambda_i = A'^-1 d_i, so that EI[i, p] = lambda_i[c_p] f_p.
        var adjoint: [[Double]] = []
        if !perProcess {
            for i in categories.indices {
                do { adjoint.append(try lu.solve(columnImpacts.map { $0[i] }, transposed: true)) } catch {
                    throw .readFailed(path: database.path, detail: error.description)
                }
            }
        }
        for process in requested {
            let reference = references[process]!
            let c = columnIndex[ColumnKey(process: process, flow: reference.flow)]!
            let isWaste = catalog.flows[reference.flow]?.type == .waste && reference.isInput
            let value: Double = isWaste ? -1 : 1
            var impacts = [Double](repeating: 0, count: categories.count)
            var flows: [[ProcessResult.Contribution]] = []
            if perProcess {
                var demand = [Double](repeating: 0, count: size)
                demand[c] = value
                let s: [Double]
                do { s = try lu.solve(demand) } catch { throw .readFailed(path: database.path, detail: error.description) }
                for k in 0..<size where s[k] != 0 {
                    for i in 0..<categories.count { impacts[i] += columnImpacts[k][i] * s[k] }
                }
                if options.scalingVectors { scaling.append(s) }
                contributions.append(topContributions(s))
                flows = options.contributions > 0 ? flowContributions(s) : []
            } else {
                for i in categories.indices { impacts[i] = adjoint[i][c] * value }
            }
            demandColumn.append(c)
            demandValue.append(value)
            var result = try metadata(process, reference: reference, impacts: impacts)
            result.contributions = flows
            results.append(result)
        }
        let cut = cutOffs.map { flow, users -> CutOff in
            CutOff(flowRefId: catalog.flows[flow]?.refId ?? "\(flow)", flowName: catalog.flows[flow]?.name ?? "?", processes: users.count)
        }.sorted { ($0.processes, $1.flowName) > ($1.processes, $0.flowName) }
        return SystemResult(
            lcia: LCIAResult(categories: categories, methodNames: categories.map { catalog.methodNames(of: $0).joined(separator: "; ") },
                             processes: results, warnings: factors.warnings(categories)),
            cutOffs: cut, choices: choices.values.sorted { $0.flowName < $1.flowName },
            size: size, rows: rows, columns: cols, values: values, columnProcess: columns.map(\.process),
            columnImpacts: columnImpacts, demandColumn: demandColumn, demandValue: demandValue, scaling: scaling,
            processContributions: contributions)
    }

    func topContributions(_ s: [Double]) -> [[ProcessContribution]] {
        guard options.contributions > 0 else { return [] }
        return categories.indices.map { i in
            var list: [(Int, Double)] = []
            for k in s.indices where s[k] != 0 && columnImpacts[k][i] != 0 { list.append((k, columnImpacts[k][i] * s[k])) }
            let contributions = list.map { k, value in
                let process = catalog.processes[columns[k].process]
                return ProcessContribution(processRefId: process?.refId ?? "", processName: process?.name ?? "", impact: value)
            }
            return Array(contributions.sorted {
                abs($0.impact) != abs($1.impact) ? abs($0.impact) > abs($1.impact) : ($0.processName, $0.processRefId) < ($1.processName, $1.processRefId)
            }.prefix(options.contributions))
        }
    }

    func metadata(_ process: Int64, reference: ExchangeRecord, impacts: [Double]) throws(OpenLCAError) -> ProcessResult {
        let info = catalog.processes[process]!
        let flow = catalog.flows[reference.flow]!
        let amount = abs(reference.amount * catalog.exchangeFactor(unit: reference.unit, propertyFactor: reference.flowPropertyFactor))
        guard amount > 0 else {
            throw .invalidEntity(kind: "process", refId: info.refId, name: info.name, problem: "its reference amount is 0")
        }
        let cost = reference.costValue.map { $0 * catalog.currencyFactor(reference.currency ?? info.currency) / amount }
        // The network's size and cut-offs are said once per calculation (SystemResult), not per process.
        var notes: [String] = []
        if productCounts[process, default: 1] > 1 {
            if let method = info.defaultAllocationMethod, method.uppercased() != "NONE" {
                notes.append("multi-output: \(productCounts[process]!) products, allocated (\(method.lowercased()) allocation)")
            } else {
                notes.append("multi-output: \(productCounts[process]!) products, not allocated (the process has no default allocation method)")
            }
        }
        if cost == nil { notes.append("no cost on the reference exchange") }
        return ProcessResult(process: info, referenceFlow: flow, referenceUnit: catalog.referenceUnit(ofFlow: flow.id)?.name ?? "?",
                             referenceAmount: amount, impacts: impacts, cost: cost, location: info.location.flatMap { catalog.locations[$0] },
                             isMultiOutput: productCounts[process, default: 1] > 1, linkableInputs: linkableCounts[process, default: 0],
                             notes: notes, contributions: [])
    }
}
