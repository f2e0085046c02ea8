import CUMFPACK

/// Why a factorisation or solve failed.
public struct SparseLUError: Error, CustomStringConvertible, Sendable {
    public var status: Int32
    public var step: String
    public var description: String {
        switch status {
        case UMFPACK_WARNING_singular_matrix:
            return "the technology matrix is singular (\(step)): a product is produced and consumed in a closed loop with nothing leaving it, or a reference amount is 0"
        case UMFPACK_ERROR_out_of_memory: return "out of memory (\(step))"
        default: return "UMFPACK status \(status) (\(step))"
        }
    }
}

/// A square sparse matrix in compressed-column form, factorised once by UMFPACK and then used
/// for any number of right-hand sides.
public final class SparseLU {
    public let size: Int
    private var columnStart: [Int32]
    private var rowIndex: [Int32]
    private var values: [Double]
    private var numeric: UnsafeMutableRawPointer?
    /// Kept for ``refactorise(values:)``: the pivot order and fill of a matrix with this pattern.
    private var symbolic: UnsafeMutableRawPointer?
    /// Where each triplet of the construction lands among ``values`` (duplicates share a slot).
    private var slot: [Int32]
    private var control: [Double] = []

    /// Factorises the `size` x `size` matrix given as triplets (duplicates summed).
    public init(size: Int, rows: [Int32], columns: [Int32], values triplets: [Double]) throws(SparseLUError) {
        self.size = size
        (columnStart, rowIndex, values, slot) = Self.compressedColumns(size: size, rows: rows, columns: columns, values: triplets)
        // Technology matrices are diagonally dominant in structure (each product on its own column):
        // UMFPACK's symmetric strategy (AMD on A + A', diagonal pivots preferred) keeps the fill low.
        var control = [Double](repeating: 0, count: Int(UMFPACK_CONTROL))
        umfpack_di_defaults(&control)
        control[Int(UMFPACK_STRATEGY)] = Double(UMFPACK_STRATEGY_SYMMETRIC)
        self.control = control
        let status = umfpack_di_symbolic(Int32(size), Int32(size), columnStart, rowIndex, values, &symbolic, control, nil)
        guard status == UMFPACK_OK else {
            if symbolic != nil { umfpack_di_free_symbolic(&symbolic) }
            throw SparseLUError(status: status, step: "symbolic analysis")
        }
        try factorise()
    }

    deinit {
        if numeric != nil { umfpack_di_free_numeric(&numeric) }
        if symbolic != nil { umfpack_di_free_symbolic(&symbolic) }
    }

    private func factorise() throws(SparseLUError) {
        if numeric != nil { umfpack_di_free_numeric(&numeric) }
        let status = umfpack_di_numeric(columnStart, rowIndex, values, symbolic, &numeric, control, nil)
        guard status == UMFPACK_OK else {
            if numeric != nil { umfpack_di_free_numeric(&numeric) }
            numeric = nil
            throw SparseLUError(status: status, step: "numeric factorisation")
        }
    }

    /// Factorises anew with other values for the construction's triplets (same pattern, same
    /// order, duplicates summed again), reusing the symbolic analysis: a Monte Carlo sample of
    /// the technology matrix costs one numeric factorisation.
    public func refactorise(values triplets: [Double]) throws(SparseLUError) {
        precondition(triplets.count == slot.count, "refactorise needs one value per construction triplet")
        for index in values.indices { values[index] = 0 }
        for (position, value) in triplets.enumerated() { values[Int(slot[position])] += value }
        try factorise()
    }

    /// x with A x = b, or with A' x = b when `transposed`.
    public func solve(_ rhs: [Double], transposed: Bool = false) throws(SparseLUError) -> [Double] {
        var solution = [Double](repeating: 0, count: size)
        let status = umfpack_di_solve(transposed ? UMFPACK_At : UMFPACK_A, columnStart, rowIndex, values, &solution, rhs, numeric, control, nil)
        guard status == UMFPACK_OK else { throw SparseLUError(status: status, step: "solve") }
        return solution
    }

    /// Compressed columns with rows sorted and duplicates summed, as UMFPACK requires.
    static func compressedColumns(size: Int, rows: [Int32], columns: [Int32], values: [Double]) -> ([Int32], [Int32], [Double], [Int32]) {
        var order = Array(values.indices)
        order.sort { (columns[$0], rows[$0]) < (columns[$1], rows[$1]) }
        var start = [Int32](repeating: 0, count: size + 1)
        var rowIndex: [Int32] = []
        var merged: [Double] = []
        rowIndex.reserveCapacity(values.count)
        merged.reserveCapacity(values.count)
        var slot = [Int32](repeating: 0, count: values.count)
        var lastColumn: Int32 = -1, lastRow: Int32 = -1
        for position in order {
            if columns[position] == lastColumn && rows[position] == lastRow {
                merged[merged.count - 1] += values[position]
                slot[position] = Int32(merged.count - 1)
                continue
            }
            slot[position] = Int32(merged.count)
            lastColumn = columns[position]
            lastRow = rows[position]
            rowIndex.append(rows[position])
            merged.append(values[position])
            start[Int(lastColumn) + 1] += 1
        }
        for column in 0..<size { start[column + 1] += start[column] }
        return (start, rowIndex, merged, slot)
    }
}
