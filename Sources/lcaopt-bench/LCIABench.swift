import ArgumentParser
import Foundation
import Impact
import OpenLCA
import OpenLCAFixtures
import SQLite

/// Characterisation on an ecoinvent-sized generated database against the floor: a bare SQLite
/// scan of the same processes' exchange rows (same statement, every column read, nothing done).
struct LCIABench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lcia", abstract: "EI for N random processes x all categories vs a bare scan.")

    @Option(help: "Generated database (created when missing).") var database = "bench/.data/large-openlca.sqlite"
    @Option(help: "Processes to characterise.") var processes = 1000
    @Option(help: "Repetitions (the median is reported).") var repeats = 3
    @Option(help: "Seed for choosing processes.") var seed: UInt64 = 7
    @Flag(help: "Also run the system scope (cradle-to-gate) for the same processes.") var system = false

    func run() throws {
        try ensureLargeDatabase(database)
        let (db, openSeconds) = try timed { try OpenLCADatabase(path: database) }
        let (catalog, catalogSeconds) = try timed { try db.catalog() }
        var random = SplitMix64(seed: seed)
        let all = catalog.processes.keys.sorted()
        var chosen = Set<Int64>()
        while chosen.count < min(processes, all.count) { chosen.insert(all[Int.random(in: 0..<all.count, using: &random)]) }
        let ids = chosen.sorted()
        let categories = catalog.impactCategories.keys.sorted()

        _ = try bareScan(ids) // warm the page cache for both
        var floor: [Double] = [], lcaopt: [Double] = []
        var rows = 0, checksum = 0.0
        for _ in 0..<repeats {
            let (count, scanSeconds) = try timed { try bareScan(ids) }
            rows = count
            floor.append(scanSeconds)
            let (result, seconds) = try timed { try DirectCharacterisation.compute(database: db, processes: ids, categories: categories) }
            lcaopt.append(seconds)
            checksum = result.processes.reduce(0) { $0 + $1.impacts.reduce(0, +) }
        }
        let floorMedian = floor.sorted()[floor.count / 2], lcaoptMedian = lcaopt.sorted()[lcaopt.count / 2]
        print("Characterisation: \(ids.count) processes x \(categories.count) categories, \(rows) exchange rows, database \(database)")
        printTable(["step", "time", "note"], [
            ["open + schema", format(openSeconds), ""],
            ["catalog (units, flows, processes)", format(catalogSeconds), "\(catalog.flows.count) flows, \(catalog.processes.count) processes; once per run"],
            ["bare SQLite scan (floor)", format(floorMedian), "same statement, all columns read"],
            ["lcaopt EI (factors + exchanges + EI)", format(lcaoptMedian), "checksum \(checksum)"],
            ["lcaopt / floor", String(format: "%.2fx", lcaoptMedian / floorMedian), "target <= 2x"],
        ])
        guard system else { return }
        let (result, systemSeconds) = try timed {
            try SystemCharacterisation.compute(database: db, processes: ids, categories: categories)
        }
        print("")
        printTable(["system scope", "time", "note"], [
            ["load network + factorise + \(ids.count) solves", format(systemSeconds),
             "\(result.size) linked processes, \(result.values.count) matrix entries; target < 30 s"],
            ["direct scope, same processes", format(lcaoptMedian), String(format: "system / direct: %.1fx", systemSeconds / lcaoptMedian)],
        ])
    }

    /// Steps through the exchange rows of `ids` with the statement the reader uses, reading every column.
    func bareScan(_ ids: [Int64]) throws -> Int {
        let connection = try SQLiteConnection(path: database, mode: .readOnly)
        let statement = try connection.prepare("""
            SELECT id, f_owner, f_flow, f_unit, f_flow_property_factor, resulting_amount_value, is_input,
            avoided_product, f_default_provider, cost_value, f_currency FROM tbl_exchanges
            WHERE f_owner IN (SELECT value FROM json_each(?1))
            """)
        statement.bind(1, "[" + ids.map(String.init).joined(separator: ",") + "]")
        var rows = 0
        var sink = 0.0
        while try statement.step() {
            rows += 1
            for column in Int32(0)..<11 { sink += statement.double(column) ?? 0 }
        }
        if sink.isNaN { print("") }
        return rows
    }
}

/// Generates the large benchmark database once.
func ensureLargeDatabase(_ path: String) throws {
    if FileManager.default.fileExists(atPath: path) { return }
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    FileHandle.standardError.write(Data("generating \(path) (once; a few minutes)\n".utf8))
    let (_, seconds) = try timed {
        try LargeDatabase().write(to: path) { FileHandle.standardError.write(Data("  \($0)\n".utf8)) }
    }
    FileHandle.standardError.write(Data("generated in \(format(seconds))\n".utf8))
}
