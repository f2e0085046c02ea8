import Foundation

/// The outcome of merging shard outputs.
public struct MergeSummary: Sendable {
    public var results: Int
    /// Ids of the scenario file with no result in any shard.
    public var missing: [String]
    /// Ids with more than one result (the first is kept).
    public var duplicates: [String]
}

/// Merges the output folders of sharded runs into one result set in scenario-file order.
public enum BatchMerge {
    public static func merge(_ directories: [String], into out: String) throws -> MergeSummary {
        let decoder = JSONDecoder()
        var manifest: BatchManifest?
        var seen: [String: BatchResult] = [:]
        var duplicates: [String] = []
        for directory in directories {
            guard let data = FileManager.default.contents(atPath: directory + "/batch.json") else {
                throw ScenarioError(lineNumber: 0, id: nil, message: "\(directory): no batch.json; is this a `lcaopt batch` output folder?")
            }
            let shardManifest: BatchManifest
            do { shardManifest = try decoder.decode(BatchManifest.self, from: data) } catch {
                throw ScenarioError(lineNumber: 0, id: nil, message: "\(directory)/batch.json is damaged (\(ScenarioFile.describe(error))); run that shard again")
            }
            if let manifest, manifest.ids != shardManifest.ids {
                throw ScenarioError(lineNumber: 0, id: nil, message: "\(directory): its scenarios differ from \(directories[0])'s")
            }
            if let manifest, manifest.objectives != shardManifest.objectives {
                throw ScenarioError(lineNumber: 0, id: nil, message: "\(directory): its objective columns (\(shardManifest.objectives.joined(separator: ", "))) differ from \(directories[0])'s (\(manifest.objectives.joined(separator: ", "))); merge shards of one model")
            }
            manifest = manifest ?? shardManifest
            for result in readResults(directory: directory) {
                if seen[result.id] != nil { duplicates.append(result.id) } else { seen[result.id] = result }
            }
        }
        guard var manifest else { throw ScenarioError(lineNumber: 0, id: nil, message: "no folders to merge") }
        manifest.shard = nil
        let writer = try ResultWriter(directory: out, objectives: manifest.objectives, units: manifest.units, keep: false)
        defer { try? writer.finish() }  // also when an append fails: the writer thread stops
        var missing: [String] = []
        var written = Set<String>()
        for id in manifest.ids where written.insert(id).inserted {
            if let result = seen[id] { try writer.append(result) } else { missing.append(id) }
        }
        try writer.finish()
        try writeWhole(manifest.jsonData(), to: out + "/batch.json")
        return MergeSummary(results: written.count - missing.count, missing: missing, duplicates: duplicates.sorted())
    }
}
