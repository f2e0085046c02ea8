import ModelFamily

/// Where each objective of a few points comes from: one horizontal bar per point and objective,
/// stacked by part (production, transport, ...; negative parts, such as export revenue, drawn
/// to the left of zero), each objective on its own scale, Okabe-Ito colours.
struct BreakdownChart {
    var title: String
    /// (label, parts) per point.
    var points: [(label: String, parts: [ObjectivePart])]
    var objectives: [String]
    var units: [String: String]

    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    func svg() -> String {
        var partNames: [String] = []
        for point in points { for part in point.parts where !partNames.contains(part.part) { partNames.append(part.part) } }
        let shown = objectives.filter { objective in points.contains { $0.parts.contains { $0.objective == objective } } }
        let width = 800.0, left = 230.0, right = 120.0, bar = 18.0, gap = 6.0, groupGap = 26.0
        let height = 70 + Double(shown.count) * (groupGap + Double(points.count) * (bar + gap)) + 30
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(FrontChart.f(width / 2))" y="26" font-size="18" text-anchor="middle" font-weight="bold">\(FrontChart.escape(title))</text>

            """
        var legendX = left
        for (index, name) in partNames.enumerated() {
            svg += "<rect x=\"\(FrontChart.f(legendX))\" y=\"40\" width=\"12\" height=\"12\" fill=\"\(Self.palette[index % Self.palette.count])\"/>"
            svg += "<text x=\"\(FrontChart.f(legendX + 16))\" y=\"50\" font-size=\"12\">\(FrontChart.escape(name))</text>\n"
            legendX += 30 + Double(name.count) * 7
        }
        var y = 70.0
        for objective in shown {
            let totals = points.map { point in point.parts.filter { $0.objective == objective } }
            let positive = totals.map { $0.filter { $0.value > 0 }.reduce(0) { $0 + $1.value } }.max() ?? 0
            let negative = totals.map { $0.filter { $0.value < 0 }.reduce(0) { $0 - $1.value } }.max() ?? 0
            let scale = (width - left - right) / max(positive + negative, 1e-300)
            let zero = left + negative * scale
            svg += "<text x=\"10\" y=\"\(FrontChart.f(y + 12))\" font-size=\"13\" font-weight=\"bold\">\(FrontChart.escape(objective))\(units[objective].map { " [\(FrontChart.escape($0))]" } ?? "")</text>\n"
            y += 18
            for (index, point) in points.enumerated() {
                svg += "<text x=\"\(FrontChart.f(left - 8))\" y=\"\(FrontChart.f(y + 13))\" font-size=\"12\" text-anchor=\"end\">\(FrontChart.escape(point.label))</text>\n"
                var up = zero, down = zero
                for part in totals[index] {
                    let w = abs(part.value) * scale
                    let x = part.value >= 0 ? up : down - w
                    if part.value >= 0 { up += w } else { down -= w }
                    let colour = Self.palette[(partNames.firstIndex(of: part.part) ?? 0) % Self.palette.count]
                    svg += "<rect x=\"\(FrontChart.f(x))\" y=\"\(FrontChart.f(y))\" width=\"\(FrontChart.f(max(w, 0.3)))\" height=\"\(FrontChart.f(bar))\" fill=\"\(colour)\" stroke=\"white\" stroke-width=\"0.8\">"
                        + "<title>\(FrontChart.escape("\(part.part), \(part.item): \(ResultTable.reportNumber(part.value))"))</title></rect>\n"
                }
                let total = totals[index].reduce(0) { $0 + $1.value }
                svg += "<text x=\"\(FrontChart.f(up + 4))\" y=\"\(FrontChart.f(y + 13))\" font-size=\"11\" fill=\"#333\">\(ResultTable.reportNumber(total))</text>\n"
                y += bar + gap
            }
            y += groupGap - gap
        }
        return svg + "</svg>\n"
    }
}
