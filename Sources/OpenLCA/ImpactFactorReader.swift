extension OpenLCADatabase {
    /// The characterisation factors of the given categories, in one statement.
    public func impactFactors(ofCategories categories: some Collection<Int64>) throws(OpenLCAError) -> [ImpactFactorRecord] {
        guard schema.hasTable("tbl_impact_factors"), !categories.isEmpty else { return [] }
        let category = schema.integerExpression("tbl_impact_factors", "f_impact_category")
        let f = { (column: String) in self.schema.column("tbl_impact_factors", column) }
        return try reading {
            let statement = try prepare("""
                SELECT f_impact_category, f_flow, \(f("f_flow_property_factor")), \(f("f_unit")), value, \(f("f_location")),
                       \(f("distribution_type")), \(f("parameter1_value")), \(f("parameter2_value")), \(f("parameter3_value"))
                FROM tbl_impact_factors WHERE \(category) IN (SELECT value FROM json_each(?1))
                """)
            statement.bind(1, "[" + categories.map(String.init).joined(separator: ",") + "]")
            var factors: [ImpactFactorRecord] = []
            while try statement.step() {
                guard let category = statement.int64(0), let flow = statement.int64(1) else { continue }
                let value = statement.double(4)
                let valid = value?.isFinite == true
                factors.append(ImpactFactorRecord(category: category, flow: flow, flowPropertyFactor: statement.int64(2),
                                                  unit: statement.int64(3), value: valid ? value! : 0,
                                                  location: statement.int64(5), hasValidValue: valid,
                                                  uncertainty: Uncertainty.stored(type: statement.int64(6), statement.double(7), statement.double(8), statement.double(9))))
            }
            return factors
        }
    }
}
