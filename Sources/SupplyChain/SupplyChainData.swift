import ModelFamily
import OpenLCA

/// A model file resolved against a database: plain numbers per unit, ready to build an LP.
/// Amounts of a material are in the material's unit; per-unit costs and impacts are per that
/// unit (suppliers), per the process's reference unit (transport modes, services).
public struct SupplyChainData: Sendable {
    public struct Indicator: Sendable, Equatable {
        public var id: String
        public var categoryRefId: String
        public var name: String
        public var unit: String
        /// The LCIA method(s) the category belongs to.
        public var method: String = ""
    }

    public struct Site: Sendable, Equatable {
        public var id: String
        public var name: String
        public var latitude: Double?
        public var longitude: Double?
    }

    public struct Material: Sendable, Equatable {
        public var id: String
        public var unit: String
        /// kg per unit, when known.
        public var massPerUnit: Double?
    }

    public struct Supplier: Sendable, Equatable {
        public var id: String
        public var material: Int
        public var processRefId: String
        public var processName: String
        /// Cost per unit of material.
        public var cost: Double
        /// Impacts per unit of material, by indicator.
        public var impacts: [Double]
        /// Capacity per period (nil: none).
        public var capacity: [Double?]
        public var fixedCost: Double?
        /// Allowed modes (indexes into ``SupplyChainData/modes``).
        public var modes: [Int]
        public var equivalence: Double
        public var latitude: Double?
        public var longitude: Double?
        /// Mode reference units per unit of material and km, by mode index (0 where not allowed).
        public var modeUnitsPerKm: [Double]
        /// The process's database id, and its reference units per unit of material (what its
        /// impacts per reference unit are multiplied by).
        public var processId: Int64 = 0
        public var perUnit: Double = 1
    }

    public struct Mode: Sendable, Equatable {
        public var id: String
        public var processRefId: String
        public var processName: String
        /// The process's reference unit (t*km, kg*km).
        public var unit: String
        /// Cost and impacts per reference unit.
        public var cost: Double
        public var impacts: [Double]
        public var circuity: Double
        /// The process's database id.
        public var processId: Int64 = 0
    }

    public struct Service: Sendable, Equatable {
        public var id: String
        public var processRefId: String
        public var unit: String
        public var cost: Double
        public var impacts: [Double]
        /// Service units per unit of each material (by material index).
        public var per: [Int: Double]
        /// The process's database id.
        public var processId: Int64 = 0
    }

    public struct Demand: Sendable, Equatable {
        public var id: String
        public var site: Int
        /// Units of demand per period.
        public var amounts: [Double]
        /// Units of demand over all periods.
        public var total: Double?
        /// Units of material (by index) per unit of demand.
        public var requires: [Int: Double]
    }

    public struct Storage: Sendable, Equatable {
        public var material: Int
        public var site: Int
        public var cost: Double
    }

    public var name: String
    /// The cost unit: the database's reference currency code, or "cost".
    public var costUnit: String
    public var periods: [String]
    public var indicators: [Indicator]
    public var sites: [Site]
    public var materials: [Material]
    public var suppliers: [Supplier]
    public var modes: [Mode]
    public var services: [Service]
    public var demands: [Demand]
    public var storage: [Storage]
    /// Distance overrides in km by (supplier index, site index).
    public var distanceOverrides: [Pair: Double]
    /// Objective names to report and sweep: `cost` and indicator ids.
    public var objectives: [String]
    /// Weighted-sum objective weights by objective name, when given.
    public var weights: [String: Double]?
    /// Facts the user should know (scope warnings, missing costs).
    public var notes: [String]
    /// The database file the model was resolved against.
    public var database: String = ""
    /// The impact scope: `direct` or `system`.
    public var scope: String = "direct"
    /// System scope: product inputs cut off for want of a provider (flow names).
    public var cutOffs: [String] = []
    /// Suppliers that cannot deliver (capacity 0) and why, by supplier id: a scenario disabled
    /// them or every transport mode they may use. Infeasibility explanations name these.
    public var unavailable: [String: String] = [:]
    /// The processes and categories the indicators come from (nil without indicators).
    public var impactLinks: ImpactLinks?

    /// A (supplier, site) key.
    public struct Pair: Hashable, Sendable {
        public var supplier: Int
        public var site: Int
        public init(_ supplier: Int, _ site: Int) {
            self.supplier = supplier
            self.site = site
        }
    }

    /// The distance in km from supplier to site by mode: the override as is, else the
    /// great-circle distance times the mode's circuity; nil without coordinates.
    public func distance(supplier: Int, site: Int, mode: Int) -> Double? {
        if let km = distanceOverrides[Pair(supplier, site)] { return km }
        let from = suppliers[supplier], to = sites[site]
        guard let lat1 = from.latitude, let lon1 = from.longitude, let lat2 = to.latitude, let lon2 = to.longitude else {
            return nil
        }
        return Geo.greatCircleKm(latitude1: lat1, longitude1: lon1, latitude2: lat2, longitude2: lon2) * modes[mode].circuity
    }

    /// Units of material `material` required at `site` in period `period`.
    public func requirement(material: Int, site: Int, period: Int) -> Double {
        demands.reduce(0) { sum, demand in
            demand.site == site ? sum + (demand.requires[material] ?? 0) * demand.amounts[period] : sum
        }
    }
}
