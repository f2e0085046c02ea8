import ArgumentParser
import OpenLCA
import SupplyChain

/// Options shared by the commands that read a model file.
struct ModelOptions: ParsableArguments {
    @Argument(help: "A model file (JSON or YAML).")
    var model: String

    @Option(help: "The openLCA database (overrides the model file's `database`).")
    var db: String?

    /// Loads and resolves the model; every problem becomes one message and exit code 1.
    func load() throws -> (model: ModelFile, data: SupplyChainData) {
        do {
            return try SupplyChainLoader.load(modelPath: model, databasePath: db)
        } catch let error as ModelError {
            throw CommandFailure(message: error.description, exitCode: 1)
        } catch let error as OpenLCAError {
            throw CommandFailure(message: error.description, exitCode: 1)
        }
    }

    /// Builds the problem with `objective` active.
    func problem(_ data: SupplyChainData, objective: String) throws -> SupplyChainProblem {
        do {
            return try SupplyChainProblem(data: data, objective: objective)
        } catch {
            throw CommandFailure(message: error.description, exitCode: 1)
        }
    }
}
