/// The kinds of flows openLCA knows.
public enum FlowType: String, Sendable, Codable {
    case elementary = "ELEMENTARY_FLOW"
    case product = "PRODUCT_FLOW"
    case waste = "WASTE_FLOW"
    case unknown

    init(raw: String?) {
        self = raw.flatMap { FlowType(rawValue: $0.uppercased()) } ?? .unknown
    }
}

/// A unit with its factor to the reference unit of its unit group.
public struct Unit: Sendable, Hashable {
    public let id: Int64
    public let name: String
    /// Amount in this unit times this factor = amount in the group's reference unit.
    public let conversionFactor: Double
    public let unitGroup: Int64?
    /// Other spellings openLCA records (`;`-separated in the database).
    public let synonyms: [String]
}

/// A group of convertible units (mass, energy, mass x distance, ...).
public struct UnitGroup: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let referenceUnit: Int64?
}

/// A quantity such as mass or volume, measured in one unit group.
public struct FlowProperty: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let unitGroup: Int64?
}

/// How much of a flow property one reference unit of a flow has.
public struct FlowPropertyFactor: Sendable, Hashable {
    public let id: Int64
    public let flow: Int64?
    public let flowProperty: Int64?
    public let conversionFactor: Double
}

/// A currency with its factor to the database's reference currency.
public struct Currency: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let code: String?
    public let conversionFactor: Double
}

/// A location. openLCA writes 0/0 or NULL for unknown coordinates.
public struct Location: Sendable, Hashable {
    public let id: Int64
    public let refId: String
    public let name: String
    public let code: String?
    public let latitude: Double?
    public let longitude: Double?

    /// True when the coordinates are set and not the 0/0 placeholder.
    public var hasCoordinates: Bool {
        guard let latitude, let longitude else { return false }
        return !(latitude == 0 && longitude == 0) && abs(latitude) <= 90 && abs(longitude) <= 180
    }
}

/// A flow (elementary, product or waste).
public struct Flow: Sendable, Hashable {
    public let id: Int64
    public let refId: String
    public let name: String
    public let type: FlowType
    public let referenceFlowProperty: Int64?
    public let category: Int64?
}

/// A process (unit process or system process / LCI result).
public struct Process: Sendable, Hashable {
    public let id: Int64
    public let refId: String
    public let name: String
    /// `UNIT_PROCESS` or `LCI_RESULT` as openLCA writes it.
    public let processType: String?
    /// The id of the quantitative reference exchange.
    public let quantitativeReference: Int64?
    public let location: Int64?
    /// openLCA 1.x records a currency per process; 2.x per exchange.
    public let currency: Int64?
    public let category: Int64?
    /// `PHYSICAL`, `ECONOMIC`, `CAUSAL`, ... or nil.
    public let defaultAllocationMethod: String?
}

/// An LCIA method.
public struct ImpactMethod: Sendable, Hashable {
    public let id: Int64
    public let refId: String
    public let name: String
}

/// Which side of a process an impact category characterises.
public enum Direction: String, Sendable, Codable {
    case input = "INPUT"
    case output = "OUTPUT"
}

/// An impact category (indicator) of one or more methods.
public struct ImpactCategory: Sendable, Hashable {
    public let id: Int64
    public let refId: String
    public let name: String
    public let referenceUnit: String?
    /// The methods it belongs to (1.x: one; 2.x: through `tbl_impact_links`).
    public let methods: [Int64]
    /// openLCA 2's recorded direction; nil in 1.x.
    public let direction: Direction?
}

/// A folder in openLCA's navigation tree.
public struct CategoryFolder: Sendable, Hashable {
    public let id: Int64
    public let name: String
    public let parent: Int64?
}

/// One exchange row, with its identifiers as stored.
public struct ExchangeRecord: Sendable, Hashable {
    public let id: Int64
    public let owner: Int64
    public let flow: Int64
    public let unit: Int64?
    public let flowPropertyFactor: Int64?
    /// The amount in `unit` of the property of `flowPropertyFactor` (NULL reads as 0).
    public let amount: Double
    public let isInput: Bool
    public let isAvoided: Bool
    public let defaultProvider: Int64?
    public let costValue: Double?
    public let currency: Int64?
    /// False when the stored amount is NULL, text that is no number, a BLOB or not finite: it
    /// then reads as 0, and the calculations count and report it.
    public var hasValidAmount: Bool = true
    /// The amount's distribution (nil: none), in `unit`; a failure when the stored one cannot be sampled.
    public var uncertainty: Result<Uncertainty?, Uncertainty.Unusable> = .success(nil)
}

/// One characterisation factor row.
public struct ImpactFactorRecord: Sendable, Hashable {
    public let category: Int64
    public let flow: Int64
    public let flowPropertyFactor: Int64?
    public let unit: Int64?
    /// The factor per `unit` of the property of `flowPropertyFactor` (NULL reads as 0).
    public let value: Double
    /// Set for openLCA 2's regionalised factors.
    public let location: Int64?
    /// False when the stored value is NULL, text that is no number, a BLOB or not finite (read as 0).
    public var hasValidValue: Bool = true
    /// The factor's distribution (nil: none), per `unit`; a failure when the stored one cannot be sampled.
    public var uncertainty: Result<Uncertainty?, Uncertainty.Unusable> = .success(nil)
}

/// One allocation factor of a multi-output process.
public struct AllocationFactorRecord: Sendable, Hashable {
    /// `PHYSICAL`, `ECONOMIC` or `CAUSAL`.
    public let method: String
    public let process: Int64
    /// The product (flow id) the factor allocates to.
    public let product: Int64
    /// For causal allocation: the exchange it applies to.
    public let exchange: Int64?
    public let value: Double
}
