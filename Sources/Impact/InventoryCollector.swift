import OpenLCA

/// Collects, from one stream of exchange rows, what characterising each process needs: its
/// reference exchange, its characterised elementary exchanges in reference units, and counts of
/// co-products and linkable inputs.
struct InventoryCollector {
    /// One elementary exchange of a flow that has a factor in a requested category.
    struct Entry {
        var process: Int32
        var flow: Int64
        var exchange: Int64
        /// Amount in the flow's reference unit, without sign.
        var amount: Double
        var isInput: Bool
        /// The factor from the exchange's unit to the flow's reference unit, and the amount's
        /// distribution in the exchange's unit (for Monte Carlo samples).
        var conversion: Double
        var uncertainty: Result<Uncertainty?, Uncertainty.Unusable>
    }

    let catalog: Catalog
    let processIDs: [Int64]
    private var position: [Int64: Int32] = [:]
    private(set) var references: [ExchangeRecord?]
    /// Product outputs and waste inputs (the reference included).
    private var products: [Int]
    private var linkable: [Int]
    /// Per process: exchanges whose amount is no number (read as 0), and exchanges of flows the
    /// database does not have (left out).
    private var invalidAmounts: [Int]
    private var danglingFlows: [Int]
    private(set) var entries: [Entry] = []
    private(set) var starts: [Int] = []
    private let factors: FactorTable

    init(processes: [Int64], catalog: Catalog, factors: FactorTable) {
        self.catalog = catalog
        self.processIDs = processes
        self.factors = factors
        references = Array(repeating: nil, count: processes.count)
        products = Array(repeating: 0, count: processes.count)
        linkable = Array(repeating: 0, count: processes.count)
        invalidAmounts = Array(repeating: 0, count: processes.count)
        danglingFlows = Array(repeating: 0, count: processes.count)
        for (index, id) in processes.enumerated() where position[id] == nil { position[id] = Int32(index) }
    }

    mutating func add(_ exchange: ExchangeRecord) {
        guard let index = position[exchange.owner] else { return }
        let process = Int(index)
        if catalog.processes[exchange.owner]?.quantitativeReference == exchange.id { references[process] = exchange }
        if !exchange.hasValidAmount { invalidAmounts[process] += 1 }
        guard let flow = catalog.flows[exchange.flow] else {
            danglingFlows[process] += 1
            return
        }
        switch flow.type {
        case .product:
            if exchange.isInput != exchange.isAvoided { linkable[process] += 1 } else { products[process] += 1 }
        case .waste:
            if exchange.isInput != exchange.isAvoided { products[process] += 1 } else { linkable[process] += 1 }
        case .elementary, .unknown: // openLCA treats a flow without type as elementary
            guard factors.entries[exchange.flow] != nil else { return }
            let conversion = catalog.exchangeFactor(unit: exchange.unit, propertyFactor: exchange.flowPropertyFactor)
            entries.append(Entry(process: index, flow: exchange.flow, exchange: exchange.id, amount: exchange.amount * conversion,
                                 isInput: exchange.isInput, conversion: conversion, uncertainty: exchange.uncertainty))
        }
    }

    /// Orders the entries by process, flow and exchange id (so the first exchange of a flow
    /// gives its direction) and indexes where each process starts.
    mutating func finish() {
        guard starts.isEmpty else { return }
        entries.sort { ($0.process, $0.flow, $0.exchange) < ($1.process, $1.flow, $1.exchange) }
        starts = Array(repeating: entries.count, count: processIDs.count + 1)
        for index in entries.indices.reversed() { starts[Int(entries[index].process)] = index }
        for process in stride(from: processIDs.count - 1, through: 0, by: -1) where starts[process] > starts[process + 1] {
            starts[process] = starts[process + 1]
        }
    }

    mutating func result(_ index: Int, categories: [ImpactCategory], factors: FactorTable, keep: Int) throws(OpenLCAError) -> ProcessResult {
        finish()
        let processID = processIDs[index]
        guard let process = catalog.processes[processID] else {
            throw .invalidEntity(kind: "process", refId: "\(processID)", name: "", problem: "not in the database")
        }
        guard let reference = references[index], let flow = catalog.flows[reference.flow] else {
            throw .invalidEntity(kind: "process", refId: process.refId, name: process.name,
                                 problem: "its quantitative reference exchange is missing; fix the process in openLCA")
        }
        let conversion = catalog.exchangeFactor(unit: reference.unit, propertyFactor: reference.flowPropertyFactor)
        guard conversion.isFinite && conversion > 0 else {
            throw .invalidEntity(kind: "process", refId: process.refId, name: process.name,
                                 problem: "its reference exchange's unit conversion is \(conversion) (unit factor \(catalog.unitFactor(reference.unit)), flow property factor \(catalog.propertyFactor(reference.flowPropertyFactor))): fix the unit or flow property in openLCA")
        }
        let referenceAmount = abs(reference.amount * conversion)
        guard referenceAmount > 0, referenceAmount.isFinite else {
            throw .invalidEntity(kind: "process", refId: process.refId, name: process.name,
                                 problem: "its reference amount is \(reference.amount): per-unit values are undefined")
        }
        let unit = catalog.referenceUnit(ofFlow: flow.id)?.name ?? "?"
        var impacts = [Double](repeating: 0, count: categories.count)
        var contributions = [[ProcessResult.Contribution]](repeating: [], count: keep > 0 ? categories.count : 0)
        var repeated = 0
        var position = starts[index]
        let end = starts[index + 1]
        while position < end {
            let first = entries[position]
            var net = 0.0
            var count = 0
            while position < end && entries[position].flow == first.flow {
                net += entries[position].isInput ? -entries[position].amount : entries[position].amount
                position += 1
                count += 1
            }
            if count > 1 { repeated += 1 }
            for (category, value) in factors.entries[first.flow] ?? [] {
                let inputDirection = factors.directions[category].map { $0 == .input } ?? first.isInput
                let impact = net * (inputDirection ? -value : value) / referenceAmount
                impacts[category] += impact
                if keep > 0 && impact != 0 {
                    let element = catalog.flows[first.flow]
                    contributions[category].append(.init(
                        flowRefId: element?.refId ?? "\(first.flow)", flowName: element?.name ?? "?",
                        amount: net / referenceAmount, unit: catalog.referenceUnit(ofFlow: first.flow)?.name ?? "?",
                        impact: impact))
                }
            }
        }
        for category in contributions.indices {
            contributions[category].sort { abs($0.impact) != abs($1.impact) ? abs($0.impact) > abs($1.impact) : $0.flowName < $1.flowName }
            if contributions[category].count > keep { contributions[category].removeSubrange(keep...) }
        }
        let cost = reference.costValue.map {
            $0 * catalog.currencyFactor(reference.currency ?? process.currency) / referenceAmount
        }
        var notes: [String] = []
        if conversion != 1 {
            let given = reference.unit.flatMap { catalog.units[$0]?.name } ?? "another unit"
            notes.append("reference exchange given as \(reference.amount) \(given), converted to \(formatted(referenceAmount)) \(unit)")
        }
        if referenceAmount != 1 { notes.append("reference amount is \(formatted(referenceAmount)) \(unit): values are per 1 \(unit)") }
        if products[index] > 1 {
            notes.append("multi-output: \(products[index]) products, not allocated in the direct scope (this product carries the whole burden)")
        }
        if linkable[index] > 0 {
            notes.append("\(linkable[index]) product inputs/waste outputs are not characterised in the direct scope (their upstream impacts are missing; use the system scope for cradle-to-gate)")
        }
        if repeated > 0 { notes.append("\(repeated) elementary flows occur in several exchanges: summed") }
        if cost == nil { notes.append("no cost on the reference exchange") }
        var problems: [String] = []
        if invalidAmounts[index] > 0 {
            problems.append("\(invalidAmounts[index]) exchange\(invalidAmounts[index] == 1 ? " has" : "s have") no numeric amount (NULL, text or blob): counted as 0")
        }
        if danglingFlows[index] > 0 {
            problems.append("\(danglingFlows[index]) exchange\(danglingFlows[index] == 1 ? " refers" : "s refer") to flows missing from tbl_flows: left out")
        }
        notes += problems
        return ProcessResult(
            process: process, referenceFlow: flow, referenceUnit: unit, referenceAmount: referenceAmount,
            impacts: impacts, cost: cost, location: process.location.flatMap { catalog.locations[$0] },
            isMultiOutput: products[index] > 1, linkableInputs: linkable[index], notes: notes,
            dataProblems: problems, contributions: contributions)
    }

    private func formatted(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
