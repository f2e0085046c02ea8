import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why output files could not be written: the folder or file and the system's reason.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot write: \(reason)" }
}

/// Writes a set of files into a folder so that a reader never sees half of a set: every file
/// is written and synced in a staging folder first, so a full disk or a kill leaves the old
/// set untouched. The staged set then replaces the folder in one atomic exchange
/// (`renameat2(RENAME_EXCHANGE)`) when the folder holds nothing but an earlier set of the same
/// files (or does not exist yet); in a folder with other files, which an exchange would take
/// away, each file is renamed into place in turn.
public enum FileSet {
    /// Checks, before any work, that `directory` can be an output folder: not an existing file,
    /// and creatable (with its parents) and writable.
    public static func checkWritable(_ directory: String) throws(OutputError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError(path: directory, reason: "it exists and is not a folder") }
            guard access(directory, W_OK) == 0 else { throw OutputError(path: directory, reason: String(cString: strerror(errno))) }
            return
        }
        do { try manager.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw OutputError(path: directory, reason: reason(error))
        }
    }

    /// Writes `files` (name -> contents) into `directory`, replacing earlier versions as a set.
    public static func write(_ files: [(name: String, data: Data)], into directory: String) throws(OutputError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw OutputError(path: directory, reason: "it exists and is not a folder")
        }
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent().path
        do { try manager.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
            throw OutputError(path: parent, reason: reason(error))
        }
        let staging = parent + "/.lcaopt-staging-\(getpid())-\(UUID().uuidString.prefix(8))"
        do { try manager.createDirectory(atPath: staging, withIntermediateDirectories: false) } catch {
            throw OutputError(path: parent, reason: reason(error))
        }
        defer { try? manager.removeItem(atPath: staging) }
        for file in files { try writeSynced(file.data, to: staging + "/" + file.name) }
        let existing = (try? manager.contentsOfDirectory(atPath: target.path)) ?? []
        if !manager.fileExists(atPath: target.path) {
            if rename(staging, target.path) == 0 { return }
        } else if existing.allSatisfy(Set(files.map(\.name)).contains), exchange(staging, target.path) {
            return  // the old set is now in `staging`, removed by the defer
        }
        try? manager.createDirectory(atPath: target.path, withIntermediateDirectories: true)
        for file in files where rename(staging + "/" + file.name, target.path + "/" + file.name) != 0 {
            throw OutputError(path: target.path + "/" + file.name, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes `data` to `path` and syncs it to disk (a full disk fails here, before any rename).
    static func writeSynced(_ data: Data, to path: String) throws(OutputError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var offset = 0
        let failure: String? = data.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return String(cString: strerror(errno)) }
                offset += written
            }
            return fsync(descriptor) == 0 ? nil : String(cString: strerror(errno))
        }
        if let failure { throw OutputError(path: path, reason: failure) }
    }

    /// Swaps two folders atomically (Linux `renameat2` with `RENAME_EXCHANGE`, looked up at run
    /// time: Swift's Glibc module does not declare it); false when the system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
