import ArgumentParser
import Batch
import Network
import SupplyChain

/// `lcaopt schema model|network|scenario`: the JSON Schema of a file kind, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of a model file, a network file or a scenario line, for editors.")

    enum Kind: String, ExpressibleByArgument, CaseIterable { case model, network, scenario }

    @Argument(help: "model, network or scenario.") var kind: Kind

    func run() throws {
        switch kind {
        case .model: writeOutput(ModelFile.shape.jsonSchemaText(title: "lcaopt model file"))
        case .network: writeOutput(NetworkShape.shape.jsonSchemaText(title: "lcaopt network file"))
        case .scenario: writeOutput(Scenario.shape.jsonSchemaText(title: "lcaopt batch scenario line"))
        }
    }
}
