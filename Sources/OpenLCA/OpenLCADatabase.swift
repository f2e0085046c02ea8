import Foundation
import SQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An openLCA database exported to SQLite, opened read-only.
///
/// Opening checks that the file is a readable SQLite database with the openLCA tables lcaopt
/// needs, and reads which optional tables and columns exist (``Schema``). The file is never
/// written. Use one instance per thread.
///
/// ```swift
/// let db = try OpenLCADatabase(path: "uslci.sqlite")
/// let info = try db.info()
/// ```
public final class OpenLCADatabase {
    /// The path the database was opened from.
    public let path: String
    /// Tables and columns present.
    public let schema: Schema
    let connection: SQLiteConnection
    private var cachedCatalog: Catalog?
    /// The private folder holding a copy of the database, when it had to be read from one.
    private let privateCopy: String?

    deinit {
        if let privateCopy { try? FileManager.default.removeItem(atPath: privateCopy) }
    }

    /// What a non-regular file is, in words.
    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// How to read `path` without writing anything beside it:
    /// - a database with a non-empty `-wal` or `-journal` beside it (changes a program wrote
    ///   but did not fold into the file, or left when it stopped) is copied with that file into a
    ///   private temporary folder and read there, so SQLite can apply them to the copy;
    /// - a WAL-mode database without such a file is opened `immutable` (read-only alone would
    ///   create `-wal` and `-shm` files beside it);
    /// - any other is opened read-only.
    static func howToOpen(_ path: String) throws -> (path: String, mode: SQLiteConnection.Mode, privateCopy: String?) {
        func size(_ file: String) -> Int64 {
            var info = stat()
            return stat(file, &info) == 0 ? Int64(info.st_size) : 0
        }
        for companion in ["-wal", "-journal"] where size(path + companion) > 0 {
            let folder = NSTemporaryDirectory() + "lcaopt-db-\(getpid())-\(UUID().uuidString.prefix(8))"
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let copy = folder + "/database.sqlite"
                try FileManager.default.copyItem(atPath: path, toPath: copy)
                try FileManager.default.copyItem(atPath: path + companion, toPath: copy + companion)
                return (copy, .create, folder)
            } catch {
                try? FileManager.default.removeItem(atPath: folder)
                throw OpenLCAError.readFailed(path: path, detail: "it has a \(companion) file beside it, and copying both to read them failed (\(error.localizedDescription))")
            }
        }
        // Byte 18 of the header is the write version: 2 for a WAL-mode database.
        var header = [UInt8](repeating: 0, count: 20)
        let descriptor = open(path, O_RDONLY)
        if descriptor >= 0 {
            defer { close(descriptor) }
            if read(descriptor, &header, 20) == 20 && header.starts(with: Array("SQLite format 3".utf8)) && header[18] == 2 {
                return (path, .immutable, nil)
            }
        }
        return (path, .readOnly, nil)
    }

    /// Opens and validates the database at `path`.
    /// - Throws: ``OpenLCAError`` naming the file and what is wrong.
    public init(path: String) throws(OpenLCAError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else { throw .fileNotFound(path: path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path: path, kind: Self.kind(of: info.st_mode)) }
        do {
            let (openPath, mode, copy) = try Self.howToOpen(path)
            privateCopy = copy
            connection = try SQLiteConnection(path: openPath, mode: mode)
            schema = try Schema(connection: connection)
        } catch let error as OpenLCAError {
            throw error
        } catch let error as SQLiteError {
            if error.isLocked { throw .locked(path: path) }
            throw .notADatabase(path: path, detail: error.message)
        } catch {
            throw .notADatabase(path: path, detail: "\(error)")
        }
        let missing = schema.missingRequired
        guard missing.isEmpty else { throw .notAnOpenLCADatabase(path: path, missing: missing) }
    }

    /// Reference data (units, flows, processes, locations, ...) loaded once and kept.
    public func catalog() throws(OpenLCAError) -> Catalog {
        if let cachedCatalog { return cachedCatalog }
        let catalog = try reading { try Catalog(database: self) }
        cachedCatalog = catalog
        return catalog
    }

    /// Runs `body`, turning SQLite failures into ``OpenLCAError`` for this file.
    func reading<T>(_ body: () throws -> T) throws(OpenLCAError) -> T {
        do {
            return try body()
        } catch let error as OpenLCAError {
            throw error
        } catch let error as SQLiteError {
            if error.isNotADatabase { throw .notADatabase(path: path, detail: error.message) }
            if error.isLocked { throw .locked(path: path) }
            throw .readFailed(path: path, detail: error.description)
        } catch {
            throw .readFailed(path: path, detail: "\(error)")
        }
    }

    /// Prepares a statement on this database's connection.
    func prepare(_ sql: String) throws -> SQLiteStatement {
        try connection.prepare(sql)
    }

    /// A single integer from a query such as `SELECT count(*) ...`.
    func scalar(_ sql: String) throws -> Int64 {
        let statement = try prepare(sql)
        return try statement.step() ? (statement.int64(0) ?? 0) : 0
    }
}
