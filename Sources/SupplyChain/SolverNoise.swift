import LPModel

/// Solver noise: column values that are zero up to the solver's tolerance are reported as zero,
/// in every output (decisions, objectives, fronts, batch results), and objectives are
/// recomputed from the cleaned values so that they equal what the decision shows.
///
/// The tolerance is relative to the model's scale, as GLPK's primal feasibility tolerance
/// (`tol_bnd`, 1e-7) is relative to the bounds it checks: 1e-7 x the largest amount of a material
/// the demands require in one period or in total (at least 1 unit). A Pareto grid point lets an
/// objective row exceed its epsilon by 1e-9 of its value, and the solver may spend that slack on
/// deliveries of 1e-7 t that are not decisions.
extension SupplyChainProblem {
    /// Relative size of the noise band (GLPK's `tol_bnd`).
    public static let relativeZeroTolerance = 1e-7

    /// Column values at or below this magnitude are reported as zero (in material units).
    public var zeroTolerance: Double { data.zeroTolerance(required: required) }
}

extension SupplyChainData {
    /// ``SupplyChainProblem/zeroTolerance`` from the data alone (before a problem is built).
    public var zeroTolerance: Double { zeroTolerance(required: SupplyChainProblem.requiredAmounts(self)) }

    /// The tolerance for `required`, the amounts of each material required at each site in each
    /// period: 1e-7 x the largest of these and of the total demands, at least 1 unit.
    func zeroTolerance(required: [Double]) -> Double {
        var scale = required.max() ?? 0
        for demand in demands {
            for per in demand.requires.values { scale = max(scale, per * (demand.total ?? 0)) }
        }
        return SupplyChainProblem.relativeZeroTolerance * max(1, scale)
    }
}

extension SupplyChainProblem {
    /// `primal` with noise set to zero (integer columns are rounded), and every objective of the
    /// model recomputed from it; an objective whose terms cancel to below 1e-9 of their sum of
    /// magnitudes is 0.
    public func cleaned(primal: [Double]) -> (primal: [Double], objectiveValues: [Double]) {
        cleaned(primal: primal, tolerance: zeroTolerance)
    }

    private func cleaned(primal: [Double], tolerance: Double) -> (primal: [Double], objectiveValues: [Double]) {
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
