import Foundation
import LPModel

/// Independent checks for tests: hands an exported model to the `glpsol` command line solver
/// (glpk-utils) and reads back its optimum.
public enum Glpsol {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The optimal objective value glpsol reports for `text` in `format`.
    public static func objective(of text: String, format: ModelExport.Format) throws -> Double {
        let directory = NSTemporaryDirectory() + "lcaopt-glpsol-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = directory + "/model.\(format.rawValue)", output = directory + "/solution.txt"
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["glpsol", format == .lp ? "--lp" : "--freemps", input, "-o", output]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "glpsol exited with \(process.terminationStatus)") }
        // "Objective:  obj = -2 (MINimum)"
        let solution = try String(contentsOfFile: output, encoding: .utf8)
        guard let line = solution.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
              let text = line.split(separator: "=").last?.split(separator: " ").first, let value = Double(text) else {
            throw Failure(description: "no objective in glpsol's output")
        }
        return value
    }
}
