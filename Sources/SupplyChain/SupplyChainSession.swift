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
        var model = try ModelFile.load(path: modelPath)
        if let scope { model.lciaScope = scope }
        let database = try openDatabase(for: model, modelPath: modelPath, override: databasePath)
        var data = try SupplyChainData.resolve(model, database: database, file: modelPath)
        if model.name == nil {
            data.name = URL(fileURLWithPath: modelPath).deletingPathExtension().lastPathComponent
        }
        return (model, data, database)
    }

    /// The database named by `override`, else by the model (relative to the model file).
    public static func openDatabase(for model: ModelFile, modelPath: String, override: String?) throws -> OpenLCADatabase {
        if let override { return try OpenLCADatabase(path: override) }
        guard let relative = model.database else {
            throw ModelError(file: modelPath, issues: [ModelIssue("$.database", "missing", hint: "name the database in the model file or pass --db")])
        }
        let base = URL(fileURLWithPath: modelPath).deletingLastPathComponent()
        let path = relative.hasPrefix("/") ? relative : base.appendingPathComponent(relative).path
        return try OpenLCADatabase(path: path)
    }
}
