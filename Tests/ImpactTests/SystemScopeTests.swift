import Impact
import OpenLCA
import OpenLCAFixtures
import Testing

/// Cradle-to-gate results on hand-solvable networks (see `NetworkDatabase`), and on the shared
/// US LCI database checked against the balance A s = f and an independent dense solve.
@Suite struct SystemScopeTests {
    static func system(_ path: String, _ processes: [String], rule: ProviderRule = .first, contributions: Int = 0,
                       category: String = "Climate change") throws -> SystemResult {
        let db = try OpenLCADatabase(path: path)
        return try SystemCharacterisation.compute(
            database: db, processes: try processes.map { try db.process(matching: $0).id },
            categories: [try db.impactCategory(matching: category).id],
            options: SystemOptions(providerRule: rule, contributions: contributions, scalingVectors: true))
    }

    /// The network's size and cut-offs are said once for the calculation, each count naming what
    /// it counts; the full cut-off list is a CSV with one row per flow.
    @Test func test_network_facts_are_said_once() throws {
        let db = try OpenLCADatabase(path: Self.uslci)
        let ids = try Self.processes.map { try db.process(matching: $0).id }
        let result = try SystemCharacterisation.compute(database: db, processes: ids, categories: [try db.impactCategory(matching: Self.gwp).id])
        #expect(result.lcia.processes.allSatisfy { !$0.notes.contains { $0.hasPrefix("system scope") } })
        #expect(result.summary.contains("for \(ids.count) requested processes"))
        #expect(result.summary.contains("\(result.cutOffs.count) product flow"))
        let rows = result.cutOffsCSV.split(separator: "\n")
        #expect(rows.first == "flow,name,processes" && rows.count == result.cutOffs.count + 1)
        #expect(rows.dropFirst().allSatisfy { $0.hasPrefix(String($0.prefix(36))) && $0.split(separator: ",").count >= 3 })
    }

    @Test func test_transposed_solves_give_the_same_impacts() throws {
        let db = try OpenLCADatabase(path: Self.uslci)
        let ids = try Self.processes.map { try db.process(matching: $0).id }
        let category = try db.impactCategory(matching: Self.gwp).id
        let adjoint = try SystemCharacterisation.compute(database: db, processes: ids, categories: [category])
        let direct = try SystemCharacterisation.compute(database: db, processes: ids, categories: [category],
                                                        options: SystemOptions(scalingVectors: true))
        #expect(adjoint.scaling.isEmpty && direct.scaling.count == ids.count)
        for (a, b) in zip(adjoint.lcia.processes, direct.lcia.processes) {
            #expect(abs(a.impacts[0] - b.impacts[0]) <= 1e-12 * max(1, abs(b.impacts[0])))
        }
    }

    @Test(arguments: [FixtureOptions(), .init(layout: .v2, upperCase: true), .init(idsAsText: true)])
    func test_hand_solved_networks(_ options: FixtureOptions) throws {
        let path = try FixtureFiles.network(options)
        let names = ["n-a", "n-b", "n-c", "n-power", "n-coal", "n-truck", "n-refinery", "n-recycling", "n-orphan", "n-frame"]
        let expected = [9, 4, 4, 0.15, 0.125, 0.3, 2, -1.9, 1, 1.5]
        let result = try Self.system(path, names)
        for (index, name) in names.enumerated() {
            #expect(abs(result.lcia.processes[index].impacts[0] - expected[index]) < 1e-12, "\(name)")
        }
        // The loop's scaling vector per MJ of electricity: 1.25 MJ, 0.5 kg coal.
        let powerColumn = result.demandColumn[3]
        let s = result.scaling[3]
        let coal = try OpenLCADatabase(path: path).process(matching: "n-coal").id
        let coalColumn = result.columnProcess.firstIndex(of: coal)!
        #expect(abs(s[powerColumn] - 1.25) < 1e-12 && abs(s[coalColumn] - 0.5) < 1e-12)
        // The mystery input is cut off and reported; both steel producers were candidates.
        #expect(result.cutOffs.map(\.flowRefId) == ["f-mystery"] && result.cutOffs.map(\.processes) == [1])
        #expect(result.choices.map(\.providerRefId) == ["n-steel-eu"])
        #expect(result.lcia.processes[6].isMultiOutput)
    }

    @Test func test_provider_rules() throws {
        let path = try FixtureFiles.network()
        #expect(abs(try Self.system(path, ["n-frame"], rule: .sameLocation).lcia.processes[0].impacts[0] - 3.5) < 1e-12)
        #expect(throws: OpenLCAError.self) { try Self.system(path, ["n-frame"], rule: .fail) }
        let db = try OpenLCADatabase(path: path)
        let explicit = try SystemCharacterisation.compute(
            database: db, processes: [try db.process(matching: "n-frame").id], categories: [try db.impactCategory(matching: "i-gwp").id],
            options: SystemOptions(providers: [try db.flow(matching: "f-bar").id: try db.process(matching: "n-steel-us").id]))
        #expect(abs(explicit.lcia.processes[0].impacts[0] - 3.5) < 1e-12)
        #expect(explicit.choices.isEmpty)
    }

    @Test func test_process_contributions_add_up() throws {
        let result = try Self.system(try FixtureFiles.network(), ["n-a"], contributions: 5)
        let contributions = result.processContributions[0][0]
        #expect(contributions.map(\.processRefId) == ["n-b", "n-c", "n-a"]) // 4 (2 x 2), 4, 1; ties by name
        #expect(abs(contributions.map(\.impact).reduce(0, +) - 9) < 1e-12)
        // By elementary flow: all of it is fossil CO2, 9 kg per kg of a.
        let flows = result.lcia.processes[0].contributions[0]
        #expect(flows.map(\.flowRefId) == ["f-co2"])
        #expect(abs(flows[0].impact - 9) < 1e-12 && abs(flows[0].amount - 9) < 1e-12 && flows[0].unit == "kg")
    }

    static let uslci = FixtureFiles.sharedDatabase("uslci_fy17_ipcc2021")
    static let gwp = "22373119-7cbb-5450-97c8-49a119af7614"
    /// Corn stover (no direct GWP), secondary aluminium (reference 1000 kg), HDPE CTR (multi-output), PLA.
    static let processes = ["4be84642-28cb-3508-9189-d8afcec42d92", "bcc68f88-debb-3fc3-93ee-5ceadcef0b14",
                            "ce38752e-c414-3175-9482-ce663a909a0c", "e281027f-cf37-32f2-af55-234cb0cb4fa4"]

    @Test func test_uslci_balance_and_dense_solve() throws {
        let result = try Self.system(Self.uslci, Self.processes, category: Self.gwp)
        let n = result.size
        #expect(n > 10)
        var dense = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for entry in result.values.indices { dense[Int(result.rows[entry])][Int(result.columns[entry])] += result.values[entry] }
        for (index, s) in result.scaling.enumerated() {
            var f = [Double](repeating: 0, count: n)
            f[result.demandColumn[index]] = result.demandValue[index]
            // Balance: A s = f.
            for row in 0..<n {
                let lhs = (0..<n).reduce(0.0) { $0 + dense[row][$1] * s[$1] }
                let scale = (0..<n).reduce(1.0) { max($0, abs(dense[row][$1] * s[$1])) }
                #expect(abs(lhs - f[row]) <= 1e-9 * scale)
            }
            // An independent dense solve (Gaussian elimination with partial pivoting).
            let x = Self.denseSolve(dense, f)
            for k in 0..<n { #expect(abs(x[k] - s[k]) <= 1e-9 * max(1, abs(x[k]))) }
        }
        let stover = result.lcia.processes[0].impacts[0]
        #expect(stover > 0.05) // zero in the direct scope; diesel, electricity and fertiliser upstream
    }

    @Test(arguments: [FixtureOptions(upperCase: true), .init(layout: .v2), .init(idsAsText: true)])
    func test_uslci_identical_across_layouts(_ options: FixtureOptions) throws {
        let reference = try Self.system(Self.uslci, Self.processes, category: Self.gwp).lcia.processes.map(\.impacts)
        let variant = try Self.system(try FixtureFiles.sharedVariant("uslci_fy17_ipcc2021", options), Self.processes, category: Self.gwp)
            .lcia.processes.map(\.impacts)
        #expect(variant == reference)
    }

    static func denseSolve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double] {
        var a = matrix, b = rhs
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n where a[row][column] != 0 {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            x[row] = (b[row] - ((row + 1)..<n).reduce(0.0) { $0 + a[row][$1] * x[$1] }) / a[row][row]
        }
        return x
    }
}
