import OpenLCA
import SparseLU

/// How to choose among several processes whose reference product is the same flow.
public enum ProviderRule: String, Sendable, CaseIterable {
    /// The process with the lowest database id.
    case first
    /// The one at the consumer's location, else the first.
    case sameLocation = "same-location"
    /// Stop with an error that lists the candidates.
    case fail
}

/// Options of a system-scope (cradle-to-gate) calculation.
public struct SystemOptions: Sendable {
    public var providerRule: ProviderRule
    /// Explicit providers: flow id -> process id (they win over default providers and the rule).
    public var providers: [Int64: Int64]
    /// The N largest upstream process contributions per process and category.
    public var contributions: Int
    /// Keep each requested process's scaling vector `s` (for checks); otherwise, with more
    /// processes than categories, impacts come from one transposed solve per category.
    public var scalingVectors: Bool

    public init(providerRule: ProviderRule = .first, providers: [Int64: Int64] = [:], contributions: Int = 0,
                scalingVectors: Bool = false) {
        self.providerRule = providerRule
        self.providers = providers
        self.contributions = contributions
        self.scalingVectors = scalingVectors
    }
}

/// A product input (or waste output) with no provider in the database: cut off.
public struct CutOff: Sendable, Equatable {
    public var flowRefId: String
    public var flowName: String
    /// How many processes of the network use it.
    public var processes: Int
}

/// A provider picked by the rule among several candidates.
public struct ProviderChoice: Sendable, Equatable {
    public var flowName: String
    public var providerRefId: String
    public var providerName: String
    public var candidates: Int
    public var rule: String
}

/// One upstream process's share of a system-scope impact.
public struct ProcessContribution: Sendable, Equatable {
    public var processRefId: String
    public var processName: String
    public var impact: Double
}

/// The result of a system-scope calculation, with the matrices for checks.
public struct SystemResult: Sendable {
    /// One line for the whole calculation: the network's size, the cut-offs and the provider
    /// choices, each count saying what it counts.
    public var summary: String {
        let uses = cutOffs.reduce(0) { $0 + $1.processes }
        func plural(_ count: Int, _ word: String) -> String {
            "\(count) \(word)\(count == 1 ? "" : word.hasSuffix("s") ? "es" : "s")"
        }
        return "system scope: one linked network of \(plural(size, "product column")) (\(plural(Set(columnProcess).count, "process"))) for "
            + "\(plural(lcia.processes.count, "requested process")); \(plural(cutOffs.count, "product flow")) without a provider cut off "
            + "(\(plural(uses, "use")) in the network's processes); \(plural(choices.count, "provider")) chosen by rule among several candidates"
    }

    /// The cut-offs as CSV: flow ref_id, flow name, how many processes of the network use it.
    public var cutOffsCSV: String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return "flow,name,processes\n" + cutOffs.map { "\($0.flowRefId),\(field($0.flowName)),\($0.processes)\n" }.joined()
    }

    /// Impacts per reference unit (cradle-to-gate), cost and metadata per requested process.
    public var lcia: LCIAResult
    public var cutOffs: [CutOff]
    public var choices: [ProviderChoice]
    /// The technology matrix A (size x size) as triplets; column j is (process, product).
    public var size: Int
    public var rows: [Int32]
    public var columns: [Int32]
    public var values: [Double]
    /// The process of each column, and each column's own impacts (unscaled), by category.
    public var columnProcess: [Int64]
    public var columnImpacts: [[Double]]
    /// Per requested process: its column, the demand vector's value there, and the scaling vector s
    /// (empty unless asked for with ``SystemOptions/scalingVectors`` or needed for contributions).
    public var demandColumn: [Int]
    public var demandValue: [Double]
    public var scaling: [[Double]]
    /// Per requested process and category: the largest upstream contributions.
    public var processContributions: [[[ProcessContribution]]]
}

/// Cradle-to-gate impacts as openLCA computes a product system: product inputs and waste outputs
/// are linked to their providers, the technology matrix `A` of the reachable network is factorised
/// once (UMFPACK), `A s = f` is solved for one reference unit of each requested process, and the
/// impacts are `sum_j d_j s_j` where `d_j` is column j's characterised elementary exchanges. With
/// more processes than categories and no scaling vectors wanted, `d' A^-1 f` is computed as
/// `(A'^-1 d)' f`: one transposed solve per category instead of one solve per process.
///
/// Exchange values follow openLCA's `CalcExchange.matrixValue` (inputs negative, avoided products
/// positive, avoided waste negative, allocation factors on product inputs, waste outputs and
/// elementary flows); multi-output processes get one column per linked product, allocated with
/// the process's default method and `tbl_allocation_factors`. A flow's characterisation
/// direction is the category's recorded direction, else that of its first exchange in the process
/// (as in the direct scope).
public enum SystemCharacterisation {
    public static func compute(database: OpenLCADatabase, processes: [Int64], categories: [Int64],
                               options: SystemOptions = SystemOptions()) throws(OpenLCAError) -> SystemResult {
        var network = try NetworkBuilder(database: database, categories: categories, options: options)
        try network.build(from: processes)
        return try network.solve(requested: processes)
    }
}
