extension OpenLCADatabase {
    /// The allocation factors of the given processes, in one statement.
    public func allocationFactors(ofProcesses processes: some Collection<Int64>) throws(OpenLCAError) -> [AllocationFactorRecord] {
        guard schema.hasTable("tbl_allocation_factors"), !processes.isEmpty else { return [] }
        let process = schema.integerExpression("tbl_allocation_factors", "f_process")
        return try reading {
            let statement = try prepare("""
                SELECT allocation_type, f_process, f_product, \(schema.column("tbl_allocation_factors", "f_exchange")), value
                FROM tbl_allocation_factors WHERE \(process) IN (SELECT value FROM json_each(?1))
                """)
            statement.bind(1, "[" + processes.map(String.init).joined(separator: ",") + "]")
            var factors: [AllocationFactorRecord] = []
            while try statement.step() {
                guard let method = statement.text(0), let owner = statement.int64(1), let product = statement.int64(2) else { continue }
                factors.append(AllocationFactorRecord(method: method.uppercased(), process: owner, product: product,
                                                      exchange: statement.int64(3), value: statement.double(4) ?? 0))
            }
            return factors
        }
    }
}
