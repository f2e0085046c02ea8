/// Where a model's indicators come from in its openLCA database: which processes' impacts per
/// reference unit it uses, with which impact categories, in which scope. Uncertainty analysis
/// redraws exactly these (``FamilyModel/applyingImpacts(_:)`` puts the draws back).
public struct ImpactLinks: Sendable, Equatable {
    /// Database ids of the processes, each once, ascending.
    public var processes: [Int64]
    /// Database ids of the impact categories, in the order of every impact vector.
    public var categories: [Int64]
    /// `direct` (each process's own elementary exchanges) or `system` (cradle-to-gate).
    public var scope: String
    /// System scope: the provider rule (`first`, `same-location`, `fail`) and explicit providers
    /// (flow id -> process id), as the model was characterised with.
    public var providerRule: String
    public var providers: [Int64: Int64]

    public init(processes: [Int64], categories: [Int64], scope: String, providerRule: String = "first", providers: [Int64: Int64] = [:]) {
        self.processes = processes
        self.categories = categories
        self.scope = scope
        self.providerRule = providerRule
        self.providers = providers
    }
}
