import SQLite

/// A database whose Monte Carlo distributions are known in closed form (GWP: CO2 fossil 1 per
/// kg, CH4 fossil uniform 25 to 35 per kg; each process makes 1 kg of its own product):
///
/// - `u-lognormal`: CO2 out 2000 g, log-normal with geometric mean 2000 g and geometric standard
///   deviation 1.5 (parameters in the exchange's unit): GWP log-normal, median 2 kg, mean
///   `2 exp(ln(1.5)^2 / 2)` = 2.1713;
/// - `u-normal`: CO2 normal, mean 3 kg, sd 0.5; `u-triangle`: CO2 triangle (1, 2, 4) kg, mean 7/3,
///   variance 7/18; `u-uniform`: CO2 uniform (1, 3) kg, mean 2, variance 1/3;
/// - `u-fixed`: CO2 2.5 kg without a distribution; `u-held`: CO2 2 kg, log-normal with geometric
///   standard deviation 0 (held at 2, counted);
/// - `u-factor`: CH4 0.1 kg without a distribution: GWP uniform (2.5, 3.5), the factor's spread;
/// - `u-reference`: reference output uniform (0.5, 2) kg, CO2 1 kg: GWP per kg is 1/U, mean
///   `ln(2 / 0.5) / 1.5` = 0.924196 (the reference amount is drawn, as openLCA draws the diagonal);
/// - `u-part`: needs 2 kg of `u-lognormal`'s product and emits 0.5 kg CO2: cradle-to-gate GWP
///   `0.5 + 2 LN`, mean 4.8427.
public enum UncertaintyDatabase {
    public static var tables: [FixtureTable] {
        var builder = Builder()
        builder.buildUnits()
        let distributions = builder.buildUncertain()
        var tables = builder.tables
        for index in tables.indices where tables[index].name == "tbl_exchanges" {
            let owner = tables[index].index(of: "f_owner")!, flow = tables[index].index(of: "f_flow")!
            func parameter(_ k: Int) -> ([SQLiteValue]) -> SQLiteValue {
                { row in
                    guard case .integer(let o) = row[owner], case .integer(let f) = row[flow], let entry = distributions[[o, f]] else { return .null }
                    return k == 0 ? .integer(entry.type) : entry.parameters[k - 1].map(SQLiteValue.real) ?? .null
                }
            }
            tables[index].addColumn(.init("distribution_type", "INTEGER"), parameter(0))
            for k in 1...3 { tables[index].addColumn(.init("parameter\(k)_value", "DOUBLE"), parameter(k)) }
        }
        for index in tables.indices where tables[index].name == "tbl_impact_factors" {
            let flow = tables[index].index(of: "f_flow")!
            let methane = builder.flow["Methane, fossil"]!
            func parameter(_ value: SQLiteValue) -> ([SQLiteValue]) -> SQLiteValue {
                { row in row[flow] == .integer(methane) ? value : .null }
            }
            tables[index].addColumn(.init("distribution_type", "INTEGER"), parameter(.integer(4)))
            tables[index].addColumn(.init("parameter1_value", "DOUBLE"), parameter(.real(25)))
            tables[index].addColumn(.init("parameter2_value", "DOUBLE"), parameter(.real(35)))
            tables[index].addColumn(.init("parameter3_value", "DOUBLE"), parameter(.null))
        }
        return tables
    }

    /// Writes the database to `path`.
    public static func write(to path: String, options: FixtureOptions = .init()) throws {
        try FixtureWriter.write(tables, to: path, options: options)
    }
}

extension Builder {
    /// The processes; returns the distribution of each (process id, flow id) exchange.
    mutating func buildUncertain() -> [[Int64]: (type: Int64, parameters: [Double?])] {
        addFlow("Carbon dioxide, fossil", "f-co2", .elementary, "Mass")
        addFlow("Methane, fossil", "f-ch4", .elementary, "Mass")
        let kinds = ["lognormal", "normal", "triangle", "uniform", "fixed", "held", "factor", "reference", "part"]
        for kind in kinds { addFlow("Product \(kind)", "f-\(kind)", .product, "Mass") }
        var distributions: [[Int64]: (type: Int64, parameters: [Double?])] = [:]
        func process(_ kind: String, co2: Double, unit: String = "kg", distribution: (Int64, [Double?])? = nil, extra: [Exchange] = [],
                     reference: (Int64, [Double?])? = nil) {
            let id = addProcess("u-\(kind)", "Uncertain \(kind)", location: nil, currency: nil, exchanges: [
                .init(flow: "Product \(kind)", amount: 1, unit: "kg", isInput: false, isReference: true),
                .init(flow: "Carbon dioxide, fossil", amount: co2, unit: unit, isInput: false),
            ] + extra)
            if let distribution { distributions[[id, flow["Carbon dioxide, fossil"]!]] = distribution }
            if let reference { distributions[[id, flow["Product \(kind)"]!]] = reference }
        }
        process("lognormal", co2: 2000, unit: "g", distribution: (1, [2000, 1.5, nil]))
        process("normal", co2: 3, distribution: (2, [3, 0.5, nil]))
        process("triangle", co2: 2, distribution: (3, [1, 2, 4]))
        process("uniform", co2: 2, distribution: (4, [1, 3, nil]))
        process("fixed", co2: 2.5)
        process("held", co2: 2, distribution: (1, [2, 0, nil]))
        process("factor", co2: 0, extra: [.init(flow: "Methane, fossil", amount: 0.1, unit: "kg", isInput: false)])
        process("reference", co2: 1, reference: (4, [0.5, 2, nil]))
        process("part", co2: 0.5, extra: [.init(flow: "Product lognormal", amount: 2, unit: "kg", isInput: true)])
        let method = addMethod("Test method", refId: "m-test")
        addCategory("Climate change", refId: "i-gwp", unit: "kg CO2 eq", method: method, factors: [
            ("Carbon dioxide, fossil", 1, "kg"), ("Methane, fossil", 30, "kg"),
        ])
        return distributions
    }
}
