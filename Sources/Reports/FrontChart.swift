import Foundation

/// An SVG chart of a bi-objective Pareto front: axes with names, units and tick labels, the
/// points joined in order, the two single-objective optima labelled, a title.
public struct FrontChart: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Points (x, y), in any order; they are joined in x order.
    public var points: [(Double, Double)]
    /// A line under the title (scope, database).
    public var subtitle = ""
    /// Short names of the two objectives for the "min ..." labels (default: the axis labels without units).
    public var xName: String?
    public var yName: String?
    public var width = 800.0
    public var height = 600.0
    /// Per point (in ``points`` order), a range drawn as an error bar along each axis (e.g. the
    /// 5-95 % interval of a Monte Carlo run); empty: none.
    public var xBars: [(Double, Double)] = []
    public var yBars: [(Double, Double)] = []

    public init(title: String, xLabel: String, yLabel: String, points: [(Double, Double)]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.points = points
    }

    /// The chart as an SVG document.
    public func svg() -> String {
        let left = 110.0, right = 40.0, top = 60.0, bottom = 80.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let sorted = points.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }
        let xTicks = Self.ticks(sorted.map(\.0) + xBars.flatMap { [$0.0, $0.1] }), yTicks = Self.ticks(sorted.map(\.1) + yBars.flatMap { [$0.0, $0.1] })
        let (xMin, xMax) = (xTicks.first ?? 0, xTicks.last ?? 1), (yMin, yMax) = (yTicks.first ?? 0, yTicks.last ?? 1)
        func px(_ x: Double) -> Double { left + (xMax == xMin ? 0.5 : (x - xMin) / (xMax - xMin)) * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - (yMax == yMin ? 0.5 : (y - yMin) / (yMax - yMin)) * plotHeight }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(Self.f(width / 2))" y="28" font-size="20" text-anchor="middle" font-weight="bold">\(Self.escape(title))</text>
            <text x="\(Self.f(width / 2))" y="48" font-size="13" text-anchor="middle" fill="#555">\(Self.escape(subtitle))</text>
            <g stroke="#e0e0e0" stroke-width="1">

            """
        for x in xTicks { svg += "<line x1=\"\(Self.f(px(x)))\" y1=\"\(Self.f(top))\" x2=\"\(Self.f(px(x)))\" y2=\"\(Self.f(top + plotHeight))\"/>\n" }
        for y in yTicks { svg += "<line x1=\"\(Self.f(left))\" y1=\"\(Self.f(py(y)))\" x2=\"\(Self.f(left + plotWidth))\" y2=\"\(Self.f(py(y)))\"/>\n" }
        svg += "</g>\n"
        svg += Self.axes(PlotArea(left: left, top: top, width: plotWidth, height: plotHeight), xTicks: xTicks, yTicks: yTicks, px: px, py: py,
                         xLabel: xLabel, yLabel: yLabel, labelY: height - 25)
        if sorted.count > 1 {
            svg += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"" + sorted.map { "\(Self.f(px($0.0))),\(Self.f(py($0.1)))" }.joined(separator: " ") + "\"/>\n"
        }
        if !xBars.isEmpty || !yBars.isEmpty {
            svg += "<g stroke=\"#555\" stroke-width=\"1.5\">\n"
            for (number, point) in points.enumerated() {
                if number < yBars.count {
                    let (low, high) = yBars[number]
                    let x = Self.f(px(point.0))
                    svg += "<line x1=\"\(x)\" y1=\"\(Self.f(py(low)))\" x2=\"\(x)\" y2=\"\(Self.f(py(high)))\"><title>point \(number + 1): \(Self.escape(yName ?? yLabel)) \(Self.label(low, ticks: yTicks)) to \(Self.label(high, ticks: yTicks))</title></line>\n"
                    for y in [low, high] { svg += "<line x1=\"\(Self.f(px(point.0) - 4))\" y1=\"\(Self.f(py(y)))\" x2=\"\(Self.f(px(point.0) + 4))\" y2=\"\(Self.f(py(y)))\"/>\n" }
                }
                if number < xBars.count {
                    let (low, high) = xBars[number]
                    let y = Self.f(py(point.1))
                    svg += "<line x1=\"\(Self.f(px(low)))\" y1=\"\(y)\" x2=\"\(Self.f(px(high)))\" y2=\"\(y)\"/>\n"
                    for x in [low, high] { svg += "<line x1=\"\(Self.f(px(x)))\" y1=\"\(Self.f(py(point.1) - 4))\" x2=\"\(Self.f(px(x)))\" y2=\"\(Self.f(py(point.1) + 4))\"/>\n" }
                }
            }
            svg += "</g>\n"
        }
        // Points numbered as in the tables (the order they were given in).
        for (number, point) in points.enumerated() {
            svg += "<circle cx=\"\(Self.f(px(point.0)))\" cy=\"\(Self.f(py(point.1)))\" r=\"5\" fill=\"#1f77b4\" stroke=\"white\" stroke-width=\"1.5\"><title>point \(number + 1)</title></circle>\n"
            svg += "<text x=\"\(Self.f(px(point.0) + 7))\" y=\"\(Self.f(py(point.1) - 7))\" font-size=\"11\" fill=\"#1f4e79\">\(number + 1)</text>\n"
        }
        if let first = sorted.first, let last = sorted.last {
            let xName = self.xName ?? xLabel.split(separator: "[").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? xLabel
            let yName = self.yName ?? yLabel.split(separator: "[").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? yLabel
            svg += "<g font-size=\"13\" fill=\"#b22222\">\n"
            svg += "<text x=\"\(Self.f(px(first.0) + 10))\" y=\"\(Self.f(py(first.1) + 4))\">min \(Self.escape(xName))</text>\n"
            svg += "<text x=\"\(Self.f(px(last.0) - 12))\" y=\"\(Self.f(py(last.1) + 24))\" text-anchor=\"end\">min \(Self.escape(yName))</text>\n"
            svg += "</g>\n"
            svg += "<circle cx=\"\(Self.f(px(first.0)))\" cy=\"\(Self.f(py(first.1)))\" r=\"7\" fill=\"none\" stroke=\"#b22222\" stroke-width=\"2\"/>\n"
            svg += "<circle cx=\"\(Self.f(px(last.0)))\" cy=\"\(Self.f(py(last.1)))\" r=\"7\" fill=\"none\" stroke=\"#b22222\" stroke-width=\"2\"/>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// Where a chart draws its data.
    struct PlotArea { var left, top, width, height: Double }

    /// The axis lines, tick labels and axis titles of a chart (grid lines are the caller's).
    static func axes(_ area: PlotArea, xTicks: [Double], yTicks: [Double], px: (Double) -> Double, py: (Double) -> Double,
                     xLabel: String, yLabel: String, labelY: Double) -> String {
        let (left, top, bottom) = (area.left, area.top, area.top + area.height)
        var svg = "<g stroke=\"black\" stroke-width=\"1.5\">\n"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(left + area.width))\" y2=\"\(f(bottom))\"/>\n"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\"/>\n</g>\n<g font-size=\"13\" fill=\"#333\">\n"
        for x in xTicks { svg += "<text x=\"\(f(px(x)))\" y=\"\(f(bottom + 20))\" text-anchor=\"middle\">\(label(x, ticks: xTicks))</text>\n" }
        for y in yTicks { svg += "<text x=\"\(f(left - 8))\" y=\"\(f(py(y) + 4))\" text-anchor=\"end\">\(label(y, ticks: yTicks))</text>\n" }
        svg += "</g>\n"
        svg += "<text x=\"\(f(left + area.width / 2))\" y=\"\(f(labelY))\" font-size=\"15\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        svg += "<text transform=\"translate(28 \(f(top + area.height / 2))) rotate(-90)\" font-size=\"15\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        return svg
    }

    /// Round tick values covering `values`: steps of 1, 2, 2.5 or 5 times a power of ten.
    static func ticks(_ values: [Double]) -> [Double] {
        guard var low = values.min(), var high = values.max() else { return [0, 1] }
        if high - low < 1e-12 * max(1, abs(high)) {
            let pad = max(abs(high) * 0.05, 1)
            low -= pad
            high += pad
        }
        let raw = (high - low) / 5
        let power = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        let first = Int((low / step).rounded(.down)), last = Int((high / step).rounded(.up))
        // k x step, rounded to the step's precision, so ticks carry no accumulated error.
        let scale = pow(10, max(0, -(log10(step).rounded(.down)) + 2))
        return (first...max(first, last)).map { (Double($0) * step * scale).rounded() / scale }
    }

    static func label(_ value: Double, ticks: [Double]) -> String {
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        let decimals = max(0, -Int(log10(step).rounded(.down)) + (step / pow(10, log10(step).rounded(.down)) == 2.5 ? 1 : 0))
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = decimals
        formatter.maximumFractionDigits = decimals
        formatter.locale = Locale(identifier: "en_US")
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
