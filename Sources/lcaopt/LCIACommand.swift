import ModelFamily
import ArgumentParser
import Foundation
import Impact
import OpenLCA
import Reports

/// `lcaopt lcia DB --process ID ...`: impacts per reference unit, as openLCA computes them.
struct LCIACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lcia",
        abstract: "Characterise processes: impacts and cost per reference unit of their reference product.",
        discussion: "Direct scope: each process's own elementary exchanges, unit-converted and divided by its reference amount.")

    @Argument(help: "An openLCA database exported to SQLite (opened read-only).")
    var database: String

    @Option(name: .customLong("process"), help: "A process ref_id or exact name (repeatable).")
    var processes: [String] = []

    @Option(help: "A file with one process ref_id or exact name per line (# starts a comment).")
    var processFile: String?

    @Option(name: .customLong("impact"), help: "An impact category ref_id or exact name (repeatable).")
    var impacts: [String] = []

    @Option(help: "All categories of this LCIA method (ref_id or exact name).")
    var method: String?

    @Flag(help: "All impact categories of the database.")
    var allImpacts = false

    @Option(help: "Also list the N largest contributions per process and category (elementary flows; upstream processes with --scope system).")
    var contributions = 0

    @Option(help: "direct (the process's own elementary exchanges) or system (cradle-to-gate through linked providers).")
    var scope: Scope = .direct

    @Option(help: "System scope: when several processes produce an input, take the first, the one at the same location, or fail.")
    var providerRule: ProviderRule = .first

    enum Scope: String, ExpressibleByArgument { case direct, system }

    @Option(help: "System scope: write every cut-off product flow (ref_id, name, processes using it) to this CSV file.")
    var cutoffs: String?

    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV.") var csv = false

    func validate() throws {
        if processes.isEmpty && processFile == nil { throw ValidationError("give at least one --process or a --process-file") }
        let selections = [!impacts.isEmpty, method != nil, allImpacts].filter { $0 }.count
        if selections != 1 { throw ValidationError("choose the categories with exactly one of --impact, --method or --all-impacts") }
        if json && csv { throw ValidationError("--json and --csv exclude each other") }
        if contributions < 0 { throw ValidationError("--contributions must be 0 or more") }
    }

    func run() throws {
        try reportingErrors {
            let db = try OpenLCADatabase(path: database)
            var names = processes
            if let processFile {
                guard let text = try? String(contentsOfFile: processFile, encoding: .utf8) else {
                    throw CommandFailure(message: "\(processFile): cannot read the process file", exitCode: 1)
                }
                names += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            }
            let processIDs = try names.map { try db.process(matching: $0).id }
            let categories: [ImpactCategory]
            if allImpacts {
                categories = try db.catalog().impactCategories.values.sorted { ($0.name, $0.refId) < ($1.name, $1.refId) }
            } else if let method {
                categories = try db.impactCategories(ofMethod: method)
            } else {
                // A category named twice (or once by id and once by name) is shown once.
                var seen = Set<Int64>()
                categories = try impacts.map { try db.impactCategory(matching: $0) }.filter { seen.insert($0.id).inserted }
                if categories.count < impacts.count {
                    printError("note: \(impacts.count - categories.count) --impact option\(impacts.count - categories.count == 1 ? "" : "s") named a category already requested; each category is shown once")
                }
            }
            let currency = try db.catalog().referenceCurrency
            let result: LCIAResult
            var processContributions: [[[ProcessContribution]]] = []
            if scope == .system {
                let system = try SystemCharacterisation.compute(database: db, processes: processIDs, categories: categories.map(\.id),
                                                                options: SystemOptions(providerRule: providerRule, contributions: contributions))
                result = system.lcia
                processContributions = system.processContributions
                printError("note: \(system.summary)")
                for choice in system.choices.prefix(20) {
                    printError("provider: \(choice.flowName) from \(choice.providerName) (\(choice.providerRefId)), \(choice.candidates) candidates, rule \(choice.rule)")
                }
                if system.choices.count > 20 { printError("provider: \(system.choices.count - 20) more chosen by the rule") }
                for cut in system.cutOffs.prefix(cutoffs == nil ? 10 : 0) {
                    printError("cut off: \(cut.flowName) (\(cut.flowRefId)), no provider; used by \(cut.processes) process\(cut.processes == 1 ? "" : "es")")
                }
                if let cutoffs {
                    do { try system.cutOffsCSV.write(toFile: cutoffs, atomically: true, encoding: .utf8) } catch {
                        throw CommandFailure(message: "\(cutoffs): cannot write the cut-off list: \(error.localizedDescription)", exitCode: 1)
                    }
                    printError("cut off: \(system.cutOffs.count) flows listed in \(cutoffs)")
                } else if system.cutOffs.count > 10 {
                    printError("cut off: \(system.cutOffs.count - 10) more flows (--cutoffs FILE writes them all)")
                }
            } else {
                result = try DirectCharacterisation.compute(database: db, processes: processIDs,
                                                            categories: categories.map(\.id), contributions: contributions)
            }
            for warning in result.warnings { printError("warning: \(warning)") }
            if json {
                try printJSON(LCIAOutput(result, processContributions: processContributions, currency: currency))
            } else if csv {
                printCSV(result, currency: currency)
            } else {
                printTable(result, currency: currency)
                printProcessContributions(result, processContributions)
            }
        }
    }

    private func printProcessContributions(_ result: LCIAResult, _ contributions: [[[ProcessContribution]]]) {
        for (process, perCategory) in zip(result.processes, contributions) {
            for (index, list) in perCategory.enumerated() where !list.isEmpty {
                print("\n\(process.process.name) – \(result.categories[index].name), largest upstream processes per 1 \(process.referenceUnit):")
                var table = TextTable(["process", "impact"])
                for item in list { table.add([item.processName, formatNumber(item.impact)]) }
                print(table.render())
            }
        }
    }

    private func printCSV(_ result: LCIAResult, currency: String) {
        var header = ["process", "name", "reference_flow", "reference_unit", "reference_amount"]
        header += result.categories.map { "\($0.name) [\($0.referenceUnit ?? "") per unit]" }
        header += ["cost [\(currency) per unit]", "multi_output", "notes"]
        print(header.map(csvField).joined(separator: ","))
        for process in result.processes {
            var row = [process.process.refId, process.process.name, process.referenceFlow.name, process.referenceUnit,
                       "\(process.referenceAmount)"]
            row += process.impacts.map { "\($0)" }
            row += [process.cost.map { "\($0)" } ?? "", process.isMultiOutput ? "true" : "false", process.notes.joined(separator: "; ")]
            print(row.map(csvField).joined(separator: ","))
        }
    }

    private func printTable(_ result: LCIAResult, currency: String) {
        var table = TextTable(["process", "name", "per"] + result.categories.map { "\($0.name) [\($0.referenceUnit ?? "")]" } + ["cost [\(currency)]"])
        for process in result.processes {
            table.add([String(process.process.refId.prefix(8)), String(process.process.name.prefix(50)), "1 \(process.referenceUnit)"]
                      + process.impacts.map { formatNumber($0) } + [process.cost.map { formatNumber($0) } ?? "-"])
        }
        print(table.render())
        for process in result.processes {
            for (index, list) in process.contributions.enumerated() where !list.isEmpty {
                print("\n\(process.process.name) – \(result.categories[index].name), largest contributions per 1 \(process.referenceUnit):")
                var contributions = TextTable(["flow", "amount", "unit", "impact"])
                for item in list {
                    contributions.add([item.flowName, formatNumber(item.amount), item.unit, formatNumber(item.impact)])
                }
                print(contributions.render())
            }
        }
        let noted = result.processes.filter { !$0.notes.isEmpty }
        if !noted.isEmpty {
            printError("notes:")
            for process in noted { printError("  \(process.process.name): \(process.notes.joined(separator: "; "))") }
        }
    }
}

/// The JSON shape of `lcaopt lcia --json`.
struct LCIAOutput: Encodable {
    struct Category: Encodable { var refId, name, unit, method: String }
    struct Contribution: Encodable { var flow, name, unit: String; var amount, impact: Double }
    struct Location: Encodable { var code: String?; var name: String; var latitude, longitude: Double? }
    struct Result: Encodable {
        var process, name, referenceFlow, referenceFlowId, referenceUnit: String
        var referenceAmount: Double
        var impacts: [String: Double]
        var cost: Double?
        var multiOutput: Bool
        var location: Location?
        var notes: [String]
        var contributions: [String: [Contribution]]?
        /// System scope: the upstream processes that contribute most, by category.
        var processContributions: [String: [ProcessShare]]?
    }
    struct ProcessShare: Encodable { var process, name: String; var impact: Double }

    var impactCategories: [Category]
    /// The currency of every `cost`.
    var costUnit: String
    var results: [Result]

    init(_ result: LCIAResult, processContributions: [[[ProcessContribution]]] = [], currency: String) {
        costUnit = currency
        impactCategories = zip(result.categories, result.methodNames).map {
            Category(refId: $0.refId, name: $0.name, unit: $0.referenceUnit ?? "", method: $1)
        }
        results = result.processes.enumerated().map { position, process in
            var impacts: [String: Double] = [:]
            var contributions: [String: [Contribution]] = [:]
            for (index, category) in result.categories.enumerated() {
                impacts[category.refId] = process.impacts[index]
                if index < process.contributions.count {
                    contributions[category.refId] = process.contributions[index].map {
                        Contribution(flow: $0.flowRefId, name: $0.flowName, unit: $0.unit, amount: $0.amount, impact: $0.impact)
                    }
                }
            }
            let location = process.location.map {
                Location(code: $0.code, name: $0.name, latitude: $0.hasCoordinates ? $0.latitude : nil,
                         longitude: $0.hasCoordinates ? $0.longitude : nil)
            }
            return Result(process: process.process.refId, name: process.process.name, referenceFlow: process.referenceFlow.name,
                          referenceFlowId: process.referenceFlow.refId, referenceUnit: process.referenceUnit,
                          referenceAmount: process.referenceAmount, impacts: impacts, cost: process.cost,
                          multiOutput: process.isMultiOutput, location: location, notes: process.notes,
                          contributions: contributions.isEmpty ? nil : contributions,
                          processContributions: position < processContributions.count ? Dictionary(uniqueKeysWithValues:
                              zip(result.categories.map(\.refId), processContributions[position].map { list in
                                  list.map { ProcessShare(process: $0.processRefId, name: $0.processName, impact: $0.impact) } })) : nil)
        }
    }
}

extension ProviderRule: ExpressibleByArgument {}
