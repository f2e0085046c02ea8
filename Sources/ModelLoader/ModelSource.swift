import Foundation
import MOLA
import OpenLCA
import SupplyChain

/// A model read from a native model file or a MOLA configuration, resolved against its database.
public struct LoadedModel {
    public var model: ModelFile
    public var data: SupplyChainData
    public var database: OpenLCADatabase
    /// Set when the file was a MOLA configuration.
    public var mola: MOLAConversion?
}

/// Reads model files of every kind (a supply-chain model file, a MOLA configuration), each read
/// once, with its database found in one place: the first step of every model command and of batch.
public enum ModelSource {
    /// Which format a file is read as.
    public enum Format: String, Sendable, CaseIterable {
        /// MOLA when the file has `sets` and `parameters`, else native.
        case auto
        case native
        case mola
    }

    /// Reads `path` (as `format`), opens the database (`databasePath`, else the file's own:
    /// `database` or MOLA's `db_file`, relative to the file) and resolves the model.
    /// `scope` (`direct` or `system`) overrides the model's impact scope, for MOLA configurations too.
    public static func load(path: String, databasePath: String? = nil, format: Format = .auto, scope: String? = nil) throws -> LoadedModel {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw ModelError(file: path, issues: [ModelIssue("$", "cannot read the file", hint: "check the path")])
        }
        let isMOLA = format == .mola || (format == .auto && MOLAConfiguration.recognises(contents))
        guard isMOLA else {
            let (model, data, database) = try SupplyChainLoader.open(contents: contents, modelPath: path, databasePath: databasePath, scope: scope)
            return LoadedModel(model: model, data: data, database: database, mola: nil)
        }
        let config = try MOLAConfiguration.decode(contents, file: path)
        let database = try openDatabase(config, path: path, override: databasePath)
        var conversion = try MOLAConversion.convert(config, database: database, file: path)
        conversion.model.database = database.path
        if let scope { conversion.model.lciaScope = scope }
        var data = try SupplyChainData.resolve(conversion.model, database: database, file: path)
        data.notes = conversion.notes.map { "MOLA \($0)" } + data.notes
        return LoadedModel(model: conversion.model, data: data, database: database, mola: conversion)
    }

    /// The database of a MOLA configuration: `override`, else its `db_file` (relative to the file).
    static func openDatabase(_ config: MOLAConfiguration, path: String, override: String?) throws -> OpenLCADatabase {
        try SupplyChainLoader.openDatabase(declared: config.dbFile, at: "$.db_file", file: path, override: override,
                                           whenMissing: "the database the configuration was made for")
    }
}
