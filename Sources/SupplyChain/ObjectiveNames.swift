extension SupplyChainData {
    /// The objectives measured on the decision: `cost`, then the indicator ids in model order.
    /// (The one place these names are made.)
    public var measuredObjectiveIds: [String] { ["cost"] + indicators.map(\.id) }

    /// Every objective of the model: the measured ones, and `weighted` when the model has weights.
    public var objectiveIds: [String] {
        measuredObjectiveIds + (weights == nil ? [] : ["weighted"])
    }

    /// The objectives of a front when none are named: cost and the first indicator.
    public var defaultFrontObjectives: [String] { Array(measuredObjectiveIds.prefix(2)) }

    /// The objective id that `text` names: an objective id; an indicator's impact category by
    /// ref_id or name (case-insensitive); or `environment`, MOLA's word for its environmental
    /// objective, when the model has one indicator. Nil when it names none or several.
    public func objectiveId(for text: String) -> String? {
        if objectiveIds.contains(text) { return text }
        let lower = text.lowercased()
        let matches = indicators.filter { $0.categoryRefId.lowercased() == lower || $0.name.lowercased() == lower }
        if matches.count == 1 { return matches[0].id }
        if lower == "environment" && indicators.count == 1 { return indicators[0].id }
        return nil
    }

    /// The ids of `texts` (see ``objectiveId(for:)``), or the problem naming what was not found.
    public func objectiveIds(for texts: [String], path: String) throws(ModelError) -> [String] {
        var ids: [String] = []
        var issues: [ModelIssue] = []
        for text in texts {
            if let id = objectiveId(for: text) { ids.append(id); continue }
            let hint = "use " + objectiveIds.joined(separator: ", ") + (indicators.isEmpty ? "" : ", or an indicator's impact category name or ref_id")
                + (indicators.count == 1 ? " (environment names it too)" : "")
            issues.append(ModelIssue(path, "unknown objective '\(text)'", hint: hint))
        }
        guard issues.isEmpty else { throw ModelError(file: name, issues: issues) }
        return ids
    }
}
