/// Small linked networks whose cradle-to-gate GWP is solved by hand (CO2 fossil: 1 per kg):
///
/// - chain: `n-a` (1 kg a; 2 kg b in; 1 kg CO2) <- `n-b` (1 kg b; 500 g c in; 2 kg CO2) <- `n-c` (1 kg c;
///   4 kg CO2): GWP a = 1 + 2 x (2 + 0.5 x 4) = 9, b = 4, c = 4;
/// - loop: `n-power` (1 MJ electricity; 400 g coal in; 0.1 kg CO2) and `n-coal` (1 kg coal; 0.5 MJ
///   electricity in; 0.05 kg CO2): per MJ s = (1.25, 0.5), GWP 0.15; per kg coal s = (0.625, 1.25), GWP 0.125;
/// - multi-output: `n-refinery` (2 kg diesel (reference) and 3 kg gasoline; 10 kg CO2; physical
///   allocation 0.4 / 0.6) and `n-truck` (1 t*km; 0.05 kg diesel in; 0.2 kg CO2): diesel 10 x 0.4 / 2 = 2
///   per kg, truck 0.2 + 0.05 x 2 = 0.3 per t*km;
/// - avoided product: `n-recycling` (1 kg recycled; avoids 0.8 kg virgin material made by `n-virgin`
///   with 3 kg CO2 per kg; 0.5 kg CO2): 0.5 - 0.8 x 3 = -1.9;
/// - cut-off: `n-orphan` (1 kg; 1 kg of "Mystery input" that nothing produces; 1 kg CO2): 1;
/// - two producers: `n-steel-eu` and `n-steel-us` both make "Steel bar" (1 and 3 kg CO2 per kg, at DE
///   and at US); `n-frame` (at US) needs 1 kg of it and emits 0.5 kg: 1.5 with the first rule, 3.5 at
///   the same location.
public enum NetworkDatabase {
    public static var tables: [FixtureTable] {
        var builder = Builder()
        builder.buildUnits()
        builder.buildNetworks()
        return builder.tables
    }

    /// Writes the database to `path`.
    public static func write(to path: String, options: FixtureOptions = .init()) throws {
        try FixtureWriter.write(tables, to: path, options: options)
    }
}

extension Builder {
    mutating func buildNetworks() {
        addFlow("Carbon dioxide, fossil", "f-co2", .elementary, "Mass")
        for (name, refId) in [("Product a", "f-a"), ("Product b", "f-b"), ("Product c", "f-c"), ("Coal", "f-coal"),
                              ("Diesel", "f-diesel"), ("Gasoline", "f-gasoline"), ("Recycled material", "f-recycled"),
                              ("Virgin material", "f-virgin"), ("Orphan product", "f-orphan"), ("Mystery input", "f-mystery"),
                              ("Steel bar", "f-bar"), ("Frame", "f-frame")] {
            addFlow(name, refId, .product, "Mass")
        }
        addFlow("Electricity", "f-power", .product, "Energy")
        addFlow("Transport, truck", "f-truck", .product, "Goods transport (mass*distance)")
        let germany = addLocation("Germany", code: "DE", latitude: 51, longitude: 10)
        let states = addLocation("United States", code: "US", latitude: 39, longitude: -98)
        func co2(_ amount: Double) -> Exchange { .init(flow: "Carbon dioxide, fossil", amount: amount, unit: "kg", isInput: false) }

        addProcess("n-a", "Chain a", location: nil, currency: nil, exchanges: [
            .init(flow: "Product a", amount: 1, unit: "kg", isInput: false, isReference: true),
            .init(flow: "Product b", amount: 2, unit: "kg", isInput: true), co2(1)])
        addProcess("n-b", "Chain b", location: nil, currency: nil, exchanges: [
            .init(flow: "Product b", amount: 1, unit: "kg", isInput: false, isReference: true),
            .init(flow: "Product c", amount: 500, unit: "g", isInput: true), co2(2)])
        addProcess("n-c", "Chain c", location: nil, currency: nil, exchanges: [
            .init(flow: "Product c", amount: 1, unit: "kg", isInput: false, isReference: true), co2(4)])

        addProcess("n-power", "Electricity from coal", location: nil, currency: nil, exchanges: [
            .init(flow: "Electricity", amount: 1, unit: "MJ", isInput: false, isReference: true),
            .init(flow: "Coal", amount: 400, unit: "g", isInput: true), co2(0.1)])
        addProcess("n-coal", "Coal mining", location: nil, currency: nil, exchanges: [
            .init(flow: "Coal", amount: 1, unit: "kg", isInput: false, isReference: true),
            .init(flow: "Electricity", amount: 0.5, unit: "MJ", isInput: true), co2(0.05)])

        addProcess("n-refinery", "Refinery", location: nil, currency: nil, exchanges: [
            .init(flow: "Diesel", amount: 2, unit: "kg", isInput: false, isReference: true),
            .init(flow: "Gasoline", amount: 3, unit: "kg", isInput: false), co2(10)],
            allocation: "PHYSICAL", factors: [("Diesel", 0.4), ("Gasoline", 0.6)])
        addProcess("n-truck", "Truck", location: nil, currency: nil, exchanges: [
            .init(flow: "Transport, truck", amount: 1, unit: "t*km", isInput: false, isReference: true),
            .init(flow: "Diesel", amount: 0.05, unit: "kg", isInput: true), co2(0.2)])

        addProcess("n-virgin", "Virgin material", location: nil, currency: nil, exchanges: [
            .init(flow: "Virgin material", amount: 1, unit: "kg", isInput: false, isReference: true), co2(3)])
        addProcess("n-recycling", "Recycling", location: nil, currency: nil, exchanges: [
            .init(flow: "Recycled material", amount: 1, unit: "kg", isInput: false, isReference: true),
            .init(flow: "Virgin material", amount: 0.8, unit: "kg", isInput: true, isAvoided: true), co2(0.5)])

        addProcess("n-orphan", "Orphan", location: nil, currency: nil, exchanges: [
            .init(flow: "Orphan product", amount: 1, unit: "kg", isInput: false, isReference: true),
            .init(flow: "Mystery input", amount: 1, unit: "kg", isInput: true), co2(1)])

        addProcess("n-steel-eu", "Steel bar, EU", location: germany, currency: nil, exchanges: [
            .init(flow: "Steel bar", amount: 1, unit: "kg", isInput: false, isReference: true), co2(1)])
        addProcess("n-steel-us", "Steel bar, US", location: states, currency: nil, exchanges: [
            .init(flow: "Steel bar", amount: 1, unit: "kg", isInput: false, isReference: true), co2(3)])
        addProcess("n-frame", "Frame", location: states, currency: nil, exchanges: [
            .init(flow: "Frame", amount: 1, unit: "kg", isInput: false, isReference: true),
            .init(flow: "Steel bar", amount: 1, unit: "kg", isInput: true), co2(0.5)])

        let method = addMethod("Test method", refId: "m-test")
        addCategory("Climate change", refId: "i-gwp", unit: "kg CO2 eq", method: method, factors: [("Carbon dioxide, fossil", 1, "kg")])
    }
}
