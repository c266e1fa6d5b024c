// Shared by the benchmark programs: clocks, memory, and the anchors' random numbers.
#if canImport(Glibc)
import Glibc
#endif

/// Seconds on the monotonic clock.
public func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// User plus system CPU seconds of this process.
public func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
}

/// Peak resident memory of this process (`ru_maxrss`, the same as VmHWM), in KiB.
public func peakRSSKiB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
}

/// Output `i` of the counter-based SplitMix64 of shared/anchors (`mlp_speed.py`,
/// `csv_speed.py`): `mix(seed + (i + 1) · 0x9E3779B97F4A7C15)`.
public func splitmix(_ seed: UInt64, _ i: UInt64) -> UInt64 {
    var z = seed &+ (i &+ 1) &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// `(z >> 11) · 2⁻⁵³`: a uniform double in [0, 1).
public func uniform01(_ seed: UInt64, _ i: UInt64) -> Double {
    Double(splitmix(seed, i) >> 11) * 0x1p-53
}

/// The anchors' synthetic series: `10 + 0.0001·t + 2·sin(2πt/24) + sin(2πt/168) + 0.3·g[t]`
/// with Box-Muller noise from `uniform01(dataSeed)`; shorter series are prefixes.
public func syntheticSeries(_ n: Int, dataSeed: UInt64 = 42) -> [Double] {
    (0..<n).map { t in
        let u1 = uniform01(dataSeed, UInt64(2 * t))
        let u2 = uniform01(dataSeed, UInt64(2 * t + 1))
        let g = (-2 * log(1 - u1)).squareRoot() * cos(2 * Double.pi * u2)
        let x = Double(t)
        return 10 + 0.0001 * x + 2 * sin(2 * Double.pi * x / 24) + sin(2 * Double.pi * x / 168) + 0.3 * g
    }
}

/// `value` with `digits` decimals, for printing.
public func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return String(Double((value * scale).rounded()) / scale)
}
