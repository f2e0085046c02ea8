/// A supply-chain model file (JSON or YAML), as `docs/model.md` section 2 describes it.
/// Ids are unique within their kind; processes, flows and impact categories are named by
/// ref_id or exact name in the database.
public struct ModelFile: Codable, Sendable, Equatable {
    /// A display name (the file name when absent).
    public var name: String?
    /// The database path, relative to the model file (the CLI's `--db` overrides it).
    public var database: String?
    /// Ordered period labels; one unnamed period when absent.
    public var periods: [String]?
    public var indicators: [Indicator]?
    public var sites: [Site]
    public var materials: [Material]
    public var transport: [TransportMode]?
    public var services: [Service]?
    public var demands: [Demand]
    public var storage: [Storage]?
    public var distances: [DistanceOverride]?
    /// Which of `cost` and the indicator ids to report and sweep (default: all).
    public var objectives: [String]?
    /// Weights of a weighted-sum objective (`cost` and indicator ids), reported as `weighted`.
    public var weights: [String: Double]?
    /// `direct` (default) or `system`.
    public var lciaScope: String?
    /// System scope: explicit providers, flow (ref_id or exact name) -> process (ref_id or exact name).
    public var providers: [String: String]?
    /// System scope: `first` (default), `same-location` or `fail` when several processes produce a flow.
    public var providerRule: String?

    public struct Indicator: Codable, Sendable, Equatable {
        public var id: String
        /// An impact category ref_id or exact name.
        public var impactCategory: String

        public init(id: String, impactCategory: String) {
            self.id = id
            self.impactCategory = impactCategory
        }
    }

    public struct Site: Codable, Sendable, Equatable {
        public var id: String
        public var name: String?
        public var latitude: Double?
        public var longitude: Double?

        public init(id: String, name: String? = nil, latitude: Double? = nil, longitude: Double? = nil) {
            self.id = id
            self.name = name
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    public struct Material: Codable, Sendable, Equatable {
        public var id: String
        /// The unit of amounts of this material (demands, deliveries): a unit name of the database
        /// (kg, t, lb, ...). Default: the reference unit of the first supplier's flow.
        public var unit: String?
        /// kg per unit of material, for transport when the unit is not a mass.
        public var massPerUnit: Double?
        public var suppliers: [Supplier]

        public init(id: String, unit: String? = nil, massPerUnit: Double? = nil, suppliers: [ModelFile.Supplier]) {
            self.id = id
            self.unit = unit
            self.massPerUnit = massPerUnit
            self.suppliers = suppliers
        }
    }

    public struct Supplier: Codable, Sendable, Equatable {
        public var id: String
        /// A process ref_id or exact name.
        public var process: String
        /// The supplied flow; default the process's reference product.
        public var flow: String?
        public var latitude: Double?
        public var longitude: Double?
        /// Cost per unit of material, overriding the database's.
        public var cost: Double?
        /// Capacity in units of material per period: one number for every period or a map.
        public var capacity: PerPeriod?
        /// A fixed cost that makes the supplier a yes/no decision.
        public var fixedCost: Double?
        /// Allowed transport mode ids (default all; an empty list means no transport).
        public var modes: [String]?
        /// Units of the material one unit of this supplier's flow counts for (default 1).
        public var equivalence: Double?

        public init(id: String, process: String, flow: String? = nil, latitude: Double? = nil, longitude: Double? = nil,
                    cost: Double? = nil, capacity: PerPeriod? = nil, fixedCost: Double? = nil, modes: [String]? = nil,
                    equivalence: Double? = nil) {
            self.id = id
            self.process = process
            self.flow = flow
            self.latitude = latitude
            self.longitude = longitude
            self.cost = cost
            self.capacity = capacity
            self.fixedCost = fixedCost
            self.modes = modes
            self.equivalence = equivalence
        }
    }

    public struct TransportMode: Codable, Sendable, Equatable {
        public var id: String
        /// A process whose reference unit is mass x distance (t*km, kg*km).
        public var process: String
        /// Cost per reference unit of the process (e.g. per t*km), overriding the database's.
        public var cost: Double?
        /// Factor on the great-circle distance (default 1).
        public var circuity: Double?

        public init(id: String, process: String, cost: Double? = nil, circuity: Double? = nil) {
            self.id = id
            self.process = process
            self.cost = cost
            self.circuity = circuity
        }
    }

    public struct Service: Codable, Sendable, Equatable {
        public var id: String
        public var process: String
        /// Cost per reference unit of the service, overriding the database's.
        public var cost: Double?
        /// Service amount (its reference unit) per unit of each material delivered.
        public var per: [String: Double]
    }

    public struct Demand: Codable, Sendable, Equatable {
        public var id: String
        public var site: String
        /// The period of `amount` when it is one number.
        public var period: String?
        /// Units of demand in `period`, or a map period -> units.
        public var amount: PerPeriod?
        /// Units of demand over all periods together.
        public var total: Double?
        /// Units of each material per unit of demand.
        public var requires: [String: Double]

        public init(id: String, site: String, period: String? = nil, amount: PerPeriod? = nil, total: Double? = nil, requires: [String: Double]) {
            self.id = id
            self.site = site
            self.period = period
            self.amount = amount
            self.total = total
            self.requires = requires
        }
    }

    public struct Storage: Codable, Sendable, Equatable {
        public var material: String
        public var site: String
        /// Cost per unit of material held at the end of a period.
        public var cost: Double?

        public init(material: String, site: String, cost: Double? = nil) {
            self.material = material
            self.site = site
            self.cost = cost
        }
    }

    public struct DistanceOverride: Codable, Sendable, Equatable {
        public var supplier: String
        public var site: String
        public var km: Double

        public init(supplier: String, site: String, km: Double) {
            self.supplier = supplier
            self.site = site
            self.km = km
        }
    }

    public init(name: String? = nil, database: String? = nil, periods: [String]? = nil, indicators: [Indicator]? = nil,
                sites: [Site], materials: [Material], transport: [TransportMode]? = nil, services: [Service]? = nil,
                demands: [Demand], storage: [Storage]? = nil, distances: [DistanceOverride]? = nil, objectives: [String]? = nil,
                weights: [String: Double]? = nil, lciaScope: String? = nil, providers: [String: String]? = nil, providerRule: String? = nil) {
        self.name = name
        self.database = database
        self.periods = periods
        self.indicators = indicators
        self.sites = sites
        self.materials = materials
        self.transport = transport
        self.services = services
        self.demands = demands
        self.storage = storage
        self.distances = distances
        self.objectives = objectives
        self.weights = weights
        self.lciaScope = lciaScope
        self.providers = providers
        self.providerRule = providerRule
    }
}

/// A number for every period, or a map period -> number.
public enum PerPeriod: Codable, Sendable, Equatable {
    case every(Double)
    case byPeriod([String: Double])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Double.self) {
            self = .every(value)
        } else {
            self = .byPeriod(try container.decode([String: Double].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .every(let value): try container.encode(value)
        case .byPeriod(let map): try container.encode(map)
        }
    }

    /// The value for `period`, nil when a map lacks it.
    public func value(for period: String) -> Double? {
        switch self {
        case .every(let value): return value
        case .byPeriod(let map): return map[period]
        }
    }
}
