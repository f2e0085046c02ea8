import ArgumentParser

/// The `lcaopt` command: every subcommand is a thin wrapper over library calls.
@main
struct LCAOpt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lcaopt",
        abstract: "Cost- and impact-optimal supply chains from openLCA databases, solved with GLPK.",
        discussion: """
            Data goes to stdout (tables, --json, --csv); progress and messages to stderr.
            Exit codes: 0 ok, 1 bad input, 2 infeasible/unbounded model or solver failure.
            """,
        version: "0.1.0",
        subcommands: [InfoCommand.self, SearchCommand.self, LCIACommand.self, SolveCommand.self, ParetoCommand.self, ExportCommand.self, BatchCommand.self, ReportCommand.self]
    )
}
