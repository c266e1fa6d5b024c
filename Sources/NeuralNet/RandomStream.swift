/// Counter-based SplitMix64: value `i` of stream `seed` is
/// `mix(seed + (i + 1) · 0x9E3779B97F4A7C15)`, computable in any order and in any
/// language (shared/anchors uses the same numbers for initial weights and batch
/// order, which is what makes trainings comparable value for value).
public struct RandomStream: Sendable, Hashable {
    public let seed: UInt64
    public private(set) var counter: UInt64 = 0

    public init(seed: UInt64) { self.seed = seed }

    @inline(__always)
    public static func mix(_ seed: UInt64, _ i: UInt64) -> UInt64 {
        var z = seed &+ (i &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        defer { counter &+= 1 }
        return Self.mix(seed, counter)
    }

    /// Uniform in [0, 1): `(z >> 11) · 2⁻⁵³`.
    @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Standard normal (Box-Muller on two uniforms).
    public mutating func normal() -> Double {
        let u1 = uniform()
        let u2 = uniform()
        return (-2 * logarithm(1 - u1)).squareRoot() * cosine(2 * Double.pi * u2)
    }

    /// The indices `0..<n` sorted by `n` consecutive values of the stream (stable), as
    /// NumPy's `argsort(splitmix64(seed)[0..n-1], kind="stable")`: a shuffle that any
    /// implementation can reproduce exactly.
    public static func permutation(seed: UInt64, count n: Int) -> [Int32] {
        // (key, index) pairs sorted by key then index: the stable order, with the keys
        // next to their indices in memory instead of behind an indirection.
        var pairs = [Keyed](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n { buffer[i] = Keyed(key: mix(seed, UInt64(i)), index: Int32(i)) }
            initialized = n
        }
        pairs.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
        return pairs.map(\.index)
    }

    struct Keyed {
        var key: UInt64
        var index: Int32
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always) func logarithm(_ x: Double) -> Double { log(x) }
@inline(__always) func cosine(_ x: Double) -> Double { cos(x) }
