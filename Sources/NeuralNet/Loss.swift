#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loss averaged over every element of a batch (rows × outputs), with its gradient
/// with respect to the predictions. Pure functions over equal-length buffers.
public enum Loss: Sendable, Hashable, Codable {
    /// Mean squared error, `mean((ŷ − y)²)`: the default.
    case mse
    /// Mean absolute error.
    case mae
    /// Quadratic within `delta` of the target, linear beyond.
    case huber(delta: Double)
    /// Binary cross-entropy on logits (`ŷ` before a sigmoid), computed stably as
    /// `max(ŷ, 0) − ŷ·y + log(1 + e^−|ŷ|)`.
    case binaryCrossEntropy

    /// The mean loss of `predictions` against `targets`; writes `∂loss/∂ŷ` into
    /// `gradient` when given.
    func evaluate(
        _ predictions: UnsafePointer<Float>, _ targets: UnsafePointer<Float>, count: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) -> Double {
        guard count > 0 else { return 0 }
        let scale = Float(1 / Double(count))
        var total = 0.0
        switch self {
        case .mse:
            // (ŷ − y) · (2/N), in the anchors' order, so Float32 rounding matches them.
            let twice = Float(2 / Double(count))
            for i in 0..<count {
                let r = predictions[i] - targets[i]
                total += Double(r * r)
                gradient?[i] = r * twice
            }
        case .mae:
            for i in 0..<count {
                let r = predictions[i] - targets[i]
                total += Double(abs(r))
                gradient?[i] = (r > 0 ? 1 : (r < 0 ? -1 : 0)) * scale
            }
        case .huber(let delta):
            let d = Float(delta)
            for i in 0..<count {
                let r = predictions[i] - targets[i]
                total += Double(abs(r) <= d ? 0.5 * r * r : d * (abs(r) - 0.5 * d))
                gradient?[i] = min(max(r, -d), d) * scale
            }
        case .binaryCrossEntropy:
            for i in 0..<count {
                let p = predictions[i]
                let y = targets[i]
                total += Double(max(p, 0) - p * y + log1pf(expf(-abs(p))))
                let sigmoid = p >= 0 ? 1 / (1 + expf(-p)) : expf(p) / (1 + expf(p))
                gradient?[i] = (sigmoid - y) * scale
            }
        }
        return total / Double(count)
    }
}
