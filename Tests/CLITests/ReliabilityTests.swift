import Foundation
import OpenLCAFixtures
import SQLite
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The catalogue of bad inputs and faults (issue "Never crash, never lose a result"): each case
/// exits with its code and no signal, with a message naming the file, path or entity, and
/// leaves the database bytes unchanged.
@Suite struct ReliabilityTests {
    static let root = FixtureFiles.packageRoot()
    static let exampleDB = root + "/db-fixtures/uslci-example.sqlite"

    /// A copy of the bundled example in a fresh folder, changed by `edit`, with its database
    /// beside it (so a test may change the database too).
    static func example(_ edit: (inout [String: Any]) -> Void = { _ in }) throws -> (model: String, database: String) {
        let directory = NSTemporaryDirectory() + "lcaopt-reliability-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let database = directory + "/example.sqlite"
        try FileManager.default.copyItem(atPath: exampleDB, toPath: database)
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/db-fixtures/examples/resin-supply.json"))
        var model = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        model["database"] = "example.sqlite"
        edit(&model)
        let path = directory + "/model.json"
        try JSONSerialization.data(withJSONObject: model).write(to: URL(fileURLWithPath: path))
        return (path, database)
    }

    /// Sets a field of supplier `index` of the model.
    static func supplier(_ index: Int, _ key: String, _ value: Any) -> (inout [String: Any]) -> Void {
        { model in
            var materials = model["materials"] as! [[String: Any]]
            var suppliers = materials[0]["suppliers"] as! [[String: Any]]
            suppliers[index][key] = value
            materials[0]["suppliers"] = suppliers
            model["materials"] = materials
        }
    }

    /// Runs lcaopt and checks: the exit code, no signal, and that stderr names `mentions`.
    @discardableResult
    static func expect(_ arguments: [String], exit code: Int32, mentions: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let result = try CLI.run(arguments)
        #expect(result.exitCode == code, "\(arguments): exit \(result.exitCode)\n\(result.stderr)", sourceLocation: sourceLocation)
        for text in mentions { #expect(result.stderr.contains(text), "\(arguments): no '\(text)' in\n\(result.stderr)", sourceLocation: sourceLocation) }
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("internal error"), sourceLocation: sourceLocation)
        return result
    }

    // MARK: Crashes

    @Test func transportModeNotMeasuredInMassTimesDistance() throws {
        let (model, _) = try Self.example { model in
            var transport = model["transport"] as! [[String: Any]]
            transport[2]["process"] = "Polyethylene, high density, resin, at plant, CTR"
            model["transport"] = transport
            Self.supplier(0, "modes", ["barge"])(&model)
        }
        try Self.expect(["solve", model], exit: 1, mentions: ["$.transport[2].process", "not mass x distance"])
    }

    @Test func extremeModelNumbersAreErrorsNotAborts() throws {
        let (tiny, _) = try Self.example(Self.supplier(0, "equivalence", 1e-320))
        try Self.expect(["solve", tiny], exit: 1, mentions: ["$.materials[0].suppliers[0].equivalence", "1e-320"])
        let (huge, _) = try Self.example(Self.supplier(1, "cost", 1e308))
        try Self.expect(["pareto", huge], exit: 1, mentions: ["$.materials[0].suppliers[1].cost", "at most 1e15"])
    }

    /// Database values of ±1e308 (reference cost, currency factor, reference amount) name their process.
    @Test func extremeDatabaseNumbersNameTheProcess() throws {
        let (model, database) = try Self.example()
        let db = try SQLiteConnection(path: database, mode: .create)
        try db.execute("""
            UPDATE tbl_exchanges SET cost_value = 1e308 WHERE id = (SELECT f_quantitative_reference FROM tbl_processes
              WHERE name = 'Polyvinyl chloride, resin, at plant, CTR')
            """)
        try Self.expect(["solve", model], exit: 1, mentions: ["$.materials[0].suppliers[1].process", "from the database"])
        try db.execute("UPDATE tbl_exchanges SET cost_value = 1 WHERE cost_value = 1e308")
        try db.execute("UPDATE tbl_currencies SET conversion_factor = 1e308 WHERE conversion_factor <> 1")
        try db.execute("""
            UPDATE tbl_exchanges SET resulting_amount_value = -1e308 WHERE id = (SELECT f_quantitative_reference FROM tbl_processes
              WHERE name = 'Polyethylene terephthalate, resin, at plant, CTR')
            """)
        let result = try CLI.run(["solve", model])
        #expect(result.exitCode == 0 || result.exitCode == 1, "\(result.stderr)")
        #expect(!result.stderr.contains("internal error"))
    }

    @Test func timeLimitsThatCannotBeSeconds() throws {
        let (model, _) = try Self.example()
        for value in ["nan", "inf", "-1", "0"] {
            try Self.expect(["solve", model, "--time-limit", value], exit: 1, mentions: ["--time-limit must be a positive number of seconds"])
        }
        try Self.expect(["solve", model, "--time-limit", "1e300"], exit: 0, mentions: [])
    }

    @Test func unboundedMemoryIsRefusedUpFront() throws {
        let (model, _) = try Self.example()
        try Self.expect(["pareto", model, "--points", "1000000000"], exit: 1, mentions: ["--points must be 2 to 10000"])
        let directory = (model as NSString).deletingLastPathComponent
        try #"{"id": "huge", "run": "pareto", "points": 1000000000}"#.write(toFile: directory + "/s.jsonl", atomically: true, encoding: .utf8)
        try Self.expect(["batch", directory + "/s.jsonl", "--model", model, "--out", directory + "/out", "--quiet"], exit: 1, mentions: [])
        let results = try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8)
        #expect(results.contains("points must be 2 to 10000"))
    }

    /// One scenario with an extreme number is that scenario's error; the others run.
    @Test func oneExtremeScenarioDoesNotAbortTheBatch() throws {
        let (model, _) = try Self.example()
        let directory = (model as NSString).deletingLastPathComponent
        try """
            {"id": "a"}
            {"id": "b", "set": {"suppliers.hdpe-houston.cost": 1e308}}
            {"id": "c", "set": {"suppliers.hdpe-houston.equivalence": 1e-320}}
            {"id": "d"}
            """.write(toFile: directory + "/s.jsonl", atomically: true, encoding: .utf8)
        try Self.expect(["batch", directory + "/s.jsonl", "--model", model, "--out", directory + "/out", "--quiet"], exit: 1, mentions: [])
        let lines = try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.filter { $0.contains("\"status\":\"optimal\"") }.count == 2)
    }

    /// Time limits: a sweep keeps the points found by its limit and says so; a batch stops
    /// taking scenarios, exits 2, and --resume runs the rest.
    @Test func timeLimitsStopSweepsAndBatchesCleanly() throws {
        let (model, _) = try Self.example()
        let sweep = try Self.expect(["pareto", model, "--method", "augmecon2", "--points", "2000", "--total-time-limit", "0.02", "--json"], exit: 0, mentions: [])
        let notes = try #require((try JSONSerialization.jsonObject(with: Data(sweep.stdout.utf8)) as? [String: Any])?["notes"] as? [String])
        #expect(notes.contains { $0.hasPrefix("stopped at the time limit") })
        let directory = (model as NSString).deletingLastPathComponent
        try (0..<3000).map { "{\"id\": \"s\($0)\", \"scaleDemand\": \(0.5 + Double($0 % 100) * 0.01)}" }.joined(separator: "\n")
            .write(toFile: directory + "/s.jsonl", atomically: true, encoding: .utf8)
        let stopped = try Self.expect(["batch", directory + "/s.jsonl", "--model", model, "--out", directory + "/out", "--jobs", "1",
                                       "--total-time-limit", "0.05", "--quiet"], exit: 2, mentions: [])
        #expect(stopped.stdout.contains("stopped at the time limit"))
        try Self.expect(["batch", directory + "/s.jsonl", "--model", model, "--out", directory + "/out", "--resume", "--quiet"], exit: 0, mentions: [])
        let ids = try String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(ids.count == 3000)
    }

    // MARK: Silent wrong results

    /// NULL, text and blob amounts, flows missing from tbl_flows, an empty factor table: each
    /// counted and named (a note per process on stderr, info's warnings), never a silent 0.
    @Test func badDatabaseValuesAreCountedAndNamed() throws {
        let (model, database) = try Self.example()
        let db = try SQLiteConnection(path: database, mode: .create)
        let hdpe = "(SELECT id FROM tbl_processes WHERE name = 'Polyethylene, high density, resin, at plant, CTR')"
        try db.execute("""
            UPDATE tbl_exchanges SET resulting_amount_value = NULL WHERE id IN (SELECT e.id FROM tbl_exchanges e JOIN tbl_flows f ON f.id = e.f_flow
              WHERE e.f_owner = \(hdpe) AND upper(f.flow_type) = 'ELEMENTARY_FLOW' ORDER BY e.id LIMIT 2)
            """)
        try db.execute("""
            UPDATE tbl_exchanges SET resulting_amount_value = 'lots' WHERE id IN (SELECT e.id FROM tbl_exchanges e JOIN tbl_flows f ON f.id = e.f_flow
              WHERE e.f_owner = \(hdpe) AND upper(f.flow_type) = 'ELEMENTARY_FLOW' ORDER BY e.id LIMIT 1 OFFSET 2)
            """)
        try db.execute("UPDATE tbl_exchanges SET f_flow = 999999999 WHERE id IN (SELECT id FROM tbl_exchanges WHERE f_owner = \(hdpe) ORDER BY id DESC LIMIT 1)")
        try Self.expect(["solve", model], exit: 0, mentions: [
            "process 'Polyethylene, high density, resin, at plant, CTR'", "3 exchanges have no numeric amount (NULL, text or blob): counted as 0",
            "1 exchange refers to flows missing from tbl_flows: left out"])
        let info = try Self.expect(["info", database, "--deep"], exit: 0, mentions: [])
        #expect(info.stdout.contains("3 exchanges have an amount not stored as a number"))
        #expect(info.stdout.contains("1 exchanges refer to flows missing from tbl_flows"))
        try db.execute("DELETE FROM tbl_impact_factors")
        try Self.expect(["solve", model], exit: 0, mentions: ["has no characterisation factors: every impact in it is 0"])
        let empty = try Self.expect(["info", database], exit: 0, mentions: [])
        #expect(empty.stdout.contains("no characterisation factors (tbl_impact_factors is empty)"))
    }

    @Test func supplierCoordinatesOutOfRange() throws {
        let (model, _) = try Self.example(Self.supplier(0, "latitude", 200))
        try Self.expect(["solve", model], exit: 1, mentions: ["$.materials[0].suppliers[0].latitude", "-90...90"])
    }

    // MARK: Results lost or corrupted

    @Test func aFullStdoutIsAnErrorNotALostOutput() throws {
        let (model, _) = try Self.example()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["solve", model, "--json"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 1)
        #expect(message.contains("cannot write the output to stdout: No space left on device"))
    }

    /// A second batch on a folder in use stops at once and names the process that holds it.
    @Test func aSecondBatchOnTheSameFolderIsRefused() throws {
        let (model, _) = try Self.example()
        let directory = (model as NSString).deletingLastPathComponent
        let scenarios = (0..<4000).map { "{\"id\": \"s\($0)\", \"scaleDemand\": \(0.5 + Double($0 % 100) * 0.01)}" }
        try scenarios.joined(separator: "\n").write(toFile: directory + "/s.jsonl", atomically: true, encoding: .utf8)
        let first = Process()
        first.executableURL = URL(fileURLWithPath: CLI.binary)
        first.arguments = ["batch", directory + "/s.jsonl", "--model", model, "--out", directory + "/out", "--jobs", "1", "--quiet"]
        first.standardError = FileHandle.nullDevice
        first.standardOutput = FileHandle.nullDevice
        try first.run()
        defer { if first.isRunning { first.terminate() }; first.waitUntilExit() }
        // Wait for the event (results being written), not for a time.
        let deadline = Date().addingTimeInterval(60)
        while first.isRunning && Date() < deadline
                && ((try? String(contentsOfFile: directory + "/out/results.jsonl", encoding: .utf8))?.isEmpty ?? true) { usleep(5_000) }
        try #require(first.isRunning, "the first batch finished before the second could start")
        try Self.expect(["batch", directory + "/s.jsonl", "--model", model, "--out", directory + "/out", "--quiet"], exit: 1,
                        mentions: ["is in use by another lcaopt run (process \(first.processIdentifier))"])
    }

    @Test func mergingShardsOfDifferentObjectivesIsRefused() throws {
        let (model, _) = try Self.example()
        let directory = (model as NSString).deletingLastPathComponent
        try "{\"id\": \"a\"}\n{\"id\": \"b\"}\n".write(toFile: directory + "/s.jsonl", atomically: true, encoding: .utf8)
        for shard in 0..<2 {
            try Self.expect(["batch", directory + "/s.jsonl", "--model", model, "--out", directory + "/shard\(shard)", "--shard", "\(shard)/2", "--quiet"],
                            exit: 0, mentions: [])
        }
        let manifest = directory + "/shard1/batch.json"
        let text = try String(contentsOfFile: manifest, encoding: .utf8).replacingOccurrences(of: "\"gwp\"", with: "\"gwp2\"")
        try text.write(toFile: manifest, atomically: true, encoding: .utf8)
        try Self.expect(["batch", "merge", directory + "/shard0", directory + "/shard1", "--out", directory + "/all"], exit: 1,
                        mentions: ["objective columns (cost, gwp2) differ"])
        try "{not json".write(toFile: manifest, atomically: true, encoding: .utf8)
        try Self.expect(["batch", "merge", directory + "/shard0", directory + "/shard1", "--out", directory + "/all"], exit: 1,
                        mentions: ["shard1/batch.json is damaged"])
    }

    /// `pareto --out` on a disk that fills up: exit 1 naming the file, the previous set whole,
    /// no staging folder left (a 96 KB tmpfs: a 3-point front with its explorer page fits, a 200-point one does not).
    @Test func paretoOutputsOnAFullDiskKeepThePreviousSet() throws {
        let (model, _) = try Self.example()
        let mountPoint = (model as NSString).deletingLastPathComponent + "/small-disk"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=96k", "tmpfs", mountPoint]
        try mount.run()
        mount.waitUntilExit()
        try #require(mount.terminationStatus == 0, "this test needs root to mount a small tmpfs (CI runs as root)")
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [mountPoint]
            try? umount.run()
            umount.waitUntilExit()
        }
        let out = mountPoint + "/front"
        try Self.expect(["pareto", model, "--points", "3", "--out", out, "--quiet"], exit: 0, mentions: [])
        let before = try String(contentsOfFile: out + "/front.csv", encoding: .utf8)
        try Self.expect(["pareto", model, "--points", "200", "--out", out, "--quiet"], exit: 1, mentions: ["No space left on device"])
        #expect(try String(contentsOfFile: out + "/front.csv", encoding: .utf8) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint) == ["front"])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out)) == ["front.csv", "front.json", "payoff.csv", "front.svg", "mac.svg", "explorer.html"])
    }

    // MARK: Databases: never written, clear messages

    /// What held in the catalogue keeps holding: every reading command leaves the database's
    /// bytes and its folder as they were.
    @Test func readingCommandsNeverChangeTheDatabase() throws {
        let (model, database) = try Self.example()
        let folder = (database as NSString).deletingLastPathComponent
        let bytes = Self.bytes(database)
        let listing = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        for arguments in [["info", database, "--deep"], ["search", database, "resin"], ["lcia", database, "--process", "Polyvinyl chloride, resin, at plant, CTR", "--all-impacts"],
                          ["solve", model], ["pareto", model, "--points", "3"], ["export", model, "--out", NSTemporaryDirectory() + "lcaopt-export-\(UUID().uuidString).lp"]] {
            try Self.expect(arguments, exit: 0, mentions: [])
            #expect(Self.bytes(database) == bytes, "\(arguments[0]) changed the database")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == listing, "\(arguments[0]) wrote beside the database")
        }
    }

    /// SIGTERM and SIGHUP stop a long sweep at once, and its --out folder holds no half set.
    @Test func signalsStopAtOnceWithoutHalfOutputs() throws {
        let (model, _) = try Self.example()
        let out = (model as NSString).deletingLastPathComponent + "/front"
        // SIGINT is left out: a child of the test runner inherits its ignored SIGINT; from a shell it stops as SIGTERM does.
        for signal in [SIGTERM, SIGHUP] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["pareto", model, "--points", "10000", "--out", out, "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The event: the output folder exists (checked before the sweep starts).
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning && !FileManager.default.fileExists(atPath: out) && Date() < deadline { usleep(2_000) }
            kill(process.processIdentifier, signal)
            let sent = Date()
            process.waitUntilExit()
            #expect(Date().timeIntervalSince(sent) < 5)
            #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus != 0)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            #expect(files.isEmpty || Set(files) == ["front.csv", "front.json", "payoff.csv", "front.svg", "mac.svg", "explorer.html"], "\(files)")
        }
    }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// A WAL-mode database is read without creating -wal or -shm beside it; one with a -wal
    /// holding changes is read with them (through a private copy), both left byte for byte.
    @Test func walDatabasesAreReadWithoutWritingBesideThem() throws {
        let (_, database) = try Self.example()
        do {
            let db = try SQLiteConnection(path: database, mode: .create)
            try db.execute("PRAGMA journal_mode=WAL")
        }
        let folder = (database as NSString).deletingLastPathComponent
        let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let original = Self.bytes(database)
        try Self.expect(["search", database, "Portland"], exit: 0, mentions: [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before)
        #expect(Self.bytes(database) == original)

        let writer = try SQLiteConnection(path: database, mode: .create)
        try writer.execute("PRAGMA wal_autocheckpoint=0")
        try writer.execute("UPDATE tbl_processes SET name = 'Renamed in the WAL' WHERE name = 'Polylactide Biopolymer Resin, at plant'")
        let wal = Self.bytes(database + "-wal"), main = Self.bytes(database)
        #expect((wal?.count ?? 0) > 0)
        let found = try Self.expect(["search", database, "Renamed in the WAL"], exit: 0, mentions: [])
        #expect(found.stdout.contains("Renamed in the WAL"))
        #expect(Self.bytes(database + "-wal") == wal && Self.bytes(database) == main)
    }

    @Test func aLockedDatabaseSaysSoAndWhatToDo() throws {
        let (_, database) = try Self.example()
        let writer = try SQLiteConnection(path: database, mode: .create)
        try writer.execute("BEGIN EXCLUSIVE")
        try writer.execute("UPDATE tbl_processes SET name = name WHERE id = 1")
        try Self.expect(["info", database], exit: 1, mentions: ["the database is locked by another program", "lcaopt itself only reads"])
        try writer.execute("ROLLBACK")
    }

    @Test func devicesAndPipesAreNotCalledFolders() throws {
        try Self.expect(["info", "/dev/null"], exit: 1, mentions: ["/dev/null: a device, not a file"])
        let fifo = NSTemporaryDirectory() + "lcaopt-fifo-\(UUID().uuidString)"
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        try Self.expect(["info", fifo], exit: 1, mentions: ["a named pipe (FIFO), not a file"])
    }
}
