import Foundation
import OpenLCAFixtures

/// Runs the real `lcaopt` binary, as a user would, and captures what it prints.
struct CLIResult {
    var stdout: String
    var stderr: String
    var exitCode: Int32
}

enum CLI {
    /// The built `lcaopt` next to the test bundle.
    static var binary: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lcaopt").path,
            Bundle.main.bundleURL.appendingPathComponent("lcaopt").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("lcaopt").path,
            FixtureFiles.packageRoot() + "/.build/debug/lcaopt",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }

    static func run(_ arguments: [String], currentDirectory: String? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLIResult(stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self),
                         exitCode: process.terminationStatus)
    }
}
