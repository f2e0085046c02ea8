import OpenLCA

/// The characterisation of one process in the direct scope, per one reference unit of its
/// reference product.
public struct ProcessResult: Sendable {
    /// One elementary flow's share of an impact.
    public struct Contribution: Sendable, Equatable {
        public var flowRefId: String
        public var flowName: String
        /// Net amount of the flow per reference unit, in the flow's reference unit (outputs +).
        public var amount: Double
        public var unit: String
        /// The flow's share of the impact per reference unit.
        public var impact: Double
    }

    public var process: Process
    public var referenceFlow: Flow
    /// The reference product's reference unit (kg, MJ, t*km, ...).
    public var referenceUnit: String
    /// The reference exchange amount converted to `referenceUnit` (what the impacts are divided by).
    public var referenceAmount: Double
    /// Impacts per reference unit, in the order of ``LCIAResult/categories``.
    public var impacts: [Double]
    /// Cost of the reference exchange per reference unit, in the reference currency; nil when
    /// the database records none.
    public var cost: Double?
    /// The process location, when it has one.
    public var location: Location?
    /// True when the process has more than one product output or waste input.
    public var isMultiOutput: Bool
    /// Product inputs (and waste outputs) that the direct scope does not characterise.
    public var linkableInputs: Int
    /// Human-readable facts a practitioner should know about this result.
    public var notes: [String]
    /// Problems of the process's data that change the result (exchanges without a numeric
    /// amount, exchanges of flows missing from the database), with their counts.
    public var dataProblems: [String] = []
    /// Per category (same order as ``impacts``): the largest elementary-flow contributions, when
    /// asked for (in the system scope, over the whole supply chain, per reference unit).
    public var contributions: [[Contribution]]
}

/// The result of characterising several processes with several categories.
public struct LCIAResult: Sendable {
    public var categories: [ImpactCategory]
    /// Method names of each category, for display.
    public var methodNames: [String]
    public var processes: [ProcessResult]
    /// Problems of the characterisation factors (none at all, values that are no numbers).
    public var warnings: [String] = []
}
