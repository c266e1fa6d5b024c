/// The optimizers, as configuration. Formulas follow PyTorch's (`torch.optim`), so a
/// training can be compared with one there step for step.
///
/// | optimizer | update of parameter p with gradient g |
/// |---|---|
/// | SGD | p −= lr·g |
/// | Momentum | v = μv + g; p −= lr·v (Nesterov: p −= lr·(g + μv)) |
/// | Adagrad | G += g²; p −= lr·g / (√G + ε) |
/// | Adadelta | E[g²] = ρE[g²] + (1−ρ)g²; Δ = √(E[Δ²] + ε) / √(E[g²] + ε) · g; E[Δ²] = ρE[Δ²] + (1−ρ)Δ²; p −= lr·Δ |
/// | RMSProp | E[g²] = ρE[g²] + (1−ρ)g²; p −= lr·g / (√E[g²] + ε) |
/// | Adam | m = β₁m + (1−β₁)g; v = β₂v + (1−β₂)g²; p −= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε) |
/// | AdamW | p −= lr·λ·p (weights only), then Adam |
public enum Optimizer: Sendable, Hashable, Codable {
    case sgd(learningRate: Double)
    case momentum(learningRate: Double, momentum: Double = 0.9, nesterov: Bool = false)
    case adagrad(learningRate: Double = 0.01, epsilon: Double = 1e-10)
    case adadelta(learningRate: Double = 1.0, rho: Double = 0.9, epsilon: Double = 1e-6)
    case rmsprop(learningRate: Double = 0.001, rho: Double = 0.99, epsilon: Double = 1e-8)
    case adam(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8)
    case adamW(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
               weightDecay: Double = 0.01)

    public var learningRate: Double {
        switch self {
        case .sgd(let lr), .momentum(let lr, _, _), .adagrad(let lr, _), .adadelta(let lr, _, _),
            .rmsprop(let lr, _, _), .adam(let lr, _, _, _), .adamW(let lr, _, _, _, _):
            return lr
        }
    }

    public var name: String {
        switch self {
        case .sgd: return "sgd"
        case .momentum(_, _, let nesterov): return nesterov ? "nesterov" : "momentum"
        case .adagrad: return "adagrad"
        case .adadelta: return "adadelta"
        case .rmsprop: return "rmsprop"
        case .adam: return "adam"
        case .adamW: return "adamw"
        }
    }

    /// State slots the optimizer keeps per parameter.
    var slotCount: Int {
        switch self {
        case .sgd: return 0
        case .momentum, .adagrad, .rmsprop: return 1
        case .adadelta, .adam, .adamW: return 2
        }
    }
}

/// An optimizer with its state: the step count and one or two slots per parameter
/// (Adam's `m` and `v`, Momentum's velocity, Adadelta's two running averages).
public struct OptimizerState: Sendable {
    public let optimizer: Optimizer
    public private(set) var step = 0
    public private(set) var first: [Float]
    public private(set) var second: [Float]

    public init(_ optimizer: Optimizer, parameterCount: Int) {
        self.optimizer = optimizer
        first = optimizer.slotCount >= 1 ? [Float](repeating: 0, count: parameterCount) : []
        second = optimizer.slotCount >= 2 ? [Float](repeating: 0, count: parameterCount) : []
    }

    /// One step over the flat parameter vector. `learningRate` is this epoch's rate (it
    /// replaces the configured one, for schedules); `decayed` lists the ranges that
    /// decoupled weight decay applies to (AdamW: weights, not biases).
    public mutating func update(
        parameters p: UnsafeMutableBufferPointer<Float>, gradients g: UnsafeBufferPointer<Float>,
        learningRate: Double, decayed: [Range<Int>] = []
    ) {
        step += 1
        let n = p.count
        let lr = Float(learningRate)
        first.withUnsafeMutableBufferPointer { s1 in
            second.withUnsafeMutableBufferPointer { s2 in
                switch optimizer {
                case .sgd:
                    for i in 0..<n { p[i] -= lr * g[i] }
                case .momentum(_, let momentum, let nesterov):
                    let mu = Float(momentum)
                    for i in 0..<n {
                        s1[i] = mu * s1[i] + g[i]
                        p[i] -= lr * (nesterov ? g[i] + mu * s1[i] : s1[i])
                    }
                case .adagrad(_, let epsilon):
                    let eps = Float(epsilon)
                    for i in 0..<n {
                        s1[i] += g[i] * g[i]
                        p[i] -= lr * g[i] / (s1[i].squareRoot() + eps)
                    }
                case .adadelta(_, let rho, let epsilon):
                    let r = Float(rho)
                    let eps = Float(epsilon)
                    for i in 0..<n {
                        s1[i] = r * s1[i] + (1 - r) * g[i] * g[i]
                        let delta = (s2[i] + eps).squareRoot() / (s1[i] + eps).squareRoot() * g[i]
                        s2[i] = r * s2[i] + (1 - r) * delta * delta
                        p[i] -= lr * delta
                    }
                case .rmsprop(_, let rho, let epsilon):
                    let r = Float(rho)
                    let eps = Float(epsilon)
                    for i in 0..<n {
                        s1[i] = r * s1[i] + (1 - r) * g[i] * g[i]
                        p[i] -= lr * g[i] / (s1[i].squareRoot() + eps)
                    }
                case .adam(_, let beta1, let beta2, let epsilon):
                    Self.adam(p, g, s1, s2, lr: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, step: step)
                case .adamW(_, let beta1, let beta2, let epsilon, let weightDecay):
                    let keep = 1 - lr * Float(weightDecay)
                    for range in decayed {
                        for i in range { p[i] *= keep }
                    }
                    Self.adam(p, g, s1, s2, lr: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, step: step)
                }
            }
        }
    }

    /// Adam in the operation order of PyTorch and of the anchors' NumPy version, so
    /// Float32 rounding matches theirs.
    @inline(__always)
    private static func adam(
        _ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>,
        _ m: UnsafeMutableBufferPointer<Float>, _ v: UnsafeMutableBufferPointer<Float>,
        lr: Double, beta1: Double, beta2: Double, epsilon: Double, step: Int
    ) {
        let t = Double(step)
        Kernels.adam(
            p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, count: p.count,
            beta1: Float(beta1), oneMinusBeta1: Float(1 - beta1), beta2: Float(beta2), oneMinusBeta2: Float(1 - beta2),
            inverseCorrection: Float(1 / (1 - pow(beta2, t)).squareRoot()), epsilon: Float(epsilon),
            stepSize: Float(lr / (1 - pow(beta1, t))))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
