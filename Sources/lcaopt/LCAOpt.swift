import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `lcaopt` command: every subcommand is a thin wrapper over library calls.
@main
struct LCAOpt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lcaopt",
        abstract: "Cost- and impact-optimal supply chains and networks from openLCA databases, solved with GLPK or HiGHS.",
        discussion: """
            Data goes to stdout (tables, --json, --csv); progress and messages to stderr.
            Exit codes: 0 ok, 1 bad input, 2 infeasible/unbounded model or solver failure.
            """,
        version: "0.1.0",
        subcommands: [InfoCommand.self, SearchCommand.self, LCIACommand.self, SolveCommand.self, ParetoCommand.self, ExportCommand.self, ConvertMOLACommand.self, ConvertPyPSACommand.self, BatchCommand.self, UncertaintyCommand.self, ReportCommand.self, SchemaCommand.self]
    )

    /// Exits with `code` once stdout is flushed; output that could not be written turns a
    /// success into exit 1 with the reason (a failure keeps its own code).
    static func finish(_ code: Int32) -> Never {
        if let problem = flushOutput(), code == 0 {
            printError("lcaopt: error: \(problem)")
            Foundation.exit(1)
        }
        Foundation.exit(code)
    }

    /// Runs the command; usage errors exit with 1 (bad input), as every other input error does.
    static func main() {
        // A parent may hand down a mask that blocks the stop signals (threads of test runners
        // and services do): unblock them, so that SIGTERM, SIGINT and SIGHUP stop lcaopt at once
        // (their handling, default or ignored as under nohup, is left as the parent set it).
        var stops = sigset_t()
        sigemptyset(&stops)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&stops, signal) }
        sigprocmask(SIG_UNBLOCK, &stops, nil)
        if CommandLine.arguments.count == 1 {
            // No command: the usage, on stderr, as bad input.
            writeError((helpMessage() + "\n"))
            Foundation.exit(1)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
            finish(0)
        } catch let code as ExitCode {
            finish(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) } // --help, --version
            // One error style for parse errors and command errors: "lcaopt: error: ...".
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "lcaopt: error: " + message.dropFirst("Error: ".count) }
            writeError((message + "\n"))
            Foundation.exit(code == .validationFailure ? 1 : code.rawValue)
        }
    }
}
