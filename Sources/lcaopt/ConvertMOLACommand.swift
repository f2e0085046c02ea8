import ArgumentParser
import Foundation
import MOLA
import ModelLoader
import OpenLCA
import SupplyChain

/// `lcaopt convert-mola CONFIG --out MODEL.json`: a MOLA configuration as a native model file.
struct ConvertMOLACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert-mola",
        abstract: "Write the native model file equivalent to a MOLA configuration (ids from names where unique).")

    @Argument(help: "A MOLA configuration (JSON with sets and parameters).")
    var config: String

    @Option(help: "The openLCA database (overrides the configuration's db_file).")
    var db: String?

    @Option(help: "The model file to write (JSON, or YAML for .yaml/.yml).")
    var out: String

    func run() throws {
        try reportingErrors {
            let loaded: LoadedModel
            do {
                loaded = try ModelSource.load(path: config, databasePath: db, format: .mola)
            } catch let error as ModelError {
                throw CommandFailure(message: error.description, exitCode: 1)
            } catch let error as OpenLCAError {
                throw CommandFailure(message: error.description, exitCode: 1)
            }
            guard var model = loaded.file, let database = loaded.database else { throw CommandFailure(message: "\(config): not a MOLA configuration", exitCode: 1) }
            model.database = Self.relativePath(of: database.path, from: URL(fileURLWithPath: out).deletingLastPathComponent().path)
            do {
                try model.write(to: out)
            } catch {
                throw CommandFailure(message: "\(out): cannot write: \(error.localizedDescription)", exitCode: 1)
            }
            let suppliers = model.materials.reduce(0) { $0 + $1.suppliers.count }
            printError("wrote \(out): \(model.sites.count) sites, \(suppliers) suppliers, \(model.transport?.count ?? 0) transport modes, \(model.demands.count) demands")
            for note in loaded.family.notes { printError("note: \(note)") }
        }
    }

    /// `path` relative to the folder `base` when both are in one tree, else absolute.
    static func relativePath(of path: String, from base: String) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let origin = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, origin.count) && target[common] == origin[common] { common += 1 }
        guard common > 1 else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return (Array(repeating: "..", count: origin.count - common) + target[common...]).joined(separator: "/")
    }
}
