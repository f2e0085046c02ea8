import Foundation
@testable import MOLA
import ModelLoader
import OpenLCA
import SupplyChain
import Testing

/// What lcaopt cannot map is rejected with a message naming the set or parameter.
@Suite struct RejectedConfigurationTests {
    /// The shape of MOLA's `config/Orange_Toy_Model.json`: ecoinvent 3.6 ids, Python's `Infinity`,
    /// a Windows db_file, 63 J entries (7 set), zero task ports.
    static func orangeToyModel() -> Data {
        let fm = "1f7bbd3e-fcd1-412d-8608-035b855ea735"
        let ft = ["0ace02fa-eca5-482d-a829-c18e46a52db4", "4ecf1190-7028-4038-89b0-79adeb3e98cc", "559d5695-102a-4beb-9f7f-3db334c9b51d"]
        let pm = ["f22f5f6e-1bdc-3cb5-8f48-8a04d8f9b768", "cfc3f58f-7bdf-3019-888b-c4f2dbc332e8", "760f1858-b0ef-3280-930e-88ebe4645061"]
        let pt = ["44ad59ca-4fe0-394c-a6d9-5dea68783c23", "f615ae37-fa6d-4a47-958c-23234c986400", "9106bf8d-869d-425f-b8ee-0bf9a78bcf65",
                  "97aa2533-ae98-3f8f-b3e2-3acb9d66a010", "b37252a8-fbb5-47cb-a3aa-1485d090bdfd", "660ba3fe-d7a5-4c43-8777-27d331934edf",
                  "fe7d1840-4341-40fd-ba6d-fbba126ca7d3"]
        let linked: Set<[Int]> = [[0, 0, 2], [0, 0, 4], [0, 1, 5], [0, 2, 6], [1, 0, 0], [2, 0, 1], [2, 0, 3]]
        func entry(_ index: [String], _ value: String) -> String {
            "{\"index\": [\(index.map { "\"\($0)\"" }.joined(separator: ", "))], \"value\": \(value)}"
        }
        var J: [String] = []
        for (p, process) in pm.enumerated() { for (f, flow) in ft.enumerated() { for (q, mode) in pt.enumerated() {
            J.append(entry([fm, process, flow, mode], linked.contains([p, f, q]) ? "1" : "0"))
        } } }
        let text = """
            {"settings": {"distance_calculated": false, "test_setting": false},
             "doc_name": "Toy_Problem_C1_Orange_Juice.html",
             "specification": "<class 'mola.specification5.GeneralSpecification'>",
             "controller": "<class 'molaqt.controllers.StandardController'>",
             "db_file": "C:/data/openlca/sqlite/system/CSV_juice_ecoinvent_36_apos_lci_20200206_20201029-102818.sqlite",
             "sets": {"F_m": ["\(fm)"], "F_s": [], "F_t": [\(ft.map { "\"\($0)\"" }.joined(separator: ", "))], "D": ["d1"], "T": ["t1"], "K": ["k1"],
                      "P_m": [\(pm.map { "\"\($0)\"" }.joined(separator: ", "))], "P_t": [\(pt.map { "\"\($0)\"" }.joined(separator: ", "))], "P_s": [],
                      "KPI": ["061b7db5-4f56-3368-bf50-9ff0fcc8dd1f"], "OBJ": ["environment", "cost"], "F": [], "P": []},
             "parameters": {
                "C": [\(entry([fm, "k1", "d1", "t1"], "0.5"))],
                "d": [\(entry([pm[0], fm, "k1", "t1"], "600")), \(entry([pm[1], fm, "k1", "t1"], "200")), \(entry([pm[2], fm, "k1", "t1"], "400"))],
                "X": [\(entry(["k1", "t1"], "Infinity"))], "Y": [\(entry(["k1", "t1"], "Infinity"))],
                "Demand": [\(entry(["d1", "k1", "t1"], "0"))], "Total_Demand": [\(entry(["d1", "k1"], "100"))],
                "J": [\(J.joined(separator: ", "))],
                "w": [\(entry(["061b7db5-4f56-3368-bf50-9ff0fcc8dd1f"], "1"))],
                "u": [\(entry(["environment"], "0.01456")), \(entry(["cost"], "0.88"))],
                "calA": [\(pm.map { entry([fm, $0, "k1", "t1"], "0") }.joined(separator: ", "))]}}
            """
        return Data(text.utf8)
    }

    func issues(_ path: String, db: String? = MOLAHelpers.databasePath) -> [ModelIssue] {
        do {
            _ = try ModelSource.load(path: path, databasePath: db)
            Issue.record("loaded")
            return []
        } catch let error as ModelError {
            return error.issues
        } catch {
            Issue.record("\(error)")
            return []
        }
    }

    @Test func orangeToyModelNamesTheMissingEcoinventIds() throws {
        let path = try MOLAHelpers.write(Self.orangeToyModel(), name: "Orange_Toy_Model.json")
        let config = try MOLAConfiguration.load(path: path)
        #expect(config.table("X")[MOLAConfiguration.key(["k1", "t1"])] == .infinity)
        #expect(config.parameter("J").count == 63)
        let found = issues(path)
        let byPath = Dictionary(found.map { ($0.path, $0.message) }, uniquingKeysWith: { $0 + "; " + $1 })
        #expect(byPath["$.sets.P_m"] == "3 process ids not in the database: f22f5f6e-1bdc-3cb5-8f48-8a04d8f9b768, cfc3f58f-7bdf-3019-888b-c4f2dbc332e8, 760f1858-b0ef-3280-930e-88ebe4645061")
        #expect(byPath["$.sets.P_t"]?.hasPrefix("7 process ids not in the database: 44ad59ca-4fe0-394c-a6d9-5dea68783c23") == true)
        #expect(byPath["$.sets.F_m"] == "1 flow id not in the database: 1f7bbd3e-fcd1-412d-8608-035b855ea735")
        #expect(byPath["$.sets.F_t"]?.hasPrefix("3 flow ids not in the database") == true)
        #expect(byPath["$.sets.KPI"] == "1 impact category id not in the database: 061b7db5-4f56-3368-bf50-9ff0fcc8dd1f")
        #expect(found.allSatisfy { $0.hint?.contains("CSV_juice_ecoinvent_36") == true })
        // Without --db, the Windows db_file is named.
        let withoutDB = issues(path, db: nil)
        #expect(withoutDB.map(\.path) == ["$.db_file"])
        #expect(withoutDB.first?.message.contains("C:/data/openlca/sqlite/system/CSV_juice") == true)
    }

    /// The five-resin configuration with `change` applied.
    func fiveResins(_ change: (inout MOLAConfiguration) -> Void) throws -> String {
        var config = try MOLAHelpers.fiveResins(OpenLCADatabase(path: MOLAHelpers.databasePath))
        change(&config)
        return try MOLAHelpers.write(config)
    }

    @Test func taskPortsArcsAndServiceLinksAreRejected() throws {
        let path = try fiveResins { config in
            let fm = config.set("F_m")[0], pm = config.set("P_m")[0]
            config.parameters["calA"] = [.init(index: [fm, pm, "k1", "t1"], value: 0), .init(index: [fm, pm, "k1", "t2"], value: 2)]
            config.parameters["calC"] = [.init(index: [fm, pm, "x", "y", "k1", "t1"], value: 1)]
            config.sets["K"] = ["k1", "k2"]
            config.parameters["Arc"] = [.init(index: ["k1", "k1"], value: 1), .init(index: ["k1", "k2"], value: 1)]
            config.sets["T"] = ["t1", "t2"]
            config.parameters["L"] = [.init(index: [fm, pm, "fs", "ps"], value: 1)]
        }
        let found = issues(path)
        #expect(found.map(\.path) == ["$.parameters.calA", "$.parameters.calC", "$.parameters.Arc", "$.parameters.L"])
        #expect(found[0].message.hasPrefix("1 non-zero task-port coefficients"))
        #expect(found[2].message == "1 arcs between tasks (k1 -> k2)")
    }

    @Test func severalDemandsPerTaskAreRejected() throws {
        let path = try fiveResins { config in
            config.sets["D"] = ["d1", "d2"]
            config.parameters["Demand"]! += [.init(index: ["d2", "k1", "t1"], value: 5)]
        }
        let found = issues(path)
        #expect(found.map(\.path) == ["$.parameters.Demand"])
        #expect(found[0].message.contains("Demand_Selection"))
    }

    @Test func aCoProductOrForeignFlowIsRejectedNamingJ() throws {
        let path = try fiveResins { config in
            // Swap the flows of the first two resins: each process now "makes" the other's resin.
            var flows = config.set("F_m")
            flows.swapAt(0, 1)
            let swap = Dictionary(uniqueKeysWithValues: zip(config.set("F_m"), flows))
            config.parameters["J"] = config.parameter("J").map { .init(index: [swap[$0.index[0]] ?? $0.index[0]] + $0.index.dropFirst(), value: $0.value) }
        }
        let found = issues(path)
        #expect(found.count == 2 && found.allSatisfy { $0.path == "$.parameters.J" && $0.message.contains("is not the reference product of") })
    }

    @Test func conversionFactorsThatVaryByTaskAreRejected() throws {
        let path = try fiveResins { config in
            config.sets["K"] = ["k1", "k2"]
            let fm = config.set("F_m")[0]
            config.parameters["C"]! += [.init(index: [fm, "k2", "d1", "t1"], value: 2)]
            config.parameters["d"]! += config.parameter("d").map { .init(index: [$0.index[0], $0.index[1], "k2", "t1"], value: $0.value) }
        }
        let found = issues(path)
        #expect(found.map(\.path) == ["$.parameters.C"])
        #expect(found[0].message.contains("varies by task or period (1.0, 2.0)"))
    }

    @Test func computedDistancesNeedProcessCoordinates() throws {
        // US LCI locations are all at 0/0: MOLA would measure from there.
        let path = try fiveResins { config in
            config.settings["distance_calculated"] = true
            config.parameters["X"] = [.init(index: ["k1", "t1"], value: -87.6)]
            config.parameters["Y"] = [.init(index: ["k1", "t1"], value: 41.9)]
        }
        let found = issues(path)
        #expect(found.map(\.path) == ["$.settings.distance_calculated"])
        #expect(found.first?.message.hasPrefix("5 material processes have no coordinates") == true)
    }
}

/// Names MOLA's General Specification v5 does not have are rejected, with a did-you-mean.
@Suite struct MOLAUnknownKeyTests {
    @Test func misspelledNamesAreRejected() throws {
        var text = String(decoding: RejectedConfigurationTests.orangeToyModel(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"Total_Demand\"", with: "\"Total_Demnd\"")
            .replacingOccurrences(of: "\"distance_calculated\"", with: "\"distance_calculatd\"")
            .replacingOccurrences(of: "\"db_file\"", with: "\"dbfile\"")
        text = text.replacingOccurrences(of: "{\"index\": [\"061b7db5-4f56-3368-bf50-9ff0fcc8dd1f\"], \"value\": 1}",
                                         with: "{\"index\": [\"061b7db5-4f56-3368-bf50-9ff0fcc8dd1f\"], \"value\": 1, \"vlaue\": 2}")
        let path = try MOLAHelpers.write(Data(text.utf8))
        #expect {
            try MOLAConfiguration.load(path: path)
        } throws: { error in
            guard let error = error as? ModelError else { return false }
            return error.issues.map(\.description) == [
                "$.dbfile: unknown key 'dbfile' (did you mean 'db_file'?)",
                "$.parameters.Total_Demnd: unknown parameter 'Total_Demnd' of MOLA's General Specification v5 (did you mean 'Total_Demand'?)",
                "$.settings.distance_calculatd: unknown setting 'distance_calculatd' of MOLA's General Specification v5 (did you mean 'distance_calculated'?)",
                "$.parameters.w[0].vlaue: unknown key 'vlaue' (did you mean 'value'?)",
            ]
        }
    }

    /// MOLA's other specifications (its AIMMS and Kondili examples) are not read as empty sets.
    @Test func otherSpecificationsAreRejectedByName() throws {
        let text = """
            {"settings": {}, "specification": "<class 'mola.specification5.KondiliSpecification'>", "db_file": "x.sqlite",
             "sets": {"States": ["s1"], "I": [], "J": []}, "indexed_sets": {}, "parameters": {"S0": []}}
            """
        #expect {
            try MOLAConfiguration.load(path: try MOLAHelpers.write(Data(text.utf8)))
        } throws: { error in
            guard let error = error as? ModelError, error.issues.count == 1 else { return false }
            return error.issues[0].path == "$.specification" && error.issues[0].message.contains("unsupported MOLA specification")
                && error.issues[0].message.contains("KondiliSpecification")
        }
    }

    /// Two Demand entries for one index: the last used to win silently (986.7 became 4.93).
    @Test func duplicateIndexesAreRejected() throws {
        var config = try MOLAHelpers.fiveResins(OpenLCADatabase(path: MOLAHelpers.databasePath))
        config.parameters["Demand"]!.append(.init(index: ["d1", "k1", "t1"], value: 5))
        #expect {
            try MOLAConfiguration.decode(try config.jsonData(), file: "dup.json")
        } throws: { error in
            guard let error = error as? ModelError, error.issues.count == 1 else { return false }
            return error.issues[0].path == "$.parameters.Demand[1]" && error.issues[0].message == "index [d1, k1, t1] given twice (also at [0])"
        }
    }

    /// A syntax error says where, in a file with MOLA's Infinity values.
    @Test func syntaxErrorsHaveLineAndColumn() throws {
        let text = "{\"settings\": {},\n \"sets\": {\"K\": [\"k1\"]},\n \"parameters\": {\"X\": [{\"index\": [\"k1\"], \"value\": Infinity},, ]}}"
        #expect {
            try MOLAConfiguration.decode(Data(text.utf8), file: "broken.json")
        } throws: { error in
            guard let error = error as? ModelError, error.issues.count == 1 else { return false }
            return error.issues[0].message.hasPrefix("not valid JSON") && error.issues[0].message.contains("line 3")
        }
    }

    /// The one-pass reader reads what JSONDecoder reads: a dense configuration as MOLA's GUI
    /// writes it, and the Orange toy model's shape (Infinity, numbers, a Windows path).
    @Test func onePassReaderAgreesWithJSONDecoder() throws {
        var builder = MOLAConfigurationBuilder()
        builder.materials = [.init(flowRefId: "f1", processRefId: "p1"), .init(flowRefId: "f2", processRefId: "p2")]
        builder.modes = [.init(flowRefId: "t", processRefId: "q")]
        builder.kpis = ["gwp"]
        builder.tasks = [("k1", 10), ("k2", 20)]
        builder.writesEveryParameter = true
        for data in [try builder.build().jsonData(), RejectedConfigurationTests.orangeToyModel()] {
            let fast = try MOLAConfiguration.decode(data, file: "c.json")
            let slow = try MOLAConfiguration.decodeWithFoundation(data, file: "c.json")
            #expect(fast.sets == slow.sets && fast.settings == slow.settings && fast.dbFile == slow.dbFile)
            #expect(fast.parameters.keys.sorted() == slow.parameters.keys.sorted())
            for (name, entries) in slow.parameters {
                let other = fast.parameters[name]!
                #expect(other.map(\.index) == entries.map(\.index), "\(name)")
                #expect(zip(other, entries).allSatisfy { $0.value == $1.value || ($0.value.isNaN && $1.value.isNaN) }, "\(name)")
            }
        }
    }
}
