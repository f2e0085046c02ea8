import Foundation
import OpenLCA

/// Loads a model file and its database, and resolves it: the first step of `solve`, `pareto`,
/// `export` and `batch`.
public enum SupplyChainLoader {
    /// Reads `modelPath`, opens the database (`databasePath`, else the model's `database`
    /// relative to the model file) and resolves the model.
    public static func load(modelPath: String, databasePath: String? = nil) throws -> (model: ModelFile, data: SupplyChainData) {
        let opened = try open(modelPath: modelPath, databasePath: databasePath)
        return (opened.model, opened.data)
    }

    /// ``load(modelPath:databasePath:)`` that also returns the opened database (for later queries).
    /// `scope` (`direct` or `system`) overrides the model's `lciaScope`.
    public static func open(modelPath: String, databasePath: String? = nil, scope: String? = nil) throws
        -> (model: ModelFile, data: SupplyChainData, database: OpenLCADatabase) {
        guard let contents = FileManager.default.contents(atPath: modelPath) else {
            throw ModelError(file: modelPath, issues: [ModelIssue("$", "cannot read the file", hint: "check the path")])
        }
        return try open(contents: contents, modelPath: modelPath, databasePath: databasePath, scope: scope)
    }

    /// ``open(modelPath:databasePath:scope:)`` for a file already read (`contents`).
    public static func open(contents: Data, modelPath: String, databasePath: String? = nil, scope: String? = nil) throws
        -> (model: ModelFile, data: SupplyChainData, database: OpenLCADatabase) {
        var model = try ModelFile.decode(contents, file: modelPath)
        if let scope { model.lciaScope = scope }
        let database = try openDatabase(declared: model.database, at: "$.database", file: modelPath, override: databasePath,
                                        whenMissing: "the database in the model file")
        var data = try SupplyChainData.resolve(model, database: database, file: modelPath)
        if model.name == nil {
            data.name = URL(fileURLWithPath: modelPath).deletingPathExtension().lastPathComponent
        }
        return (model, data, database)
    }

    /// The database of a model file of any kind, in one place: `override` (the caller's explicit
    /// path), else `declared` (the file's own, at JSON path `at`, relative to `file`). A missing or
    /// absent database is a problem at `at` saying what to give.
    public static func openDatabase(declared: String?, at jsonPath: String, file: String, override: String?,
                                    whenMissing what: String) throws -> OpenLCADatabase {
        if let override { return try OpenLCADatabase(path: override) }
        guard let declared, !declared.isEmpty else {
            throw ModelError(file: file, issues: [ModelIssue(jsonPath, "missing", hint: "name \(what) (a path relative to this file), or give the database path explicitly")])
        }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        let path = declared.hasPrefix("/") ? declared : base.appendingPathComponent(declared).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw ModelError(file: file, issues: [ModelIssue(jsonPath, "'\(declared)' does not exist on this machine (looked for \(path))",
                                                             hint: "correct the path (relative to this file), or give the database path explicitly")])
        }
        return try OpenLCADatabase(path: path)
    }
}
