import Foundation
import Impact
import OpenLCA
import Testing

/// olca-core's number generators, checked by the moments of many draws against the analytic
/// ones. Tolerances are set by the sample size: a mean within 5 standard errors (sd / sqrt(n)),
/// a variance within 5 standard errors of the sample variance (sqrt((mu4 - sigma^4) / n)).
@Suite struct SampledValueTests {
    static let n = 200_000

    /// Mean and variance of `n` draws of `value` from sample 0 of seed 11.
    static func moments(_ value: SampledValue) -> (mean: Double, variance: Double, min: Double, max: Double) {
        var stream = SampleStream(seed: 11, sample: 0)
        var sum = 0.0, squares = 0.0, low = Double.infinity, high = -Double.infinity
        for _ in 0..<n {
            let x = value.draw(&stream)
            sum += x
            squares += x * x
            low = min(low, x)
            high = max(high, x)
        }
        let mean = sum / Double(n)
        return (mean, (squares - Double(n) * mean * mean) / Double(n - 1), low, high)
    }

    static func expectMoments(_ value: SampledValue, mean: Double, variance: Double, fourthCentral: Double,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let m = moments(value)
        let meanError = (variance / Double(n)).squareRoot()
        let varianceError = ((fourthCentral - variance * variance) / Double(n)).squareRoot()
        #expect(abs(m.mean - mean) < 5 * meanError, "mean \(m.mean) vs \(mean)", sourceLocation: sourceLocation)
        #expect(abs(m.variance - variance) < 5 * varianceError, "variance \(m.variance) vs \(variance)", sourceLocation: sourceLocation)
    }

    /// Log-normal with geometric mean 2 and gsd 1.5 (the median convention): mean
    /// `gm exp(s^2 / 2)`, variance `gm^2 exp(s^2) (exp(s^2) - 1)`, s = ln 1.5.
    @Test func test_log_normal_moments() {
        let s2 = pow(log(1.5), 2)
        let value = SampledValue(.logNormal(geometricMean: 2, geometricSD: 1.5), convention: .median)!
        let mean = 2 * exp(s2 / 2), variance = 4 * exp(s2) * (exp(s2) - 1)
        // Fourth central moment: variance^2 times the kurtosis w^4 + 2 w^3 + 3 w^2 - 3, w = exp(s^2).
        let w = exp(s2)
        Self.expectMoments(value, mean: mean, variance: variance, fourthCentral: variance * variance * (w * w * w * w + 2 * w * w * w + 3 * w * w - 3))
    }

    /// olca-core since November 2024: the parameter is the mean (mu shifted by -s^2 / 2).
    @Test func test_log_normal_mean_convention_keeps_the_parameter_as_mean() {
        let s2 = pow(log(1.5), 2), w = exp(s2)
        let value = SampledValue(.logNormal(geometricMean: 2, geometricSD: 1.5), convention: .mean)!
        let variance = 4 * (w - 1)
        Self.expectMoments(value, mean: 2, variance: variance, fourthCentral: variance * variance * (w * w * w * w + 2 * w * w * w + 3 * w * w - 3))
    }

    /// A negative geometric mean mirrors the distribution (olca-core's LogNormal); a gsd below
    /// 1 is the same distribution as its inverse (sigma = ln|gsd|); a gsd of 0 is held.
    @Test func test_log_normal_sign_and_degenerate_parameters() {
        let s2 = pow(log(1.5), 2)
        let mirrored = Self.moments(SampledValue(.logNormal(geometricMean: -2, geometricSD: 1.5), convention: .median)!)
        #expect(mirrored.max < 0)
        #expect(abs(mirrored.mean + 2 * exp(s2 / 2)) < 0.01)
        let inverse = Self.moments(SampledValue(.logNormal(geometricMean: 2, geometricSD: 1 / 1.5), convention: .median)!)
        #expect(abs(inverse.mean - 2 * exp(s2 / 2)) < 0.01)
        #expect(SampledValue(.logNormal(geometricMean: 2, geometricSD: 0), convention: .median) == nil)
        #expect(Self.moments(SampledValue(.logNormal(geometricMean: 2, geometricSD: 1), convention: .median)!).variance < 1e-20)
    }

    /// Normal (3, 0.5): fourth central moment 3 sd^4.
    @Test func test_normal_moments() {
        Self.expectMoments(SampledValue(.normal(mean: 3, sd: 0.5), convention: .median)!, mean: 3, variance: 0.25, fourthCentral: 3 * 0.0625)
    }

    /// Triangle (1, 2, 4): mean (a + b + c) / 3 = 7/3, variance (a^2 + b^2 + c^2 - ab - ac - bc) / 18
    /// = 7/18; every draw within [1, 4]. (Fourth central moment bounded by the range: (4-1)^4 / 16.)
    @Test func test_triangle_moments() {
        let value = SampledValue(.triangle(min: 1, mode: 2, max: 4), convention: .median)!
        let m = Self.moments(value)
        #expect(m.min >= 1 && m.max <= 4)
        Self.expectMoments(value, mean: 7.0 / 3, variance: 7.0 / 18, fourthCentral: 81.0 / 16)
        #expect(SampledValue(.triangle(min: 2, mode: 2, max: 2), convention: .median) == .fixed(2))
    }

    /// Uniform (1, 3): mean 2, variance (b - a)^2 / 12 = 1/3, fourth central moment (b - a)^4 / 80;
    /// given the other way round (max < min) it is the same; min = max is fixed.
    @Test func test_uniform_moments() {
        Self.expectMoments(SampledValue(.uniform(min: 1, max: 3), convention: .median)!, mean: 2, variance: 1.0 / 3, fourthCentral: 16.0 / 80)
        #expect(SampledValue(.uniform(min: 3, max: 1), convention: .median) == SampledValue(.uniform(min: 1, max: 3), convention: .median))
        #expect(SampledValue(.uniform(min: 5, max: 5), convention: .median) == .fixed(5))
    }

    /// A sample's stream depends on the seed and the sample's index only.
    @Test func test_streams_depend_on_seed_and_index_only() {
        var a = SampleStream(seed: 5, sample: 17), b = SampleStream(seed: 5, sample: 17)
        var c = SampleStream(seed: 5, sample: 18), d = SampleStream(seed: 6, sample: 17)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
        #expect(first != (0..<8).map { _ in d.next() })
    }

    /// Stored rows: type 0 or NULL is none, parameters that are no numbers or unknown types cannot be drawn.
    @Test func test_stored_distributions() throws {
        #expect(try Uncertainty.read(type: nil, 1, 2, nil) == nil)
        #expect(try Uncertainty.read(type: 0, 1, 2, nil) == nil)
        #expect(try Uncertainty.read(type: 3, 1, 2, 4) == .triangle(min: 1, mode: 2, max: 4))
        #expect(throws: Uncertainty.Unusable.self) { try Uncertainty.read(type: 1, 2, nil, nil) }
        #expect(throws: Uncertainty.Unusable.self) { try Uncertainty.read(type: 7, 2, 1, nil) }
    }
}
