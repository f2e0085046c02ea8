/// Why a model cannot be handed to a solver. Raised before any solver call, because GLPK aborts
/// the whole program on invalid input.
public enum LPModelError: Error, CustomStringConvertible, Sendable, Equatable {
    case nonFiniteCoefficient(row: String, column: String, value: Double)
    /// A finite number outside ``LinearModel/magnitudes`` (a solver's scaling would overflow or underflow).
    case outOfRange(what: String, name: String, value: Double)
    case nonFiniteObjective(objective: String, column: String, value: Double)
    case indexOutOfRange(what: String, index: Int, count: Int)
    case invalidBounds(what: String, name: String, lower: Double, upper: Double)
    case emptyName(what: String, index: Int)
    case noObjective
    case modelTooLarge(detail: String)
    case notLoaded

    public var description: String {
        switch self {
        case .nonFiniteCoefficient(let row, let column, let value):
            return "coefficient \(value) of column '\(column)' in row '\(row)' is not finite"
        case .outOfRange(let what, let name, let value):
            return "\(what) '\(name)' is \(value), outside the magnitudes a solver can scale (0, or \(LinearModel.magnitudes.lowerBound) to \(LinearModel.magnitudes.upperBound))"
        case .nonFiniteObjective(let objective, let column, let value):
            return "objective '\(objective)' has the non-finite coefficient \(value) for column '\(column)'"
        case .indexOutOfRange(let what, let index, let count):
            return "\(what) index \(index) is out of range (the model has \(count))"
        case .invalidBounds(let what, let name, let lower, let upper):
            return "\(what) '\(name)' has invalid bounds [\(lower), \(upper)] (NaN, lower > upper, or a bound at the wrong infinity)"
        case .emptyName(let what, let index):
            return "\(what) \(index) has an empty name"
        case .noObjective:
            return "the model has no objective"
        case .modelTooLarge(let detail):
            return "the model is too large: \(detail)"
        case .notLoaded:
            return "no model is loaded into the solver: call load first"
        }
    }
}

extension LinearModel {
    /// The magnitudes a non-zero coefficient or a finite bound may have. GLPK aborts the process
    /// on data its scaling cannot take (1e-320 and 1e308 were seen to); nothing physical that
    /// lcaopt models comes near these limits, so values outside are errors, not rounding.
    public static let magnitudes: ClosedRange<Double> = 1e-30...1e30

    /// True when `value` is 0 or within ``magnitudes``.
    @inline(__always) static func isSafe(_ value: Double) -> Bool {
        value == 0 || magnitudes.contains(abs(value))
    }

    /// Checks everything a solver would reject or abort on: NaN or infinite coefficients,
    /// indexes out of range, inconsistent bounds, empty names, a missing objective.
    public func validate() throws(LPModelError) {
        if objectives.isEmpty { throw .noObjective }
        if activeObjective < 0 || activeObjective >= objectives.count {
            throw .indexOutOfRange(what: "active objective", index: activeObjective, count: objectives.count)
        }
        if columnCount >= Int(Int32.max) || rowCount >= Int(Int32.max) || entryCount >= Int(Int32.max) {
            throw .modelTooLarge(detail: "\(columnCount) columns, \(rowCount) rows, \(entryCount) nonzeros")
        }
        for column in 0..<columnCount {
            try Self.checkBounds("column", columnName(column), columnLower[column], columnUpper[column])
            if keepsNames && columnNames[column].isEmpty { throw .emptyName(what: "column", index: column) }
        }
        for row in 0..<rowCount {
            try Self.checkBounds("row", rowName(row), rowLower[row], rowUpper[row])
            if keepsNames && rowNames[row].isEmpty { throw .emptyName(what: "row", index: row) }
        }
        for entry in 0..<entryCount {
            let row = Int(entryRows[entry]), column = Int(entryColumns[entry])
            if row < 0 || row >= rowCount { throw .indexOutOfRange(what: "row", index: row, count: rowCount) }
            if column < 0 || column >= columnCount { throw .indexOutOfRange(what: "column", index: column, count: columnCount) }
            if !entryValues[entry].isFinite {
                throw .nonFiniteCoefficient(row: rowName(row), column: columnName(column), value: entryValues[entry])
            }
            if !Self.isSafe(entryValues[entry]) {
                throw .outOfRange(what: "coefficient of column '\(columnName(column))' in row", name: rowName(row), value: entryValues[entry])
            }
        }
        for objective in objectives { try validate(objective) }
    }

    /// Checks an objective's coefficients and column indexes against this model's columns.
    public func validate(_ objective: Objective) throws(LPModelError) {
        do {
            if objective.variables.count != objective.coefficients.count {
                throw LPModelError.indexOutOfRange(what: "objective coefficient", index: objective.coefficients.count,
                                                   count: objective.variables.count)
            }
            if !objective.constant.isFinite {
                throw .nonFiniteObjective(objective: objective.name, column: "(constant)", value: objective.constant)
            }
            for (position, column) in objective.variables.enumerated() {
                if column < 0 || Int(column) >= columnCount {
                    throw .indexOutOfRange(what: "objective column", index: Int(column), count: columnCount)
                }
                let value = objective.coefficients[position]
                if !value.isFinite {
                    throw .nonFiniteObjective(objective: objective.name, column: columnName(Int(column)), value: value)
                }
                if !Self.isSafe(value) {
                    throw .outOfRange(what: "objective '\(objective.name)' coefficient of column", name: columnName(Int(column)), value: value)
                }
            }
        }
    }

    /// Throws when a bound pair is unusable (NaN, lower > upper, +inf lower or -inf upper).
    public static func checkBounds(_ what: String, _ name: @autoclosure () -> String, _ lower: Double, _ upper: Double) throws(LPModelError) {
        if lower.isNaN || upper.isNaN || lower > upper || lower == .infinity || upper == -.infinity {
            throw .invalidBounds(what: what, name: name(), lower: lower, upper: upper)
        }
        for bound in [lower, upper] where bound.isFinite && !isSafe(bound) {
            throw .outOfRange(what: "bound of \(what)", name: name(), value: bound)
        }
    }

    /// The matrix in compressed sparse row form, duplicates summed and exact zeros dropped.
    /// `rowStart` has `rowCount + 1` entries; columns are sorted within each row.
    public func compressedRows() -> (rowStart: [Int], columns: [Int32], values: [Double]) {
        var counts = [Int](repeating: 0, count: rowCount + 1)
        for row in entryRows { counts[Int(row) + 1] += 1 }
        for row in 0..<rowCount { counts[row + 1] += counts[row] }
        var next = counts
        var columns = [Int32](repeating: 0, count: entryCount)
        var values = [Double](repeating: 0, count: entryCount)
        for entry in 0..<entryCount {
            let row = Int(entryRows[entry])
            columns[next[row]] = entryColumns[entry]
            values[next[row]] = entryValues[entry]
            next[row] += 1
        }
        // Sort each row by column (rows are usually built sorted), merge duplicates, drop zeros,
        // compacting in place.
        var rowStart = [Int](repeating: 0, count: rowCount + 1)
        var write = 0
        var buffer: [(Int32, Double)] = []
        for row in 0..<rowCount {
            let start = counts[row], end = counts[row + 1]
            rowStart[row] = write
            if end - start > 1 && !(start + 1..<end).allSatisfy({ columns[$0 - 1] <= columns[$0] }) {
                buffer.removeAll(keepingCapacity: true)
                for position in start..<end { buffer.append((columns[position], values[position])) }
                buffer.sort { $0.0 < $1.0 }
                for (offset, pair) in buffer.enumerated() {
                    columns[start + offset] = pair.0
                    values[start + offset] = pair.1
                }
            }
            var position = start
            while position < end {
                let column = columns[position]
                var sum = values[position]
                position += 1
                while position < end && columns[position] == column {
                    sum += values[position]
                    position += 1
                }
                if sum != 0 {
                    columns[write] = column
                    values[write] = sum
                    write += 1
                }
            }
        }
        rowStart[rowCount] = write
        columns.removeSubrange(write...)
        values.removeSubrange(write...)
        return (rowStart, columns, values)
    }
}
