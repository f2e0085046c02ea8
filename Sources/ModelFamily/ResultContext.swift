/// What every output says about where its numbers come from: the database, the impact scope,
/// each indicator's category, method and unit, the system scope's cut-offs, and the tolerance
/// below which amounts are reported as zero. Tables print it above themselves, CSV files as
/// `#` lines, JSON files as `context`, charts in their subtitle.
public struct ResultContext: Sendable, Codable, Equatable {
    public struct IndicatorInfo: Sendable, Codable, Equatable {
        public var id: String
        public var category: String
        public var method: String
        public var unit: String

        public init(id: String, category: String, method: String, unit: String) {
            (self.id, self.category, self.method, self.unit) = (id, category, method, unit)
        }
    }

    public var model: String
    /// The database file the model was resolved against.
    public var database: String
    /// `direct` or `system`.
    public var scope: String
    public var indicators: [IndicatorInfo]
    /// The currency of costs.
    public var costUnit: String
    /// System scope: product inputs cut off for want of a provider (flow names).
    public var cutOffs: [String]
    /// Amounts at or below this are solver noise, reported as zero.
    public var zeroTolerance: Double
    /// What ``zeroTolerance`` is measured in and derived from (nil: a supply chain's material units).
    public var toleranceBasis: String?

    public init(model: String, database: String, scope: String, indicators: [IndicatorInfo], costUnit: String, cutOffs: [String], zeroTolerance: Double,
                toleranceBasis: String? = nil) {
        (self.model, self.database, self.scope, self.indicators) = (model, database, scope, indicators)
        (self.costUnit, self.cutOffs, self.zeroTolerance, self.toleranceBasis) = (costUnit, cutOffs, zeroTolerance, toleranceBasis)
    }

    /// The scope in words.
    public var scopeDescription: String {
        scope == "system"
            ? "cradle-to-gate (system scope: upstream supply chains through the linked process network)"
            : "direct (each process's own elementary flows; upstream supply chains not included)"
    }

    /// One line per fact, for tables and CSV comments.
    public var lines: [String] {
        var lines = ["model: \(model)", "database: \(database)", "impact scope: \(scopeDescription)"]
        for indicator in indicators {
            lines.append("\(indicator.id): \(indicator.category) [\(indicator.unit)]" + (indicator.method.isEmpty ? "" : ", method \(indicator.method)"))
        }
        lines.append("cost: \(costUnit)")
        if scope == "system" {
            lines.append("cut-offs: \(cutOffs.count) product input\(cutOffs.count == 1 ? "" : "s") without a provider"
                         + (cutOffs.isEmpty ? "" : " (" + cutOffs.prefix(3).joined(separator: "; ") + (cutOffs.count > 3 ? "; ..." : "") + ")"))
        }
        lines.append("amounts at or below \(Self.short(zeroTolerance)) (\(toleranceBasis ?? "in material units: 1e-7 of the largest requirement")) are solver noise, reported as 0")
        return lines
    }

    /// ``lines`` as CSV comment lines (`# ...`; pandas reads past them with `comment="#"`).
    public var csvComments: String { lines.map { "# " + $0 + "\n" }.joined() }

    /// The label of an objective: an indicator's category name and unit, `cost [USD]`.
    public func label(_ objective: String, unit override: String? = nil) -> String {
        if let indicator = indicators.first(where: { $0.id == objective }) {
            return "\(indicator.category) [\(override ?? indicator.unit)]"
        }
        if objective == "cost" { return "cost [\(override ?? costUnit)]" }
        return objective
    }

    /// The name tables show for an objective: its id, or the category name when the id is a
    /// ref_id (MOLA configurations name their KPIs by ref_id).
    public func displayName(_ objective: String) -> String {
        guard let indicator = indicators.first(where: { $0.id == objective }) else { return objective }
        let isRefId = objective.count == 36 && objective.filter { $0 == "-" }.count == 4
        return isRefId ? indicator.category : objective
    }

    /// The unit of an objective.
    public func unit(_ objective: String) -> String {
        if let indicator = indicators.first(where: { $0.id == objective }) { return indicator.unit }
        return objective == "cost" ? costUnit : ""
    }

    public static func short(_ value: Double) -> String {
        var text = String(format: "%.3g", value)
        if text.contains("e") { return text }
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text
    }
}

/// A unit for large values: kg -> t -> kt, g -> kg, and a k or M prefix on other units (kUSD),
/// so that axis ticks stay short.
public enum ScaledUnit {
    /// The factor to divide values by, and the unit then shown.
    public static func choose(for values: [Double], unit: String) -> (divisor: Double, unit: String) {
        let largest = values.map(abs).max() ?? 0
        if let rest = unit.hasPrefix("kg") ? String(unit.dropFirst(2)) : nil {
            if largest >= 1e7 { return (1e6, "kt" + rest) }
            if largest >= 1e4 { return (1e3, "t" + rest) }
            return (1, unit)
        }
        if unit.hasPrefix("g "), largest >= 1e4 { return (1e3, "kg" + unit.dropFirst(1)) }
        if largest >= 1e7 { return (1e6, "M" + unit) }
        if largest >= 1e4 { return (1e3, "k" + unit) }
        return (1, unit)
    }
}
