import Foundation
import InputSchema
import Testing

@Suite struct ShapeTests {
    let supplier = Shape.object([
        .init("id", .string, required: true), .init("capacity", .either([.number, .map(.number)])),
        .init("modes", .list(.string)), .init("scope", .choice(["direct", "system"])),
    ])

    func problems(_ json: String) throws -> [ShapeProblem] {
        supplier.problems(in: try StructuredText.parse(Data(json.utf8), yaml: false))
    }

    @Test func misspelledKeyIsRejectedWithADidYouMean() throws {
        let found = try problems(#"{"id": "a", "capcity": 600}"#)
        #expect(found == [ShapeProblem("$.capcity", "unknown key 'capcity'", hint: "did you mean 'capacity'?")])
    }

    @Test func caseOnlyDifferenceIsSuggested() throws {
        // "scaledemand" vs "scaleDemand": the case-insensitive distance is 0.
        #expect(closest(to: "scaledemand", in: ["id", "scaleDemand", "set"]) == "scaleDemand")
        #expect(closest(to: "xyz", in: ["id", "scaleDemand", "set"]) == nil)
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        // A wrong type, a missing key, an unknown key far from every known one, a bad list item,
        // a choice with a typo: five problems, in key order, the missing key last.
        let found = try problems(#"{"capacity": "lots", "modes": ["truck", 3], "zzz": 1, "scope": "sytem"}"#)
        #expect(found.map(\.path) == ["$.capacity", "$.modes[1]", "$.scope", "$.zzz", "$.id"])
        #expect(found[0].message == "expected a number or an object of numbers, found a string")
        #expect(found[2].hint == "did you mean 'system'?")
        #expect(found[3].hint == "known keys: id, capacity, modes, scope")
        #expect(found[4].message == "missing")
    }

    @Test func eitherReportsInsideTheMatchingAlternative() throws {
        let found = try problems(#"{"id": "a", "capacity": {"2025": "x"}}"#)
        #expect(found == [ShapeProblem("$.capacity.2025", "expected a number, found a string")])
    }

    @Test func yamlIsCheckedTheSameWay() throws {
        let tree = try StructuredText.parse(Data("id: a\ncapcity: 600\n".utf8), yaml: true)
        #expect(supplier.problems(in: tree).map(\.path) == ["$.capcity"])
    }

    @Test func syntaxErrorsSayWhere() {
        do {
            _ = try StructuredText.parse(Data("{\n  \"id\": \"a\",\n  oops\n}".utf8), yaml: false)
            Issue.record("parsed")
        } catch {
            #expect(error.path == "$")
            #expect(error.message.contains("line 3"), "\(error.message)")
        }
    }
}
