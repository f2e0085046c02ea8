import Foundation
import ModelFamily

/// The front explorer: one self-contained HTML file (no network access, no library: the page's
/// data as JSON, plain SVG drawn by a short script, inline CSS) that opens from disk in any
/// current browser. The front with every point numbered as in the tables (trade-off prices of
/// an exact front, 5-95 % bars when uncertainty results are given); for the selected point a map
/// of places and flows on Natural Earth outlines, the decision tables and each objective split
/// by part; a second point to compare with. Keyboard: arrow keys move along the front, `c`
/// makes the selected point the comparison.
public struct ExplorerPage: Sendable {
    /// Everything the page shows, encoded once into it.
    struct Document: Encodable {
        struct Header: Encodable {
            var model, database, method, scope, costUnit, command: String
            var indicators: [ResultContext.IndicatorInfo]
        }
        struct Table: Encodable {
            var title: String
            var columns: [String]
            var rows: [[String]]
        }
        struct Point: Encodable {
            var number: Int
            var objectives: [String: Double]
            var price: Double?
            /// Objective -> [5 %, 95 %] when uncertainty results are given.
            var bars: [String: [Double]]?
            var tables: [Table]
            var map: DecisionMap
            var breakdown: [ObjectivePart]
        }
        struct Edge: Encodable {
            var from: Int?
            var to: Int?
            var avoided, added, price: Double
            var changes: [String]
        }
        var header: Header
        var objectives: [String]
        var allObjectives: [String]
        var units: [String: String]
        var priceUnit: String
        var points: [Point]
        var edges: [Edge]?
        var notes: [String]
        /// Outlines within reach of the places: `[name, rings]`, in tenths of a degree.
        var countries: [Outline]
        var states: [Outline]
    }

    struct Outline: Encodable {
        var n: String
        var r: [[Int]]
    }

    let document: Document

    /// The page of `front` (swept on `problem`); `bars` gives, per point, an objective's 5 and
    /// 95 % values (from `lcaopt uncertainty`); `command` is the command that made it.
    public init<Problem: FamilyProblem>(problem: Problem, front: FrontReport<Problem.Decision>, command: String,
                                        bars: [[String: (Double, Double)]]? = nil) {
        let context = front.context
        let header = Document.Header(model: front.model, database: URL(fileURLWithPath: context.database).lastPathComponent, method: front.method,
                                     scope: context.scopeDescription, costUnit: context.costUnit, command: command, indicators: context.indicators)
        let points = front.points.enumerated().map { index, point -> Document.Point in
            let tables = point.decision.map { problem.tables(of: $0) } ?? []
            return Document.Point(
                number: index + 1, objectives: point.objectives, price: point.price,
                bars: bars.flatMap { index < $0.count ? $0[index].mapValues { [$0.0, $0.1] } : nil },
                tables: tables.filter { !$0.rows.isEmpty }.map { table in
                    Document.Table(title: table.title, columns: table.labels, rows: table.rows.map { $0.map(Self.text) })
                },
                map: point.decision.map { problem.map(of: $0) } ?? DecisionMap(),
                breakdown: point.primal.map { problem.breakdown(primal: $0) } ?? [])
        }
        let edges = front.edges?.map { Document.Edge(from: $0.from, to: $0.to, avoided: $0.avoided, added: $0.added, price: $0.price, changes: $0.changes) }
        let places = points.flatMap(\.map.places)
        let (countries, states) = Self.outlines(near: places)
        document = Document(header: header, objectives: front.objectives, allObjectives: front.allObjectiveNames, units: front.units,
                            priceUnit: front.priceUnit, points: points, edges: edges, notes: front.notes, countries: countries, states: states)
    }

    static func text(_ cell: ResultTable.Cell) -> String {
        switch cell {
        case .text(let text): return text
        case .number(let value, _): return ResultTable.reportNumber(value)
        }
    }

    /// The country and state outlines whose bounding box meets the places' (with a margin of a
    /// quarter of its size, at least 3 degrees); none without places.
    static func outlines(near places: [DecisionMap.Place]) -> ([Outline], [Outline]) {
        guard !places.isEmpty else { return ([], []) }
        let lats = places.map(\.latitude), lons = places.map(\.longitude)
        let marginLat = max(3, (lats.max()! - lats.min()!) / 4), marginLon = max(3, (lons.max()! - lons.min()!) / 4)
        let box = (minLon: (lons.min()! - marginLon) * 10, maxLon: (lons.max()! + marginLon) * 10,
                   minLat: (lats.min()! - marginLat) * 10, maxLat: (lats.max()! + marginLat) * 10)
        guard let data = MapOutlines.json.data(using: .utf8),
              let all = try? JSONSerialization.jsonObject(with: data) as? [String: [[String: Any]]] else { return ([], []) }
        func near(_ list: [[String: Any]]) -> [Outline] {
            list.compactMap { feature in
                guard let name = feature["n"] as? String, let rings = feature["r"] as? [[Int]] else { return nil }
                let kept = rings.filter { ring in
                    var inside = false
                    for k in stride(from: 0, to: ring.count - 1, by: 2) {
                        let x = Double(ring[k]), y = Double(ring[k + 1])
                        if x >= box.minLon && x <= box.maxLon && y >= box.minLat && y <= box.maxLat { inside = true; break }
                    }
                    return inside
                }
                return kept.isEmpty ? nil : Outline(n: name, r: kept)
            }
        }
        return (near(all["countries"] ?? []), near(all["states"] ?? []))
    }

    /// The page as one HTML document.
    public func html() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let json = (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        // `</` inside a script element would end it.
        let safe = json.replacingOccurrences(of: "</", with: "<\\/")
        return ExplorerTemplate.page
            .replacingOccurrences(of: "{{title}}", with: Self.escape(document.header.model))
            .replacingOccurrences(of: "{{data}}", with: safe)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
