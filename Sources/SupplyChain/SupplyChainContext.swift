import ModelFamily

extension SupplyChainData {
    /// The context of results of this data, with noise below `zeroTolerance` reported as zero.
    public func context(zeroTolerance: Double) -> ResultContext {
        ResultContext(model: name, database: database, scope: scope,
                      indicators: indicators.map { .init(id: $0.id, category: $0.name, method: $0.method, unit: $0.unit) },
                      costUnit: costUnit, cutOffs: cutOffs, zeroTolerance: zeroTolerance)
    }
}

extension SupplyChainProblem {
    /// The context of this problem's results.
    public var context: ResultContext { data.context(zeroTolerance: zeroTolerance) }
}
