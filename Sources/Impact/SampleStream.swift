/// The random numbers of one Monte Carlo sample: xoshiro256** seeded through SplitMix64 from
/// the run's seed and the sample's index, so sample `i` draws the same numbers whichever job or
/// shard computes it, and in whichever order. (olca-core draws from `ThreadLocalRandom`, which
/// cannot be seeded; the distributions below are its, the stream is ours.)
public struct SampleStream: Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    /// The second normal of the last polar pair, handed out by the next ``gaussian()``.
    private var spare: Double?

    /// The stream of sample `index` of a run seeded with `seed`.
    public init(seed: UInt64, sample index: Int) {
        var mix = seed ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        func splitMix() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits (xoshiro256**, Blackman and Vigna 2018).
    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1), 53 random bits (as Java's `nextDouble`).
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Standard normal by Marsaglia's polar method, two at a time (as Java's `nextGaussian`):
    /// one logarithm and one square root per pair, no trigonometry.
    public mutating func gaussian() -> Double {
        if let value = spare {
            spare = nil
            return value
        }
        while true {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1
            let s = u * u + v * v
            guard s > 0 && s < 1 else { continue }
            let m = (-2 * log(s) / s).squareRoot()
            spare = v * m
            return u * m
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
