/// A section a report carries beside its own (an uncertainty analysis of the front): Markdown
/// starting with its `##` heading, and a chart written as `NAME-CHART.svg` beside the report.
public struct ReportSection: Sendable {
    public var title: String
    public var markdown: String
    public var chart: (name: String, svg: String)?

    public init(title: String, markdown: String, chart: (name: String, svg: String)? = nil) {
        self.title = title
        self.markdown = markdown
        self.chart = chart
    }
}
