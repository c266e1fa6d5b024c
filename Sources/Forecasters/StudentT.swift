#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Student's t distribution with a whole number of degrees of freedom, for prediction
/// intervals from a handful of errors.
enum StudentT {
    /// P(T ≤ t) for `degrees` ν ≥ 1, from the closed forms for whole ν in θ = atan(t/√ν):
    /// ½ + θ/π + (sin θ cos θ/π)·Σ for odd ν, ½ + (sin θ/2)·Σ for even ν, where Σ sums the
    /// terms of cos²θ that those forms list (Abramowitz and Stegun 26.7.3–4).
    static func cdf(_ t: Double, degrees: Int) -> Double {
        let nu = Double(degrees)
        let r = (nu + t * t).squareRoot()
        let s = t / r, c = nu.squareRoot() / r, c2 = c * c
        var sum = 0.0
        var term = 1.0
        if degrees % 2 == 1 {
            if degrees > 1 {
                sum = 1
                for k in stride(from: 3, through: degrees - 2, by: 2) {
                    term *= Double(k - 1) / Double(k) * c2
                    sum += term
                }
            }
            return 0.5 + (atan(t / nu.squareRoot()) + s * c * sum) / Double.pi
        }
        sum = 1
        for k in stride(from: 2, through: degrees - 2, by: 2) {
            term *= Double(k - 1) / Double(k) * c2
            sum += term
        }
        return 0.5 + s / 2 * sum
    }

    /// The `p`-quantile (½ ≤ p < 1) by bisection on ``cdf(_:degrees:)``: a few hundred
    /// evaluations at most, next to a forecast's cost.
    static func quantile(_ p: Double, degrees: Int) -> Double {
        guard p > 0.5 else { return 0 }
        guard p < 1 else { return .infinity }
        var high = 1.0
        while cdf(high, degrees: degrees) < p && high < 1e12 { high *= 2 }
        var low = 0.0
        for _ in 0..<200 where high - low > 1e-12 * high {
            let middle = (low + high) / 2
            if cdf(middle, degrees: degrees) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
