import Foundation
import Impact
import OpenLCA
import OpenLCAFixtures
import Testing

/// Characterisation per sample on ``UncertaintyDatabase``, whose impact distributions are
/// known in closed form, in both scopes.
@Suite struct UncertainCharacterisationTests {
    static let kinds = ["lognormal", "normal", "triangle", "uniform", "fixed", "held", "factor", "reference", "part"]
    static let s2: Double = pow(log(1.5), 2)
    static let w: Double = exp(s2)
    /// Closed-form mean and variance of each process's GWP per kg (direct scope; `part` in the
    /// system scope: 0.5 + 2 LN).
    static var expected: [String: (mean: Double, variance: Double)] {
        let lognormalMean: Double = 2 * exp(s2 / 2)
        let lognormalVariance: Double = 4 * w * (w - 1)
        // 1/U, U uniform on (0.5, 2): E = ln(b/a)/(b-a), E[1/U^2] = (1/a - 1/b)/(b-a).
        let inverseMean: Double = log(4.0) / 1.5
        let inverseSquare: Double = (1 / 0.5 - 1 / 2.0) / 1.5
        var table: [String: (mean: Double, variance: Double)] = [:]
        table["lognormal"] = (lognormalMean, lognormalVariance)
        table["normal"] = (3, 0.25)
        table["triangle"] = (7.0 / 3, 7.0 / 18)
        table["uniform"] = (2, 1.0 / 3)
        table["fixed"] = (2.5, 0)
        table["held"] = (2, 0)
        table["factor"] = (3, 1.0 / 12)
        table["reference"] = (inverseMean, inverseSquare - inverseMean * inverseMean)
        table["part"] = (0.5 + 2 * lognormalMean, 4 * lognormalVariance)
        return table
    }

    static func setUp(system: Bool) throws -> (UncertainCharacterisation, OpenLCADatabase, [Int64], Int64) {
        let db = try OpenLCADatabase(path: try FixtureFiles.uncertain())
        let ids = try kinds.map { try db.process(matching: "u-\($0)").id }
        let category = try db.impactCategory(matching: "Climate change").id
        let model = system ? try UncertainCharacterisation.system(database: db, processes: ids, categories: [category])
            : try UncertainCharacterisation.direct(database: db, processes: ids, categories: [category])
        return (model, db, ids, category)
    }

    /// Sample means and variances over 20,000 samples within 5 standard errors of the closed
    /// forms; processes without a distribution (and the held log-normal) have no spread.
    @Test(arguments: [false, true]) func test_sample_moments_match_closed_forms(system: Bool) throws {
        let (model, _, _, _) = try Self.setUp(system: system)
        let sampler = try model.sampler()
        let n = 20_000
        var sums = [Double](repeating: 0, count: Self.kinds.count), squares = sums
        for index in 0..<n {
            let impacts = try sampler.impacts(sample: index, seed: 3)
            for p in Self.kinds.indices {
                sums[p] += impacts[p][0]
                squares[p] += impacts[p][0] * impacts[p][0]
            }
        }
        for (p, kind) in Self.kinds.enumerated() {
            // The direct scope leaves out part's product input: its GWP is the 0.5 kg of CO2.
            let (mean, variance) = kind == "part" && !system ? (0.5, 0.0) : Self.expected[kind]!
            let sampleMean = sums[p] / Double(n)
            let sampleVariance = (squares[p] - Double(n) * sampleMean * sampleMean) / Double(n - 1)
            if variance == 0 {
                #expect(abs(sampleMean - mean) < 1e-12, "\(kind): \(sampleMean)")
                #expect(abs(sampleVariance) < 1e-12, "\(kind): \(sampleVariance)")
            } else {
                #expect(abs(sampleMean - mean) < 5 * (variance / Double(n)).squareRoot(), "\(kind): mean \(sampleMean) vs \(mean)")
                #expect(abs(sampleVariance - variance) < 0.1 * variance, "\(kind): variance \(sampleVariance) vs \(variance)")
            }
        }
    }

    /// Without draws the structure reproduces the deterministic characterisation: exactly in
    /// the direct scope (same sums in the same order), to rounding in the system scope.
    @Test func test_base_is_the_deterministic_result() throws {
        let (direct, db, ids, category) = try Self.setUp(system: false)
        let deterministic = try DirectCharacterisation.compute(database: db, processes: ids, categories: [category])
        #expect(direct.base == deterministic.processes.map(\.impacts))
        let (system, _, _, _) = try Self.setUp(system: true)
        let cradle = try SystemCharacterisation.compute(database: db, processes: ids, categories: [category])
        for (a, b) in zip(system.base, cradle.lcia.processes.map(\.impacts)) { #expect(abs(a[0] - b[0]) <= 1e-12 * max(1, abs(b[0]))) }
        // The undrawn deterministic values: 2, 3, 2, 2, 2.5, 2, 3, 1, 0.5 + 2 x 2.
        let undrawn: [Double] = [2, 3, 2, 2, 2.5, 2, 3, 1, 4.5]
        for (p, value) in system.base.map({ $0[0] }).enumerated() { #expect(abs(value - undrawn[p]) < 1e-12) }
    }

    /// What is drawn and held is counted: 5 exchange distributions drawn (log-normal, normal,
    /// triangle, uniform, the reference's uniform), the gsd-0 log-normal held, one factor.
    @Test func test_census() throws {
        let (model, _, _, _) = try Self.setUp(system: false)
        #expect(model.census.exchanges == ["log-normal": 2, "normal": 1, "triangle": 1, "uniform": 2])
        #expect(model.census.heldLogNormal == 1)
        #expect(model.census.factors == ["uniform": 1])
        #expect(model.census.notes.contains { $0.contains("1 log-normal amounts store a geometric standard deviation of 0") })
    }

    /// `part` needs 2 kg of `lognormal`'s product and emits 0.5 kg: in every sample its
    /// cradle-to-gate GWP is 0.5 + 2 x lognormal's, whether the technology matrix is drawn (the
    /// whole database: the reference's diagonal has a distribution, so A is refactorised) or
    /// fixed (these two processes alone: scaling vectors solved once).
    @Test func test_linked_impacts_follow_the_drawn_supplier_in_both_system_paths() throws {
        let (whole, db, ids, category) = try Self.setUp(system: true)
        let pair = try UncertainCharacterisation.system(database: db, processes: [ids[0], ids[8]], categories: [category])
        for model in [whole, pair] {
            let sampler = try model.sampler()
            let lognormal = model.processes.firstIndex(of: ids[0])!, part = model.processes.firstIndex(of: ids[8])!
            for index in 0..<200 {
                let impacts = try sampler.impacts(sample: index, seed: 5)
                #expect(abs(impacts[part][0] - (0.5 + 2 * impacts[lognormal][0])) <= 1e-12 * impacts[part][0])
            }
        }
    }

    /// Two samplers (two threads) give the same sample, whatever order they are asked in.
    @Test func test_samples_do_not_depend_on_the_sampler_or_order() throws {
        let (model, _, _, _) = try Self.setUp(system: true)
        let a = try model.sampler(), b = try model.sampler()
        let forward = try (0..<20).map { try a.impacts(sample: $0, seed: 9) }
        let backward = try (0..<20).reversed().map { try b.impacts(sample: $0, seed: 9) }
        #expect(forward == Array(backward.reversed()))
    }
}

/// On the shared US LCI database: what its distributions give.
@Suite struct SharedDatabaseUncertaintyTests {
    static let database = FixtureFiles.sharedDatabase("uslci_fy17_ipcc2021")
    static let gwp = "22373119-7cbb-5450-97c8-49a119af7614"

    /// "Injection molding, rigid polypropylene part" has two characterised elementary exchanges
    /// (propane, dichloromethane), both log-normal with a geometric standard deviation of 1
    /// (counted by SQL: `distribution_type = 1`, `parameter2_value = 1`): no spread, every sample
    /// the deterministic impact exactly.
    @Test func test_unit_geometric_deviations_give_no_spread() throws {
        let db = try OpenLCADatabase(path: Self.database)
        let process = try db.process(matching: "Injection molding, rigid polypropylene part, at plant").id
        let model = try UncertainCharacterisation.direct(database: db, processes: [process], categories: [try db.impactCategory(matching: Self.gwp).id])
        #expect(model.census.exchanges == ["log-normal": 2])
        let sampler = try model.sampler()
        for index in 0..<50 { #expect(try sampler.impacts(sample: index, seed: 1) == model.base) }
    }

    /// "Coal mine tailings storage and disposal" has 72 exchanges with a pedigree entry and no
    /// distribution (SQL: `pedigree_uncertainty <> ''` and `distribution_type` NULL): counted and said.
    @Test func test_pedigree_entries_without_distribution_are_said() throws {
        let db = try OpenLCADatabase(path: Self.database)
        let process = try db.process(matching: "90e6ea39-1ed4-32bc-9b03-0129c6d5b2f0").id
        let model = try UncertainCharacterisation.direct(database: db, processes: [process], categories: [try db.impactCategory(matching: Self.gwp).id])
        #expect(model.census.pedigreeOnly == 72)
        #expect(model.census.notes.contains { $0.hasPrefix("72 exchanges carry a pedigree entry but no distribution") })
    }
}
