import Dispatch
import Foundation
import Reports
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Appends results to `results.jsonl` and `results.csv` from one writer thread: workers hand
/// results over under a lock (no wake-up, no disk), the writer takes what has arrived every
/// millisecond (at once when finishing) and writes whole lines, one `write` per file. Lines
/// never interleave, and a killed run loses only the scenarios in flight (solving, or finished
/// in the last millisecond).
final class ResultWriter: Sendable {
    private let jsonl: FileHandle
    private let csv: FileHandle
    private let columns: ResultColumns
    private let pending = Mutex((results: [BatchResult](), finished: false))
    /// Signalled by ``finish()`` so the writer drains at once instead of at its next tick.
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    /// The first write error, reported by the next ``append(_:)`` and by ``finish()``.
    private let failure = Mutex<String?>(nil)

    /// Opens `results.jsonl` and `results.csv` in `directory` (created if needed): appending to
    /// what is there when `keep` (resume), else starting both afresh.
    init(directory: String, objectives: [String], units: [String: String], keep: Bool) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let jsonlPath = directory + "/results.jsonl", csvPath = directory + "/results.csv"
        jsonl = try openForWriting(jsonlPath, truncate: !keep)
        csv = try openForWriting(csvPath, truncate: !keep)
        let csvSize = try csv.seekToEnd()
        _ = try jsonl.seekToEnd()
        try Self.endWithNewline(jsonl, path: jsonlPath)
        try Self.endWithNewline(csv, path: csvPath)
        columns = ResultColumns(objectives)
        if csvSize == 0 {
            let header = ["id", "index", "point", "status"] + objectives.map { "\($0) [\(units[$0] ?? "")]" } + ["seconds", "error"]
            try csv.write(contentsOf: Data((header.map(csvField).joined(separator: ",") + "\n").utf8))
        }
        Threads.start { [self] in run() }
    }

    /// Positioned at the end; a line cut by a kill gets its line break so the next line is whole.
    private static func endWithNewline(_ handle: FileHandle, path: String) throws {
        let size = try handle.offset()
        guard size > 0 else { return }
        var last: UInt8 = 0
        guard pread(handle.fileDescriptor, &last, 1, off_t(size - 1)) == 1 else {
            throw WriteError(message: "\(path): cannot read its last byte (\(String(cString: strerror(errno))))")
        }
        if last != UInt8(ascii: "\n") { try handle.write(contentsOf: Data("\n".utf8)) }
    }

    /// Hands `result` to the writer; throws if an earlier write failed.
    func append(_ result: BatchResult) throws {
        if let message = failure.withLock({ $0 }) { throw WriteError(message: message) }
        pending.withLock { $0.results.append(result) }
    }

    /// Waits until every result handed over is written and closes the files; throws the first write error.
    /// Calling it again only reports the error again.
    func finish() throws {
        let first = pending.withLock { state -> Bool in
            defer { state.finished = true }
            return !state.finished
        }
        if first {
            wake.signal()
            stopped.wait()
            try? jsonl.close()
            try? csv.close()
        }
        if let message = failure.withLock({ $0 }) { throw WriteError(message: message) }
    }

    /// The writer thread: whatever has arrived, every millisecond, until finished and drained.
    private func run() {
        var lines: [UInt8] = [], rows: [UInt8] = []
        while true {
            let (results, finished) = pending.withLock { state in
                defer { state.results.removeAll(keepingCapacity: true) }
                return (state.results, state.finished)
            }
            if results.isEmpty {
                if finished { break }
                _ = wake.wait(timeout: .now() + .milliseconds(1))
                continue
            }
            do {
                lines.removeAll(keepingCapacity: true)
                rows.removeAll(keepingCapacity: true)
                for result in results { try result.appendLines(json: &lines, csv: &rows, columns: columns) }
                try lines.withUnsafeBytes { try jsonl.write(contentsOf: $0) }
                try rows.withUnsafeBytes { try csv.write(contentsOf: $0) }
            } catch {
                failure.withLock { if $0 == nil { $0 = "\(error)" } }
            }
        }
        stopped.signal()
    }

    struct WriteError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// `path` opened for reading and writing (created if missing, emptied when `truncate`) with one
/// `open`: Foundation's `createFile` writes a temporary file and renames it, `Data.write` syncs
/// to disk, each a millisecond before the first scenario starts. Results are flushed to the
/// system as they are written, which is what survives a killed run.
func openForWriting(_ path: String, truncate: Bool) throws -> FileHandle {
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0o644)
    guard descriptor >= 0 else {
        throw ResultWriter.WriteError(message: "\(path): cannot open for writing (\(String(cString: strerror(errno))))")
    }
    return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
}

/// Writes `data` as the whole content of `path` (see ``openForWriting(_:truncate:)``).
func writeWhole(_ data: Data, to path: String) throws {
    let handle = try openForWriting(path, truncate: true)
    try handle.write(contentsOf: data)
    try handle.close()
}


/// The results already in `directory/results.jsonl` (unreadable lines are skipped).
func readResults(directory: String) -> [BatchResult] {
    guard let data = FileManager.default.contents(atPath: directory + "/results.jsonl") else { return [] }
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(BatchResult.self, from: Data($0)) }
}
