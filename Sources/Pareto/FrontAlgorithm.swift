import LPModel

/// A way to compute a Pareto front against any ``SolverBackend``: one type per algorithm (as
/// MultiObjectiveAlgorithms.jl has), all behind this protocol, so that callers choose one
/// value and a new algorithm (an exact dichotomic front, say) is one more type.
public protocol FrontAlgorithm: Sendable {
    /// The name reports show (`augmecon2`, `epsilon`).
    var name: String { get }
    /// The front of `objectives` (model objective indexes; the first is minimised) of `model`,
    /// on backends from `makeBackend`. Between solves it checks `options.totalTimeLimit` and
    /// `options.shouldStop`.
    func front(of model: LinearModel, objectives: [Int], options: ParetoOptions,
               makeBackend: @escaping () -> any SolverBackend,
               progress: ((_ done: Int, _ total: Int) -> Void)?) throws(ParetoError) -> ParetoResult
}

/// AUGMECON2 (Mavrotas & Florios 2013): epsilon constraints with slacks in the objective, so no
/// weakly dominated point is returned, with bypass and early exit; warm re-solves.
public struct AugmentedEpsilonConstraint: FrontAlgorithm {
    public var name: String { "augmecon2" }
    public init() {}

    public func front(of model: LinearModel, objectives: [Int], options: ParetoOptions, makeBackend: @escaping () -> any SolverBackend,
                      progress: ((Int, Int) -> Void)?) throws(ParetoError) -> ParetoResult {
        try GridSweep.run(model: model, objectives: objectives, options: options, augmented: true, makeBackend: makeBackend, progress: progress)
    }
}

/// The plain epsilon-constraint method (no slack term, no bypass), for comparison: it can return
/// weakly dominated points, which the filter then drops.
public struct EpsilonConstraint: FrontAlgorithm {
    public var name: String { "epsilon" }
    public init() {}

    public func front(of model: LinearModel, objectives: [Int], options: ParetoOptions, makeBackend: @escaping () -> any SolverBackend,
                      progress: ((Int, Int) -> Void)?) throws(ParetoError) -> ParetoResult {
        try GridSweep.run(model: model, objectives: objectives, options: options, augmented: false, makeBackend: makeBackend, progress: progress)
    }
}
