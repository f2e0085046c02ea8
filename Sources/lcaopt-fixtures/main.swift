// Writes the committed example database: `swift run lcaopt-fixtures [SHARED_DB] [OUT]`.
import OpenLCAFixtures

let arguments = CommandLine.arguments
let source = arguments.count > 1 ? arguments[1] : FixtureFiles.sharedDatabase("uslci_fy17_ipcc2021")
let target = arguments.count > 2 ? arguments[2] : FixtureFiles.packageRoot() + "/db-fixtures/uslci-example.sqlite"
do {
    try ExampleDatabase.write(from: source, to: target)
    print("wrote \(target)")
} catch {
    print("lcaopt-fixtures: \(error)")
    exit(1)
}

#if canImport(Glibc)
import Glibc
#endif
