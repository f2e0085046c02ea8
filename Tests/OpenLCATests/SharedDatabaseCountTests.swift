import OpenLCA
import OpenLCAFixtures
import Testing

/// The exact counts of the shared US LCI databases, and the same counts when the same data is
/// written in upper case, in the openLCA 2.x layout, or with ids stored as text.
@Suite struct SharedDatabaseCountTests {
    static let variants: [FixtureOptions] = [
        .init(layout: .v1, upperCase: true),
        .init(layout: .v2),
        .init(layout: .v2, upperCase: true),
        .init(layout: .v1, idsAsText: true),
    ]

    func assertUSLCICounts(_ counts: DatabaseInfo.Counts, withImpacts: Bool) {
        #expect(counts.processes == 766)
        #expect(counts.processTypes == ["UNIT_PROCESS": 762, "LCI_RESULT": 4])
        #expect([counts.flows.elementary, counts.flows.product, counts.flows.waste, counts.flows.other] == [2918, 1659, 24, 0])
        #expect(counts.exchanges == 32526)
        #expect(counts.impactMethods == (withImpacts ? 1 : 0))
        #expect(counts.impactCategories == (withImpacts ? 1 : 0))
        #expect(counts.impactFactors == (withImpacts ? 75 : 0))
        #expect(counts.locations == 11)
        #expect(counts.locationsWithCoordinates == 0)
        #expect(counts.units == 193)
        #expect(counts.currencies == (withImpacts ? 1 : 0))
        #expect(counts.referenceAmountsNotOne == 86)
        #expect(counts.multiOutputProcesses == 132)
        #expect(counts.processesWithoutReference == 0)
        #expect(counts.elementaryExchanges == 24950)
        #expect(counts.elementaryExchangesInOtherUnits == 675)
    }

    @Test func test_olca15_counts() throws {
        let info = try OpenLCADatabase(path: FixtureFiles.sharedDatabase("uslci_fy17_olca1_5")).info(deep: true)
        assertUSLCICounts(info.counts, withImpacts: false)
        #expect(info.schema.version == 5)
        #expect(info.schema.layout == "openLCA 1.x")
        #expect(info.warnings.contains { $0.hasPrefix("no LCIA methods") })
        #expect(info.warnings.contains { $0.hasPrefix("11 of 11 locations have no coordinates") })
    }

    @Test func test_ipcc2021_counts() throws {
        let info = try OpenLCADatabase(path: FixtureFiles.sharedDatabase("uslci_fy17_ipcc2021")).info(deep: true)
        assertUSLCICounts(info.counts, withImpacts: true)
        #expect(!info.warnings.contains { $0.hasPrefix("no LCIA methods") })
    }

    @Test(arguments: variants)
    func test_variant_counts(_ options: FixtureOptions) throws {
        let path = try FixtureFiles.sharedVariant("uslci_fy17_ipcc2021", options)
        let info = try OpenLCADatabase(path: path).info(deep: true)
        assertUSLCICounts(info.counts, withImpacts: true)
        #expect(info.schema.upperCaseIdentifiers == options.upperCase)
        #expect(info.schema.layout == (options.layout == .v2 ? "openLCA 2.x" : "openLCA 1.x"))
    }
}

extension FixtureOptions: CustomTestStringConvertible {
    public var testDescription: String { suffix }
}
