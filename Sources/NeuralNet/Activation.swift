#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An element-wise activation with its exact derivative, written next to it.
///
/// Derivatives use whichever of the input `z` and the output `a = f(z)` is cheaper:
/// σ'(z) = σ(z)(1 − σ(z)) and tanh'(z) = 1 − tanh²(z) from the output, ReLU's from the
/// input, ELU's as `a + α` for `z ≤ 0`.
public enum Activation: String, Sendable, Hashable, Codable, CaseIterable {
    case linear, sigmoid, tanh, relu
    /// `z` for `z > 0`, `0.01 z` otherwise.
    case leakyRelu = "leaky-relu"
    /// `z` for `z > 0`, `eᶻ − 1` otherwise (α = 1).
    case elu
    /// `z Φ(z)`, the exact (erf) form.
    case gelu

    static let leak: Float = 0.01

    /// `a = f(z)` over `count` values.
    func forward(_ z: UnsafePointer<Float>, _ a: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .linear:
            if UnsafePointer(a) != z { a.update(from: z, count: count) }
        case .sigmoid:
            for i in 0..<count {
                let x = z[i]
                if x >= 0 {
                    a[i] = 1 / (1 + expf(-x))
                } else {
                    let e = expf(x)
                    a[i] = e / (1 + e)
                }
            }
        case .tanh:
            for i in 0..<count { a[i] = tanhf(z[i]) }
        case .relu:
            Kernels.relu(z, a, count: count)
        case .leakyRelu:
            for i in 0..<count { a[i] = z[i] > 0 ? z[i] : Self.leak * z[i] }
        case .elu:
            for i in 0..<count { a[i] = z[i] > 0 ? z[i] : expm1f(z[i]) }
        case .gelu:
            for i in 0..<count { a[i] = z[i] * 0.5 * (1 + erff(z[i] * 0.707_106_77)) }
        }
    }

    /// `g ← g · f'(z)` over `count` values, given `z` and `a = f(z)`.
    func backward(_ z: UnsafePointer<Float>, _ a: UnsafePointer<Float>, _ g: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .linear:
            return
        case .sigmoid:
            for i in 0..<count { g[i] *= a[i] * (1 - a[i]) }
        case .tanh:
            for i in 0..<count { g[i] *= 1 - a[i] * a[i] }
        case .relu:
            Kernels.reluBackward(z, g, count: count)
        case .leakyRelu:
            for i in 0..<count { g[i] = z[i] > 0 ? g[i] : g[i] * Self.leak }
        case .elu:
            for i in 0..<count { g[i] = z[i] > 0 ? g[i] : g[i] * (a[i] + 1) }
        case .gelu:
            for i in 0..<count {
                let x = z[i]
                let cdf = 0.5 * (1 + erff(x * 0.707_106_77))
                let pdf = expf(-0.5 * x * x) * 0.398_942_28
                g[i] *= cdf + x * pdf
            }
        }
    }

    /// He initialisation suits ReLU-like activations, Glorot the others.
    public var defaultInitializer: Initializer {
        switch self {
        case .relu, .leakyRelu, .elu, .gelu: return .heNormal
        default: return .glorotUniform
        }
    }
}
