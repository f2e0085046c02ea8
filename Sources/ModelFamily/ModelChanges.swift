/// The changes a scenario makes to a resolved model, in the model file's own terms and units:
/// ids to leave out, `KIND.ID.FIELD` values to set, and a factor on every demand. Each model
/// family says what its kinds and fields are (``FamilyModel/applying(_:)``).
public struct ModelChanges: Sendable, Equatable {
    /// Ids to leave out (suppliers, modes and services; components of a network).
    public var disable: [String]
    /// `KIND.ID.FIELD` -> value.
    public var set: [String: Double]
    /// Factor on every demand (amounts and totals; loads of a network).
    public var scaleDemand: Double?

    public init(disable: [String] = [], set: [String: Double] = [:], scaleDemand: Double? = nil) {
        self.disable = disable
        self.set = set
        self.scaleDemand = scaleDemand
    }
}

/// Why a model cannot take a scenario's changes: an unknown id or field, a value out of range.
public struct ModelChangeError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
