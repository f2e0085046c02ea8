import Impact
import OpenLCA
import OpenLCAFixtures
import SQLite
import Testing

/// On the real US LCI database with IPCC 2021, the library equals an independent computation
/// written here as plain SQL over the same tables.
@Suite struct SharedDatabaseImpactTests {
    static let path = FixtureFiles.sharedDatabase("uslci_fy17_ipcc2021")
    static let gwp = "22373119-7cbb-5450-97c8-49a119af7614"

    /// Aluminium (reference amounts 1000 and 1), acrylonitrile (m3, MJ, Bq exchanges), loose fill (t),
    /// coal tailings (l), containerboard (1.1052), crude oil in refinery (0.244), ABS CTR.
    static let processes = [
        "bcc68f88-debb-3fc3-93ee-5ceadcef0b14", "99963138-ddf9-3b32-9e93-69593d76cb08",
        "2b196386-eb1a-352a-aeda-4d003144f6df", "a2e7aa17-9318-3bb8-91d6-22a32a9e8019",
        "c139b46e-e0c1-3be5-ad3d-451d6392bad6", "90e6ea39-1ed4-32bc-9b03-0129c6d5b2f0",
        "6c4d5a29-ca50-31da-b3b2-657b9dad861c", "dc72e285-719b-318b-9c9c-c838846a9cf4",
        "0e42a306-ee2d-362e-8bc3-580000096459",
    ]

    /// EI by SQL alone: amounts and factors converted to reference units, the first exchange of
    /// a flow giving its direction, divided by the reference amount in reference units.
    static func independentGWP(_ connection: SQLiteConnection, process refId: String) throws -> Double {
        let statement = try connection.prepare("""
            WITH proc AS (SELECT id, f_quantitative_reference q FROM tbl_processes WHERE ref_id = ?1),
            ex AS (SELECT e.id, e.f_flow flow, e.is_input inp,
                          e.resulting_amount_value * u.conversion_factor / pf.conversion_factor a
                   FROM tbl_exchanges e JOIN tbl_units u ON u.id = e.f_unit
                   JOIN tbl_flow_property_factors pf ON pf.id = e.f_flow_property_factor
                   JOIN tbl_flows f ON f.id = e.f_flow
                   WHERE e.f_owner = (SELECT id FROM proc) AND f.flow_type = 'ELEMENTARY_FLOW'),
            dir AS (SELECT flow, inp FROM ex WHERE id IN (SELECT min(id) FROM ex GROUP BY flow)),
            cf AS (SELECT i.f_flow flow, i.value * pf.conversion_factor / u.conversion_factor v
                   FROM tbl_impact_factors i JOIN tbl_units u ON u.id = i.f_unit
                   JOIN tbl_flow_property_factors pf ON pf.id = i.f_flow_property_factor
                   JOIN tbl_impact_categories c ON c.id = i.f_impact_category WHERE c.ref_id = ?2),
            ref AS (SELECT e.resulting_amount_value * u.conversion_factor / pf.conversion_factor r
                    FROM tbl_exchanges e JOIN tbl_units u ON u.id = e.f_unit
                    JOIN tbl_flow_property_factors pf ON pf.id = e.f_flow_property_factor
                    WHERE e.id = (SELECT q FROM proc))
            SELECT coalesce(sum((CASE WHEN ex.inp THEN -ex.a ELSE ex.a END) * (CASE WHEN dir.inp THEN -cf.v ELSE cf.v END)), 0)
                   / (SELECT r FROM ref)
            FROM ex JOIN cf ON cf.flow = ex.flow JOIN dir ON dir.flow = ex.flow
            """)
        statement.bind(1, refId)
        statement.bind(2, gwp)
        _ = try statement.step()
        return statement.double(0) ?? .nan
    }

    @Test func test_gwp_equals_independent_sql() throws {
        let db = try OpenLCADatabase(path: Self.path)
        let ids = try Self.processes.map { try db.process(matching: $0).id }
        let result = try DirectCharacterisation.compute(database: db, processes: ids, categories: [try db.impactCategory(matching: Self.gwp).id])
        let connection = try SQLiteConnection(path: Self.path, mode: .readOnly)
        var nonZero = 0
        for (refId, process) in zip(Self.processes, result.processes) {
            let expected = try Self.independentGWP(connection, process: refId)
            #expect(abs(process.impacts[0] - expected) <= 1e-12 * max(1, abs(expected)), "\(refId)")
            if expected != 0 { nonZero += 1 }
        }
        #expect(nonZero >= 5)
        // Secondary aluminium ingot: reference 1000 kg, so per kg it is a thousandth of the run total.
        #expect(result.processes[0].referenceAmount == 1000)
        #expect(result.processes[0].notes.contains { $0.hasPrefix("reference amount is 1000 kg") })
    }

    @Test(arguments: [FixtureOptions(upperCase: true), .init(layout: .v2), .init(idsAsText: true)])
    func test_same_results_in_other_layouts(_ options: FixtureOptions) throws {
        func gwp(_ path: String) throws -> [Double] {
            let db = try OpenLCADatabase(path: path)
            return try DirectCharacterisation.compute(
                database: db, processes: try Self.processes.map { try db.process(matching: $0).id },
                categories: [try db.impactCategory(matching: Self.gwp).id]).processes.map { $0.impacts[0] }
        }
        #expect(try gwp(try FixtureFiles.sharedVariant("uslci_fy17_ipcc2021", options)) == (try gwp(Self.path)))
    }

    @Test func test_cost_per_reference_unit() throws {
        let db = try OpenLCADatabase(path: Self.path)
        let result = try DirectCharacterisation.compute(
            database: db, processes: [try db.process(matching: "bcc68f88-debb-3fc3-93ee-5ceadcef0b14").id], categories: [])
        let connection = try SQLiteConnection(path: Self.path, mode: .readOnly)
        let statement = try connection.prepare("""
            SELECT e.cost_value / e.resulting_amount_value FROM tbl_processes p JOIN tbl_exchanges e ON e.id = p.f_quantitative_reference
            WHERE p.ref_id = 'bcc68f88-debb-3fc3-93ee-5ceadcef0b14'
            """)
        _ = try statement.step()
        #expect(abs(result.processes[0].cost! - statement.double(0)!) < 1e-12)
    }
}
