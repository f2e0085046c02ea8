import InputSchema

extension ModelFile {
    /// The keys and types a model file accepts (`lcaopt schema model` prints it as a JSON Schema);
    /// ``ModelFile/decode(_:file:)`` rejects anything else, every problem at once.
    public static let shape: Shape = {
        let perPeriod = Shape.either([.number, .map(.number)])
        let indicator = Shape.object([
            .init("id", .string, required: true, "objective id of the indicator, e.g. gwp"),
            .init("impactCategory", .string, required: true, "impact category ref_id or exact name"),
        ])
        let site = Shape.object([
            .init("id", .string, required: true), .init("name", .string),
            .init("latitude", .number, "degrees north, -90...90"), .init("longitude", .number, "degrees east, -180...180"),
        ])
        let supplier = Shape.object([
            .init("id", .string, required: true),
            .init("process", .string, required: true, "process ref_id or exact name"),
            .init("flow", .string, "the supplied flow: the process's reference product"),
            .init("latitude", .number), .init("longitude", .number),
            .init("cost", .number, "cost per unit of material, overriding the database's"),
            .init("capacity", perPeriod, "units of material per period: one number or a map period -> number"),
            .init("fixedCost", .number, "a fixed cost that makes the supplier a yes/no decision"),
            .init("modes", .list(.string), "allowed transport mode ids (default all)"),
            .init("equivalence", .number, "units of material one unit of this supplier's flow counts for"),
        ])
        let material = Shape.object([
            .init("id", .string, required: true),
            .init("unit", .string, "unit of amounts of this material (kg, t, lb, ...)"),
            .init("massPerUnit", .number, "kg per unit of material, when the unit is not a mass"),
            .init("suppliers", .list(supplier), required: true),
        ])
        let mode = Shape.object([
            .init("id", .string, required: true),
            .init("process", .string, required: true, "a process measured in mass x distance (t*km, kg*km)"),
            .init("cost", .number, "cost per reference unit of the process (e.g. per t*km)"),
            .init("circuity", .number, "factor on the great-circle distance (default 1)"),
        ])
        let service = Shape.object([
            .init("id", .string, required: true), .init("process", .string, required: true),
            .init("cost", .number, "cost per reference unit of the service"),
            .init("per", .map(.number), required: true, "service amount per unit of each material delivered"),
        ])
        let demand = Shape.object([
            .init("id", .string, required: true), .init("site", .string, required: true),
            .init("period", .string, "the period of amount when it is one number"),
            .init("amount", perPeriod, "units of demand: one number (with period) or a map period -> number"),
            .init("total", .number, "units of demand over all periods together"),
            .init("requires", .map(.number), required: true, "units of each material per unit of demand"),
        ])
        let storage = Shape.object([
            .init("material", .string, required: true), .init("site", .string, required: true),
            .init("cost", .number, "cost per unit held at the end of a period"),
        ])
        let distance = Shape.object([
            .init("supplier", .string, required: true), .init("site", .string, required: true),
            .init("km", .number, required: true),
        ])
        return .object([
            .init("$schema", .string, "the JSON Schema of this file (lcaopt schema model)"),
            .init("name", .string), .init("database", .string, "database path, relative to the model file"),
            .init("periods", .list(.string)), .init("indicators", .list(indicator)),
            .init("sites", .list(site), required: true), .init("materials", .list(material), required: true),
            .init("transport", .list(mode)), .init("services", .list(service)),
            .init("demands", .list(demand), required: true), .init("storage", .list(storage)),
            .init("distances", .list(distance)),
            .init("objectives", .list(.string), "cost, indicator ids and weighted: which to report and sweep"),
            .init("weights", .map(.number), "weights of the weighted-sum objective `weighted`"),
            .init("lciaScope", .choice(["direct", "system"])),
            .init("providers", .map(.string), "system scope: flow -> providing process"),
            .init("providerRule", .choice(["first", "same-location", "fail"])),
        ])
    }()
}
