import OpenLCA
import SparseLU

/// Characterisation redone per Monte Carlo sample, as openLCA's simulator does it
/// (olca-core `org.openlca.core.math.Simulator` over an `UMatrix`): every exchange amount and
/// characterisation factor with a distribution is drawn anew in its own unit, then converted,
/// allocated and signed like the stored amount (`UExchangeCell.next` sets the amount and calls
/// `CalcExchange.matrixValue`; `UImpactCell.next` likewise with `CalcImpactFactor`). Each matrix
/// entry is a cell of its own (an exchange allocated to two products is drawn for each); each
/// factor is one cell, shared by every process that emits the flow.
///
/// The structure (which exchanges, which factors, the technology matrix's pattern and its
/// symbolic analysis) is read and built once; a sample costs the draws, the sums and, in the
/// system scope, one numeric refactorisation of the technology matrix and one transposed solve
/// per category.
public struct UncertainCharacterisation: Sendable {
    /// The categories, in the order of every impact vector.
    public let categories: [ImpactCategory]
    /// The requested processes (database ids), in the order of ``base`` and of every sample.
    public let processes: [Int64]
    /// Impacts per reference unit of each process without any draw: the deterministic result.
    public let base: [[Double]]
    /// What the database's distributions are, and which are held at their amounts.
    public let census: UncertaintyCensus
    /// Every cell drawn per sample, in draw order (exchange cells first, then factor cells).
    let cells: [SampledValue]
    let factors: FactorLayout
    let layout: Layout

    enum Layout: Sendable {
        case direct(DirectLayout)
        case system(SystemLayout)
    }

    /// Factors per reference unit, by position; a factor with a distribution has a cell.
    struct FactorLayout: Sendable {
        var base: [Double] = []
        var cell: [Int32] = []
        var conversion: [Double] = []
    }

    /// Elementary exchanges grouped by flow within an owner (a process, a matrix column): the
    /// group's exchanges are summed into a net amount, which each of the flow's factors characterises.
    struct Groups: Sendable {
        var ownerStart: [Int] = [0]
        var entryStart: [Int] = [0]
        var factorStart: [Int] = [0]
        var amount: [Double] = []
        var conversion: [Double] = []
        var cell: [Int32] = []
        var isInput: [Bool] = []
        var factorCategory: [Int] = []
        var factorPosition: [Int] = []
        /// True when the factor enters negated (the flow's direction is input).
        var factorNegated: [Bool] = []

        /// Adds to `impacts[offset + category]` the owner's characterised exchanges divided by
        /// `divisor` (a process's reference amount; as ``InventoryCollector``, flow by flow), with
        /// `draws` for the cells and `factorValues` for the factors.
        func characterise(owner: Int, draws: [Double], factorValues: [Double], divisor: Double = 1, into impacts: inout [Double], offset: Int) {
            for group in ownerStart[owner]..<ownerStart[owner + 1] {
                var net = 0.0
                for e in entryStart[group]..<entryStart[group + 1] {
                    let amount = cell[e] < 0 ? self.amount[e] : draws[Int(cell[e])] * conversion[e]
                    net += isInput[e] ? -amount : amount
                }
                for f in factorStart[group]..<factorStart[group + 1] {
                    let value = factorValues[factorPosition[f]]
                    impacts[offset + factorCategory[f]] += net * (factorNegated[f] ? -value : value) / divisor
                }
            }
        }
    }

    struct DirectLayout: Sendable {
        var referenceAmount: [Double]
        var referenceConversion: [Double]
        var referenceCell: [Int32]
        var groups: Groups
    }

    struct SystemLayout: Sendable {
        var size: Int
        var rows: [Int32], columns: [Int32], values: [Double]
        var tripletCell: [Int32], tripletScale: [Double]
        var groups: Groups
        var demandColumn: [Int], demandValue: [Double]
    }

    /// The direct scope (each process's own elementary exchanges), as ``DirectCharacterisation``.
    public static func direct(database: OpenLCADatabase, processes: [Int64], categories: [Int64],
                              convention: LogNormalConvention = .median) throws(OpenLCAError) -> UncertainCharacterisation {
        var (catalog, categoryList, table, inventory) = try DirectCharacterisation.collect(database: database, processes: processes, categories: categories)
        var base: [[Double]] = []
        for position in processes.indices {
            base.append(try inventory.result(position, categories: categoryList, factors: table, keep: 0).impacts)
        }
        var builder = CellBuilder(convention: convention, table: table)
        var direct = DirectLayout(referenceAmount: [], referenceConversion: [], referenceCell: [], groups: Groups())
        for position in processes.indices {
            let reference = inventory.references[position]!
            direct.referenceAmount.append(reference.amount)
            direct.referenceConversion.append(catalog.exchangeFactor(unit: reference.unit, propertyFactor: reference.flowPropertyFactor))
            direct.referenceCell.append(builder.cell(reference.uncertainty, exchange: true))
            let entries = inventory.entries[inventory.starts[position]..<inventory.starts[position + 1]]
            builder.addGroups(entries.map { ($0.flow, $0.amount, $0.conversion, $0.uncertainty, $0.isInput) }, to: &direct.groups)
        }
        builder.census.pedigreeOnly = try database.pedigreeWithoutDistribution(ofProcesses: processes)
        return builder.finish(categories: categoryList, processes: processes, base: base, layout: .direct(direct))
    }

    /// The system scope (cradle-to-gate through the linked technology matrix), as ``SystemCharacterisation``.
    public static func system(database: OpenLCADatabase, processes: [Int64], categories: [Int64], options: SystemOptions = SystemOptions(),
                              convention: LogNormalConvention = .median) throws(OpenLCAError) -> UncertainCharacterisation {
        var network = try NetworkBuilder(database: database, categories: categories, options: options)
        network.recording = true
        try network.build(from: processes)
        let result = try network.solve(requested: processes)
        var builder = CellBuilder(convention: convention, table: network.factors)
        var tripletCell: [Int32] = [], tripletScale: [Double] = []
        for source in network.tripletSources {
            tripletCell.append(builder.cell(source.uncertainty, exchange: true))
            tripletScale.append(source.scale)
        }
        var groups = Groups()
        for entries in network.columnEntries {
            builder.addGroups(entries.map { ($0.flow, $0.amount, $0.scale, $0.uncertainty, $0.isInput) }, to: &groups,
                              directions: entries.map(\.flowIsInput))
        }
        builder.census.pedigreeOnly = try database.pedigreeWithoutDistribution(ofProcesses: Set(result.columnProcess))
        let system = SystemLayout(size: result.size, rows: result.rows, columns: result.columns, values: result.values,
                                  tripletCell: tripletCell, tripletScale: tripletScale, groups: groups,
                                  demandColumn: result.demandColumn, demandValue: result.demandValue)
        return builder.finish(categories: network.categories, processes: processes, base: result.lcia.processes.map(\.impacts),
                              layout: .system(system))
    }

    /// A sampler for one thread (in the system scope it owns a factorisation of its own).
    public func sampler() throws(OpenLCAError) -> Sampler { try Sampler(self) }

    /// Draws and characterises samples of an ``UncertainCharacterisation`` on one thread.
    public final class Sampler {
        static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }

        let model: UncertainCharacterisation
        private var draws: [Double]
        private var factorValues: [Double]
        private var lu: SparseLU?
        private var triplets: [Double] = []
        /// System scope with no distribution in the technology matrix: A is the same in every
        /// sample, so each requested process's scaling vector `s = A^-1 f` is solved once
        /// (by process, dense) and a sample's impacts are `d_i . s` (no factorisation, no solve).
        private var scaling: [[Double]] = []
        /// Seconds spent drawing, and characterising with the draws, summed over this sampler's samples.
        public private(set) var drawSeconds = 0.0
        public private(set) var characteriseSeconds = 0.0

        init(_ model: UncertainCharacterisation) throws(OpenLCAError) {
            self.model = model
            draws = Array(repeating: 0, count: model.cells.count)
            factorValues = model.factors.base
            if case .system(let system) = model.layout {
                do { lu = try SparseLU(size: system.size, rows: system.rows, columns: system.columns, values: system.values) } catch {
                    throw .readFailed(path: "technology matrix", detail: error.description)
                }
                triplets = system.values
                if !system.tripletCell.contains(where: { $0 >= 0 }) {
                    do {
                        for p in model.processes.indices {
                            var demand = [Double](repeating: 0, count: system.size)
                            demand[system.demandColumn[p]] = system.demandValue[p]
                            scaling.append(try lu!.solve(demand))
                        }
                    } catch { throw .readFailed(path: "technology matrix", detail: error.description) }
                }
            }
        }

        /// Impacts per reference unit of every requested process (``UncertainCharacterisation/processes``
        /// order, each in category order) in sample `index` of a run seeded with `seed`.
        public func impacts(sample index: Int, seed: UInt64) throws(SparseLUError) -> [[Double]] {
            var flat: [Double] = []
            try impacts(sample: index, seed: seed, into: &flat)
            let k = model.categories.count
            return model.processes.indices.map { p in Array(flat[p * k..<(p + 1) * k]) }
        }

        /// ``impacts(sample:seed:)`` into `flat`, process `p`'s category `k` at `p * K + k`
        /// (no array per process: what a run's samples use).
        public func impacts(sample index: Int, seed: UInt64, into flat: inout [Double]) throws(SparseLUError) {
            let clock = ContinuousClock()
            let start = clock.now
            // Locals, not the class's stored arrays, in the loops: no exclusivity check or
            // retain per element.
            var draws = self.draws, factorValues = self.factorValues
            self.draws = []
            self.factorValues = []
            defer { (self.draws, self.factorValues) = (draws, factorValues) }
            var stream = SampleStream(seed: seed, sample: index)
            model.cells.withUnsafeBufferPointer { cells in
                draws.withUnsafeMutableBufferPointer { out in
                    for c in cells.indices { out[c] = cells[c].draw(&stream) }
                }
            }
            let drawn = clock.now
            drawSeconds += Self.seconds(drawn - start)
            defer { characteriseSeconds += Self.seconds(clock.now - drawn) }
            let factors = model.factors
            for f in factors.base.indices where factors.cell[f] >= 0 { factorValues[f] = draws[Int(factors.cell[f])] * factors.conversion[f] }
            let categories = model.categories.count
            let count = model.processes.count * categories
            if flat.count != count { flat = [Double](repeating: 0, count: count) } else { for i in flat.indices { flat[i] = 0 } }
            switch model.layout {
            case .direct(let direct):
                for p in model.processes.indices {
                    let raw = direct.referenceCell[p] < 0 ? direct.referenceAmount[p] : draws[Int(direct.referenceCell[p])]
                    direct.groups.characterise(owner: p, draws: draws, factorValues: factorValues, divisor: abs(raw * direct.referenceConversion[p]),
                                               into: &flat, offset: p * categories)
                }
            case .system(let system):
                var columnImpacts = [Double](repeating: 0, count: system.size * categories)
                for c in 0..<system.size {
                    system.groups.characterise(owner: c, draws: draws, factorValues: factorValues, into: &columnImpacts, offset: c * categories)
                }
                if !scaling.isEmpty {
                    for p in model.processes.indices {
                        let s = scaling[p]
                        for c in 0..<system.size where s[c] != 0 {
                            for i in 0..<categories { flat[p * categories + i] += columnImpacts[c * categories + i] * s[c] }
                        }
                    }
                    return
                }
                var triplets = self.triplets
                self.triplets = []
                defer { self.triplets = triplets }
                for k in triplets.indices where system.tripletCell[k] >= 0 { triplets[k] = draws[Int(system.tripletCell[k])] * system.tripletScale[k] }
                try lu!.refactorise(values: triplets)
                // d_i per column, then lambda_i = A'^-1 d_i, so that EI[i, p] = lambda_i[c_p] f_p.
                for i in 0..<categories {
                    let adjoint = try lu!.solve((0..<system.size).map { columnImpacts[$0 * categories + i] }, transposed: true)
                    for p in model.processes.indices { flat[p * categories + i] = adjoint[system.demandColumn[p]] * system.demandValue[p] }
                }
            }
        }
    }
}

/// How many amounts and factors carry each kind of distribution, and which are held at their
/// stored amount because they cannot be drawn from (said in every uncertainty report).
public struct UncertaintyCensus: Sendable, Equatable, Codable {
    /// Exchange cells by kind (`log-normal`, `normal`, `triangle`, `uniform`).
    public var exchanges: [String: Int] = [:]
    /// Characterisation factors by kind.
    public var factors: [String: Int] = [:]
    /// Exchange cells without a distribution.
    public var fixedExchanges = 0
    /// Log-normal cells whose geometric standard deviation is 0 ("none stated"): held at their amount.
    public var heldLogNormal = 0
    /// Distributions that cannot be read (unknown type, a parameter that is no number): held,
    /// with the first reasons.
    public var unusable = 0
    public var reasons: [String] = []
    /// Exchanges with a pedigree entry but no distribution (not drawn, as in openLCA).
    public var pedigreeOnly = 0

    /// Lines for a report: what is drawn, what is held and why.
    public var notes: [String] {
        func list(_ counts: [String: Int]) -> String {
            counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        }
        var lines = ["distributions drawn: exchange amounts \(list(exchanges)) (\(fixedExchanges) without one), characterisation factors \(list(factors))"]
        if heldLogNormal > 0 {
            lines.append("\(heldLogNormal) log-normal amounts store a geometric standard deviation of 0 (none stated): held at their amounts (openLCA would draw infinities from ln 0)")
        }
        if pedigreeOnly > 0 {
            lines.append("\(pedigreeOnly) exchanges carry a pedigree entry but no distribution: not drawn (openLCA's simulator draws stored distributions only; its editor stores a log-normal when a pedigree is applied)")
        }
        if unusable > 0 { lines.append("\(unusable) distributions cannot be drawn from and are held at their amounts: " + reasons.joined(separator: "; ")) }
        return lines
    }
}

/// Numbers the cells of a structure in draw order and lays out factors and exchange groups.
struct CellBuilder {
    let convention: LogNormalConvention
    let table: FactorTable
    var cells: [SampledValue] = []
    var census = UncertaintyCensus()
    var factors = UncertainCharacterisation.FactorLayout()
    var factorIndex: [FactorTable.Key: Int] = [:]

    init(convention: LogNormalConvention, table: FactorTable) {
        self.convention = convention
        self.table = table
    }

    /// The cell of a distribution (-1: none, or held), counted in the census.
    mutating func cell(_ uncertainty: Result<Uncertainty?, Uncertainty.Unusable>, exchange: Bool) -> Int32 {
        switch uncertainty {
        case .success(nil):
            if exchange { census.fixedExchanges += 1 }
            return -1
        case .failure(let problem):
            census.unusable += 1
            if census.reasons.count < 3 && !census.reasons.contains(problem.reason) { census.reasons.append(problem.reason) }
            return -1
        case .success(let distribution?):
            if exchange { census.exchanges[distribution.kind, default: 0] += 1 } else { census.factors[distribution.kind, default: 0] += 1 }
            guard let value = SampledValue(distribution, convention: convention) else {
                census.heldLogNormal += 1
                return -1
            }
            cells.append(value)
            return Int32(cells.count - 1)
        }
    }

    /// The position of a factor; the factor's distribution, if any, becomes a cell on first use.
    mutating func factor(flow: Int64, category: Int, value: Double) -> Int {
        let key = FactorTable.Key(flow: flow, category: category)
        if let position = factorIndex[key] { return position }
        factorIndex[key] = factors.base.count
        factors.base.append(value)
        let uncertain = table.uncertain[key]
        factors.conversion.append(uncertain?.conversion ?? 1)
        factors.cell.append(-1)
        if let uncertain { pendingFactorCells.append((factors.base.count - 1, uncertain.uncertainty)) }
        return factors.base.count - 1
    }

    /// Factor cells are numbered after every exchange cell (``finish``).
    var pendingFactorCells: [(position: Int, uncertainty: Result<Uncertainty?, Uncertainty.Unusable>)] = []

    /// Appends one owner's exchanges (sorted by flow, the first of a flow giving its direction
    /// unless `directions` says it) as groups by flow.
    mutating func addGroups(_ entries: [(flow: Int64, amount: Double, conversion: Double, uncertainty: Result<Uncertainty?, Uncertainty.Unusable>, isInput: Bool)],
                            to groups: inout UncertainCharacterisation.Groups, directions: [Bool]? = nil) {
        var position = 0
        while position < entries.count {
            let flow = entries[position].flow
            let flowIsInput = directions?[position] ?? entries[position].isInput
            while position < entries.count && entries[position].flow == flow {
                let entry = entries[position]
                groups.amount.append(entry.amount)
                groups.conversion.append(entry.conversion)
                groups.cell.append(cell(entry.uncertainty, exchange: true))
                groups.isInput.append(entry.isInput)
                position += 1
            }
            groups.entryStart.append(groups.amount.count)
            for (category, value) in table.entries[flow] ?? [] {
                groups.factorCategory.append(category)
                groups.factorPosition.append(factor(flow: flow, category: category, value: value))
                groups.factorNegated.append(table.directions[category].map { $0 == .input } ?? flowIsInput)
            }
            groups.factorStart.append(groups.factorCategory.count)
        }
        groups.ownerStart.append(groups.entryStart.count - 1)
    }

    mutating func finish(categories: [ImpactCategory], processes: [Int64], base: [[Double]],
                         layout: UncertainCharacterisation.Layout) -> UncertainCharacterisation {
        for (position, uncertainty) in pendingFactorCells.sorted(by: { $0.position < $1.position }) {
            factors.cell[position] = cell(uncertainty, exchange: false)
        }
        return UncertainCharacterisation(categories: categories, processes: processes, base: base, census: census, cells: cells,
                                         factors: factors, layout: layout)
    }
}
