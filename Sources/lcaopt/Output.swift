import ArgumentParser
import Foundation

/// Writes to standard error (messages, progress, logs).
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// An error to report in one line on stderr with a chosen exit code (1 bad input, 2 solver).
struct CommandFailure: Error {
    let message: String
    let exitCode: Int32
}

/// Runs a command body and turns every error into one clear stderr message and an exit code:
/// no stack trace ever reaches the user.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failure as CommandFailure {
        printError("lcaopt: error: \(failure.message)")
        throw ExitCode(failure.exitCode)
    } catch let exit as ExitCode {
        throw exit
    } catch {
        printError("lcaopt: error: \(error)")
        throw ExitCode(1)
    }
}

/// Prints `value` as pretty, key-sorted JSON on stdout.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

/// A plain text table with aligned columns (numbers right-aligned).
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return Self.isNumeric(cell) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }

    static func isNumeric(_ text: String) -> Bool {
        !text.isEmpty && Double(text.replacingOccurrences(of: ",", with: "")) != nil
    }
}


/// A number for tables: up to `digits` significant digits, no exponent for ordinary magnitudes.
func formatNumber(_ value: Double, digits: Int = 6) -> String {
    if value == 0 { return "0" }
    if !value.isFinite { return "\(value)" }
    let magnitude = abs(value)
    if magnitude >= 1e-4 && magnitude < 1e12 {
        let decimals = max(0, digits - 1 - Int(log10(magnitude).rounded(.down)))
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
    return String(format: "%.\(digits - 1)e", value)
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
