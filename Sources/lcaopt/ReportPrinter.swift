import Foundation
import ModelFamily
import Reports

/// Plain-text tables of solve results, for every model family (its ``ResultTable``s).
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

    /// The report, then each non-empty table of `tables` that text shows.
    static func printSolve<Solution>(_ report: SolveReport<Solution>, tables: [ResultTable]) {
        printContext(report.context)
        print("Status    \(report.status) (minimising \(report.context.displayName(report.objective)))")
        guard !report.objectives.isEmpty else {
            for line in report.explanation { print("Why       \(line)") }
            return
        }
        var objectives = TextTable(["objective", "value", "unit"])
        for name in report.objectiveOrder {
            if let value = report.objectives[name] {
                objectives.add([report.context.displayName(name), formatNumber(value, digits: 8), report.objectiveUnits[name] ?? ""])
            }
        }
        print("\n" + objectives.render())
        for table in tables where table.inText && !table.rows.isEmpty {
            var text = TextTable(table.labels)
            for row in table.rows { text.add(row.map(cellText)) }
            print("\n\(table.title)\n" + text.render())
        }
    }

    static func cellText(_ cell: ResultTable.Cell) -> String {
        switch cell {
        case .text(let text): return text
        case .number(let value, let digits): return formatNumber(value, digits: digits)
        }
    }
}

/// CSV of solve results: one long table on stdout (`--csv`) or one file per table (`--out DIR`),
/// each starting with the context as `#` lines.
enum ReportFiles {
    static func comments<Solution>(_ report: SolveReport<Solution>) -> String {
        report.context.csvComments + "# status: \(report.status) (minimising \(report.objective))\n"
    }

    /// Every table of the report in one CSV, a `table` column saying what each row is (pandas: filter on it).
    static func solveCSV<Solution>(_ report: SolveReport<Solution>, tables: [ResultTable]) -> String {
        comments(report) + ResultTable.longCSV([report.objectiveTable] + tables)
    }

    /// One CSV file per table (the objectives' too), written as a set.
    static func writeSolve<Solution>(_ report: SolveReport<Solution>, tables: [ResultTable], to directory: String) throws {
        let comments = comments(report)
        let files = ([report.objectiveTable] + tables).map { table in ("\(table.file).csv", Data((comments + table.csv).utf8)) }
        do { try FileSet.write(files, into: directory) } catch { throw CommandFailure(message: "\(error)", exitCode: 1) }
    }
}
