import Foundation
import InputSchema

/// A small JSON reader for scenario lines: a scenario is a flat object of strings, numbers,
/// string lists and one string -> number map, and reading it with Foundation cost 5-9 us a line
/// (a tenth of a warm GLPK re-solve of the bundled example); this reads one in about 2.5 us.
/// Anything it does not accept goes to JSONDecoder, which then gives the message.
enum ScenarioJSON {
    /// The scenario of one line and the keys it has that a scenario does not, or nil when the
    /// line is not JSON or a key has another type. Known keys are read straight into the
    /// scenario; the values of unknown ones are checked and skipped.
    static func scenario(_ bytes: UnsafeRawBufferPointer) -> (Scenario, unknownKeys: [String])? {
        var reader = Reader(bytes: bytes)
        var scenario = Scenario(id: "")
        var hasId = false
        var unknown: [String] = []
        let complete = reader.members { reader, key in
            if reader.skipNull() { return key != "id" }
            switch key {
            case "id": guard let text = reader.string() else { return false }; scenario.id = text; hasId = true
            case "model": guard let text = reader.string() else { return false }; scenario.model = text
            case "run": guard let text = reader.string() else { return false }; scenario.run = text
            case "objective": guard let text = reader.string() else { return false }; scenario.objective = text
            case "disable": guard let ids = reader.strings() else { return false }; scenario.disable = ids
            case "objectives": guard let names = reader.strings() else { return false }; scenario.objectives = names
            case "scaleDemand": guard let factor = reader.number() else { return false }; scenario.scaleDemand = factor
            case "points":
                guard let points = reader.number(), points == points.rounded(), abs(points) < 1e9 else { return false }
                scenario.points = Int(points)
            case "set":
                var values: [String: Double] = [:]
                guard reader.members({ reader, path in
                    guard let value = reader.number() else { return false }
                    values[path] = value
                    return true
                }) else { return false }
                scenario.set = values
            default:
                unknown.append(key)
                return reader.skipValue(depth: 1)
            }
            return true
        }
        guard complete, reader.atEnd(), hasId else { return nil }
        return (scenario, unknown)
    }

    typealias Reader = JSONByteReader
}
