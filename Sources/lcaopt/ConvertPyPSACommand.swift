import ArgumentParser
import Foundation
import InputSchema
import ModelFamily
import ModelLoader
import OpenLCA
import Yams

/// `lcaopt convert-pypsa DIR --out network.yaml [--lca FILE]`: a PyPSA folder as a network file.
struct ConvertPyPSACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert-pypsa",
        abstract: "Write the network file equivalent to a PyPSA CSV folder (export_to_csv_folder), to go on in lcaopt's own format.")

    @Argument(help: "A folder written by PyPSA's Network.export_to_csv_folder.")
    var folder: String

    @Option(help: "The network file to write (YAML for .yaml/.yml, else JSON).")
    var out: String

    @Option(help: "A YAML/JSON file {component: {process, processAmount}} linking generators and links to openLCA processes.")
    var lca: String?

    @Option(help: "The openLCA database of the LCA file's processes (overrides its database).")
    var db: String?

    func run() throws {
        try reportingErrors {
            var (tree, database): (JSONValue, OpenLCADatabase?)
            do { (tree, database) = try ModelSource.pypsaTree(folder, lca: lca, databasePath: db) } catch let error as ModelError {
                throw CommandFailure(message: ModelOptions.withFlags(error).description, exitCode: 1)
            }
            // The written file names its database relative to itself.
            if let database, case .object(var members) = tree {
                members["database"] = .string(ConvertMOLACommand.relativePath(of: database.path, from: URL(fileURLWithPath: out).deletingLastPathComponent().path))
                tree = .object(members)
            }
            let text: String
            let lower = out.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
                text = try Yams.serialize(node: Self.node(tree), sortKeys: true)
            } else {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                text = String(decoding: try encoder.encode(tree), as: UTF8.self) + "\n"
            }
            do { try text.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure(message: "\(out): cannot write: \(error.localizedDescription)", exitCode: 1)
            }
            let count = { (key: String) in tree[key]?.array?.count ?? 0 }
            printError("wrote \(out): \(count("buses")) buses, \(count("supplies")) supplies, \(count("links")) links, \(count("stores")) stores, \(count("demands")) demands")
        }
    }

    /// `value` as a YAML node: whole numbers as integers, others as Swift writes them (0.4, not
    /// 4e-1), and strings that YAML would read as something else (0, true, null) quoted.
    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .number(let number):
            if number == number.rounded() && abs(number) < 1e15 { return Node("\(Int(number))", Tag(.int)) }
            return Node("\(number)", Tag(.float))
        case .string(let text):
            let ambiguous = Double(text) != nil || ["", "~", "null", "true", "false", "yes", "no", "on", "off"].contains(text.lowercased())
            return Node(text, Tag(.str), ambiguous ? .singleQuoted : .any)
        case .array(let items): return Node(items.map(node))
        case .object(let members): return Node(members.map { (Node($0.key, Tag(.str), Double($0.key) != nil ? .singleQuoted : .any), node($0.value)) })
        }
    }
}
