import Foundation
import InputSchema
import MOLA
import ModelFamily
import Network
import OpenLCA
import SupplyChain

/// A model read from a file of any kind, resolved against its database: what every model
/// command and batch drive, through ``family``, without knowing the family.
public struct LoadedModel {
    /// The resolved model.
    public var family: any FamilyModel
    /// The database it was resolved against (nil: a network without openLCA links).
    public var database: OpenLCADatabase?
    /// The supply-chain model file (native, or converted from a MOLA configuration).
    public var file: ModelFile?
    /// Set when the file was a MOLA configuration: the conversion, for `--explain-mola` and `convert-mola`.
    public var mola: MOLAConversion?

    /// The resolved supply chain, when the model is one.
    public var supplyChain: SupplyChainData? { family as? SupplyChainData }
}

/// Reads model files of every kind (a supply-chain model file, a MOLA configuration), each read
/// once, with its database found in one place: the first step of every model command and of batch.
public enum ModelSource {
    /// Which format a file is read as.
    public enum Format: String, Sendable, CaseIterable {
        /// Detected from the content: MOLA's `sets` and `parameters`, a network's `kind: network`,
        /// else a supply-chain model file (a folder with PyPSA's `buses.csv` is always a PyPSA network).
        case auto
        case native
        case mola
        case network
    }

    /// The kinds of model file lcaopt reads.
    public enum Kind: String, Sendable {
        /// lcaopt's own supply-chain model file (JSON or YAML).
        case supplyChain = "supply-chain"
        /// A MOLA General Specification v5 configuration (JSON with `sets` and `parameters`).
        case mola
        /// A network file (YAML or JSON with `kind: network`, `docs/network.md`).
        case network
    }

    /// `lca` (PyPSA folders only) names a file linking the network's components to openLCA processes.
    public static func load(path: String, databasePath: String? = nil, format: Format = .auto, scope: String? = nil, lca: String? = nil) throws -> LoadedModel {
        // A folder written by PyPSA's export_to_csv_folder is read as a network.
        if PyPSAFolder.recognises(path) {
            let (tree, database) = try pypsaTree(path, lca: lca, databasePath: databasePath)
            return try network(tree, path: path, database: database, databasePath: databasePath, scope: scope)
        }
        if let lca {
            throw ModelError(file: lca, issues: [ModelIssue("$", "an LCA file links the components of a PyPSA folder; \(path) is not one",
                                                            hint: "link a model file's components to processes in the file itself (process, processAmount)")])
        }
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw ModelError(file: path, issues: [ModelIssue("$", "cannot read the file", hint: "check the path")])
        }
        let kind: Kind
        var networkTree: JSONValue?  // parsed once when detection finds a network
        switch format {
        case .auto:
            if MOLAConfiguration.recognises(contents) { kind = .mola } else {
                networkTree = NetworkSource.networkTree(contents, file: path)
                kind = networkTree == nil ? .supplyChain : .network
            }
        case .native: kind = .supplyChain
        case .mola: kind = .mola
        case .network: kind = .network
        }
        switch kind {
        case .network:
            let tree = try networkTree.map { tree throws(ModelError) in try NetworkSource.read(tree: tree, file: path) }
                ?? NetworkSource.read(contents, file: path)
            return try network(tree, path: path, databasePath: databasePath, scope: scope)
        case .supplyChain:
            let (model, data, database) = try SupplyChainLoader.open(contents: contents, modelPath: path, databasePath: databasePath, scope: scope)
            return LoadedModel(family: data, database: database, file: model, mola: nil)
        case .mola:
            let config = try MOLAConfiguration.decode(contents, file: path)
            let database = try SupplyChainLoader.openDatabase(declared: config.dbFile, at: "$.db_file", file: path, override: databasePath,
                                                              whenMissing: "the database the configuration was made for")
            var conversion = try MOLAConversion.convert(config, database: database, file: path)
            conversion.model.database = database.path
            if let scope { conversion.model.lciaScope = scope }
            var data = try SupplyChainData.resolve(conversion.model, database: database, file: path)
            data.notes = conversion.notes.map { "MOLA \($0)" } + data.notes
            return LoadedModel(family: data, database: database, file: conversion.model, mola: conversion)
        }
    }

    /// A network's checked tree resolved against `database` (an LCA file's, already open), else
    /// the one `databasePath` or the tree names: a network without openLCA links needs none (one
    /// given explicitly is still opened).
    static func network(_ tree: JSONValue, path: String, database opened: OpenLCADatabase? = nil, databasePath: String?, scope: String?) throws -> LoadedModel {
        var database = opened
        if database == nil && (databasePath != nil || NetworkSource.needsDatabase(tree)) {
            database = try SupplyChainLoader.openDatabase(declared: tree["database"]?.string, at: "$.database", file: path, override: databasePath,
                                                          whenMissing: "the openLCA database the network's processes and categories come from")
        }
        let data = try NetworkData.resolve(tree, database: database, databasePath: database.map { DisplayPath.of($0.path) } ?? "",
                                           scope: scope, file: path)
        return LoadedModel(family: data, database: database, file: nil, mola: nil)
    }

    /// The network tree of a PyPSA folder with its LCA file merged in, and the LCA file's
    /// database, opened (`databasePath`, else the file's `database` relative to it; nil without one).
    public static func pypsaTree(_ path: String, lca: String?, databasePath: String?) throws -> (tree: JSONValue, database: OpenLCADatabase?) {
        let tree = try PyPSAFolder.read(path)
        guard let lca else { return (tree, nil) }
        guard let contents = FileManager.default.contents(atPath: lca) else {
            throw ModelError(file: lca, issues: [ModelIssue("$", "cannot read the file", hint: "check the path")])
        }
        let entries: JSONValue
        do { entries = try StructuredText.parse(contents, yaml: StructuredText.isYAML(contents, file: lca)) } catch { throw ModelError(file: lca, issues: [error]) }
        let database = try SupplyChainLoader.openDatabase(declared: entries["database"]?.string, at: "$.database", file: lca, override: databasePath,
                                                          whenMissing: "the openLCA database of the processes")
        let categories = try database.catalog().impactCategories.values.sorted { $0.name < $1.name }.map(\.refId)
        return (try PyPSALCA.merge(entries, into: tree, file: lca, categories: categories), database)
    }
}
