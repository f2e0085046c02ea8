import LPModel
import ModelFamily

/// An LP/MILP a user already has (an MPS or LP file read by a solver's reader), as a model family:
/// its objectives are the file's objective and any of its rows named for a front (pyaugmecon's
/// way in: free rows as further objectives). A free row named as an objective leaves the
/// constraints; a bounded one stays a constraint too.
public struct LPFileModel: FamilyModel {
    public typealias Problem = LPFileProblem

    public var name: String
    public var file: String
    /// The model with the named rows turned into objectives.
    public var linear: LinearModel
    public var objectiveIds: [String]
    public var notes: [String] = []

    /// `model` (read from `file`, its own objective named `objective`) with the rows named in
    /// `rows` as further objectives; an unknown row is a problem naming the rows there are.
    public init(model: LinearModel, objective: String, rows: [String], file: String) throws(ModelError) {
        name = model.name
        self.file = file
        var issues: [ModelIssue] = []
        var positions: [Int] = []
        for row in rows where row != objective && !model.objectives.contains(where: { $0.name == row }) {
            guard let index = (0..<model.rowCount).first(where: { model.rowName($0) == row }) else {
                let free = (0..<model.rowCount).filter { model.rowLower[$0] == -.infinity && model.rowUpper[$0] == .infinity }.map(model.rowName)
                issues.append(ModelIssue("--objectives", "no row '\(row)' in the file",
                                         hint: "use \(objective) (the file's objective)" + (free.isEmpty ? "" : " or a free row: " + free.prefix(8).joined(separator: ", "))))
                continue
            }
            positions.append(index)
        }
        guard issues.isEmpty else { throw ModelError(file: file, issues: issues) }
        linear = Self.objectives(fromRows: positions, of: model)
        objectiveIds = linear.objectives.map(\.name)
        if positions.contains(where: { model.rowLower[$0] != -.infinity || model.rowUpper[$0] != .infinity }) {
            notes.append("rows named as objectives that have bounds stay constraints too")
        }
    }

    /// `model` with rows `positions` as objectives; free ones among them removed from the rows.
    static func objectives(fromRows positions: [Int], of model: LinearModel) -> LinearModel {
        let free = Set(positions.filter { model.rowLower[$0] == -.infinity && model.rowUpper[$0] == .infinity })
        var result = LinearModel(name: model.name)
        for j in 0..<model.columnCount {
            result.addVariable(name: model.columnName(j), lower: model.columnLower[j], upper: model.columnUpper[j], integer: model.isInteger[j])
        }
        var newRow = [Int32](repeating: -1, count: model.rowCount)
        for i in 0..<model.rowCount where !free.contains(i) {
            newRow[i] = result.beginConstraint(lower: model.rowLower[i], upper: model.rowUpper[i], name: model.rowName(i)).index
        }
        var terms = [[(Variable, Double)]](repeating: [], count: model.rowCount)
        for k in 0..<model.entryCount {
            let i = Int(model.entryRows[k]), column = Variable(index: model.entryColumns[k])
            if newRow[i] >= 0 { result.addTerm(Constraint(index: newRow[i]), column, model.entryValues[k]) }
            if positions.contains(i) { terms[i].append((column, model.entryValues[k])) }
        }
        for objective in model.objectives { result.addObjective(objective) }
        for i in positions { result.addObjective(model.rowName(i), terms[i]) }
        return result
    }

    public var objectiveUnits: [String: String] { Dictionary(uniqueKeysWithValues: objectiveIds.map { ($0, "") }) }
    public var defaultFrontObjectives: [String] { Array(objectiveIds.prefix(2)) }

    public func objectiveIds(for texts: [String], path: String) throws(ModelError) -> [String] {
        for text in texts where !objectiveIds.contains(text) {
            throw ModelError(file: file, issues: [ModelIssue(path, "unknown objective '\(text)'", hint: "use " + objectiveIds.joined(separator: ", "))])
        }
        return texts
    }

    public var context: ResultContext {
        ResultContext(model: name, database: "none (an LP file: \(file))", scope: "direct", indicators: [], costUnit: "", cutOffs: [],
                      zeroTolerance: 1e-9, toleranceBasis: "absolute, in the file's units")
    }

    public var summary: ModelSummary {
        ModelSummary(facts: ["\(linear.columnCount) columns (\(linear.isInteger.filter { $0 }.count) integer), \(linear.rowCount) rows, objectives "
                             + objectiveIds.joined(separator: ", ")], tables: [])
    }

    public func problem(objective: String, names: Bool) throws(ModelError) -> LPFileProblem {
        guard let index = objectiveIds.firstIndex(of: objective) else {
            throw ModelError(file: file, issues: [ModelIssue("objective", "unknown objective '\(objective)'", hint: "use " + objectiveIds.joined(separator: ", "))])
        }
        var model = linear
        model.activeObjective = index
        return LPFileProblem(file: self, model: model)
    }

    public func applying(_ changes: ModelChanges) throws(ModelChangeError) -> LPFileModel {
        guard changes.disable.isEmpty, changes.set.isEmpty, changes.scaleDemand == nil else {
            throw ModelChangeError("an LP file takes no scenario changes (disable, set, scaleDemand): edit the file")
        }
        return self
    }

    /// An LP file names no openLCA process.
    public var impactLinks: ImpactLinks? { nil }

    public func applyingImpacts(_ impacts: [Int64: [Double]]) throws(ModelChangeError) -> LPFileModel { self }
}

/// The LP of an ``LPFileModel``: decisions are its non-zero columns by name.
public struct LPFileProblem: FamilyProblem {
    public typealias Model = LPFileModel
    public typealias Decision = [String: Double]
    public typealias Solution = [String: Double]

    let file: LPFileModel
    public private(set) var model: LinearModel

    init(file: LPFileModel, model: LinearModel) {
        self.file = file
        self.model = model
    }

    public var objectiveNames: [String] { file.objectiveIds }
    public var objectiveIndex: [String: Int] { Dictionary(uniqueKeysWithValues: file.objectiveIds.enumerated().map { ($1, $0) }) }
    public var context: ResultContext { file.context }
    public var notes: [String] { file.notes }
    public var zeroTolerance: Double { 1e-9 }

    public func decision(primal: [Double]) -> [String: Double] {
        let clean = cleaned(primal: primal).primal
        var decision: [String: Double] = [:]
        for j in 0..<model.columnCount where clean[j] != 0 { decision[model.columnName(j)] = clean[j] }
        return decision
    }

    public func solution(primal: [Double]?) -> [String: Double] { primal.map(decision) ?? [:] }

    /// An LP file has no coordinates.
    public func map(of decision: [String: Double]) -> DecisionMap { DecisionMap() }

    /// Each objective row by column.
    public func breakdown(primal: [Double]) -> [ObjectivePart] {
        model.objectives.flatMap { objective in
            objective.variables.indices.compactMap { position -> ObjectivePart? in
                let column = Int(objective.variables[position])
                let value = objective.coefficients[position] * primal[column]
                return value == 0 ? nil : ObjectivePart(objective: objective.name, part: "column", item: model.columnName(column), value: value)
            }
        }
    }

    /// The columns at a non-zero value.
    public func choices(of decision: [String: Double]) -> [String] { decision.keys.sorted().map { "column \($0)" } }

    public func tables(of decision: [String: Double]) -> [ResultTable] {
        [ResultTable(title: "Columns", file: "columns", row: "column", columns: ["column", "value"],
                     rows: decision.keys.sorted().map { [.text($0), .number(decision[$0]!)] })]
    }

    public func explainInfeasibility() -> [String] { [] }
    public func explainUnbounded(objective: String) -> [String] { [] }

    public mutating func renumber(with model: LPFileModel, objective: String) throws(ModelError) -> Bool {
        guard let index = model.objectiveIds.firstIndex(of: objective) else { return false }
        self.model.activeObjective = index
        return true
    }

    public mutating func takeEdits() -> ModelEdits { model.takeEdits() }
}
