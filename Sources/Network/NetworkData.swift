import InputSchema

/// A resolved network (`docs/network.md`): every id turned into an index, every per-snapshot value
/// into a flat array over (period, snapshot) — position `p * snapshots.count + t` — and every
/// openLCA link into impacts per unit of activity. ``NetworkProblem`` builds the LP from it.
public struct NetworkData: Sendable {
    public struct Period: Sendable, Equatable {
        public var id: String
        public var year: Double
        public var years: Double
        /// The period's weight in the cost objective: years discounted to the first period's year.
        public var costWeight: Double
    }
    public struct Location: Sendable, Equatable { public var id: String; public var latitude, longitude: Double? }
    public struct Carrier: Sendable, Equatable { public var id: String; public var unit: String }
    public struct Bus: Sendable, Equatable { public var id: String; public var carrier: Int; public var location: Int? }
    public struct Indicator: Sendable, Equatable {
        public var id: String
        /// The impact category's name (the id for a user indicator).
        public var name: String
        public var unit: String
        public var method: String
        public var categoryRefId: String?
    }
    /// Capacity as a decision: per period built, active for `lifetime` years.
    public struct Expansion: Sendable, Equatable {
        public var cost: Double
        public var min, max, unitSize, lifetime: Double?
        /// Impacts per unit of capacity built, per indicator (not discounted, counted once).
        public var embodied: [Double]
        /// The only period capacity may be built in (nil: any).
        public var period: Int? = nil
    }
    public struct Supply: Sendable, Equatable {
        public var id: String
        public var bus: Int
        public var cost: [Double]
        public var capacity: Double?
        public var availability: [Double]
        public var minimum: [Double]
        public var total: Double?
        public var expansion: Expansion?
        /// Per unit supplied, per indicator.
        public var impacts: [Double]
    }
    public struct Export: Sendable, Equatable {
        public var id: String
        public var bus: Int
        public var revenue: [Double]
        public var capacity: Double?
        public var minimum: [Double]
    }
    public struct Demand: Sendable, Equatable { public var id: String; public var bus: Int; public var amount: [Double] }
    public struct Link: Sendable, Equatable {
        public var id: String
        public var legBuses: [Int]
        public var legCoefficients: [Double]
        public var capacity: Double?
        public var minimumLoad: [Double]
        public var availability: [Double]
        public var cost: [Double]
        public var expansion: Expansion?
        /// Index in ``NetworkData/builds`` when the link is a yes/no build.
        public var build: Int?
        public var impacts: [Double]
        /// The unit of activity: the carrier unit of a leg consumed at 1, else of one produced at 1, else `activity`.
        public var unit: String
    }
    /// One direction of a transport route.
    public struct Route: Sendable, Equatable {
        public var transport: String
        public var from, to: Int
        public var fromBus, toBus: Int
        public var km: Double
        public var loss: Double
        public var fuelBuses: [Int]
        public var fuelPerKm: [Double]
        public var capacity: Double?
        /// Per unit moved: `cost + costPerKm * km`.
        public var cost: Double
        public var build: Int?
        /// Per unit moved, per indicator (`processAmount * km * EI + impacts`).
        public var impacts: [Double]
    }
    public struct Store: Sendable, Equatable {
        public var id: String
        public var bus: Int
        public var capacity: Double?
        public var expansion: Expansion?
        public var standingLoss, efficiencyIn, efficiencyOut: Double
        public var cyclic: Bool
        public var initial: Double
        public var cost: Double
    }
    /// A yes/no build (a link or transport route with a fixed cost).
    public struct Build: Sendable, Equatable { public var id: String; public var fixedCost: Double }
    /// A global constraint on an indicator's total.
    public struct Limit: Sendable, Equatable {
        public var id: String
        public var indicator: Int
        public var min, max: Double?
        /// Caps that period's year of operation; nil: the whole total.
        public var period: Int?
    }

    public var name: String
    /// The database the network was resolved against (empty: none).
    public var database: String
    public var scope: String
    public var costUnit: String
    public var snapshots: [String]
    public var snapshotWeights: [Double]
    /// True when the file declares periods (reports then name them).
    public var hasPeriods: Bool
    public var periods: [Period]
    public var locations: [Location]
    public var carriers: [Carrier]
    public var buses: [Bus]
    public var indicators: [Indicator]
    public var supplies: [Supply]
    public var exports: [Export]
    public var demands: [Demand]
    public var links: [Link]
    public var routes: [Route]
    public var stores: [Store]
    public var builds: [Build]
    public var limits: [Limit]
    /// The objectives to report and sweep.
    public var objectives: [String]
    public var notes: [String]
    public var cutOffs: [String]
    /// Column values at or below this are solver noise: 1e-7 of the network's largest amount.
    public var zeroTolerance: Double

    /// The file's tree and the characterisation it was resolved with: what a scenario's changes
    /// are applied to (``applying(_:)`` re-resolves without the database).
    var source: JSONValue
    var file: String
    var lca: NetworkLCA

    /// Positions over (period, snapshot).
    public var slices: Int { periods.count * snapshots.count }
}
