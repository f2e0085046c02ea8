import ArgumentParser
import OpenLCA

/// `lcaopt info DB`: what is in an openLCA database.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the schema, entity counts and data warnings of an openLCA SQLite database.")

    @Argument(help: "An openLCA database exported to SQLite (opened read-only).")
    var database: String

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Also count elementary exchanges in non-reference units (reads every exchange row).")
    var deep = false

    func run() throws {
        try reportingErrors {
            let info = try OpenLCADatabase(path: database).info(deep: deep)
            if json {
                try printJSON(info)
                return
            }
            let counts = info.counts
            print("Database  \(info.database)")
            print("Schema    \(info.schema.layout), version \(info.schema.version.map(String.init) ?? "not recorded")\(info.schema.upperCaseIdentifiers ? ", upper-case identifiers" : "")")
            print("")
            var table = TextTable(["entity", "count"])
            table.add(["processes", "\(counts.processes)"])
            for (type, count) in counts.processTypes.sorted(by: { $0.key < $1.key }) {
                table.add(["  \(type)", "\(count)"])
            }
            table.add(["flows", "\(counts.flows.elementary + counts.flows.product + counts.flows.waste + counts.flows.other)"])
            table.add(["  elementary", "\(counts.flows.elementary)"])
            table.add(["  product", "\(counts.flows.product)"])
            table.add(["  waste", "\(counts.flows.waste)"])
            if counts.flows.other > 0 { table.add(["  other", "\(counts.flows.other)"]) }
            table.add(["exchanges", "\(counts.exchanges)"])
            table.add(["impact methods", "\(counts.impactMethods)"])
            table.add(["impact categories", "\(counts.impactCategories)"])
            table.add(["impact factors", "\(counts.impactFactors)"])
            table.add(["locations", "\(counts.locations)"])
            table.add(["  with coordinates", "\(counts.locationsWithCoordinates)"])
            table.add(["units", "\(counts.units)"])
            table.add(["unit groups", "\(counts.unitGroups)"])
            table.add(["flow properties", "\(counts.flowProperties)"])
            table.add(["currencies", "\(counts.currencies)"])
            print(table.render())
            if !info.warnings.isEmpty {
                print("")
                print("Warnings")
                for warning in info.warnings { print("- \(warning)") }
            }
        }
    }
}
