import OpenLCA
import OpenLCAFixtures
import Testing

@Suite struct SearchTests {
    let uslci = FixtureFiles.sharedDatabase("uslci_fy17_ipcc2021")

    @Test func test_combination_truck_finds_the_diesel_truck_process() throws {
        let hits = try OpenLCADatabase(path: uslci).search("combination truck", kind: .process, limit: 50)
        let truck = try #require(hits.first { $0.refId == "34156f3c-28ef-33db-9ad0-6293a2aa0d52" })
        #expect(truck.name == "Transport, combination truck, diesel powered")
        #expect(truck.referenceUnit == "t*km")
        #expect(truck.referenceProduct == "Transport, combination truck, diesel powered")
        #expect(truck.location == "RNA")
        #expect(hits.allSatisfy { $0.kind == "process" })
    }

    @Test func test_ref_id_prefix_and_exact_name_rank_first() throws {
        let db = try OpenLCADatabase(path: uslci)
        let byPrefix = try db.search("34156F3C", limit: 5)
        #expect(byPrefix.first?.refId == "34156f3c-28ef-33db-9ad0-6293a2aa0d52")
        let exact = try db.search("Transport, combination truck, diesel powered", limit: 5)
        #expect(exact.prefix(2).map(\.kind) == ["process", "flow"])
        #expect(exact.prefix(2).allSatisfy { $0.name == "Transport, combination truck, diesel powered" })
    }

    @Test func test_impact_hit_shows_method_and_unit() throws {
        let hits = try OpenLCADatabase(path: uslci).search("GWP100", kind: .impact)
        #expect(hits.count == 1)
        #expect(hits.first?.refId == "22373119-7cbb-5450-97c8-49a119af7614")
        #expect(hits.first?.referenceUnit == "kg CO2-Eq")
        #expect(hits.first?.method == "IPCC 2021 (ecoinvent 3.9 LCIA via bw2io)")
    }

    @Test func test_order_is_stable_and_limited() throws {
        let db = try OpenLCADatabase(path: uslci)
        let first = try db.search("corn", limit: 7)
        let second = try db.search("CORN", limit: 7)
        #expect(first.count == 7)
        #expect(first == second)
    }

    @Test(arguments: [FixtureOptions(layout: .v1), .init(layout: .v2, upperCase: true), .init(idsAsText: true)])
    func test_synthetic_search_in_all_layouts(_ options: FixtureOptions) throws {
        let db = try OpenLCADatabase(path: try FixtureFiles.synthetic(options))
        let steel = try #require(try db.search("hot-rolled").first)
        #expect(steel.refId == "p-steel")
        #expect(steel.name == "Steel, \"hot-rolled\", Ünïcode")
        #expect(steel.location == "DE")
        #expect(steel.referenceUnit == "kg")
        let climate = try db.search("climate change", kind: .impact)
        #expect(Set(climate.map(\.method)) == ["Test method", "Other method"])
        let location = try #require(try db.search("germany", kind: .location).first)
        #expect(location.latitude == 51 && location.longitude == 10)
        #expect(try db.search("Global", kind: .location).first?.latitude == nil)
    }
}

/// Methods, locations, empty texts, counts and word ranking (the new user's search findings).
@Suite struct SearchListingTests {
    let db: OpenLCADatabase
    init() throws { db = try OpenLCADatabase(path: FixtureFiles.sharedDatabase("uslci_fy17_ipcc2021")) }

    @Test func emptyTextListsEveryMethodAndLocation() throws {
        let methods = try db.searchCounted("", kind: .method, limit: 50)
        #expect(methods.hits.map(\.name) == ["IPCC 2021 (ecoinvent 3.9 LCIA via bw2io)"])
        #expect(methods.hits.first?.categories == 1)
        // 11 locations in US LCI (info's count), all listed.
        #expect(try db.searchCounted("", kind: .location, limit: 50).total == 11)
    }

    @Test func categoriesAreFoundByTheirMethodsName() throws {
        let hits = try db.search("IPCC 2021", kind: .impact)
        #expect(hits.map(\.refId) == ["22373119-7cbb-5450-97c8-49a119af7614"])
    }

    @Test func wholeWordsRankAboveSubstringsAndCutListsSayHowManyMore() throws {
        let found = try db.searchCounted("cement", kind: .process, limit: 1)
        #expect(found.hits.map(\.name) == ["Portland cement, at plant"])  // before "Steel reinforcement bar; ..."
        #expect(found.total == 2)
    }

    @Test func aProductFlowSaysWhichProcessItIsTheProductOf() throws {
        let hits = try db.search("Portland cement, at plant")
        #expect(hits.map(\.kind) == ["process", "flow"])
        #expect(hits[1].productOf == hits[0].refId)
    }
}
