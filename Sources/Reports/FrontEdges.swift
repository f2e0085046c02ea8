import LPModel
import ModelFamily
import Pareto

/// An edge of an exact front: the segment between two neighbouring corners, its slope as the
/// price of what the second objective avoids in units of the first (USD per kg CO2-eq avoided),
/// and what changes in the decision between its corners.
public struct FrontEdge: Sendable, Codable, Equatable {
    /// The corners' numbers among the front's points (1-based, as the tables number them);
    /// nil when the front lists evenly spaced points instead of its corners.
    public var from: Int?
    public var to: Int?
    /// The swept objectives at either corner.
    public var start: [String: Double]
    public var end: [String: Double]
    /// Increase of the first objective per unit decrease of the second along the edge:
    /// `(f1(end) - f1(start)) / (f2(start) - f2(end))`, in ``unit``.
    public var price: Double
    public var unit: String
    /// `f2(start) - f2(end)`: what the edge avoids, in the second objective's unit.
    public var avoided: Double
    /// `f1(end) - f1(start)`: what it costs, in the first objective's unit.
    public var added: Double
    /// What enters, leaves or changes between the corners (largest first).
    public var changes: [String]
}

extension FrontEdge {
    /// The edges between neighbouring `corners` (in order of the first objective) of a front of
    /// `problem` over `names`; `numbered`: the corners are the front's points.
    static func edges<Problem: FamilyProblem>(of corners: [ParetoPoint], problem: Problem, names: [String], units: [String: String],
                                              numbered: Bool) -> [FrontEdge] {
        guard corners.count > 1, names.count == 2, let first = problem.objectiveIndex[names[0]], let second = problem.objectiveIndex[names[1]] else { return [] }
        let cleaned = corners.map { problem.cleaned(primal: $0.primal) }
        // Each corner's rows once (an edge's end is the next edge's start).
        let rows = cleaned.map { DecisionChanges.rows(problem.tables(of: problem.decision(primal: $0.primal))) }
        return cleaned.indices.dropLast().map { k in
            let a = cleaned[k].objectiveValues, b = cleaned[k + 1].objectiveValues
            let added = b[first] - a[first], avoided = a[second] - b[second]
            return FrontEdge(from: numbered ? k + 1 : nil, to: numbered ? k + 2 : nil,
                             start: [names[0]: a[first], names[1]: a[second]], end: [names[0]: b[first], names[1]: b[second]],
                             price: avoided != 0 ? added / avoided : .infinity,
                             unit: "\(units[names[0]] ?? "") per \(units[names[1]] ?? "")",
                             avoided: avoided, added: added,
                             changes: DecisionChanges.between(rows[k], rows[k + 1], tolerance: problem.zeroTolerance))
        }
    }
}

/// What changes between two decisions, read off their tables (any family): each row is keyed by
/// its table and text cells (supplier, mode, site, ...; periods and snapshots summed over) and
/// measured by its first number (the amount); what appears, disappears or changes by more than
/// the tolerance, largest first.
public enum DecisionChanges {
    /// At most this many changes are named per edge; the rest are counted.
    public static let shown = 6
    /// Columns whose values are summed over rather than told apart.
    static let summedOver: Set<String> = ["period", "snapshot"]

    /// What changes from the decision of tables `before` to that of `after`.
    public static func between(_ before: [ResultTable], _ after: [ResultTable], tolerance: Double) -> [String] {
        between(rows(before), rows(after), tolerance: tolerance)
    }

    /// A decision's rows by key (table title and text cells), with their amount and unit.
    static func rows(_ tables: [ResultTable]) -> [String: (amount: Double, unit: String)] {
        var found: [String: (amount: Double, unit: String)] = [:]
        for table in tables {
            let title = table.title.lowercased()
            let roles = table.columns.map { column in
                column == "unit" || column.hasSuffix("_unit") ? 1 : Self.summedOver.contains(column) ? 2 : 0
            }
            for row in table.rows {
                var key = title + " ", amount: Double?, unit = "", texts = 0
                for (position, cell) in row.enumerated() where position < roles.count {
                    switch cell {
                    case .text(let text):
                        if roles[position] == 1 {
                            if unit.isEmpty { unit = text }
                        } else if roles[position] == 0 && !text.isEmpty {
                            key += (texts == 0 ? "" : " ") + text
                            texts += 1
                        }
                    case .number(let value, _): if amount == nil { amount = value }
                    }
                }
                found[key, default: (0, unit)].amount += amount ?? 1
            }
        }
        return found
    }

    /// What changes between two decisions' rows: appearing, disappearing or changing by more
    /// than the tolerance, largest first (ties in key order).
    static func between(_ a: [String: (amount: Double, unit: String)], _ b: [String: (amount: Double, unit: String)], tolerance: Double) -> [String] {
        var changes: [(size: Double, key: String, text: String)] = []
        func compare(_ key: String, _ old: Double, _ new: Double, unit: String, appeared: Bool, disappeared: Bool) {
            guard abs(new - old) > max(tolerance, 1e-9 * max(abs(old), abs(new))) else { return }
            let amount = { (value: Double) in ResultTable.reportNumber(value) + (unit.isEmpty ? "" : " \(unit)") }
            let text = appeared ? "+ \(key) (\(amount(new)))" : disappeared ? "- \(key) (\(amount(old)))" : "\(key): \(amount(old)) -> \(amount(new))"
            changes.append((abs(new - old), key, text))
        }
        for (key, old) in a {
            if let new = b[key] { compare(key, old.amount, new.amount, unit: new.unit, appeared: false, disappeared: false) }
            else { compare(key, old.amount, 0, unit: old.unit, appeared: false, disappeared: true) }
        }
        for (key, new) in b where a[key] == nil { compare(key, 0, new.amount, unit: new.unit, appeared: true, disappeared: false) }
        changes.sort { $0.size != $1.size ? $0.size > $1.size : $0.key < $1.key }
        let named = changes.prefix(shown).map(\.text)
        return changes.count > shown ? named + ["and \(changes.count - shown) more"] : named
    }
}
