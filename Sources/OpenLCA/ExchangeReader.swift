import SQLite

extension OpenLCADatabase {
    /// The SELECT list shared by every exchange query, in ``ExchangeRecord`` order.
    private var exchangeColumns: String {
        let e = { (column: String) in self.schema.column("tbl_exchanges", column) }
        return "id, f_owner, f_flow, f_unit, f_flow_property_factor, resulting_amount_value, is_input, "
            + "\(e("avoided_product")), \(e("f_default_provider")), \(e("cost_value")), \(e("f_currency")), "
            + "\(e("distribution_type")), \(e("parameter1_value")), \(e("parameter2_value")), \(e("parameter3_value"))"
    }

    /// Streams the exchanges of the given processes in one pass over `tbl_exchanges`
    /// (one statement, the owners bound as one JSON array), in the order SQLite returns them.
    ///
    /// Rows whose owner or flow cannot be read as an integer are skipped.
    public func forEachExchange(
        ofProcesses processes: some Collection<Int64>,
        _ body: (ExchangeRecord) throws -> Void
    ) throws(OpenLCAError) {
        let owner = schema.integerExpression("tbl_exchanges", "f_owner")
        try streamExchanges(where: "\(owner) IN (SELECT value FROM json_each(?1))", ids: processes, body)
    }

    /// The exchanges with the given ids (reference exchanges, for example), keyed by id.
    public func exchanges(withIDs ids: some Collection<Int64>) throws(OpenLCAError) -> [Int64: ExchangeRecord] {
        var result: [Int64: ExchangeRecord] = [:]
        result.reserveCapacity(ids.count)
        let id = schema.integerExpression("tbl_exchanges", "id")
        try streamExchanges(where: "\(id) IN (SELECT value FROM json_each(?1))", ids: ids) { result[$0.id] = $0 }
        return result
    }

    private func streamExchanges(
        where condition: String,
        ids: some Collection<Int64>,
        _ body: (ExchangeRecord) throws -> Void
    ) throws(OpenLCAError) {
        if ids.isEmpty { return }
        try reading {
            let statement = try prepare("SELECT \(exchangeColumns) FROM tbl_exchanges WHERE \(condition)")
            statement.bind(1, "[" + ids.map(String.init).joined(separator: ",") + "]")
            while try statement.step() {
                guard let id = statement.int64(0), let owner = statement.int64(1), let flow = statement.int64(2) else {
                    continue
                }
                let amount = statement.double(5)
                let valid = amount?.isFinite == true
                let uncertainty = Uncertainty.stored(type: statement.int64(11), statement.double(12), statement.double(13), statement.double(14))
                try body(ExchangeRecord(
                    id: id, owner: owner, flow: flow,
                    unit: statement.int64(3), flowPropertyFactor: statement.int64(4),
                    amount: valid ? amount! : 0,
                    isInput: statement.bool(6), isAvoided: statement.bool(7),
                    defaultProvider: statement.int64(8),
                    costValue: statement.double(9).flatMap { $0.isFinite ? $0 : nil }, currency: statement.int64(10),
                    hasValidAmount: valid, uncertainty: uncertainty))
            }
        }
    }
}

extension OpenLCADatabase {
    /// How many exchanges of `processes` carry a pedigree entry (`pedigree_uncertainty`) but no
    /// distribution: openLCA's editor turns a pedigree into a stored log-normal when a user applies
    /// it, and its simulator draws stored distributions only, so these amounts are not drawn.
    public func pedigreeWithoutDistribution(ofProcesses processes: some Collection<Int64>) throws(OpenLCAError) -> Int {
        guard !processes.isEmpty, schema.hasColumn("tbl_exchanges", "pedigree_uncertainty") else { return 0 }
        let owner = schema.integerExpression("tbl_exchanges", "f_owner")
        let type = schema.column("tbl_exchanges", "distribution_type")
        return try reading {
            let statement = try prepare("""
                SELECT count(*) FROM tbl_exchanges WHERE \(owner) IN (SELECT value FROM json_each(?1))
                AND length(trim(coalesce(pedigree_uncertainty, ''))) > 0 AND coalesce(\(type), 0) = 0
                """)
            statement.bind(1, "[" + processes.map(String.init).joined(separator: ",") + "]")
            guard try statement.step() else { return 0 }
            return Int(statement.int64(0) ?? 0)
        }
    }
}
