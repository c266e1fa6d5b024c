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
    /// sMAPE between `exp(ŷ)` and `exp(y)`, for targets that are logarithms (log-ratios
    /// to a level, say): `2·|tanh((ŷ − y)/2)|`, which is `2|a − b|/(a + b)` for
    /// `a = eᶽ, b = eʸ`, so a network trained on log-ratios minimises the sMAPE of its
    /// forecasts on the original scale. Bounded by 2, like sMAPE.
    case logSMAPE
    /// MAPE between `exp(ŷ)` and `exp(y)`: `|e^(ŷ − y) − 1|`, the relative error of the
    /// forecast on the original scale when the targets are log-ratios.
    case logMAPE
    /// MASE between `exp(ŷ)` and `exp(y)` when inputs and targets are log-ratios to the
    /// same level: `|eᶽ − eʸ| / s`, where `s` is the mean absolute difference at lag
    /// `period` of `exp` of the row's inputs (its lookback, read as consecutive values),
    /// the in-sample seasonal-naive error of that window on the ratio scale, as N-BEATS
    /// trains with MASE. The level cancels, so the loss is the forecast's MASE whatever
    /// the series' scale. A row whose lookback is flat (`s` below 1e-6) weighs nothing;
    /// a lookback shorter than `period + 1` values uses lag 1.
    case logMASE(period: Int)

    /// The mean loss of `predictions` against `targets`; writes `∂loss/∂ŷ` into
    /// `gradient` when given. `inputs` (rows of `inputWidth`, `count / outputs` rows)
    /// are read only by losses that scale by them, ``logMASE(period:)``; without them
    /// its scale is 1.
    func evaluate(
        _ predictions: UnsafePointer<Float>, _ targets: UnsafePointer<Float>, count: Int,
        gradient: UnsafeMutablePointer<Float>?,
        inputs: UnsafePointer<Float>? = nil, inputWidth: Int = 0, outputs: Int = 1
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
        case .logSMAPE:
            for i in 0..<count {
                let r = predictions[i] - targets[i]
                let t = tanhf(0.5 * r)
                total += Double(2 * abs(t))
                // d/dr 2|tanh(r/2)| = sign(r)·(1 − tanh²(r/2))
                gradient?[i] = (r > 0 ? 1 : (r < 0 ? -1 : 0)) * (1 - t * t) * scale
            }
        case .logMAPE:
            for i in 0..<count {
                // Clamped so one wild early prediction cannot overflow the batch loss.
                let r = min(predictions[i] - targets[i], 20)
                let e = expf(r)
                total += Double(abs(e - 1))
                gradient?[i] = (r > 0 ? e : (r < 0 ? -e : 0)) * scale
            }
        case .logMASE(let period):
            let width = max(outputs, 1)
            for row in 0..<(count / width) {
                let w = inputs.map { Self.masWeight($0 + row * inputWidth, width: inputWidth, period: period) } ?? 1
                for i in (row * width)..<((row + 1) * width) {
                    // Clamped as for MAPE; the error is |eᶽ − eʸ|.
                    let p = min(predictions[i], targets[i] + 20)
                    let e = expf(p)
                    let d = e - expf(targets[i])
                    total += Double(w * abs(d))
                    gradient?[i] = (d > 0 ? e : (d < 0 ? -e : 0)) * w * scale
                }
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

    /// `1/s` for ``logMASE(period:)``: `s` the mean `|e^x[t] − e^x[t−lag]|` over one row.
    static func masWeight(_ x: UnsafePointer<Float>, width: Int, period: Int) -> Float {
        let lag = width > period ? max(period, 1) : 1
        guard width > lag else { return 1 }
        var sum: Float = 0
        for t in lag..<width { sum += abs(expf(x[t]) - expf(x[t - lag])) }
        let s = sum / Float(width - lag)
        return s < 1e-6 ? 0 : 1 / s
    }
}
