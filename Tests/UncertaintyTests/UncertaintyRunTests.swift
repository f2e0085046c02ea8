import Batch
import Foundation
import GLPKBackend
import Impact
import LPModel
import ModelFamily
import ModelLoader
import OpenLCA
import OpenLCAFixtures
import SupplyChain
import Testing
import Uncertainty

/// Whole runs on a supply chain of two suppliers of one material on ``UncertaintyDatabase``:
/// `ln` (process `u-lognormal`, GWP log-normal with median 2 kg per kg, cost 2) and `nm`
/// (`u-normal`, GWP normal with mean 3 and sd 0.5, cost 1); 10 kg are needed. The deterministic
/// front has two corners: all `nm` (cost 10, gwp 30) and all `ln` (cost 20, gwp 20).
@Suite struct UncertaintyRunTests {
    static func model(directory: String) throws -> String {
        let path = directory + "/two-suppliers.json"
        let text = """
            {"name": "two suppliers", "database": "\(try FixtureFiles.uncertain())",
             "indicators": [{"id": "gwp", "impactCategory": "Climate change"}],
             "sites": [{"id": "plant"}],
             "materials": [{"id": "m", "unit": "kg", "suppliers": [
               {"id": "ln", "process": "u-lognormal", "cost": 2}, {"id": "nm", "process": "u-normal", "cost": 1}]}],
             "demands": [{"id": "d", "site": "plant", "amount": 10, "requires": {"m": 1}}]}
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func temporary() -> String {
        let path = NSTemporaryDirectory() + "lcaopt-uncertainty-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func options(samples: Int, jobs: Int = 1, out: String? = nil) -> UncertaintyOptions {
        UncertaintyOptions(samples: samples, seed: 42, jobs: jobs, outDirectory: out, makeBackend: { GLPKSolver() })
    }

    static func loaded(_ directory: String) throws -> LoadedModel { try ModelSource.load(path: try model(directory: directory)) }

    /// P(LN < N) for LN log-normal (median 2, gsd 1.5) and N normal (3, 0.5), independent:
    /// the integral of P(LN < x) f(x) dx, f the normal density and P(LN < x) = Phi((ln x - ln 2) / ln 1.5),
    /// by Simpson's rule over 3 -/+ 5 sd (about 0.81).
    static var probabilityLogNormalBelowNormal: Double {
        func phi(_ z: Double) -> Double { 0.5 * erfc(-z / 2.squareRoot()) }
        func density(_ x: Double) -> Double { exp(-pow((x - 3) / 0.5, 2) / 2) / (0.5 * (2 * Double.pi).squareRoot()) }
        let steps = 4000, low = 0.5, h = 5.0 / Double(steps)
        var integral = 0.0
        for i in 0...steps {
            let x = low + Double(i) * h
            let weight: Double = i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2)
            integral += weight * phi((log(x) - log(2)) / log(1.5)) * density(x)
        }
        return integral * h / 3
    }

    /// Evaluate mode: a sample's objectives are the LP's objective rows, built with that sample's
    /// impacts, at the fixed decision (all 10 kg from `nm`): gwp = 10 x the sample's normal draw, cost 10.
    @Test func test_evaluated_objectives_are_the_sampled_rows_at_the_decision() throws {
        let directory = Self.temporary()
        let loaded = try Self.loaded(directory)
        let data = try #require(loaded.supplyChain)
        let outcome = try UncertaintyRun.run(data, database: loaded.database!, options: Self.options(samples: 50, out: directory + "/out"))
        let results = readResults(directory: directory + "/out").sorted { $0.index < $1.index }
        #expect(results.count == 50)
        let links = try #require(data.impactLinks)
        let characterisation = try UncertainCharacterisation.direct(database: loaded.database!, processes: links.processes, categories: links.categories)
        let sampler = try characterisation.sampler()
        let decision = try #require(outcome.manifest.decisions.first)
        #expect(decision.choices == ["supplier nm"])
        let problem = try data.problem(objective: "cost", names: true)
        let solved = try CachingSolver(GLPKSolver()).solve(problem.model, edits: ModelEdits())
        for result in results.prefix(10) {
            let impacts = try sampler.impacts(sample: result.index, seed: 42)
            var map: [Int64: [Double]] = [:]
            for (p, process) in characterisation.processes.enumerated() { map[process] = impacts[p] }
            let sampled = try data.applyingImpacts(map).problem(objective: "cost", names: true)
            let gwp = sampled.model.objectives[sampled.objectiveIndex["gwp"]!].value(at: solved.primal)
            #expect(abs(result.objectives["gwp"]! - gwp) <= 1e-9 * abs(gwp))
            let nm = characterisation.processes.firstIndex(of: try loaded.database!.process(matching: "u-normal").id)!
            #expect(abs(gwp - 10 * impacts[nm][0]) <= 1e-9 * gwp)
            #expect(result.objectives["cost"] == 10)
        }
        // Cost carries no distribution: no spread at all.
        let cost = try #require(outcome.summary.statistics.first { $0.objective == "cost" })
        #expect(cost.sd == 0 && cost.p5 == 10 && cost.p95 == 10)
    }

    /// The same seed gives the same samples on one job, on two, and over two shards.
    @Test func test_seeds_reproduce_across_jobs_and_shards() throws {
        let directory = Self.temporary()
        let loaded = try Self.loaded(directory)
        let data = try #require(loaded.supplyChain)
        func objectives(_ options: UncertaintyOptions) throws -> [String: [String: Double]] {
            _ = try UncertaintyRun.run(data, database: loaded.database!, options: options)
            var map: [String: [String: Double]] = [:]
            for result in readResults(directory: options.outDirectory!) { map[result.id] = result.objectives }
            return map
        }
        let one = try objectives(Self.options(samples: 40, out: directory + "/one"))
        let two = try objectives(Self.options(samples: 40, jobs: 2, out: directory + "/two"))
        var shard0 = Self.options(samples: 40, out: directory + "/s0"), shard1 = Self.options(samples: 40, out: directory + "/s1")
        shard0.shard = (0, 2)
        shard1.shard = (1, 2)
        let shards = try objectives(shard0).merging(try objectives(shard1)) { a, _ in a }
        #expect(one.count == 40 && one == two && one == shards)
    }

    /// Re-optimising for gwp, `ln` wins a sample when its draw is below `nm`'s, with
    /// probability ``probabilityLogNormalBelowNormal``: 2,000 samples match it within 4 binomial
    /// standard errors.
    @Test func test_reoptimised_choice_frequency_matches_the_probability() throws {
        let directory = Self.temporary()
        let loaded = try Self.loaded(directory)
        let data = try #require(loaded.supplyChain)
        var options = Self.options(samples: 2000, jobs: 2)
        options.reoptimise = true
        let outcome = try UncertaintyRun.run(data, database: loaded.database!, options: options)
        #expect(outcome.manifest.objective == "gwp")
        let probability = Self.probabilityLogNormalBelowNormal
        let share = try #require(outcome.summary.choices.first { $0.choice == "supplier ln" }).share
        let error = (probability * (1 - probability) / 2000).squareRoot()
        #expect(abs(share - probability) < 4 * error, "share \(share) vs \(probability)")
        let nm = try #require(outcome.summary.choices.first { $0.choice == "supplier nm" }).share
        #expect(abs(share + nm - 1) < 1e-12)
    }

    /// `--resume` keeps what is in the folder and computes only what is missing; a folder of
    /// another seed is refused.
    @Test func test_resume_computes_only_the_missing_samples() throws {
        let directory = Self.temporary()
        let loaded = try Self.loaded(directory)
        let data = try #require(loaded.supplyChain)
        let out = directory + "/out"
        let first = try UncertaintyRun.run(data, database: loaded.database!, options: Self.options(samples: 30, out: out))
        // A run killed after 20 samples: keep the first 20 lines.
        let lines = try String(contentsOfFile: out + "/results.jsonl", encoding: .utf8).split(separator: "\n").prefix(20)
        try (lines.joined(separator: "\n") + "\n").write(toFile: out + "/results.jsonl", atomically: true, encoding: .utf8)
        var again = Self.options(samples: 30, out: out)
        again.resume = true
        let resumed = try UncertaintyRun.run(data, database: loaded.database!, options: again)
        #expect(resumed.computed == 10 && resumed.skipped == 20)
        #expect(resumed.summary == first.summary)
        again.seed = 43
        #expect(throws: UncertaintyError.self) { try UncertaintyRun.run(data, database: loaded.database!, options: again) }
    }

    /// A front's points under the same draws: point 1 (all `nm`) has the lower gwp than point 2
    /// (all `ln`) in exactly the samples where the normal draw is below the log-normal one.
    @Test func test_front_points_are_compared_under_common_draws() throws {
        let directory = Self.temporary()
        let loaded = try Self.loaded(directory)
        let data = try #require(loaded.supplyChain)
        var options = Self.options(samples: 500, out: directory + "/front")
        options.front = ["cost", "gwp"]
        let outcome = try UncertaintyRun.run(data, database: loaded.database!, options: options)
        #expect(outcome.manifest.decisions.map(\.choices) == [["supplier nm"], ["supplier ln"]])
        let results = readResults(directory: directory + "/front")
        let comparison = try #require(outcome.summary.comparisons.first { $0.a == "point 1" && $0.b == "point 2" })
        let counted = results.filter { ($0.points![0].objectives["gwp"]!) < ($0.points![1].objectives["gwp"]!) }.count
        #expect(comparison.probabilityALower == Double(counted) / Double(results.count))
        #expect(FileManager.default.fileExists(atPath: directory + "/front/uncertainty.svg"))
        let svg = try String(contentsOfFile: directory + "/front/uncertainty.svg", encoding: .utf8)
        #expect(svg.contains("point 1: gwp"))
    }

    /// The same two suppliers as a network (one bus, 10 kg demanded): evaluated, the cost-optimal
    /// decision's gwp is 10 x the normal draw in every sample; re-optimised, `ln` is used with
    /// the same probability as in the supply chain.
    @Test func test_network_models_are_sampled_alike() throws {
        let directory = Self.temporary()
        let path = directory + "/two-supplies.yaml"
        try """
            kind: network
            name: two supplies
            database: \(try FixtureFiles.uncertain())
            carriers: [{id: steel, unit: kg}]
            buses: [{id: plant, carrier: steel}]
            indicators: [{id: gwp, impactCategory: Climate change}]
            supplies:
              - {id: ln, bus: plant, cost: 2, process: u-lognormal}
              - {id: nm, bus: plant, cost: 1, process: u-normal}
            demands: [{id: need, bus: plant, amount: 10}]
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try ModelSource.load(path: path)
        let db = loaded.database!
        let evaluated = try UncertaintyRun.run(loaded.family, database: db, options: Self.options(samples: 100, out: directory + "/evaluate"))
        #expect(evaluated.manifest.decisions.first?.choices == ["use nm"])
        let links = try #require(loaded.family.impactLinks)
        let characterisation = try UncertainCharacterisation.direct(database: db, processes: links.processes, categories: links.categories)
        let sampler = try characterisation.sampler()
        let nm = characterisation.processes.firstIndex(of: try db.process(matching: "u-normal").id)!
        for result in readResults(directory: directory + "/evaluate").prefix(20) {
            let draw = try sampler.impacts(sample: result.index, seed: 42)[nm][0]
            #expect(abs(result.objectives["gwp"]! - 10 * draw) <= 1e-9 * 10 * draw)
        }
        var options = Self.options(samples: 2000, jobs: 2)
        options.reoptimise = true
        let outcome = try UncertaintyRun.run(loaded.family, database: db, options: options)
        let probability = Self.probabilityLogNormalBelowNormal
        let share = try #require(outcome.summary.choices.first { $0.choice == "use ln" }).share
        #expect(abs(share - probability) < 4 * (probability * (1 - probability) / 2000).squareRoot(), "share \(share) vs \(probability)")
    }
}
