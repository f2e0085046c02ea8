import LPModel

/// The supply chain's noise band (the cleaning itself is every family's: `FamilyProblem.cleaned`).
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
