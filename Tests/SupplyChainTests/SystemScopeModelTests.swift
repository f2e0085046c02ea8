import OpenLCAFixtures
import SupplyChain
import Testing

/// `lciaScope: "system"` uses cradle-to-gate impacts: chain a is 9 kg CO2 per kg, 1 directly.
@Suite struct SystemScopeModelTests {
    static func model(scope: String, extra: String = "") -> String {
        """
        {"database": "$DB", "lciaScope": "\(scope)"\(extra),
         "indicators": [{"id": "gwp", "impactCategory": "i-gwp"}],
         "sites": [{"id": "plant"}],
         "materials": [{"id": "a", "suppliers": [{"id": "chain", "process": "n-a", "cost": 1}]},
                       {"id": "frame", "suppliers": [{"id": "frames", "process": "n-frame", "cost": 1}]}],
         "demands": [{"id": "d", "site": "plant", "amount": 10, "requires": {"a": 1, "frame": 1}}]}
        """
    }

    @Test(arguments: [("direct", "", 10 * 1.0 + 10 * 0.5), ("system", "", 10 * 9.0 + 10 * 1.5),
                      ("system", #", "providerRule": "same-location""#, 10 * 9.0 + 10 * 3.5),
                      ("system", #", "providers": {"Steel bar": "n-steel-us"}"#, 10 * 9.0 + 10 * 3.5)])
    func test_scope_changes_the_impacts(_ scope: String, _ extra: String, _ gwp: Double) throws {
        let path = try ModelHelpers.write(Self.model(scope: scope, extra: extra), database: try FixtureFiles.network())
        let (_, data) = try SupplyChainLoader.load(modelPath: path)
        let problem = try SupplyChainProblem(data: data, objective: "gwp")
        #expect(abs(problem.model.objectives[1].value(at: Array(repeating: 10, count: problem.model.columnCount)) - gwp) < 1e-9)
    }

    @Test func test_fail_rule_reports_the_candidates() throws {
        let path = try ModelHelpers.write(Self.model(scope: "system", extra: #", "providerRule": "fail""#), database: try FixtureFiles.network())
        #expect {
            try SupplyChainLoader.load(modelPath: path)
        } throws: { error in
            "\(error)".contains("n-steel-eu") && "\(error)".contains("n-steel-us")
        }
    }
}
