/// A table of results in a model family's terms (deliveries, transport, flows per bus, ...):
/// what the CLI prints as text, writes as a CSV file and puts in reports, without knowing the
/// family. Cells keep numbers as numbers: text rounds them, CSV writes every digit.
public struct ResultTable: Sendable, Equatable {
    /// A cell: text, or a number shown with `digits` significant digits in text.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double, digits: Int = 8)

        /// The cell in a CSV file: every digit of a number.
        public var csv: String {
            switch self {
            case .text(let text): return text
            case .number(let value, _): return "\(value)"
            }
        }
    }

    /// The heading in text and reports (`Deliveries`).
    public var title: String
    /// The CSV file's name without extension (`deliveries`).
    public var file: String
    /// What one row is, in the `table` column of one long CSV of every table (`delivery`).
    public var row: String
    /// False for tables that only files carry (e.g. every distance the model uses).
    public var inText: Bool
    /// The CSV header.
    public var columns: [String]
    /// The header in text and reports (default: ``columns``).
    public var labels: [String]
    public var rows: [[Cell]]

    public init(title: String, file: String, row: String, columns: [String], labels: [String]? = nil, inText: Bool = true, rows: [[Cell]]) {
        self.title = title
        self.file = file
        self.row = row
        self.inText = inText
        self.columns = columns
        self.labels = labels ?? columns
        self.rows = rows
    }
}

/// What a report says about a model before any result: facts (one line each) and tables of
/// its data (sites, suppliers, transport modes; buses, links, ...).
public struct ModelSummary: Sendable, Equatable {
    public var facts: [String]
    public var tables: [ResultTable]

    public init(facts: [String], tables: [ResultTable]) {
        self.facts = facts
        self.tables = tables
    }
}

extension ResultTable {
    /// A number in reports and text cells: 2 decimals from 100 up, else 4 significant digits.
    public static func reportNumber(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 100 { return String(format: "%.2f", value) }
        if magnitude >= 1e-3 { return String(format: "%.4g", value) }
        return String(format: "%.3e", value)
    }

    /// The CSV text of this table (header, then rows), without context lines.
    public var csv: String {
        ([columns] + rows.map { $0.map(\.csv) }).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// `tables` as one long CSV: a `table` column saying what each row is, then every column of
    /// every table in the order they first appear (pandas: filter on `table`).
    public static func longCSV(_ tables: [ResultTable]) -> String {
        var columns: [String] = []
        for table in tables { for column in table.columns where !columns.contains(column) { columns.append(column) } }
        var lines = [(["table"] + columns).map(csvField).joined(separator: ",")]
        for table in tables {
            let position = table.columns.map { columns.firstIndex(of: $0)! }
            for row in table.rows {
                var cells = [String](repeating: "", count: columns.count)
                for (index, cell) in row.enumerated() { cells[position[index]] = cell.csv }
                lines.append(([table.row] + cells).map(csvField).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
