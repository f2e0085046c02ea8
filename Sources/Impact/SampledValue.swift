import OpenLCA

/// How a log-normal's first parameter is read. openLCA through 2.3 (and ecoSpold, and the pedigree
/// matrix) take it as the geometric mean, the distribution's median, so the mean is
/// `gm * exp(ln(gsd)^2 / 2)`; olca-core since November 2024 (commit c2ee0c8, "rethink the number
/// generator for the log-normal distribution") shifts the underlying normal by `-ln(gsd)^2 / 2`
/// so that the parameter is the mean.
public enum LogNormalConvention: String, Sendable, CaseIterable, Codable {
    /// The parameter is the median (openLCA 1.x to 2.3): the default.
    case median
    /// The parameter is the mean (olca-core since November 2024).
    case mean
}

/// A distribution ready to draw from, with olca-core's number generators
/// (`org.openlca.core.math.rand`: `LogNormal`, `Normal`, `Triangular`, `Uniform`, `Discrete`).
public enum SampledValue: Sendable, Hashable {
    /// Always this value (olca-core's `Discrete`: a uniform of zero width, a triangle with min = max).
    case fixed(Double)
    /// `sign * exp(mu + sigma * z)`; olca-core's `LogNormal` mirrors a negative geometric mean.
    case logNormal(mu: Double, sigma: Double, sign: Double)
    case normal(mean: Double, sd: Double)
    case triangle(min: Double, mode: Double, max: Double)
    case uniform(min: Double, range: Double)

    /// What a distribution draws from; nil when it cannot be drawn from sensibly and is held at
    /// its amount instead: a log-normal whose geometric standard deviation is 0 or not a number
    /// (olca-core would take `ln 0` and draw infinities; 4,811 of the US LCI's 5,130 log-normal
    /// exchanges store 0, meaning "no spread stated").
    public init?(_ uncertainty: Uncertainty, convention: LogNormalConvention) {
        switch uncertainty {
        case .logNormal(let gm, let gsd):
            guard gsd != 0 else { return nil }
            // A geometric standard deviation of 1 has no spread: the amount itself (exp(ln x) would round).
            if abs(gsd) == 1 { self = .fixed(gm); return }
            // olca-core: sigma = ln|gsd| (a gsd below 1 gives a negative sigma: the same distribution).
            let sigma = log(abs(gsd)), mu = log(abs(gm))
            self = .logNormal(mu: convention == .mean ? mu - sigma * sigma / 2 : mu, sigma: sigma, sign: gm < 0 ? -1 : 1)
        case .normal(let mean, let sd):
            self = .normal(mean: mean, sd: sd)
        case .triangle(let min, let mode, let max):
            self = min == max ? .fixed(mode) : .triangle(min: min, mode: mode, max: max)
        case .uniform(let min, let max):
            if min == max { self = .fixed(max) } else { self = .uniform(min: Swift.min(min, max), range: abs(max - min)) }
        }
    }

    /// One draw from `stream` (a normal or log-normal takes one polar normal, the others one uniform).
    public func draw(_ stream: inout SampleStream) -> Double {
        switch self {
        case .fixed(let value): return value
        case .logNormal(let mu, let sigma, let sign): return exp(mu + sigma * stream.gaussian()) * sign
        case .normal(let mean, let sd): return stream.gaussian() * sd + mean
        case .triangle(let min, let mode, let max):
            // olca-core's Triangular (inverse of the distribution function).
            let u = stream.uniform()
            let fMode = (mode - min) / (max - min)
            return u <= fMode ? min + (u * (max - min) * (mode - min)).squareRoot() : max - ((1 - u) * (max - min) * (max - mode)).squareRoot()
        case .uniform(let min, let range): return min + stream.uniform() * range
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
