import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes to standard error (messages, progress, logs). A full or closed stderr loses the
/// message but never stops the program (FileHandle's write traps on such errors).
func printError(_ text: String) {
    writeError(text + "\n")
}

/// Writes `text` to standard error as is (unbuffered), ignoring write errors.
func writeError(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        if written <= 0 { return }
        bytes = bytes.dropFirst(written)
    }
}

/// Standard output, written through one buffer that remembers the first write error, so that
/// a full disk (`> /dev/full`) or a closed pipe ends in an error and exit 1, never in exit 0
/// with the output lost. The CLI prints from one thread.
enum StandardOutput {
    nonisolated(unsafe) static var buffer: [UInt8] = []
    nonisolated(unsafe) static var failure: String?

    static func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func flush() {
        var start = 0
        while start < buffer.count && failure == nil {
            let written = buffer[start...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { failure = "cannot write the output to stdout: \(String(cString: strerror(errno)))"; break }
            start += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// `print` for the CLI: into ``StandardOutput``'s buffer (it shadows the standard library's).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    StandardOutput.append(items.map { "\($0)" }.joined(separator: separator) + terminator)
}

/// Writes `text` to standard output.
func writeOutput(_ text: String) {
    StandardOutput.append(text)
}

/// Flushes standard output; the first write error, if any.
func flushOutput() -> String? {
    StandardOutput.flush()
    return StandardOutput.failure
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
    writeOutput(String(decoding: data, as: UTF8.self) + "\n")
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
