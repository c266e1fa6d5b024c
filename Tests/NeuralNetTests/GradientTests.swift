import Testing
@testable import NeuralNet

/// Backpropagation against central finite differences, for every activation and loss
/// on a network with two hidden layers.
@Suite struct GradientTests {
    static let losses: [Loss] = [.mse, .mae, .huber(delta: 0.5), .binaryCrossEntropy, .logSMAPE, .logMAPE,
                                 .logMASE(period: 2)]

    static var cases: [(Activation, Loss)] {
        Activation.allCases.flatMap { a in losses.map { (a, $0) } }
    }

    /// The batch loss of `network` on fixed inputs and targets.
    static func loss(_ network: Network, _ loss: Loss, x: [Float], y: [Float], rows: Int, workspace: Workspace) -> Double {
        var random = RandomStream(seed: 0)
        return x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                let out = network.forward(xb.baseAddress!, rows: rows, workspace: workspace, training: false, random: &random)
                return loss.evaluate(out, yb.baseAddress!, count: rows * network.outputWidth, gradient: nil,
                                     inputs: xb.baseAddress!, inputWidth: network.inputWidth, outputs: network.outputWidth)
            }
        }
    }

    @Test("Backprop matches finite differences", arguments: cases)
    func gradient(activation: Activation, loss: Loss) throws {
        var network = try Network(inputs: 3, hidden: [5, 4], outputs: 2, activation: activation,
                                  initializer: .normal(sigma: 0.8), seed: 11)
        var random = RandomStream(seed: 99)
        for i in network.parameters.indices where network.parameters[i] == 0 {
            network.parameters[i] = Float(random.uniform() - 0.5)  // non-zero biases
        }
        let rows = 4
        let x = (0..<(rows * 3)).map { _ in Float(random.uniform() * 2 - 1) }
        // MAE's kink at a zero residual would break finite differences: its targets sit
        // well away from the predictions.
        let y: [Float] = switch loss {
        case .binaryCrossEntropy: (0..<(rows * 2)).map { Float($0 % 2) }
        case .mae, .logSMAPE: (0..<(rows * 2)).map { _ in Float(6 + random.uniform()) }
        case .logMAPE, .logMASE: (0..<(rows * 2)).map { _ in Float(-3 - random.uniform()) }
        default: (0..<(rows * 2)).map { _ in Float(random.uniform() * 2 - 1) }
        }
        let ws = Workspace(network: network, batchSize: rows)

        // Analytic gradient.
        var noDropout = RandomStream(seed: 0)
        x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                let out = network.forward(xb.baseAddress!, rows: rows, workspace: ws, training: true, random: &noDropout)
                _ = loss.evaluate(out, yb.baseAddress!, count: rows * 2, gradient: ws.gradientA,
                                  inputs: xb.baseAddress!, inputWidth: 3, outputs: 2)
                network.backward(xb.baseAddress!, rows: rows, workspace: ws)
            }
        }
        let analytic = Array(UnsafeBufferPointer(start: ws.gradients, count: ws.gradientCount))

        // Central differences in Float32: a step of 1e-2 keeps rounding error well below
        // the tolerance while curvature error stays small.
        let h: Float = 1e-2
        var worst = 0.0
        for i in network.parameters.indices {
            let original = network.parameters[i]
            network.parameters[i] = original + h
            let up = Self.loss(network, loss, x: x, y: y, rows: rows, workspace: ws)
            network.parameters[i] = original - h
            let down = Self.loss(network, loss, x: x, y: y, rows: rows, workspace: ws)
            network.parameters[i] = original
            let numeric = (up - down) / Double(2 * h)
            let error = abs(numeric - Double(analytic[i])) / max(1, abs(numeric))
            worst = max(worst, error)
        }
        #expect(worst < 5e-3, "largest relative gradient error \(worst)")
    }

    @Test("Losses by hand")
    func losses() {
        let p: [Float] = [1, 2, 0.5]
        let y: [Float] = [0, 4, 0.5]
        func value(_ loss: Loss, _ p: [Float], _ y: [Float]) -> (Double, [Float]) {
            var g = [Float](repeating: 0, count: p.count)
            let v = p.withUnsafeBufferPointer { pb in
                y.withUnsafeBufferPointer { yb in
                    g.withUnsafeMutableBufferPointer { loss.evaluate(pb.baseAddress!, yb.baseAddress!, count: p.count, gradient: $0.baseAddress!) }
                }
            }
            return (v, g)
        }
        let mse = value(.mse, p, y)
        #expect(abs(mse.0 - 5.0 / 3) < 1e-7)  // (1 + 4 + 0) / 3
        #expect(mse.1 == [Float(2.0 / 3), Float(-4.0 / 3), 0])
        #expect(abs(value(.mae, p, y).0 - 1) < 1e-7)  // (1 + 2 + 0) / 3
        // Huber δ=1: 0.5·1² = 0.5; 1·(2 − 0.5) = 1.5; 0 → 2/3.
        #expect(abs(value(.huber(delta: 1), p, y).0 - 2.0 / 3) < 1e-7)
        // BCE on logit 0 is log 2 whatever the target; on logit 30 with target 1 almost 0.
        let bce = value(.binaryCrossEntropy, [0, 30, -30], [1, 1, 0])
        #expect(abs(bce.0 - 0.6931471805599453 / 3) < 1e-7)
        #expect(abs(bce.1[0] - Float(-0.5 / 3)) < 1e-7)
        // Log-scale sMAPE and MAPE: prediction log 2 against target log 1 = 0 is the
        // forecast 2 against the truth 1: sMAPE 2·1/3, MAPE 1; equal values cost 0.
        let logs: [Float] = [Float(0.6931471805599453), 0.25]
        let smape = value(.logSMAPE, logs, [0, 0.25])
        #expect(abs(smape.0 - (2.0 / 3) / 2) < 1e-6)
        let mape = value(.logMAPE, logs, [0, 0.25])
        #expect(abs(mape.0 - 1.0 / 2) < 1e-6)
        // d/dŷ |e^(ŷ−y) − 1| = e^(ŷ−y) = 2 above the target, averaged over 2 elements.
        #expect(abs(mape.1[0] - 1) < 1e-6)
        // Log-scale MASE: a row of inputs log [1, 3, 1] has lag-1 differences 2 and 2 on
        // the ratio scale, so the scale is 2: forecast 2 against 1 costs |2 − 1| / 2, and
        // forecast 3 against 2 costs 1/2 as well; the gradient is e^ŷ · (1/s) / count: 2·½·½ and 3·½·½.
        let row: [Float] = [0, 1.0986122886681098, 0]
        func mase(_ period: Int, _ p: [Float], _ y: [Float]) -> (Double, [Float]) {
            var g = [Float](repeating: 0, count: p.count)
            let v = row.withUnsafeBufferPointer { xb in
                p.withUnsafeBufferPointer { pb in
                    y.withUnsafeBufferPointer { yb in
                        g.withUnsafeMutableBufferPointer {
                            Loss.logMASE(period: period).evaluate(pb.baseAddress!, yb.baseAddress!, count: p.count,
                                                                  gradient: $0.baseAddress!, inputs: xb.baseAddress!,
                                                                  inputWidth: 3, outputs: 2)
                        }
                    }
                }
            }
            return (v, g)
        }
        let two: Float = 0.6931471805599453, three: Float = 1.0986122886681098
        let m1 = mase(1, [two, three], [0, two])
        #expect(abs(m1.0 - 0.5) < 1e-6)
        #expect(abs(m1.1[0] - 0.5) < 1e-6 && abs(m1.1[1] - 0.75) < 1e-6)
        // At lag 2 the lookback [1, 3, 1] is flat (1 against 1): the row weighs nothing.
        #expect(mase(2, [two, three], [0, two]).0 == 0)
        // Lag 12 on three inputs falls back to lag 1.
        #expect(abs(mase(12, [two, three], [0, two]).0 - 0.5) < 1e-6)
        // Large logits stay finite (no overflow in exp).
        #expect(value(.binaryCrossEntropy, [1000, -1000], [0, 1]).0 == 1000)
    }
}
