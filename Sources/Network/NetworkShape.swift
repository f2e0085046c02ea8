import InputSchema

/// The keys and types a network file accepts (`docs/network.md` section 1); the loader rejects
/// anything else, every problem at once, and `lcaopt schema network` prints it as a JSON Schema.
public enum NetworkShape {
    /// A number, or one that varies: a map snapshot -> number, or period -> (number or map
    /// snapshot -> number); in a file, also the name of a CSV with a `snapshot` column and one
    /// column per component.
    static let varying = Shape.either([.number, .map(.either([.number, .map(.number)])), .string])
    static let impacts = Shape.map(.number)

    static let expansion = Shape.object([
        .init("cost", .number, required: true, "cost per unit of capacity per year (annualised; PyPSA's capital_cost)"),
        .init("min", .number, "least capacity in every period (existing included)"),
        .init("max", .number, "most capacity in every period (existing included)"),
        .init("unitSize", .number, "capacity comes in whole units of this size (a MILP; PyPSA's p_nom_mod)"),
        .init("lifetime", .number, "years a build stays active (default: to the end of the horizon)"),
        .init("period", .string, "the only period capacity may be built in (PyPSA's build_year; default: any period)"),
        .init("process", .string, "the openLCA process that builds capacity (embodied impacts)"),
        .init("processAmount", .number, "reference units of that process per unit of capacity (default 1)"),
        .init("impacts", impacts, "indicator -> amount per unit of capacity built"),
    ])

    static func listOf(_ item: Shape) -> Shape { .either([.list(item), .string]) }

    static let lcaFields: [Shape.Field] = [
        .init("process", .string, "openLCA process (ref_id or exact name) counted per unit of activity"),
        .init("processAmount", .number, "reference units of the process per unit of activity (default 1, or the unit conversion)"),
        .init("impacts", impacts, "indicator -> amount per unit of activity"),
    ]

    /// Every list item's shape, by list name (CSV lists are read against these).
    public static let items: [String: Shape] = [
        "snapshots": .object([.init("id", .string, required: true), .init("weight", .number, "units of time the snapshot stands for (default 1)")]),
        "periods": .object([
            .init("id", .string, required: true), .init("year", .number, required: true, "the first year of the period"),
            .init("years", .number, "how many years the period lasts (default 1)"),
            .init("weight", .number, "the period's weight in the cost (default: discounted years, from discountRate; PyPSA's objective weighting)"),
        ]),
        "locations": .object([
            .init("id", .string, required: true), .init("name", .string),
            .init("latitude", .number, "degrees north"), .init("longitude", .number, "degrees east"),
        ]),
        "carriers": .object([.init("id", .string, required: true), .init("unit", .string, "the unit of amounts of this carrier (e.g. MWh, t, m3)")]),
        "buses": .object([.init("id", .string, required: true), .init("carrier", .string, required: true), .init("location", .string)]),
        "indicators": .object([
            .init("id", .string, required: true), .init("impactCategory", .string, "openLCA impact category (ref_id or exact name)"),
            .init("unit", .string, "unit of a user indicator"),
        ]),
        "supplies": .object([
            .init("id", .string, required: true), .init("bus", .string, required: true),
            .init("cost", varying, "cost per unit supplied (default: the process's cost, else 0)"),
            .init("capacity", .number, "most per unit of time"), .init("availability", varying, "factor on capacity per snapshot (PyPSA's p_max_pu)"),
            .init("minimum", varying, "least per unit of time"), .init("total", .number, "most over a year (the weighted sum of a period's snapshots)"),
            .init("expansion", expansion),
        ] + lcaFields),
        "exports": .object([
            .init("id", .string, required: true), .init("bus", .string, required: true),
            .init("revenue", varying, "revenue per unit exported"), .init("capacity", .number, "most per unit of time"),
            .init("minimum", varying, "least per unit of time"),
        ]),
        "demands": .object([
            .init("id", .string, required: true), .init("bus", .string, required: true),
            .init("amount", varying, required: true, "per unit of time; negative: must leave the bus (waste)"),
        ]),
        "links": .object([
            .init("id", .string, required: true),
            .init("legs", .map(.number), required: true, "bus -> amount per unit of activity (negative consumed, positive produced)"),
            .init("capacity", .number, "most activity per unit of time"), .init("minimumLoad", varying, "least activity as a share of capacity (PyPSA's p_min_pu, down to -1)"),
            .init("availability", varying, "factor on capacity per snapshot"), .init("cost", varying, "cost per unit of activity"),
            .init("expansion", expansion), .init("fixedCost", .number, "makes the link a yes/no build (a MILP)"),
        ] + lcaFields),
        "transport": .object([
            .init("id", .string, required: true), .init("carrier", .string, required: true),
            .init("routes", .either([.choice(["all"]), .list(.object([
                .init("from", .string, required: true), .init("to", .string, required: true), .init("km", .number, "default: Haversine x circuity"),
            ]))]), required: true, "routes between locations, or all"),
            .init("loss", .number, "share lost on the way (0...1)"), .init("fuel", .map(.number), "carrier -> amount drawn at the origin per unit moved per km"),
            .init("circuity", .number, "factor on the great-circle distance (default 1)"), .init("capacity", .number, "most per unit of time on a route"),
            .init("cost", .number, "cost per unit moved"), .init("costPerKm", .number, "cost per unit moved per km"),
            .init("fixedCost", .number, "makes each route a yes/no build (a MILP)"),
            .init("bidirectional", .boolean, "also the reverse direction (default false)"),
            .init("process", .string, "openLCA process counted per unit moved per km (e.g. t*km)"),
            .init("processAmount", .number, "reference units of the process per unit moved per km (default 1, or the unit conversion)"),
            .init("impacts", impacts, "indicator -> amount per unit moved"),
        ]),
        "stores": .object([
            .init("id", .string, required: true), .init("bus", .string, required: true), .init("capacity", .number, "most held"),
            .init("expansion", expansion), .init("standingLoss", .number, "share lost per unit of time"),
            .init("efficiencyIn", .number, "default 1"), .init("efficiencyOut", .number, "default 1"),
            .init("cyclic", .boolean, "the level closes on itself in every period (default true)"),
            .init("initial", .number, "level before the first snapshot when not cyclic (default 0)"),
            .init("cost", .number, "cost per unit held per unit of time"),
        ]),
        "constraints": .object([
            .init("id", .string, required: true), .init("indicator", .string, required: true, "an indicator id"),
            .init("max", .number), .init("min", .number), .init("period", .string, "caps that period's year; without: the whole total"),
        ]),
    ]

    /// The list keys in file order.
    public static let listKeys = ["snapshots", "periods", "locations", "carriers", "buses", "indicators", "supplies", "exports",
                                  "demands", "links", "transport", "stores", "constraints"]

    /// The whole file.
    public static let shape: Shape = .object([
        .init("$schema", .string, "the JSON Schema of this file (lcaopt schema network)"),
        .init("kind", .choice(["network"]), required: true),
        .init("name", .string), .init("database", .string, "openLCA database, relative to this file (only with openLCA links)"),
        .init("lciaScope", .choice(["direct", "system"])), .init("currency", .string, "the unit of costs (default: the database's, else USD)"),
        .init("discountRate", .number, "per year, for periods (default 0)"),
        .init("objectives", .list(.string), "cost and indicator ids to report and sweep (default all)"),
    ] + listKeys.map { key in
        .init(key, listOf(items[key]!), required: ["carriers", "buses"].contains(key), "a list, or a CSV file with one row per item")
    })
}
