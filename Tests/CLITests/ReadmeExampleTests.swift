import Foundation
import OpenLCAFixtures
import Testing

/// Every `$ lcaopt ...` example in README.md runs, and prints what the README shows: each shown
/// line in order (trailing spaces aside), `...` standing for any number of lines.
@Suite struct ReadmeExampleTests {
    static let root = FixtureFiles.packageRoot()

    struct Example: CustomStringConvertible, Sendable {
        var arguments: [String]
        var shown: [String]
        var description: String { "lcaopt " + arguments.joined(separator: " ") }
    }

    /// The examples of README.md: a code block whose first line starts with `$ lcaopt `
    /// (continued by lines ending in `\`), the rest of the block being the output.
    static func examples() throws -> [Example] {
        let text = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        var examples: [Example] = []
        var block: [String]?
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let lines = block {
                    if let first = lines.first, first.hasPrefix("$ lcaopt ") {
                        var command = "", rest = lines[...]
                        while let next = rest.first {
                            rest = rest.dropFirst()
                            command += next.hasSuffix("\\") ? String(next.dropLast()) : next
                            if !next.hasSuffix("\\") { break }
                        }
                        let words = command.dropFirst("$ lcaopt ".count).split(separator: " ").map(String.init)
                        examples.append(Example(arguments: unquote(words), shown: Array(rest)))
                    }
                    block = nil
                } else {
                    block = []
                }
            } else if block != nil {
                block!.append(line)
            }
        }
        return examples
    }

    /// Joins words that a double-quoted argument spread over ("cost,climate change").
    static func unquote(_ words: [String]) -> [String] {
        var result: [String] = []
        var open: String?
        for word in words {
            if var current = open {
                current += " " + word
                if word.hasSuffix("\"") { result.append(String(current.dropFirst().dropLast())); open = nil } else { open = current }
            } else if word.hasPrefix("\"") && !(word.count > 1 && word.hasSuffix("\"")) {
                open = word
            } else {
                result.append(word.count > 1 && word.hasPrefix("\"") && word.hasSuffix("\"") ? String(word.dropFirst().dropLast()) : word)
            }
        }
        return result
    }

    /// True when `actual` shows `shown` in order, `...` matching any run of lines.
    static func matches(_ shown: [String], _ actual: [String]) -> Bool {
        func trim(_ line: String) -> String { String(line.reversed().drop { $0 == " " }.reversed()) }
        func match(_ s: ArraySlice<String>, _ a: ArraySlice<String>) -> Bool {
            guard let first = s.first else { return a.isEmpty }
            if first.trimmingCharacters(in: .whitespaces) == "..." {
                return a.indices.contains { match(s.dropFirst(), a[$0...]) } || match(s.dropFirst(), a[a.endIndex...])
            }
            guard let next = a.first, trim(next) == trim(first) else { return false }
            return match(s.dropFirst(), a.dropFirst())
        }
        return match(shown[...], actual[...])
    }

    @Test func readmeHasExamples() throws {
        #expect(try Self.examples().count >= 5)
    }

    @Test(arguments: try examples())
    func exampleOutputIsWhatTheReadmeShows(_ example: Example) throws {
        let result = try CLI.run(example.arguments, currentDirectory: Self.root)
        #expect(result.exitCode == 0, "\(example): \(result.stderr)")
        var actual = result.stdout.components(separatedBy: "\n")
        if actual.last == "" { actual.removeLast() }
        var shown = example.shown
        while shown.last?.isEmpty == true { shown.removeLast() }
        #expect(Self.matches(shown, actual), "\(example) printed:\n\(result.stdout)")
    }
}
