import Reports

/// The evaluated front with each point's 5-95 % interval drawn as a bar on every impact axis
/// (cost carries no distribution here: exchange costs are not drawn).
struct UncertaintyChart {
    var chart: FrontChart

    /// Nil unless the run evaluated a front of two objectives.
    init?(manifest: UncertaintyManifest, summary: UncertaintySummary) {
        guard let front = manifest.front, front.count == 2, manifest.mode == "evaluate" else { return nil }
        let (x, y) = (front[0], front[1])
        let points = manifest.decisions.map { ($0.objectives[x] ?? .nan, $0.objectives[y] ?? .nan) }
        func bars(_ objective: String) -> [(Double, Double)] {
            guard objective != "cost" else { return [] }
            return manifest.decisions.map { summary.interval(decision: $0.label, objective: objective) ?? (.nan, .nan) }
        }
        func label(_ objective: String) -> String { "\(objective) [\(manifest.units[objective] ?? "")]" }
        chart = FrontChart(title: "\(manifest.model): front with 5-95 % intervals", xLabel: label(x), yLabel: label(y), points: points)
        chart.subtitle = "\(summary.samples) samples, seed \(manifest.seed), \(manifest.scope) scope, log-normal parameter as \(manifest.lognormal)"
        chart.xName = x
        chart.yName = y
        chart.xBars = bars(x)
        chart.yBars = bars(y)
    }

    func svg() -> String { chart.svg() }
}
