import Foundation
import Testing
@testable import NeuralNet

@Suite struct TrainingTests {
    func xorData() throws -> MatrixDataset {
        try MatrixDataset(inputs: [0, 0, 0, 1, 1, 0, 1, 1], targets: [0, 1, 1, 0], inputWidth: 2, outputWidth: 1)
    }

    func sineData(_ n: Int, offset: Double = 0) throws -> MatrixDataset {
        let xs = (0..<n).map { -Double.pi + 2 * Double.pi * (Double($0) + offset) / Double(n) }
        return try MatrixDataset(inputs: xs.map { Float($0) }, targets: xs.map { Float(sin($0)) }, inputWidth: 1, outputWidth: 1)
    }

    @Test("A 2-4-1 tanh network learns XOR")
    func xor() throws {
        var network = try Network(inputs: 2, hidden: [4], outputs: 1, activation: .tanh, seed: 3)
        var config = TrainingConfig()
        config.optimizer = .adam(learningRate: 0.05)
        config.batchSize = 4
        config.epochs = 600
        _ = try Trainer(config).fit(&network, training: xorData())
        let p = network.predict([0, 0, 0, 1, 1, 0, 1, 1], rows: 4)
        #expect(p.map { $0 > 0.5 } == [false, true, true, false], "\(p)")
        #expect(zip(p, [Float(0), 1, 1, 0]).allSatisfy { abs($0 - $1) < 0.1 })
    }

    @Test("A sine regression reaches an MSE below 1e-3")
    func sine() throws {
        var network = try Network(inputs: 1, hidden: [32, 32], outputs: 1, activation: .tanh, seed: 1)
        var config = TrainingConfig()
        config.optimizer = .adam(learningRate: 0.01)
        config.batchSize = 32
        config.epochs = 300
        let trainer = Trainer(config)
        let history = try trainer.fit(&network, training: sineData(256), validation: sineData(100, offset: 0.5))
        #expect(trainer.evaluate(network, on: try sineData(100, offset: 0.5)) < 1e-3)
        #expect(history.epochs.count == 300)
        #expect(history.epochs[0].trainLoss > 10 * (history.epochs.last?.trainLoss ?? 1))
    }

    @Test("Every optimizer and activation trains a small regression down")
    func everyOptimizerLearns() throws {
        let optimizers: [Optimizer] = [
            .sgd(learningRate: 0.05), .momentum(learningRate: 0.02), .momentum(learningRate: 0.02, nesterov: true),
            .adagrad(learningRate: 0.05), .adadelta(learningRate: 1), .rmsprop(learningRate: 0.003),
            .adam(learningRate: 0.01), .adamW(learningRate: 0.01),
        ]
        for optimizer in optimizers {
            var network = try Network(inputs: 1, hidden: [16], outputs: 1, activation: .tanh, seed: 2)
            var config = TrainingConfig()
            config.optimizer = optimizer
            config.epochs = 60
            let data = try sineData(128)
            let before = Trainer(config).evaluate(network, on: data)
            _ = try Trainer(config).fit(&network, training: data)
            #expect(Trainer(config).evaluate(network, on: data) < 0.5 * before, "\(optimizer.name)")
        }
    }

    @Test("Dropout keeps about 1 − rate of the units and scales them by 1 / (1 − rate)")
    func dropout() throws {
        let network = try Network(inputs: 4, hidden: [500], outputs: 1, activation: .relu, dropout: 0.3, seed: 5)
        let rows = 64
        let ws = Workspace(network: network, batchSize: rows)
        var random = RandomStream(seed: 8)
        let x = (0..<(rows * 4)).map { Float($0 % 7) + 1 }
        x.withUnsafeBufferPointer { xb in
            _ = network.forward(xb.baseAddress!, rows: rows, workspace: ws, training: true, random: &random)
        }
        let count = rows * 500
        let mask = UnsafeBufferPointer(start: ws.mask[0], count: count)
        let kept = mask.filter { $0 != 0 }
        let fraction = Double(kept.count) / Double(count)
        #expect(abs(fraction - 0.7) < 0.01, "kept \(fraction)")
        #expect(kept.allSatisfy { $0 == Float(1 / 0.7) })
        let a = UnsafeBufferPointer(start: ws.a[0], count: count)
        let d = UnsafeBufferPointer(start: ws.d[0], count: count)
        for i in 0..<count { #expect(d[i] == a[i] * mask[i]) }
        // Evaluation uses no dropout: predictions are deterministic.
        #expect(network.predict(x, rows: rows) == network.predict(x, rows: rows))
    }

    /// Training on y = x while validating on y = −x: validation gets worse as training
    /// proceeds, so the best epoch is early and restoring it is visible.
    func divergingSetup() throws -> (Network, MatrixDataset, MatrixDataset, TrainingConfig) {
        let xs = (0..<64).map { Float($0) / 32 - 1 }
        let train = try MatrixDataset(inputs: xs, targets: xs, inputWidth: 1, outputWidth: 1)
        let validation = try MatrixDataset(inputs: xs, targets: xs.map { -$0 }, inputWidth: 1, outputWidth: 1)
        var config = TrainingConfig()
        config.optimizer = .adam(learningRate: 0.01)
        config.epochs = 40
        return (try Network(inputs: 1, hidden: [8], outputs: 1, activation: .tanh, seed: 4), train, validation, config)
    }

    @Test("Early stopping restores the best epoch's weights on every exit path", arguments: ["patience", "exhausted", "interrupted"])
    func earlyStopping(exit: String) throws {
        var (network, train, validation, config) = try divergingSetup()
        if exit == "patience" { config.patience = 5 }
        let trainer = Trainer(config)
        let history = try trainer.fit(&network, training: train, validation: validation) { record in
            exit == "interrupted" && record.epoch == 12 ? .stop : .proceed
        }
        let losses = history.epochs.compactMap(\.validationLoss)
        let best = losses.indices.min { losses[$0] < losses[$1] }!
        #expect(history.bestEpoch == best)
        #expect(best < losses.count - 1)
        #expect(abs(trainer.evaluate(network, on: validation) - losses[best]) < 1e-9)
        switch exit {
        case "patience":
            #expect(history.stoppedEarly && history.epochs.count == best + 6)
        case "interrupted":
            #expect(history.interrupted && history.epochs.count == 13)
        default:
            #expect(history.epochs.count == 40)
        }
    }

    @Test("The same seed gives the same weights bit for bit; another seed does not")
    func determinism() throws {
        func train(_ seed: UInt64) throws -> [Float] {
            var network = try Network(inputs: 1, hidden: [16, 16], outputs: 1, dropout: 0.2, seed: seed)
            var config = TrainingConfig()
            config.seed = seed
            config.epochs = 5
            _ = try Trainer(config).fit(&network, training: sineData(200))
            return network.parameters
        }
        #expect(try train(1) == train(1))
        #expect(try train(1) != train(2))
    }

    @Test("A diverging loss stops with an error naming epoch and batch, keeping the best weights")
    func nonFinite() throws {
        var network = try Network(inputs: 1, hidden: [8], outputs: 1, seed: 1)
        var config = TrainingConfig()
        config.optimizer = .sgd(learningRate: 1e6)
        config.epochs = 50
        config.batchSize = 16
        let data = try sineData(64)
        do {
            _ = try Trainer(config).fit(&network, training: data)
            Issue.record("expected a non-finite loss")
        } catch {
            guard case .nonFiniteLoss(let epoch, let batch, let rate) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(rate == 1e6)
            #expect(error.description.contains("epoch \(epoch + 1), batch \(batch + 1)"))
            #expect(error.description.contains("lower learning rate"))
        }
        #expect(network.parameters.allSatisfy { $0.isFinite })
    }

    @Test("Weight decay and clipping are applied to the gradients")
    func regularisation() throws {
        // With zero data gradient (targets equal predictions of a zero network), only
        // weight decay moves the weights: SGD shrinks each by lr·λ·w.
        var network = try Network(layers: [LayerSpec(inputs: 1, outputs: 1, activation: .linear)], parameters: [2, 0])
        var config = TrainingConfig()
        config.optimizer = .sgd(learningRate: 0.1)
        config.weightDecay = 0.5
        config.epochs = 1
        config.batchSize = 1
        let data = try MatrixDataset(inputs: [0], targets: [0], inputWidth: 1, outputWidth: 1)
        _ = try Trainer(config).fit(&network, training: data)
        #expect(abs(network.parameters[0] - 1.9) < 1e-7)  // 2 − 0.1·0.5·2
        #expect(network.parameters[1] == 0)  // biases are not decayed
        // Clipping: gradient of MSE at w = 0, x = 1, y = 10 is (−20, −20), norm 28.28;
        // clipped to norm 1 each component is −1/√2.
        var clipped = try Network(layers: [LayerSpec(inputs: 1, outputs: 1, activation: .linear)], parameters: [0, 0])
        config.weightDecay = 0
        config.clipNorm = 1
        config.optimizer = .sgd(learningRate: 1)
        _ = try Trainer(config).fit(&clipped, training: try MatrixDataset(inputs: [1], targets: [10], inputWidth: 1, outputWidth: 1))
        #expect(abs(clipped.parameters[0] - Float(0.5.squareRoot())) < 1e-6)
    }

    @Test("Invalid configurations are refused")
    func invalid() throws {
        var network = try Network(inputs: 1, hidden: [2], outputs: 1)
        var config = TrainingConfig()
        config.batchSize = 0
        #expect(throws: NeuralNetError.invalidConfiguration("batch size must be at least 1, got 0")) {
            try Trainer(config).fit(&network, training: try sineData(8))
        }
        #expect(throws: NeuralNetError.invalidArchitecture("dropout must be in [0, 1), got 1.0")) {
            try Network(inputs: 1, hidden: [2], outputs: 1, dropout: 1)
        }
        #expect(throws: NeuralNetError.shapeMismatch(expected: 1, found: 2, what: "sample inputs")) {
            try Trainer().fit(&network, training: try MatrixDataset(inputs: [1, 2], targets: [1], inputWidth: 2, outputWidth: 1))
        }
    }
}
