import Foundation
import Reports
import SupplyChain

/// Plain-text tables of solve results.
enum ReportPrinter {
    /// The context lines every table starts with: database, scope, categories, tolerance.
    static func printContext(_ context: ResultContext) {
        print("Model     \(context.model)")
        print("Database  \(context.database)")
        print("Scope     \(context.scopeDescription)")
        for indicator in context.indicators {
            print("Indicator \(indicator.id) = \(indicator.category) [\(indicator.unit)]" + (indicator.method.isEmpty ? "" : " (\(indicator.method))"))
        }
        if context.scope == "system" { print("Cut-offs  \(context.cutOffs.count) product inputs without a provider") }
        print("Zero      amounts at or below \(formatNumber(context.zeroTolerance, digits: 3)) are solver noise, shown as 0")
    }

    static func printSolve(_ report: SolveReport, data: SupplyChainData) {
        printContext(report.context)
        print("Status    \(report.status) (minimising \(report.context.displayName(report.objective)))")
        guard !report.objectives.isEmpty else {
            for line in report.explanation { print("Why       \(line)") }
            return
        }
        var objectives = TextTable(["objective", "value", "unit"])
        for name in report.objectiveUnits.keys.sorted(by: { order($0, data) < order($1, data) }) {
            if let value = report.objectives[name] {
                objectives.add([report.context.displayName(name), formatNumber(value, digits: 8), report.objectiveUnits[name] ?? ""])
            }
        }
        print("\n" + objectives.render())
        if !report.deliveries.isEmpty {
            var table = TextTable(["supplier", "material", "site", "period", "amount", "unit"])
            for row in report.deliveries {
                table.add([row.supplier, row.material, row.site, row.period, formatNumber(row.amount, digits: 8), row.unit])
            }
            print("\nDeliveries\n" + table.render())
        }
        if !report.transport.isEmpty {
            var table = TextTable(["supplier", "mode", "site", "period", "amount", "unit", "km", "transport", "unit"])
            for row in report.transport {
                table.add([row.supplier, row.mode, row.site, row.period, formatNumber(row.amount, digits: 8), row.unit,
                           formatNumber(row.km, digits: 6), formatNumber(row.modeAmount, digits: 8), row.modeUnit])
            }
            print("\nTransport\n" + table.render())
        }
        if !report.services.isEmpty {
            var table = TextTable(["service", "site", "period", "amount", "unit"])
            for row in report.services { table.add([row.service, row.site, row.period, formatNumber(row.amount, digits: 8), row.unit]) }
            print("\nServices\n" + table.render())
        }
        if !report.storage.isEmpty {
            var table = TextTable(["material", "site", "end of period", "stock", "unit"])
            for row in report.storage { table.add([row.material, row.site, row.period, formatNumber(row.amount, digits: 8), row.unit]) }
            print("\nStorage\n" + table.render())
        }
        if !report.opened.isEmpty { print("\nOpened suppliers: \(report.opened.joined(separator: ", "))") }
    }

    /// cost first, then indicators in model order, weighted last.
    static func order(_ name: String, _ data: SupplyChainData) -> Int {
        if name == "cost" { return 0 }
        if let index = data.indicators.firstIndex(where: { $0.id == name }) { return 1 + index }
        return 1000
    }
}

/// CSV of solve results: one long table on stdout (`--csv`) or one file per table (`--out DIR`),
/// each starting with the context as `#` lines.
enum ReportFiles {
    static func comments(_ report: SolveReport) -> String {
        report.context.csvComments + "# status: \(report.status) (minimising \(report.objective))\n"
    }

    /// Every table of the report in one CSV, a `table` column saying which (pandas: filter on it).
    static func solveCSV(_ report: SolveReport) -> String {
        var rows: [[String]] = [["table", "name", "supplier", "material", "mode", "site", "period", "amount", "unit", "km", "mode_amount", "mode_unit"]]
        for name in report.objectives.keys.sorted() {
            rows.append(["objective", name, "", "", "", "", "", "\(report.objectives[name]!)", report.objectiveUnits[name] ?? "", "", "", ""])
        }
        for row in report.deliveries { rows.append(["delivery", "", row.supplier, row.material, "", row.site, row.period, "\(row.amount)", row.unit, "", "", ""]) }
        for row in report.transport {
            rows.append(["transport", "", row.supplier, "", row.mode, row.site, row.period, "\(row.amount)", row.unit, "\(row.km)", "\(row.modeAmount)", row.modeUnit])
        }
        for row in report.services { rows.append(["service", row.service, "", "", "", row.site, row.period, "\(row.amount)", row.unit, "", "", ""]) }
        for row in report.storage { rows.append(["storage", "", "", row.material, "", row.site, row.period, "\(row.amount)", row.unit, "", "", ""]) }
        for supplier in report.opened { rows.append(["opened", "", supplier, "", "", "", "", "1", "", "", "", ""]) }
        return comments(report) + rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func writeSolve(_ report: SolveReport, to directory: String) throws {
        let comments = comments(report)
        var files: [(name: String, data: Data)] = []
        func write(_ name: String, _ header: [String], _ rows: [[String]]) {
            let text = comments + ([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
            files.append((name, Data(text.utf8)))
        }
        write("objectives.csv", ["objective", "value", "unit"], report.objectives.keys.sorted().map {
            [$0, "\(report.objectives[$0]!)", report.objectiveUnits[$0] ?? ""]
        })
        write("deliveries.csv", ["supplier", "material", "site", "period", "amount", "unit"], report.deliveries.map {
            [$0.supplier, $0.material, $0.site, $0.period, "\($0.amount)", $0.unit]
        })
        write("transport.csv", ["supplier", "mode", "site", "period", "amount", "unit", "km", "mode_amount", "mode_unit"], report.transport.map {
            [$0.supplier, $0.mode, $0.site, $0.period, "\($0.amount)", $0.unit, "\($0.km)", "\($0.modeAmount)", $0.modeUnit]
        })
        write("services.csv", ["service", "site", "period", "amount", "unit"], report.services.map {
            [$0.service, $0.site, $0.period, "\($0.amount)", $0.unit]
        })
        write("storage.csv", ["material", "site", "period", "amount", "unit"], report.storage.map {
            [$0.material, $0.site, $0.period, "\($0.amount)", $0.unit]
        })
        write("opened.csv", ["supplier"], report.opened.map { [$0] })
        write("distances.csv", ["supplier", "site", "mode", "km", "overridden"], report.distances.map {
            [$0.supplier, $0.site, $0.mode, "\($0.km)", $0.overridden ? "true" : "false"]
        })
        do { try FileSet.write(files, into: directory) } catch { throw CommandFailure(message: "\(error)", exitCode: 1) }
    }
}
