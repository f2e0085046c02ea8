import OpenLCA

/// The coefficients MOLA computes for one `(flow, process)` pair, the way its queries do
/// (`mola/sqlgenerator.py` with Pyomo's DataPortal): the raw `resulting_amount_value` of every
/// elementary exchange times the raw factor value, summed per run of the process (no division by
/// the reference amount, no unit conversion, one exchange kept per elementary flow), and the
/// `cost_value` of the pair's product exchange, unconverted.
public struct MOLACoefficients: Sendable, Equatable {
    /// Per impact category, in the order asked for.
    public var impacts: [Double]
    public var cost: Double
    /// Why these differ from lcaopt's per-unit values, one sentence each.
    public var reasons: [String]
}

extension MOLACoefficients {
    /// MOLA's coefficients of each pair, for the impact categories `categories` (ref_ids).
    public static func compute(database: OpenLCADatabase, pairs: [MOLAConversion.Pair],
                               categories: [String]) throws(OpenLCAError) -> [MOLAConversion.Pair: MOLACoefficients] {
        let catalog = try database.catalog()
        var processByRef: [String: OpenLCA.Process] = [:]
        for process in catalog.processes.values { processByRef[process.refId.lowercased()] = process }
        var categoryByRef: [String: Int64] = [:]
        for category in catalog.impactCategories.values { categoryByRef[category.refId.lowercased()] = category.id }
        let categoryIds = categories.compactMap { categoryByRef[$0.lowercased()] }
        // Raw factors, the last row per (category, flow) winning as in MOLA's parameter load.
        var factors: [Int64: [Int64: ImpactFactorRecord]] = [:]
        for factor in try database.impactFactors(ofCategories: categoryIds) { factors[factor.category, default: [:]][factor.flow] = factor }
        var flowByRef: [String: Int64] = [:]
        for flow in catalog.flows.values { flowByRef[flow.refId.lowercased()] = flow.id }
        let processes = Set(pairs.compactMap { processByRef[$0.processRefId.lowercased()]?.id })
        var exchanges: [Int64: [ExchangeRecord]] = [:]
        try database.forEachExchange(ofProcesses: processes) { exchanges[$0.owner, default: []].append($0) }
        var result: [MOLAConversion.Pair: MOLACoefficients] = [:]
        for pair in pairs {
            guard let process = processByRef[pair.processRefId.lowercased()] else { continue }
            let rows = exchanges[process.id] ?? []
            let flowId = flowByRef[pair.flowRefId.lowercased()]
            result[pair] = coefficients(process: process, flow: flowId, rows: rows, categories: categoryIds, factors: factors, catalog: catalog)
        }
        return result
    }

    static func coefficients(process: OpenLCA.Process, flow: Int64?, rows: [ExchangeRecord], categories: [Int64],
                             factors: [Int64: [Int64: ImpactFactorRecord]], catalog: Catalog) -> MOLACoefficients {
        var reasons: [String] = []
        // Elementary exchanges: the last one per flow.
        var lastElementary: [Int64: ExchangeRecord] = [:]
        var elementaryCount: [Int64: Int] = [:]
        var otherUnits: [String] = []
        for row in rows where catalog.flows[row.flow]?.type == .elementary {
            lastElementary[row.flow] = row
            elementaryCount[row.flow, default: 0] += 1
            let characterised = categories.contains { factors[$0]?[row.flow] != nil }
            if characterised && abs(catalog.exchangeFactor(unit: row.unit, propertyFactor: row.flowPropertyFactor) - 1) > 1e-12 {
                otherUnits.append("\(catalog.flows[row.flow]?.name ?? "?") in \(row.unit.flatMap { catalog.units[$0]?.name } ?? "?")")
            }
        }
        let impacts = categories.map { category in
            lastElementary.values.reduce(0.0) { sum, row in sum + row.amount * (factors[category]?[row.flow]?.value ?? 0) }
        }
        // Reference amount.
        if let reference = rows.first(where: { $0.id == process.quantitativeReference }) {
            let amount = reference.amount * catalog.exchangeFactor(unit: reference.unit, propertyFactor: reference.flowPropertyFactor)
            let unit = catalog.referenceUnit(ofFlow: reference.flow)?.name ?? "unit"
            if abs(amount - 1) > 1e-12 {
                reasons.append("reference amount is \(format(amount)) \(unit): MOLA's figures are per run of the process (\(format(amount)) \(unit)), lcaopt's per 1 \(unit)")
            }
            if reference.flow != flow {
                reasons.append("the flow is not the process's reference product: MOLA gives it the whole burden")
            }
        }
        if !otherUnits.isEmpty {
            reasons.append("\(otherUnits.count) characterised elementary exchange\(otherUnits.count == 1 ? " is" : "s are") not in the flow's reference unit (\(MOLAConverter.sample(otherUnits))): MOLA multiplies the raw amounts, lcaopt converts them first")
        }
        let factorUnits = Set(categories.flatMap { category in
            lastElementary.keys.compactMap { flow -> String? in
                guard let factor = factors[category]?[flow],
                      abs(catalog.impactFactorFactor(unit: factor.unit, propertyFactor: factor.flowPropertyFactor) - 1) > 1e-12 else { return nil }
                return catalog.flows[flow]?.name
            }
        }).sorted()
        if !factorUnits.isEmpty {
            reasons.append("\(factorUnits.count) characterisation factor\(factorUnits.count == 1 ? " is" : "s are") given per another unit than the flow's reference unit (\(MOLAConverter.sample(factorUnits))): MOLA uses the raw factor")
        }
        let repeated = elementaryCount.filter { $0.value > 1 }.keys.filter { flow in categories.contains { factors[$0]?[flow] != nil } }
            .compactMap { catalog.flows[$0]?.name }.sorted()
        if !repeated.isEmpty {
            reasons.append("\(repeated.count) characterised elementary flow\(repeated.count == 1 ? " appears" : "s appear") in more than one exchange (\(MOLAConverter.sample(repeated))): MOLA keeps the last one, lcaopt adds them (an exchange in the other direction subtracts)")
        }
        let products = rows.filter { !$0.isInput && catalog.flows[$0.flow]?.type == .product }
        if products.count > 1 {
            reasons.append("multi-output (\(products.count) products): MOLA gives every co-product the whole burden, each at its own cost_value (often none); lcaopt's direct scope gives the reference product the whole burden too and says so, \"lciaScope\": \"system\" allocates")
        }
        // Cost: the cost_value of the pair's product exchange, the last one winning.
        let costRow = rows.last { $0.flow == flow && catalog.flows[$0.flow]?.type != .elementary }
        if let currency = costRow?.currency ?? process.currency, abs(catalog.currencyFactor(currency) - 1) > 1e-12 {
            reasons.append("cost is in \(catalog.currencies[currency]?.code ?? "another currency") (factor \(format(catalog.currencyFactor(currency)))): MOLA does not convert it to the reference currency")
        }
        return MOLACoefficients(impacts: impacts, cost: costRow?.costValue ?? 0, reasons: reasons)
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
