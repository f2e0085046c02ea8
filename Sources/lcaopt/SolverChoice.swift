import ArgumentParser
import GLPKBackend
import HiGHSBackend
import LPModel

/// The solver backend, chosen once here at the top (`--solver`): everything below the CLI gets
/// a factory and never names a solver.
enum SolverChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case glpk, highs

    /// A factory of fresh backends; for HiGHS, checks first that it can be loaded (exit 1 with
    /// how to install it otherwise).
    func factory() throws -> @Sendable () -> any SolverBackend {
        switch self {
        case .glpk:
            return { GLPKSolver() }
        case .highs:
            if case .failure(let problem) = HiGHSSolver.availability {
                throw CommandFailure(message: "--solver highs: \(problem)", exitCode: 1)
            }
            // Loading was checked above; creating an instance fails only without memory.
            return {
                do { return try HiGHSSolver() } catch { fatalError("HiGHS could not create a solver instance: \(error)") }
            }
        }
    }
}
