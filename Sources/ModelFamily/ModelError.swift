@_exported import struct InputSchema.ShapeProblem
import InputSchema

/// A problem in a model file: where (JSON path) and what, with a hint how to fix it. The same
/// value the shape checks of `InputSchema` report, so every problem of a file is one kind.
public typealias ModelIssue = ShapeProblem

/// Why a model cannot be loaded or built: every problem found, at once.
public struct ModelError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var issues: [ModelIssue]

    public init(file: String, issues: [ModelIssue]) {
        self.file = file
        self.issues = issues
    }

    public var description: String {
        "\(file): \(issues.count == 1 ? "1 problem" : "\(issues.count) problems"):\n"
            + issues.map { "  - \($0)" }.joined(separator: "\n")
    }
}
