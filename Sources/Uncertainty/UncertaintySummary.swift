import Batch
import Foundation
import ModelFamily
import Reports

/// The answers of a run, from every result in its folder: each objective's distribution per
/// decision, which of two decisions has the lower impact how often, and (re-optimising) how
/// often each choice is part of the optimum.
public struct UncertaintySummary: Sendable, Codable, Equatable {
    /// One objective of one decision over the samples.
    public struct Statistics: Sendable, Codable, Equatable {
        public var decision: String
        public var objective: String
        public var unit: String
        /// Without any draw.
        public var deterministic: Double?
        public var mean: Double
        /// The sample standard deviation (divided by n - 1).
        public var sd: Double
        /// Percentiles, interpolated linearly between order statistics (numpy's default).
        public var p5: Double
        public var p50: Double
        public var p95: Double
        public var samples: Int
    }

    /// How often decision `a` has the lower value of `objective` than decision `b` under the same draws.
    public struct Comparison: Sendable, Codable, Equatable {
        public var objective: String
        public var a: String
        public var b: String
        /// Samples with a < b, plus half of the ties, over the samples.
        public var probabilityALower: Double
        public var samples: Int
    }

    /// A choice and the share of samples whose optimum makes it.
    public struct Choice: Sendable, Codable, Equatable {
        public var choice: String
        public var samples: Int
        public var share: Double
        /// True when the optimum without draws makes it.
        public var deterministic: Bool
    }

    /// The optimum's choices that occur most often together.
    public struct Decision: Sendable, Codable, Equatable {
        public var choices: [String]
        public var samples: Int
        public var share: Double
        /// True when it is the optimum without draws.
        public var deterministic: Bool
    }

    /// Samples with a result, and those that failed (characterisation or solve), with the first errors.
    public var samples: Int
    public var failed: Int
    public var errors: [String]
    public var statistics: [Statistics]
    public var comparisons: [Comparison]
    public var choices: [Choice]
    public var mostFrequent: Decision?

    public init(manifest: UncertaintyManifest, results: [BatchResult]) {
        // In sample order, whatever order jobs and shards wrote them in: the same numbers for the same samples.
        let ok = results.filter { $0.status == "optimal" }.sorted { $0.index < $1.index }
        samples = ok.count
        failed = results.count - ok.count
        errors = Array(results.filter { $0.status != "optimal" }.compactMap { $0.error.map { "\($0)" } }.prefix(3))
        // Per decision, per objective: the values in sample order.
        let labels = manifest.decisions.map(\.label)
        let isFront = manifest.front != nil
        func values(_ decision: Int, _ objective: String) -> [Double] {
            ok.compactMap { result in
                isFront ? (result.points.flatMap { decision < $0.count ? $0[decision].objectives[objective] : nil }) : result.objectives[objective]
            }
        }
        var statistics: [Statistics] = []
        for (d, label) in labels.enumerated() {
            for objective in manifest.objectives {
                let list = values(d, objective)
                guard !list.isEmpty else { continue }
                statistics.append(Self.statistics(list, decision: label, objective: objective, unit: manifest.units[objective] ?? "",
                                                  deterministic: manifest.decisions[d].objectives[objective]))
            }
        }
        self.statistics = statistics
        var comparisons: [Comparison] = []
        if isFront && labels.count >= 2 {
            for objective in manifest.objectives where objective != "cost" {
                let columns = labels.indices.map { values($0, objective) }
                for a in labels.indices {
                    for b in labels.indices where b > a && columns[a].count == columns[b].count && !columns[a].isEmpty {
                        var lower = 0.0
                        for s in columns[a].indices { lower += columns[a][s] < columns[b][s] ? 1 : columns[a][s] == columns[b][s] ? 0.5 : 0 }
                        comparisons.append(Comparison(objective: objective, a: labels[a], b: labels[b],
                                                      probabilityALower: lower / Double(columns[a].count), samples: columns[a].count))
                    }
                }
            }
        }
        self.comparisons = comparisons
        var counts: [String: Int] = [:], decisions: [[String]: Int] = [:]
        for result in ok {
            guard let choices = result.choices else { continue }
            for choice in Set(choices) { counts[choice, default: 0] += 1 }
            decisions[choices.sorted(), default: 0] += 1
        }
        let deterministic = Set(manifest.decisions.first?.choices ?? [])
        choices = counts.map { Choice(choice: $0.key, samples: $0.value, share: Double($0.value) / Double(max(1, ok.count)), deterministic: deterministic.contains($0.key)) }
            .sorted { $0.samples != $1.samples ? $0.samples > $1.samples : $0.choice < $1.choice }
        mostFrequent = decisions.max { $0.value != $1.value ? $0.value < $1.value : $0.key.joined() > $1.key.joined() }.map {
            Decision(choices: $0.key, samples: $0.value, share: Double($0.value) / Double(max(1, ok.count)), deterministic: Set($0.key) == deterministic)
        }
    }

    /// The run and its summary, as `summary.json` and `uncertainty --json` write them.
    public struct Document: Encodable {
        public var run: UncertaintyManifest
        public var summary: UncertaintySummary
        public init(run: UncertaintyManifest, summary: UncertaintySummary) { (self.run, self.summary) = (run, summary) }
    }

    /// The comparisons of each point with the next one on the front.
    public func neighbouring(_ manifest: UncertaintyManifest) -> [Comparison] {
        let labels = manifest.decisions.map(\.label)
        return comparisons.filter { comparison in
            guard let a = labels.firstIndex(of: comparison.a), let b = labels.firstIndex(of: comparison.b) else { return false }
            return b == a + 1
        }
    }

    /// The 5-95 % interval of `objective` for the decision labelled `decision`; nil when there
    /// is none, or (`spreadOnly`) when it has no spread.
    public func interval(decision: String, objective: String, spreadOnly: Bool = false) -> (Double, Double)? {
        guard let row = statistics.first(where: { $0.decision == decision && $0.objective == objective }), !spreadOnly || row.sd > 0 else { return nil }
        return (row.p5, row.p95)
    }

    /// Mean, sample standard deviation and the 5/50/95 % percentiles of `values`.
    static func statistics(_ values: [Double], decision: String, objective: String, unit: String, deterministic: Double?) -> Statistics {
        let sorted = values.sorted()
        let n = Double(values.count)
        // Equal values have no spread (a mean rounded to a neighbour would give one); otherwise
        // the corrected two-pass algorithm (Chan, Golub and LeVeque 1983).
        let mean = sorted.first == sorted.last ? sorted[0] : values.reduce(0, +) / n
        let deviations = values.map { $0 - mean }
        let sum = deviations.reduce(0, +)
        let variance = values.count > 1 && sorted.first != sorted.last
            ? max(0, (deviations.reduce(0) { $0 + $1 * $1 } - sum * sum / n) / (n - 1)) : 0
        return Statistics(decision: decision, objective: objective, unit: unit, deterministic: deterministic, mean: mean, sd: variance.squareRoot(),
                          p5: percentile(sorted, 0.05), p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), samples: values.count)
    }

    /// The `q` quantile of ascending `sorted`, interpolated between order statistics: position
    /// `q * (n - 1)` (Hyndman and Fan's type 7, numpy's and R's default).
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? .nan }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }

    /// `summary.json`, `summary.csv`, `comparisons.csv` (front), `choices.csv` (re-optimised) and
    /// `uncertainty.svg` (a front of two objectives) in `directory`, each written whole.
    public func write(to directory: String, manifest: UncertaintyManifest) throws {
        try writeWhole(try UncertaintyFiles.encode(Document(run: manifest, summary: self)), to: directory + "/summary.json")
        try writeWhole(Data(statisticsCSV.utf8), to: directory + "/summary.csv")
        if !comparisons.isEmpty { try writeWhole(Data(comparisonsCSV.utf8), to: directory + "/comparisons.csv") }
        if manifest.mode == "reoptimise" { try writeWhole(Data(choicesCSV.utf8), to: directory + "/choices.csv") }
        if let svg = UncertaintyChart(manifest: manifest, summary: self)?.svg() { try writeWhole(Data(svg.utf8), to: directory + "/uncertainty.svg") }
    }

    /// The run and summary of an output folder: its `uncertainty.json` and every result in its `results.jsonl`.
    public static func read(directory: String) throws -> (UncertaintyManifest, UncertaintySummary) {
        guard let manifest = try UncertaintyManifest.read(directory: directory) else {
            throw UncertaintyError("\(directory): no uncertainty.json; is this a `lcaopt uncertainty` output folder? (copy a shard's uncertainty.json into a folder merged with `lcaopt batch merge`)")
        }
        let summary = UncertaintySummary(manifest: manifest, results: readResults(directory: directory))
        try summary.write(to: directory, manifest: manifest)
        return (manifest, summary)
    }

    public var statisticsCSV: String {
        "decision,objective,unit,deterministic,mean,sd,p5,p50,p95,samples\n" + statistics.map { row in
            [csvField(row.decision), csvField(row.objective), csvField(row.unit), row.deterministic.map { "\($0)" } ?? "",
             "\(row.mean)", "\(row.sd)", "\(row.p5)", "\(row.p50)", "\(row.p95)", "\(row.samples)"].joined(separator: ",") + "\n"
        }.joined()
    }

    public var comparisonsCSV: String {
        "objective,a,b,probability_a_lower,samples\n" + comparisons.map {
            "\(csvField($0.objective)),\(csvField($0.a)),\(csvField($0.b)),\($0.probabilityALower),\($0.samples)\n"
        }.joined()
    }

    public var choicesCSV: String {
        "choice,samples,share,deterministic\n" + choices.map { "\(csvField($0.choice)),\($0.samples),\($0.share),\($0.deterministic)\n" }.joined()
    }
}

extension UncertaintySummary {
    /// The report's section: the statistics of each point's impacts, the neighbouring points
    /// compared under the same draws, what was drawn, and the front with its 5-95 % bars.
    public func reportSection(manifest: UncertaintyManifest, command: String) -> ReportSection {
        func number(_ value: Double) -> String { ResultTable.reportNumber(value) }
        var text = "## How sure these results are\n\n"
        text += "\(samples) Monte Carlo samples of the database's distributions (seed \(manifest.seed), \(manifest.scope) scope, a log-normal's "
            + "first parameter read as its \(manifest.lognormal)), each point's decision held fixed; made with `\(command)`.\n\n"
        text += manifest.drawn.map { "- \($0)\n" }.joined() + "\n"
        text += "| decision | objective | deterministic | mean | sd | 5 % | 50 % | 95 % |\n|---|---|---|---|---|---|---|---|\n"
        for row in statistics where row.objective != "cost" {
            text += "| \(row.decision) | \(row.objective) [\(row.unit)] | \(row.deterministic.map(number) ?? "") | \(number(row.mean)) | \(number(row.sd)) | "
                + "\(number(row.p5)) | \(number(row.p50)) | \(number(row.p95)) |\n"
        }
        let neighbours = neighbouring(manifest)
        if !neighbours.isEmpty {
            text += "\nNeighbouring points under the same draws (common random numbers): how often the first has the lower value.\n\n"
            text += "| objective | a | b | P(a lower) |\n|---|---|---|---|\n"
            for row in neighbours { text += "| \(row.objective) | \(row.a) | \(row.b) | \(String(format: "%.3f", row.probabilityALower)) |\n" }
        }
        if failed > 0 { text += "\n\(failed) samples failed: \(errors.joined(separator: "; "))\n" }
        let chart = UncertaintyChart(manifest: manifest, summary: self).map { (name: "uncertainty", svg: $0.svg()) }
        return ReportSection(title: "Front with 5-95 % intervals", markdown: text.trimmingCharacters(in: .newlines), chart: chart)
    }
}
