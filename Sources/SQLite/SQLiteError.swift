import CSQLite

/// An error reported by SQLite, with the statement or file it concerns.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// SQLite's primary result code (`SQLITE_CORRUPT` is 11, `SQLITE_NOTADB` is 26, ...).
    public let code: Int32
    /// SQLite's own message.
    public let message: String
    /// What lcaopt was doing: the SQL text or the file being opened.
    public let context: String

    public init(code: Int32, message: String, context: String) {
        self.code = code
        self.message = message
        self.context = context
    }

    /// True when the file is not an SQLite database or is damaged.
    public var isNotADatabase: Bool {
        code == SQLITE_NOTADB || code == SQLITE_CORRUPT
    }

    /// True when another connection holds a lock that did not clear within the busy timeout.
    public var isLocked: Bool {
        (code & 0xFF) == SQLITE_BUSY || (code & 0xFF) == SQLITE_LOCKED
    }

    public var description: String {
        "SQLite error \(code): \(message) – while \(context)"
    }
}
