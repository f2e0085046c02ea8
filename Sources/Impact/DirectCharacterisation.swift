import OpenLCA

/// Impacts per reference unit of each process's own elementary exchanges (the direct scope),
/// with openLCA's arithmetic:
///
/// - amounts in reference units: `a * unit.cf / fpf.cf`
///   (olca-core `org/openlca/core/matrix/cache/ExchangeTable.java`, `getConversionFactor`);
/// - factors per reference unit: `v * fpf.cf / unit.cf`
///   (olca-core `org/openlca/core/matrix/ImpactBuilder.java`, `getConversionFactor`);
/// - signs: an input enters the intervention matrix negated (`CalcExchange.matrixValue`), and a
///   factor is negated when its flow's direction is input (`CalcImpactFactor.matrixValue`); the
///   direction is the category's recorded `direction` (openLCA 2), else that of the flow's first
///   exchange in the process (the `EnviIndex` registers a flow once, with the direction it was
///   first seen in), so an exchange in the other direction subtracts;
/// - regionalised factors (`f_location` set) are skipped, as in a non-regionalised calculation;
/// - the sum is divided by the reference exchange amount in reference units.
public enum DirectCharacterisation {
    /// Characterises `processes` (database ids) with `categories` (database ids) in one pass
    /// over their exchanges. `contributions` > 0 keeps that many largest flow contributions.
    public static func compute(
        database: OpenLCADatabase, processes: [Int64], categories: [Int64], contributions: Int = 0
    ) throws(OpenLCAError) -> LCIAResult {
        var (catalog, categoryList, table, inventory) = try collect(database: database, processes: processes, categories: categories)
        var results: [ProcessResult] = []
        results.reserveCapacity(processes.count)
        for position in processes.indices {
            results.append(try inventory.result(position, categories: categoryList, factors: table, keep: contributions))
        }
        return LCIAResult(categories: categoryList,
                          methodNames: categoryList.map { catalog.methodNames(of: $0).joined(separator: "; ") },
                          processes: results, warnings: table.warnings(categoryList))
    }
}

extension DirectCharacterisation {
    /// The catalog, the categories, their factors and every process's characterised exchanges,
    /// read in one pass: what a direct-scope result (or its Monte Carlo structure) is made from.
    static func collect(database: OpenLCADatabase, processes: [Int64], categories: [Int64]) throws(OpenLCAError)
        -> (catalog: Catalog, categories: [ImpactCategory], factors: FactorTable, inventory: InventoryCollector) {
        let catalog = try database.catalog()
        let categoryList = categories.compactMap { catalog.impactCategories[$0] }
        let table = FactorTable(try database.impactFactors(ofCategories: categories), categories: categoryList, catalog: catalog)
        var inventory = InventoryCollector(processes: processes, catalog: catalog, factors: table)
        try database.forEachExchange(ofProcesses: processes) { inventory.add($0) }
        return (catalog, categoryList, table, inventory)
    }
}

extension FactorTable {
    /// What is wrong with the factors of each category, for a practitioner to fix in openLCA:
    /// none at all (every impact is 0), values that are no numbers, flows that do not exist.
    func warnings(_ categories: [ImpactCategory]) -> [String] {
        var warnings: [String] = []
        for (position, category) in categories.enumerated() {
            if factorCounts[position] == 0 {
                warnings.append("impact category '\(category.name)' has no characterisation factors: every impact in it is 0")
            }
            if invalidValues[position] > 0 {
                warnings.append("impact category '\(category.name)': \(invalidValues[position]) of \(factorCounts[position]) factors have no numeric value (NULL, text or blob): counted as 0")
            }
            if danglingFlows[position] > 0 {
                warnings.append("impact category '\(category.name)': \(danglingFlows[position]) factors refer to flows missing from tbl_flows")
            }
        }
        return warnings
    }
}

/// Characterisation factors per reference unit, by flow: `entries[flow]` lists
/// (category position, factor per reference unit) without sign.
struct FactorTable {
    var entries: [Int64: [(category: Int, value: Double)]] = [:]
    /// The recorded direction of each category (openLCA 2), by position.
    var directions: [Direction?]
    /// Per category position: factors stored without a numeric value (read as 0), and factors in all.
    var invalidValues: [Int]
    var factorCounts: [Int]
    /// Factors of flows the database does not have.
    var danglingFlows: [Int]
    struct Key: Hashable { var flow: Int64; var category: Int }
    /// The distributions of factors that have one (per the factor's unit, with the factor from
    /// that unit to the reference unit), for Monte Carlo samples.
    var uncertain: [Key: (uncertainty: Result<Uncertainty?, Uncertainty.Unusable>, conversion: Double)] = [:]

    init(_ records: [ImpactFactorRecord], categories: [ImpactCategory], catalog: Catalog) {
        directions = categories.map(\.direction)
        invalidValues = Array(repeating: 0, count: categories.count)
        factorCounts = Array(repeating: 0, count: categories.count)
        danglingFlows = Array(repeating: 0, count: categories.count)
        // A category requested twice (two indicators on one category, or once by id and once by
        // name) fills every position it was requested at.
        var positions: [Int64: [Int]] = [:]
        for (index, category) in categories.enumerated() { positions[category.id, default: []].append(index) }
        for record in records where record.location == nil {
            guard let requested = positions[record.category] else { continue }
            let conversion = catalog.impactFactorFactor(unit: record.unit, propertyFactor: record.flowPropertyFactor)
            let value = record.value * conversion
            for category in requested {
                if case .success(nil) = record.uncertainty { uncertain[Key(flow: record.flow, category: category)] = nil } else {
                    uncertain[Key(flow: record.flow, category: category)] = (record.uncertainty, conversion)
                }
                factorCounts[category] += 1
                if !record.hasValidValue { invalidValues[category] += 1 }
                if catalog.flows[record.flow] == nil { danglingFlows[category] += 1 }
                // As openLCA's matrix builder, a repeated factor for the same flow replaces the earlier one.
                if let existing = entries[record.flow]?.firstIndex(where: { $0.category == category }) {
                    entries[record.flow]![existing].value = value
                } else {
                    entries[record.flow, default: []].append((category, value))
                }
            }
        }
    }
}
