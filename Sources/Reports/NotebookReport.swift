import Foundation
import SupplyChain

/// A worked example as a Markdown page and a Jupyter notebook (nbformat 4) with outputs
/// embedded: model summary, payoff table, front (table and chart), decisions at the
/// cost-optimal, impact-optimal and middle points, the command that made it, and a pandas cell.
public struct NotebookReport: Sendable {
    public var name: String
    public var data: SupplyChainData
    public var front: FrontReport
    /// The exact command that produced the report.
    public var command: String

    public init(name: String, data: SupplyChainData, front: FrontReport, command: String) {
        self.name = name
        self.data = data
        self.front = front
        self.command = command
    }

    public var csvName: String { "\(name)-front.csv" }
    public var svgName: String { "\(name)-front.svg" }

    /// Writes NAME.md, NAME.ipynb, NAME-front.csv and NAME-front.svg into `directory`.
    public func write(to directory: String) throws(OutputError) {
        try FileSet.write([(csvName, Data(front.frontCSV().utf8)), (svgName, Data(front.chart().svg().utf8)),
                           ("\(name).md", Data(markdown().utf8)), ("\(name).ipynb", Data(notebook().utf8))], into: directory)
    }

    // MARK: Sections (Markdown)

    var title: String { "# \(data.name)\n\nA cost/impact trade-off computed by lcaopt (AUGMECON2 through GLPK)." }

    var commandSection: String { "## How this was made\n\n```sh\n\(command)\n```" }

    var summary: String {
        var text = "## The model\n\n"
        let context = front.context
        text += "- Database: `\(URL(fileURLWithPath: context.database).lastPathComponent)`\n"
        text += "- Impact scope: \(context.scopeDescription)\n"
        if context.scope == "system" { text += "- Cut-offs: \(context.cutOffs.count) product inputs without a provider\n" }
        text += "- Periods: \(data.periods.joined(separator: ", "))\n"
        text += "- Indicators: " + context.indicators.map { "`\($0.id)` = \($0.category) [\($0.unit)]" + ($0.method.isEmpty ? "" : ", \($0.method)") }
            .joined(separator: "; ") + "\n"
        text += "- Cost unit: \(data.costUnit)\n"
        text += "- Amounts at or below \(Self.number(context.zeroTolerance)) are solver noise, reported as 0\n\n"
        text += Self.table(["site", "name", "latitude", "longitude"], data.sites.map {
            [$0.id, $0.name, $0.latitude.map { Self.number($0) } ?? "", $0.longitude.map { Self.number($0) } ?? ""]
        }) + "\n\n"
        text += Self.table(["supplier", "material", "process", "cost / \(data.materials.first?.unit ?? "unit")",
                            data.indicators.map { "\($0.id) / \(data.materials.first?.unit ?? "unit")" }.joined(separator: ", "), "capacity", "modes"], data.suppliers.map { supplier in
            [supplier.id, data.materials[supplier.material].id, supplier.processName, Self.number(supplier.cost),
             supplier.impacts.map { Self.number($0) }.joined(separator: ", "),
             Set(supplier.capacity.map { $0.map { Self.number($0) } ?? "none" }).sorted().joined(separator: "/"),
             supplier.modes.map { data.modes[$0].id }.joined(separator: ", ")]
        }) + "\n\n"
        text += Self.table(["mode", "process", "unit", "cost / unit", "impacts / unit", "circuity"], data.modes.map { mode in
            [mode.id, mode.processName, mode.unit, Self.number(mode.cost), mode.impacts.map { Self.number($0) }.joined(separator: ", "),
             Self.number(mode.circuity)]
        })
        let demand = data.periods.indices.map { t in data.demands.reduce(0.0) { $0 + $1.amounts[t] } }
        text += "\n\nDemand per period: " + zip(data.periods, demand).map { "\($0) \(Self.number($1))" }.joined(separator: ", ")
        if !data.storage.isEmpty {
            text += "\n\nStorage: " + data.storage.map { "\(data.materials[$0.material].id) at \(data.sites[$0.site].id), \(Self.number($0.cost)) \(data.costUnit) per unit and period" }.joined(separator: "; ")
        }
        return text
    }

    var payoffSection: String {
        let header = ["minimised"] + front.objectives.map { "\($0) [\(front.units[$0] ?? "")]" }
        let rows = front.payoff.enumerated().map { [front.objectives[$0.offset]] + $0.element.map { Self.number($0) } }
        return "## Payoff table\n\nEach row minimises one objective, then the others with it held at its optimum.\n\n" + Self.table(header, rows)
    }

    var frontTable: String {
        let names = front.allObjectiveNames
        let header = ["point"] + names.map { "\($0) [\(front.units[$0] ?? "")]" } + front.objectives.dropFirst().map { "epsilon \($0)" }
        let rows = front.points.enumerated().map { index, point in
            ["\(index + 1)"] + names.map { point.objectives[$0].map { Self.number($0) } ?? "" }
                + front.objectives.dropFirst().map { point.epsilon[$0].map { Self.number($0) } ?? "" }
        }
        return Self.table(header, rows)
    }

    var frontSection: String {
        "## The front\n\n\(front.points.count) efficient points (\(front.method)).\n\n" + frontTable + "\n\n![Pareto front](\(svgName))"
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
        text += point.objectives.keys.sorted().map { "\($0) = \(Self.number(point.objectives[$0]!)) \(front.units[$0] ?? "")" }.joined(separator: ", ") + "\n\n"
        guard let decision = point.decision else { return text }
        text += Self.table(["supplier", "site", "period", "amount", "unit"], decision.deliveries.map {
            [$0.supplier, $0.site, $0.period, Self.number($0.amount), $0.unit]
        })
        if !decision.transport.isEmpty {
            text += "\n\n" + Self.table(["supplier", "mode", "site", "period", "km", "transport", "unit"], decision.transport.map {
                [$0.supplier, $0.mode, $0.site, $0.period, Self.number($0.km), Self.number($0.modeAmount), $0.modeUnit]
            })
        }
        if !decision.storage.isEmpty {
            text += "\n\n" + Self.table(["material", "site", "end of period", "stock", "unit"], decision.storage.map {
                [$0.material, $0.site, $0.period, Self.number($0.amount), $0.unit]
            })
        }
        if !decision.opened.isEmpty { text += "\n\nOpened: \(decision.opened.joined(separator: ", "))" }
        return text
    }

    var pandasCode: String {
        "import pandas as pd\n\nfront = pd.read_csv(\"\(csvName)\", comment=\"#\")  # the # lines say where the numbers come from\nfront"
    }

    // MARK: Documents

    public func markdown() -> String {
        var parts = [title, commandSection, summary, payoffSection, frontSection, "## Decisions"]
        parts += highlighted.map { decisionSection($0.0, $0.1) }
        parts.append("## Further analysis\n\n```python\n\(pandasCode)\n```")
        return parts.joined(separator: "\n\n") + "\n"
    }

    public func notebook() -> String {
        var cells: [[String: Any]] = [
            Self.markdownCell(title), Self.markdownCell(commandSection), Self.markdownCell(summary), Self.markdownCell(payoffSection),
            Self.markdownCell("## The front\n\n\(front.points.count) efficient points (\(front.method)).\n\n" + frontTable),
            Self.codeCell("from IPython.display import SVG\nSVG(filename=\"\(svgName)\")", count: 1,
                          outputs: [["output_type": "display_data", "metadata": [String: Any](),
                                     "data": ["image/svg+xml": Self.lines(front.chart().svg()), "text/plain": ["<IPython.core.display.SVG object>"]]]]),
            Self.markdownCell("## Decisions"),
        ]
        cells += highlighted.map { Self.markdownCell(decisionSection($0.0, $0.1)) }
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

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        func row(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        return ([row(header), row(header.map { _ in "---" })] + rows.map(row)).joined(separator: "\n")
    }

    /// Numbers in reports: 2 decimals from 100 up, else 4 significant digits.
    static func number(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 100 { return String(format: "%.2f", value) }
        if magnitude >= 1e-3 { return String(format: "%.4g", value) }
        return String(format: "%.3e", value)
    }
}
