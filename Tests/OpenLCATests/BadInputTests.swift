import Foundation
import OpenLCA
import OpenLCAFixtures
import SQLite
import Testing

/// Each bad file gives one specific error, and no file is ever changed.
@Suite struct BadInputTests {
    let scratch: String

    init() throws {
        scratch = NSTemporaryDirectory() + "lcaopt-badinput-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    @Test func test_missing_file() {
        #expect {
            try OpenLCADatabase(path: scratch + "/nope.sqlite")
        } throws: { error in
            guard case OpenLCAError.fileNotFound = error else { return false }
            return "\(error)".contains("nope.sqlite: no such file")
        }
    }

    @Test func test_directory_is_not_a_database() {
        #expect(throws: OpenLCAError.self) { try OpenLCADatabase(path: scratch) }
    }

    @Test func test_text_file_is_not_sqlite() throws {
        let path = scratch + "/notes.sqlite"
        try "these are notes, not a database\n".write(toFile: path, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            try OpenLCADatabase(path: path)
        } throws: { error in
            guard case OpenLCAError.notADatabase = error else { return false }
            return "\(error)".contains("not a readable SQLite database")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func test_corrupt_sqlite_file() throws {
        let source = try FixtureFiles.synthetic()
        let path = scratch + "/corrupt.sqlite"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        for index in 100..<min(bytes.count, 6000) { bytes[index] = UInt8(truncatingIfNeeded: index &* 37) }
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect {
            let db = try OpenLCADatabase(path: path)
            _ = try db.info()
        } throws: { error in
            guard let error = error as? OpenLCAError else { return false }
            switch error {
            case .notADatabase, .readFailed, .notAnOpenLCADatabase: return "\(error)".contains("corrupt.sqlite")
            default: return false
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func test_sqlite_that_is_not_openlca_names_missing_tables() throws {
        let path = scratch + "/other.sqlite"
        let connection = try SQLiteConnection(path: path, mode: .create)
        try connection.execute("CREATE TABLE tbl_flows (id INTEGER, name TEXT); CREATE TABLE orders (id INTEGER)")
        #expect {
            try OpenLCADatabase(path: path)
        } throws: { error in
            guard case OpenLCAError.notAnOpenLCADatabase(_, let missing) = error else { return false }
            return missing.contains("tbl_processes") && missing.contains("tbl_exchanges")
                && missing.contains("tbl_flows.ref_id") && !missing.contains("tbl_flows")
        }
    }

    @Test func test_read_only_file_in_read_only_folder_is_read_and_unchanged() throws {
        let folder = scratch + "/locked"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/db.sqlite"
        try FileManager.default.copyItem(atPath: try FixtureFiles.synthetic(), toPath: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        let db = try OpenLCADatabase(path: path)
        #expect(try db.info().counts.processes == 4)
        #expect(try db.search("steel").isEmpty == false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["db.sqlite"])
    }
}
