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

    /// Opens and validates the database at `path`.
    /// - Throws: ``OpenLCAError`` naming the file and what is wrong.
    public init(path: String) throws(OpenLCAError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else { throw .fileNotFound(path: path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path: path) }
        do {
            connection = try SQLiteConnection(path: path, mode: .readOnly)
            schema = try Schema(connection: connection)
        } catch let error as SQLiteError {
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
