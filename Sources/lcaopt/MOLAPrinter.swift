import MOLA

/// Plain-text tables of a MOLA comparison (`solve --explain-mola`).
enum MOLAPrinter {
    static func print(_ explanation: MOLAExplanation) {
        Swift.print("\nMOLA comparison: where MOLA's arithmetic differs from lcaopt's")
        for process in explanation.processes {
            let differs = process.coefficients.contains { !close($0.lcaopt, $0.mola) }
            Swift.print("\n\(process.role) \(process.id) (\(process.processRefId)), per \(process.per): \(differs ? "differs" : "same numbers")")
            var table = TextTable(["objective", "lcaopt", "MOLA", "MOLA / lcaopt", "unit"])
            for row in process.coefficients {
                table.add([row.objective, formatNumber(row.lcaopt, digits: 8), formatNumber(row.mola, digits: 8),
                           row.lcaopt == 0 ? (row.mola == 0 ? "1" : "-") : formatNumber(row.mola / row.lcaopt, digits: 6), row.unit])
            }
            Swift.print(table.render())
            for reason in process.reasons { Swift.print("  - \(reason)") }
        }
        for reason in explanation.modelReasons { Swift.print("\n- \(reason)") }
        var values = TextTable(["objective", "lcaopt's decision (lcaopt)", "lcaopt's decision (MOLA arithmetic)",
                                "MOLA's choice (MOLA arithmetic)", "MOLA's choice (lcaopt)"])
        for name in explanation.decisionValues.keys.sorted(by: { order($0) < order($1) }) {
            values.add([name, number(explanation.decisionValues[name]), number(explanation.decisionValuesMOLA[name]),
                        number(explanation.molaOptimumMOLA[name]), number(explanation.molaOptimumLcaopt[name])])
        }
        Swift.print("\nObjective values (minimising \(explanation.objective))\n" + values.render())
        if explanation.molaDeliveries.isEmpty {
            Swift.print("\nMOLA's choice: \(explanation.molaStatus)")
        } else {
            Swift.print("\nMOLA's choice (minimising \(explanation.objective) with MOLA's coefficients)")
            var table = TextTable(["supplier", "site", "period", "amount", "unit"])
            for row in explanation.molaDeliveries { table.add([row.supplier, row.site, row.period, formatNumber(row.amount, digits: 8), row.unit]) }
            Swift.print(table.render())
            var legs = TextTable(["supplier", "mode", "site", "period", "transport", "unit"])
            for row in explanation.molaTransport { legs.add([row.supplier, row.mode, row.site, row.period, formatNumber(row.modeAmount, digits: 8), row.modeUnit]) }
            if !explanation.molaTransport.isEmpty { Swift.print(legs.render()) }
        }
    }

    static func number(_ value: Double?) -> String { value.map { formatNumber($0, digits: 8) } ?? "" }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }

    /// cost first, weighted last.
    static func order(_ name: String) -> String { name == "cost" ? "0" : name == "weighted" ? "2" : "1" + name }
}
