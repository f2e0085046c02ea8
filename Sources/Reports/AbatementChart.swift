import Foundation
import ModelFamily

/// The marginal abatement cost curve of an exact front, as SVG: one step per edge, as wide as
/// what the edge avoids and as high as its price, from the cheapest abatement (next to the
/// first objective's optimum) to the dearest, each numbered, with a legend under the chart
/// giving its price and what changes first.
public struct AbatementChart: Sendable {
    public struct Step: Sendable {
        public var width: Double
        public var price: Double
        public var label: String
    }

    public var title: String
    public var subtitle = ""
    public var xLabel: String
    public var yLabel: String
    public var steps: [Step]
    public var width = 800.0
    public var height = 600.0

    public init(title: String, xLabel: String, yLabel: String, steps: [Step]) {
        (self.title, self.xLabel, self.yLabel, self.steps) = (title, xLabel, yLabel, steps)
    }

    public func svg() -> String {
        let left = 110.0, right = 40.0, top = 60.0, bottom = 80.0
        let legendLines = min(steps.count, 12)
        let legendHeight = Double(legendLines) * 17 + (steps.count > legendLines ? 17 : 0)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        var ends: [Double] = [0]
        for step in steps { ends.append(ends.last! + step.width) }
        // Headroom above the dearest step for its number.
        let dearest = steps.map(\.price).max() ?? 0
        let xTicks = FrontChart.ticks(ends), yTicks = FrontChart.ticks([0, 1.08 * dearest] + steps.map(\.price))
        let (xMin, xMax) = (xTicks.first ?? 0, xTicks.last ?? 1), (yMin, yMax) = (yTicks.first ?? 0, yTicks.last ?? 1)
        func px(_ x: Double) -> Double { left + (xMax == xMin ? 0.5 : (x - xMin) / (xMax - xMin)) * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - (yMax == yMin ? 0.5 : (y - yMin) / (yMax - yMin)) * plotHeight }
        let f = FrontChart.f, escape = FrontChart.escape
        let total = height + legendHeight
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(total))" viewBox="0 0 \(Int(width)) \(Int(total))" font-family="Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(f(width / 2))" y="28" font-size="20" text-anchor="middle" font-weight="bold">\(escape(title))</text>
            <text x="\(f(width / 2))" y="48" font-size="13" text-anchor="middle" fill="#555">\(escape(subtitle))</text>
            <g stroke="#e0e0e0" stroke-width="1">

            """
        for y in yTicks { svg += "<line x1=\"\(f(left))\" y1=\"\(f(py(y)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(py(y)))\"/>\n" }
        svg += "</g>\n"
        // Steps, alternating two colours that differ in lightness (readable without colour vision), numbered.
        for (k, step) in steps.enumerated() {
            let x0 = px(ends[k]), x1 = px(ends[k + 1]), y = py(max(0, step.price)), base = py(max(yMin, 0))
            svg += "<rect x=\"\(f(x0))\" y=\"\(f(min(y, base)))\" width=\"\(f(max(0.5, x1 - x0)))\" height=\"\(f(abs(base - y)))\" fill=\"\(k % 2 == 0 ? "#1f77b4" : "#9ecae1")\" stroke=\"white\" stroke-width=\"1\">"
                + "<title>edge \(k + 1): \(escape(ResultTable.reportNumber(step.price))) per unit, \(escape(ResultTable.reportNumber(step.width))) avoided; \(escape(step.label))</title></rect>\n"
            if x1 - x0 >= 9 { svg += "<text x=\"\(f((x0 + x1) / 2))\" y=\"\(f(y - 5))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">\(k + 1)</text>\n" }
        }
        svg += FrontChart.axes(FrontChart.PlotArea(left: left, top: top, width: plotWidth, height: plotHeight), xTicks: xTicks, yTicks: yTicks,
                               px: px, py: py, xLabel: xLabel, yLabel: yLabel, labelY: height - 25)
        // The legend: each step's number, price and first change.
        svg += "<g font-size=\"12\" fill=\"#333\">\n"
        for (k, step) in steps.prefix(legendLines).enumerated() {
            let text = step.label.count > 90 ? String(step.label.prefix(89)) + "…" : step.label
            svg += "<text x=\"\(f(left))\" y=\"\(f(height + 2 + Double(k) * 17))\">\(k + 1): \(escape(ResultTable.reportNumber(step.price))) per unit · \(escape(text))</text>\n"
        }
        if steps.count > legendLines { svg += "<text x=\"\(f(left))\" y=\"\(f(height + 2 + Double(legendLines) * 17))\">and \(steps.count - legendLines) more steps</text>\n" }
        return svg + "</g>\n</svg>\n"
    }
}

extension FrontReport {
    /// The abatement curve of an exact front's edges (nil without edges): what the second
    /// objective avoids on the x axis (scaled units), the price per unit on the y axis.
    public func abatementChart() -> AbatementChart? {
        guard let edges, !edges.isEmpty, objectives.count == 2 else { return nil }
        let avoidedUnit = units[objectives[1]] ?? ""
        let xScale = ScaledUnit.choose(for: [edges.reduce(0) { $0 + $1.avoided }], unit: avoidedUnit)
        // A price per scaled unit is the price per unit times the divisor (USD per t = 1000 x USD per kg).
        let name = context.label(objectives[1]).components(separatedBy: " [").first ?? objectives[1]
        var chart = AbatementChart(
            title: "Marginal abatement cost: \(model)", xLabel: "\(name) avoided [\(xScale.unit)]",
            yLabel: "\(objectives[0]) per unit avoided [\(units[objectives[0]] ?? "") per \(xScale.unit)]",
            steps: edges.map { .init(width: $0.avoided / xScale.divisor, price: $0.price * xScale.divisor, label: $0.changes.first ?? "") })
        chart.subtitle = "edges of the exact front, cheapest first · \(context.scope == "system" ? "cradle-to-gate" : "direct") scope"
        return chart
    }
}
