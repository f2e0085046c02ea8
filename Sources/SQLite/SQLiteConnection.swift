import CSQLite

/// One connection to an SQLite file.
///
/// lcaopt opens openLCA databases with ``Mode/readOnly``: SQLite then never writes to the file,
/// its journal or its folder. Only the fixture generator creates files (``Mode/create``).
/// A connection is used from one thread at a time.
public final class SQLiteConnection {
    /// How to open the file.
    public enum Mode: Sendable {
        /// Read an existing file; nothing is ever written.
        case readOnly
        /// Read an existing file that no other program changes, without locks and without the
        /// `-wal`/`-shm` files a WAL-mode database otherwise gets beside it (SQLite `immutable=1`).
        case immutable
        /// Create the file if needed and allow writing (fixture generation only).
        case create
    }

    let handle: OpaquePointer
    /// The path the connection was opened with.
    public let path: String

    /// Opens `path`. Throws when SQLite cannot open it; a file that is not a database is only
    /// detected by the first statement, so call ``tableNames()`` to validate it.
    public init(path: String, mode: Mode) throws {
        self.path = path
        var db: OpaquePointer?
        // NOMUTEX: a connection is used from one thread at a time, so SQLite's per-call locking
        // (8% of loading a small model) buys nothing.
        var flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
        switch mode {
        case .readOnly, .immutable: flags |= SQLITE_OPEN_READONLY
        case .create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        let target = mode == .readOnly ? Self.readOnlyURI(path) : mode == .immutable ? Self.readOnlyURI(path) + "&immutable=1" : path
        let rc = sqlite3_open_v2(target, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, context: "opening \(path)")
        }
        handle = db
        // Another program writing (openLCA, sqlite3) may hold a lock for a moment: wait for it
        // up to two seconds before reporting the database as locked.
        sqlite3_busy_timeout(db, 2000)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// A `file:` URI that opens the file read-only; the path is percent-encoded where URIs need it.
    static func readOnlyURI(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"):
                encoded += "%" + String(byte, radix: 16, uppercase: true)
            default:
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        // Non-ASCII bytes were appended as Latin-1 scalars above; rebuild them as UTF-8 bytes.
        let bytes = encoded.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        return "file:" + String(decoding: bytes, as: UTF8.self) + "?mode=ro"
    }

    /// Compiles one statement.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw error(rc, context: "preparing `\(sql)`")
        }
        return SQLiteStatement(connection: self, handle: statement, sql: sql)
    }

    /// Runs one or more statements that return no rows (fixture generation, pragmas).
    public func execute(_ sql: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(rc, context: "executing `\(sql.prefix(200))`") }
    }

    /// Runs `body` inside one transaction (fixture generation).
    public func transaction(_ body: () throws -> Void) throws {
        try execute("BEGIN")
        do {
            try body()
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The names of all tables, as the file spells them. This is the first read of the file,
    /// so it is where a file that is not a database, or is damaged, is detected.
    public func tableNames() throws -> [String] {
        let statement = try prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        var names: [String] = []
        while try statement.step() {
            if let name = statement.text(0) { names.append(name) }
        }
        return names
    }

    /// The columns of `table` as the file spells them, with their declared types.
    public func columns(of table: String) throws -> [(name: String, declaredType: String)] {
        let quoted = table.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
        let statement = try prepare("PRAGMA table_info(\"\(quoted)\")")
        var columns: [(name: String, declaredType: String)] = []
        while try statement.step() {
            if let name = statement.text(1) { columns.append((name, statement.text(2) ?? "")) }
        }
        return columns
    }

    /// Runs `PRAGMA quick_check` and throws when SQLite finds damage.
    public func quickCheck() throws {
        let statement = try prepare("PRAGMA quick_check(1)")
        if try statement.step(), let result = statement.text(0), result != "ok" {
            throw SQLiteError(code: SQLITE_CORRUPT, message: result, context: "checking \(path)")
        }
    }

    func error(_ code: Int32, context: String) -> SQLiteError {
        SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), context: context)
    }
}
