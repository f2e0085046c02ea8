/// A handle to a column of a ``LinearModel``: only its index, nothing else.
public struct Variable: Hashable, Sendable, Comparable {
    public let index: Int32
    public init(index: Int32) { self.index = index }
    public static func < (a: Variable, b: Variable) -> Bool { a.index < b.index }
}

/// A handle to a row of a ``LinearModel``.
public struct Constraint: Hashable, Sendable {
    public let index: Int32
    public init(index: Int32) { self.index = index }
}

/// A named linear objective `sum c_j x_j + constant`, stored sparsely.
public struct Objective: Sendable, Equatable {
    public var name: String
    /// Unit shown in reports (`USD`, `kg CO2-Eq`), optional.
    public var unit: String?
    public var variables: [Int32]
    public var coefficients: [Double]
    public var constant: Double

    public init(name: String, unit: String? = nil, variables: [Int32], coefficients: [Double], constant: Double = 0) {
        self.name = name
        self.unit = unit
        self.variables = variables
        self.coefficients = coefficients
        self.constant = constant
    }

    /// The value at the column values `x`.
    public func value(at x: [Double]) -> Double {
        var total = constant
        for position in variables.indices {
            total += coefficients[position] * x[Int(variables[position])]
        }
        return total
    }
}

/// A linear (or mixed-integer) model that knows nothing about any solver:
/// `min c'x  s.t.  rowLower <= A x <= rowUpper,  columnLower <= x <= columnUpper`,
/// with several named objectives of which one is minimised.
///
/// Coefficients live in flat arrays (COO triplets); no object is created per term, so adding
/// a million nonzeros costs a few array appends. Infinite bounds mean "no bound".
///
/// ```swift
/// var model = LinearModel()
/// let x = model.addVariable(name: "x", upper: 4)
/// let y = model.addVariable(name: "y")
/// model.addConstraint([(x, 1), (y, 1)], lower: 2, name: "cover")
/// model.addObjective("cost", [(x, 3), (y, 2)])
/// ```
public struct LinearModel: Sendable {
    public private(set) var columnLower: [Double] = []
    public private(set) var columnUpper: [Double] = []
    public private(set) var isInteger: [Bool] = []
    /// Column and row names; empty when the model was made with `keepNames: false`.
    public private(set) var columnNames: [String] = []

    public private(set) var rowLower: [Double] = []
    public private(set) var rowUpper: [Double] = []
    public private(set) var rowNames: [String] = []

    /// The matrix as triplets, in the order they were added (duplicates allowed, summed on use).
    public private(set) var entryRows: [Int32] = []
    public private(set) var entryColumns: [Int32] = []
    public private(set) var entryValues: [Double] = []

    public private(set) var objectives: [Objective] = []
    /// The index in ``objectives`` that is minimised.
    public var activeObjective = 0

    /// What changed since ``takeEdits()`` was last called: how ``CachingSolver`` knows what to
    /// hand a backend without comparing whole arrays.
    public private(set) var edits = ModelEdits()

    /// An optional model name for exports.
    public var name: String
    /// Whether names are stored. Without them (batch runs that never export) no name string is
    /// even built: the name arguments are autoclosures. Exports and messages then use x1, r1, ...
    public let keepsNames: Bool

    public init(name: String = "lcaopt", keepNames: Bool = true) {
        self.name = name
        self.keepsNames = keepNames
    }

    /// The name of column `index` (a generated one when names are not kept).
    public func columnName(_ index: Int) -> String { keepsNames ? columnNames[index] : "x\(index + 1)" }

    /// The name of row `index` (a generated one when names are not kept).
    public func rowName(_ index: Int) -> String { keepsNames ? rowNames[index] : "r\(index + 1)" }

    public var columnCount: Int { columnLower.count }
    public var rowCount: Int { rowLower.count }
    public var entryCount: Int { entryValues.count }
    public var hasIntegerColumns: Bool { isInteger.contains(true) }

    /// Reserves room for `columns`, `rows` and `entries` (optional, avoids regrowth).
    public mutating func reserve(columns: Int = 0, rows: Int = 0, entries: Int = 0) {
        columnLower.reserveCapacity(columns); columnUpper.reserveCapacity(columns)
        isInteger.reserveCapacity(columns); if keepsNames { columnNames.reserveCapacity(columns) }
        rowLower.reserveCapacity(rows); rowUpper.reserveCapacity(rows); if keepsNames { rowNames.reserveCapacity(rows) }
        entryRows.reserveCapacity(entries); entryColumns.reserveCapacity(entries); entryValues.reserveCapacity(entries)
    }

    // MARK: Columns

    /// Adds a column; `lower` defaults to 0 and `upper` to +infinity.
    @discardableResult
    public mutating func addVariable(name: @autoclosure () -> String, lower: Double = 0, upper: Double = .infinity,
                                     integer: Bool = false) -> Variable {
        let index = Int32(columnLower.count)
        edits.structureChanged = true
        columnLower.append(lower)
        columnUpper.append(upper)
        isInteger.append(integer)
        if keepsNames { columnNames.append(name()) }
        return Variable(index: index)
    }

    /// Adds a 0/1 column.
    @discardableResult
    public mutating func addBinary(name: @autoclosure () -> String) -> Variable {
        addVariable(name: name(), lower: 0, upper: 1, integer: true)
    }

    /// Changes a column's bounds.
    public mutating func setBounds(_ variable: Variable, lower: Double, upper: Double) {
        edits.markColumn(variable.index, of: columnCount)
        columnLower[Int(variable.index)] = lower
        columnUpper[Int(variable.index)] = upper
    }

    // MARK: Rows

    /// Adds a row `lower <= sum terms <= upper` (equal bounds: equality; both infinite: free).
    @discardableResult
    public mutating func addConstraint(_ terms: some Sequence<(Variable, Double)>, lower: Double = -.infinity,
                                       upper: Double = .infinity, name: @autoclosure () -> String) -> Constraint {
        let row = beginConstraint(lower: lower, upper: upper, name: name())
        for (variable, coefficient) in terms { addTerm(row, variable, coefficient) }
        return row
    }

    /// Adds an empty row; fill it with ``addTerm(_:_:_:)``. The cheapest way to build large models.
    @discardableResult
    public mutating func beginConstraint(lower: Double = -.infinity, upper: Double = .infinity,
                                         name: @autoclosure () -> String) -> Constraint {
        let index = Int32(rowLower.count)
        edits.structureChanged = true
        rowLower.append(lower)
        rowUpper.append(upper)
        if keepsNames { rowNames.append(name()) }
        return Constraint(index: index)
    }

    /// Adds `coefficient * variable` to `row` (a repeated pair is summed).
    @inline(__always)
    public mutating func addTerm(_ row: Constraint, _ variable: Variable, _ coefficient: Double) {
        edits.structureChanged = true
        entryRows.append(row.index)
        entryColumns.append(variable.index)
        entryValues.append(coefficient)
    }

    /// Changes the value of matrix entry `entry` (its position in ``entryValues``).
    public mutating func setEntryValue(_ entry: Int, _ value: Double) {
        edits.matrixChanged = true
        entryValues[entry] = value
    }

    /// Changes a row's bounds.
    public mutating func setBounds(_ constraint: Constraint, lower: Double, upper: Double) {
        edits.markRow(constraint.index, of: rowCount)
        rowLower[Int(constraint.index)] = lower
        rowUpper[Int(constraint.index)] = upper
    }

    /// The edits made since the last call (and forgets them): the caller hands them to a
    /// ``CachingSolver`` that holds the model as it was before them.
    public mutating func takeEdits() -> ModelEdits {
        edits.take()
    }

    // MARK: Objectives

    /// Adds a named objective and returns its index in ``objectives``. Repeated variables are summed.
    @discardableResult
    public mutating func addObjective(_ name: String, _ terms: some Sequence<(Variable, Double)>,
                                      constant: Double = 0, unit: String? = nil) -> Int {
        var sums: [Int32: Double] = [:]
        var order: [Int32] = []
        for (variable, coefficient) in terms {
            if sums[variable.index] == nil { order.append(variable.index) }
            sums[variable.index, default: 0] += coefficient
        }
        order.sort()
        edits.structureChanged = true
        objectives.append(Objective(name: name, unit: unit, variables: order,
                                    coefficients: order.map { sums[$0]! }, constant: constant))
        return objectives.count - 1
    }

    /// Adds an objective whose variables are already unique (no summing); returns its index.
    @discardableResult
    public mutating func addObjective(_ objective: Objective) -> Int {
        edits.structureChanged = true
        objectives.append(objective)
        return objectives.count - 1
    }

    /// The index of the objective named `name`.
    public func objectiveIndex(named name: String) -> Int? {
        objectives.firstIndex { $0.name == name }
    }

    /// Replaces objective `index` (for example with an augmented objective).
    public mutating func replaceObjective(_ index: Int, with objective: Objective) {
        edits.markObjective(index)
        objectives[index] = objective
    }

    /// Adds `coefficient * variable` to objective `index` (used for augmented objectives).
    public mutating func addObjectiveTerm(_ index: Int, _ variable: Variable, _ coefficient: Double) {
        edits.markObjective(index)
        if let position = objectives[index].variables.firstIndex(of: variable.index) {
            objectives[index].coefficients[position] += coefficient
        } else {
            objectives[index].variables.append(variable.index)
            objectives[index].coefficients.append(coefficient)
        }
    }
}
