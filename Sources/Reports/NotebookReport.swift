import Foundation
import ModelFamily

/// A worked example as a Markdown page and a Jupyter notebook (nbformat 4) with outputs
/// embedded: model summary, payoff table, front (table and chart), decisions at the
/// cost-optimal, impact-optimal and middle points, the command that made it, and a pandas cell.
/// Works for every model family: the family gives the summary and each decision's tables.
public struct NotebookReport<Decision: Codable & Sendable & Equatable>: Sendable {
    public var name: String
    /// The model's data, as its family summarises it.
    public var summaryOfModel: ModelSummary
    public var front: FrontReport<Decision>
    /// The tables of each point's decision (empty for points without one).
    public var pointTables: [[ResultTable]]
    /// Each point's objectives split by part and item (``FamilyProblem/breakdown(primal:)``).
    public var pointBreakdowns: [[ObjectivePart]]
    /// The exact command that produced the report.
    public var command: String
    /// Further sections (an uncertainty analysis of the front), before "Further analysis".
    public var sections: [ReportSection] = []
    /// The front explorer (``ExplorerPage``), written as NAME.html when set.
    public var page: String?

    public init<Problem: FamilyProblem>(name: String, model: Problem.Model, problem: Problem, front: FrontReport<Decision>, command: String)
    where Problem.Decision == Decision {
        self.name = name
        summaryOfModel = model.summary
        self.front = front
        pointTables = front.points.map { point in point.decision.map { problem.tables(of: $0) } ?? [] }
        pointBreakdowns = front.points.map { point in point.primal.map { problem.breakdown(primal: $0) } ?? [] }
        self.command = command
    }

    public var csvName: String { "\(name)-front.csv" }
    public var svgName: String { "\(name)-front.svg" }
    public var macName: String { "\(name)-mac.svg" }
    public var breakdownName: String { "\(name)-breakdown.svg" }
    public var decisionsName: String { "\(name)-decisions.csv" }
    /// Writes NAME.md, NAME.ipynb, NAME-front.csv, NAME-front.svg, NAME-decisions.csv (every
    /// point's decision), NAME-breakdown.svg (where the highlighted points' objectives come
    /// from), NAME-mac.svg (the abatement curve of an exact front) and the sections' charts into
    /// `directory`; returns the names written.
    @discardableResult
    public func write(to directory: String) throws(OutputError) -> [String] {
        var files = [(csvName, Data(front.frontCSV().utf8)), (svgName, Data(front.chart().svg().utf8)),
                     (decisionsName, Data(decisionsCSV.utf8)),
                     ("\(name).md", Data(markdown().utf8)), ("\(name).ipynb", Data(notebook().utf8))]
        if let abatement = front.abatementChart() { files.append((macName, Data(abatement.svg().utf8))) }
        if hasBreakdowns { files.append((breakdownName, Data(breakdownChart.svg().utf8))) }
        for section in sections { if let chart = section.chart { files.append(("\(name)-\(chart.name).svg", Data(chart.svg.utf8))) } }
        if let page { files.append(("\(name).html", Data(page.utf8))) }
        try FileSet.write(files, into: directory)
        return files.map(\.0)
    }

    // MARK: Sections (Markdown)

    var title: String { "# \(front.model)\n\nA cost/impact trade-off computed by lcaopt (\(front.method))." }

    var commandSection: String { "## How this was made\n\n```sh\n\(command)\n```" }

    var summary: String {
        var text = "## The model\n\n"
        let context = front.context
        text += "- Database: `\(URL(fileURLWithPath: context.database).lastPathComponent)`\n"
        text += "- Impact scope: \(context.scopeDescription)\n"
        if context.scope == "system" { text += "- Cut-offs: \(context.cutOffs.count) product inputs without a provider\n" }
        text += "- Indicators: " + context.indicators.map { "`\($0.id)` = \($0.category) [\($0.unit)]" + ($0.method.isEmpty ? "" : ", \($0.method)") }
            .joined(separator: "; ") + "\n"
        text += "- Cost unit: \(context.costUnit)\n"
        text += "- Amounts at or below \(ResultTable.reportNumber(context.zeroTolerance)) are solver noise, reported as 0\n"
        text += summaryOfModel.facts.map { "- \($0)\n" }.joined()
        for table in summaryOfModel.tables { text += "\n" + Self.table(table) + "\n" }
        return text.trimmingCharacters(in: .newlines)
    }

    var payoffSection: String {
        let header = ["minimised"] + front.objectives.map { FrontReport<Decision>.labelled($0, front.units[$0]) }
        let rows = front.payoff.enumerated().map { [front.objectives[$0.offset]] + $0.element.map { ResultTable.reportNumber($0) } }
        return "## Payoff table\n\nEach row minimises one objective, then the others with it held at its optimum.\n\n" + Self.table(header, rows)
    }

    var frontTable: String {
        let names = front.allObjectiveNames
        let header = ["point"] + names.map { FrontReport<Decision>.labelled($0, front.units[$0]) } + front.objectives.dropFirst().map { "epsilon \($0)" }
        let rows = front.points.enumerated().map { index, point in
            ["\(index + 1)"] + names.map { point.objectives[$0].map { ResultTable.reportNumber($0) } ?? "" }
                + front.objectives.dropFirst().map { point.epsilon[$0].map { ResultTable.reportNumber($0) } ?? "" }
        }
        return Self.table(header, rows)
    }

    var frontSection: String {
        "## The front\n\n\(front.points.count) efficient points (\(front.method)).\n\n" + frontTable + "\n\n![Pareto front](\(svgName))"
    }

    /// The exact front's edges: prices and what changes (nil for a grid).
    var pricesText: String? {
        guard let edges = front.edges, !edges.isEmpty, front.objectives.count == 2 else { return nil }
        let (first, second) = (front.objectives[0], front.objectives[1])
        let header = ["edge", "from", "to", FrontReport<Decision>.labelled("\(second) avoided", front.units[second]), FrontReport<Decision>.labelled("\(first) added", front.units[first]),
                      FrontReport<Decision>.labelled("price", front.priceUnit), "what changes"]
        let rows = edges.enumerated().map { index, edge in
            ["\(index + 1)", edge.from.map { "\($0)" } ?? ResultTable.reportNumber(edge.start[first] ?? 0), edge.to.map { "\($0)" } ?? ResultTable.reportNumber(edge.end[first] ?? 0),
             ResultTable.reportNumber(edge.avoided), ResultTable.reportNumber(edge.added), ResultTable.reportNumber(edge.price), edge.changes.joined(separator: "; ")]
        }
        return "## Trade-off prices\n\nEach edge of the exact front: what it avoids, what it costs, the price of each unit avoided, and what changes in the decision between its corners; the abatement curve draws them cheapest first.\n\n"
            + Self.table(header, rows)
    }

    /// The cost-optimal, the impact-optimal and a middle point.
    var highlighted: [(String, Int)] {
        guard !front.points.isEmpty else { return [] }
        let last = front.points.count - 1
        var points = [("cost-optimal (point 1)", 0)]
        if last > 1 { points.append(("middle (point \(last / 2 + 1))", last / 2)) }
        if last > 0 { points.append(("\(front.objectives[1])-optimal (point \(last + 1))", last)) }
        return points
    }

    func decisionSection(_ label: String, _ index: Int) -> String {
        let point = front.points[index]
        var text = "### Decision at the \(label)\n\n"
        text += point.objectives.keys.sorted().map { "\($0) = \(ResultTable.reportNumber(point.objectives[$0]!)) \(front.units[$0] ?? "")" }.joined(separator: ", ") + "\n\n"
        text += pointTables[index].filter { !$0.rows.isEmpty }.map { "**\($0.title)**\n\n" + Self.table($0) }.joined(separator: "\n\n")
        if let breakdown = breakdownTable(index) { text += "\n\n**Where the objectives come from**\n\n" + breakdown }
        return text
    }

    /// The point's objectives by part and item, one column per objective (empty cells: the
    /// item does not enter that objective); nil without a breakdown.
    func breakdownTable(_ index: Int) -> String? {
        let parts = pointBreakdowns[index]
        guard !parts.isEmpty else { return nil }
        let objectives = front.allObjectiveNames.filter { name in parts.contains { $0.objective == name } }
        var keys: [PartKey] = [], values: [PartKey: [String: Double]] = [:]
        for part in parts {
            let key = PartKey(part: part.part, item: part.item)
            if values[key] == nil { keys.append(key) }
            values[key, default: [:]][part.objective, default: 0] += part.value
        }
        let rows = keys.map { key in [key.part, key.item] + objectives.map { values[key]![$0].map { ResultTable.reportNumber($0) } ?? "" } }
        let totals = ["total", ""] + objectives.map { name in ResultTable.reportNumber(parts.filter { $0.objective == name }.reduce(0) { $0 + $1.value }) }
        return Self.table(["part", "item"] + objectives.map { FrontReport<Decision>.labelled($0, front.units[$0]) }, rows + [totals])
    }

    /// True when some point's objectives are split into parts.
    var hasBreakdowns: Bool { pointBreakdowns.contains { !$0.isEmpty } }

    /// The highlighted points' breakdowns as one chart.
    var breakdownChart: BreakdownChart {
        BreakdownChart(title: "\(front.model): where the objectives come from",
                       points: highlighted.map { (label: "point \($0.1 + 1)", parts: pointBreakdowns[$0.1]) },
                       objectives: front.allObjectiveNames, units: front.units)
    }

    /// Every point's decision, one row per cell of its tables: `point, table, row, column, value`
    /// (long form: `pivot` it in pandas).
    var decisionsCSV: String {
        var text = "point,table,row,column,value\n"
        for (index, tables) in pointTables.enumerated() {
            for table in tables {
                for (r, row) in table.rows.enumerated() {
                    for (c, cell) in row.enumerated() where c < table.columns.count {
                        text += "\(index + 1),\(csvField(table.file)),\(r + 1),\(csvField(table.columns[c])),\(csvField(cell.csv))\n"
                    }
                }
            }
        }
        return text
    }

    var pandasCode: String {
        "import pandas as pd\n\n"
            + "decisions = pd.read_csv(\"\(decisionsName)\")  # every point's decision: point, table, row, column, value\n"
            + "front = pd.read_csv(\"\(csvName)\", comment=\"#\")  # the # lines say where the numbers come from\nfront"
    }

    // MARK: Documents

    public func markdown() -> String {
        var parts = [title, commandSection, summary, payoffSection, frontSection]
        if let prices = pricesText { parts.append(prices + "\n\n![Marginal abatement cost](\(macName))") }
        parts.append("## Decisions")
        parts += highlighted.map { decisionSection($0.0, $0.1) }
        if hasBreakdowns { parts.append("![Where the objectives come from](\(breakdownName))") }
        parts += sections.map { section in
            section.markdown + (section.chart.map { "\n\n![\(section.title)](\(name)-\($0.name).svg)" } ?? "")
        }
        parts.append("## Further analysis\n\n```python\n\(pandasCode)\n```")
        return parts.joined(separator: "\n\n") + "\n"
    }

    public func notebook() -> String {
        var cells: [[String: Any]] = [
            Self.markdownCell(title), Self.markdownCell(commandSection), Self.markdownCell(summary), Self.markdownCell(payoffSection),
            Self.markdownCell("## The front\n\n\(front.points.count) efficient points (\(front.method)).\n\n" + frontTable),
            Self.svgCell(svgName, front.chart().svg(), code: "from IPython.display import SVG\nSVG(filename=\"\(svgName)\")"),
        ]
        if let prices = pricesText, let abatement = front.abatementChart() {
            cells.append(Self.markdownCell(prices))
            cells.append(Self.svgCell(macName, abatement.svg()))
        }
        cells.append(Self.markdownCell("## Decisions"))
        cells += highlighted.map { Self.markdownCell(decisionSection($0.0, $0.1)) }
        if hasBreakdowns { cells.append(Self.svgCell(breakdownName, breakdownChart.svg())) }
        for section in sections {
            cells.append(Self.markdownCell(section.markdown))
            if let chart = section.chart { cells.append(Self.svgCell("\(name)-\(chart.name).svg", chart.svg)) }
        }
        cells.append(Self.markdownCell("## Further analysis\n\nThe front as a pandas DataFrame:"))
        cells.append(Self.codeCell(pandasCode, count: 2, outputs: [[
            "output_type": "execute_result", "execution_count": 2, "metadata": [String: Any](),
            "data": ["text/plain": Self.lines(front.frontCSV(comments: false))],
        ]]))
        let document: [String: Any] = [
            "nbformat": 4, "nbformat_minor": 5,
            "metadata": ["kernelspec": ["display_name": "Python 3", "language": "python", "name": "python3"],
                         "language_info": ["name": "python"], "lcaopt": ["command": command]],
            "cells": cells.enumerated().map { index, cell in cell.merging(["id": "cell-\(index + 1)"]) { a, _ in a } },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func markdownCell(_ text: String) -> [String: Any] {
        ["cell_type": "markdown", "metadata": [String: Any](), "source": lines(text)]
    }

    /// A code cell showing the SVG file `file`, its drawing embedded as the cell's output.
    static func svgCell(_ file: String, _ svg: String, code: String? = nil) -> [String: Any] {
        codeCell(code ?? "SVG(filename=\"\(file)\")", count: 1,
                 outputs: [["output_type": "display_data", "metadata": [String: Any](),
                            "data": ["image/svg+xml": lines(svg), "text/plain": ["<IPython.core.display.SVG object>"]]]])
    }

    static func codeCell(_ code: String, count: Int, outputs: [[String: Any]]) -> [String: Any] {
        ["cell_type": "code", "execution_count": count, "metadata": [String: Any](), "source": lines(code), "outputs": outputs]
    }

    /// Notebook text as a list of lines, each but the last ending in a line break.
    static func lines(_ text: String) -> [String] {
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var result = parts.enumerated().map { $0.offset < parts.count - 1 ? $0.element + "\n" : $0.element }
        if result.last == "" { result.removeLast() }
        return result
    }

    /// A result table in Markdown, numbers as ``number(_:)`` shows them.
    static func table(_ table: ResultTable) -> String {
        Self.table(table.labels, table.rows.map { row in
            row.map { cell in
                switch cell {
                case .text(let text): return text
                case .number(let value, _): return ResultTable.reportNumber(value)
                }
            }
        })
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        func row(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        return ([row(header), row(header.map { _ in "---" })] + rows.map(row)).joined(separator: "\n")
    }
}

/// A row of a breakdown table: a part and an item.
struct PartKey: Hashable { var part, item: String }
