import LPModel

/// Solver noise, for every family: column values that are zero up to the solver's tolerance are
/// reported as zero in every output (decisions, objectives, fronts, batch results), and objectives
/// are recomputed from the cleaned values so that they equal what the decision shows.
extension FamilyProblem {
    /// `primal` with noise set to zero (integer columns are rounded), and every objective of the
    /// model recomputed from it; an objective whose terms cancel to below 1e-9 of their sum of
    /// magnitudes is 0.
    public func cleaned(primal: [Double]) -> (primal: [Double], objectiveValues: [Double]) {
        cleaned(primal: primal, tolerance: zeroTolerance)
    }

    private func cleaned(primal: [Double], tolerance: Double) -> (primal: [Double], objectiveValues: [Double]) {
        let model = self.model  // once: a protocol requirement's getter returns a copy per use
        var clean = primal
        let columns = min(clean.count, model.columnCount)
        for j in 0..<columns {
            if model.isInteger[j] {
                clean[j] = clean[j].rounded()
            } else if abs(clean[j]) <= tolerance {
                clean[j] = 0
            }
        }
        let values = model.objectives.map { objective -> Double in
            var total = objective.constant, magnitude = abs(objective.constant)
            for position in objective.variables.indices {
                let term = objective.coefficients[position] * clean[Int(objective.variables[position])]
                total += term
                magnitude += abs(term)
            }
            return abs(total) <= 1e-9 * magnitude ? 0 : total
        }
        return (clean, values)
    }

    /// `result` with its primal values and objective values cleaned of noise (unchanged when it
    /// has no feasible point).
    public func cleaned(_ result: SolveResult) -> SolveResult {
        let model = self.model  // once: a protocol requirement's getter returns a copy per use
        guard result.primalStatus == .feasiblePoint, result.primal.count >= model.columnCount else { return result }
        // Most solutions have no noise: then the solver's own objective values stand (a batch
        // scenario checks this in well under a microsecond).
        let tolerance = zeroTolerance
        let noisy = result.primal.withUnsafeBufferPointer { primal in
            (0..<model.columnCount).contains { j in
                model.isInteger[j] ? primal[j] != primal[j].rounded() : (primal[j] != 0 && abs(primal[j]) <= tolerance)
            }
        }
        guard noisy else { return result }
        var clean = result
        let (primal, values) = cleaned(primal: result.primal, tolerance: tolerance)
        clean.primal = primal
        clean.objectiveValues = values + result.objectiveValues.dropFirst(values.count)
        return clean
    }
}
