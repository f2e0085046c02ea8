/// Why an openLCA database could not be read or an entity not found. Every message names the
/// file or entity and says what to do.
public enum OpenLCAError: Error, CustomStringConvertible, Sendable {
    /// The path does not exist.
    case fileNotFound(path: String)
    /// The path is a folder or another kind of non-regular file (`kind` says which).
    case notAFile(path: String, kind: String)
    /// Another program holds a lock on the database.
    case locked(path: String)
    /// The file exists but SQLite cannot read it (not SQLite, or damaged).
    case notADatabase(path: String, detail: String)
    /// The file is SQLite but lacks tables or columns every openLCA export has.
    case notAnOpenLCADatabase(path: String, missing: [String])
    /// SQLite failed while reading a valid-looking database.
    case readFailed(path: String, detail: String)
    /// No entity of this kind matches the id or name.
    case unknownEntity(kind: String, query: String, candidates: [SearchHit])
    /// Several entities of this kind have this exact name.
    case ambiguousName(kind: String, query: String, candidates: [SearchHit])
    /// The data of an entity cannot be used (e.g. a process without a reference exchange).
    case invalidEntity(kind: String, refId: String, name: String, problem: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file. Give the path of an openLCA database exported to SQLite."
        case .notAFile(let path, let kind):
            return "\(path): \(kind), not a file. Give the path of an openLCA database exported to SQLite."
        case .locked(let path):
            return "\(path): the database is locked by another program that is writing to it (openLCA, sqlite3, a script). Close that program or wait until it has finished, then run lcaopt again; lcaopt itself only reads."
        case .notADatabase(let path, let detail):
            return "\(path): not a readable SQLite database (\(detail)). Export the openLCA database to SQLite again, or check that this is the right file."
        case .notAnOpenLCADatabase(let path, let missing):
            return "\(path): an SQLite file, but not an openLCA export: missing \(missing.joined(separator: ", ")). Export the whole openLCA database (all tbl_* tables) to SQLite."
        case .readFailed(let path, let detail):
            return "\(path): reading failed: \(detail)"
        case .unknownEntity(let kind, let query, let candidates):
            var text = "no \(kind) with id or name '\(query)'"
            if candidates.isEmpty {
                text += "; use `lcaopt search DB TEXT --kind \(kind)` to find it"
            } else {
                text += "; did you mean:\n" + candidates.map { "  \($0.refId)  \($0.name)" }.joined(separator: "\n")
            }
            return text
        case .ambiguousName(let kind, let query, let candidates):
            return "'\(query)' names \(candidates.count) \(kind)es; use one of their ids instead:\n"
                + candidates.map { "  \($0.refId)  \($0.name)\($0.location.map { "  [\($0)]" } ?? "")" }.joined(separator: "\n")
        case .invalidEntity(let kind, let refId, let name, let problem):
            return "\(kind) \(refId) '\(name)': \(problem)"
        }
    }
}
