import ModelFamily
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
package final class ResultWriter: Sendable {
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
    /// The lock on the output folder, held while this writer lives (released by the system
    /// when the process ends, killed or not).
    private let lock: FolderLock

    package init(directory: String, objectives: [String], units: [String: String], keep: Bool) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        lock = try FolderLock(directory: directory)
        let jsonlPath = directory + "/results.jsonl", csvPath = directory + "/results.csv"
        jsonl = try openForWriting(jsonlPath, truncate: !keep)
        csv = try openForWriting(csvPath, truncate: true)
        columns = ResultColumns(objectives)
        let header = ["id", "index", "point", "status"] + objectives.map { "\($0) [\(units[$0] ?? "")]" } + ["seconds", "error"]
        var rows = Array((header.map(csvField).joined(separator: ",") + "\n").utf8)
        if keep {
            // results.jsonl is the record: a line cut by a kill or a full disk is dropped, and
            // results.csv is rebuilt from the whole lines, so the two agree when the run goes on.
            let kept = try Self.dropTornLine(jsonl, path: jsonlPath)
            var ignored: [UInt8] = []
            for result in kept { try result.appendLines(json: &ignored, csv: &rows, columns: columns) }
        }
        _ = try jsonl.seekToEnd()
        try csv.write(contentsOf: Data(rows))
        Threads.start { [self] in run() }
    }

    /// Cuts `handle`'s file after its last line break (a torn last line goes), leaves it
    /// positioned at the end, and returns the results of its lines.
    private static func dropTornLine(_ handle: FileHandle, path: String) throws -> [BatchResult] {
        try handle.seek(toOffset: 0)
        let data = try handle.readToEnd() ?? Data()
        let end = (data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
        if end < data.count {
            guard ftruncate(handle.fileDescriptor, off_t(end)) == 0 else {
                throw WriteError(message: "\(path): cannot cut its torn last line (\(String(cString: strerror(errno))))")
            }
        }
        return decodeResults(data.prefix(end))
    }

    /// Hands `result` to the writer; throws if an earlier write failed.
    package func append(_ result: BatchResult) throws {
        if let message = failure.withLock({ $0 }) { throw WriteError(message: message) }
        pending.withLock { $0.results.append(result) }
    }

    /// Waits until every result handed over is written and closes the files; throws the first write error.
    /// Calling it again only reports the error again.
    package func finish() throws {
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

/// Writes `data` as the whole content of `path`, atomically: a temporary file beside it,
/// synced, then renamed over it, so a full disk or a kill leaves the old file whole.
package func writeWhole(_ data: Data, to path: String) throws {
    let temporary = path + ".lcaopt-\(getpid())"
    let handle = try openForWriting(temporary, truncate: true)
    do {
        try handle.write(contentsOf: data)
        try handle.synchronize()
        try handle.close()
    } catch {
        unlink(temporary)
        throw ResultWriter.WriteError(message: "\(path): cannot write (\(error))")
    }
    guard rename(temporary, path) == 0 else {
        unlink(temporary)
        throw ResultWriter.WriteError(message: "\(path): cannot replace (\(String(cString: strerror(errno))))")
    }
}

/// An exclusive lock on an output folder (`OUT/.lock`, `flock`): a second run on the same
/// folder stops at once, naming the process that holds it, instead of interleaving results.
final class FolderLock: Sendable {
    let descriptor: Int32

    init(directory: String) throws {
        let path = directory + "/.lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ResultWriter.WriteError(message: "\(path): cannot open the lock file (\(String(cString: strerror(errno))))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            let holder = count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            close(descriptor)
            throw ResultWriter.WriteError(message: "\(directory) is in use by another lcaopt run (process \(holder)); wait for it to finish or write into another folder")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit { close(descriptor) }
}


/// The results already in `directory/results.jsonl` (unreadable lines are skipped).
package func readResults(directory: String) -> [BatchResult] {
    guard let data = FileManager.default.contents(atPath: directory + "/results.jsonl") else { return [] }
    return decodeResults(data)
}

/// The results of JSON lines (unreadable lines are skipped).
func decodeResults(_ data: Data) -> [BatchResult] {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(BatchResult.self, from: Data($0)) }
}
