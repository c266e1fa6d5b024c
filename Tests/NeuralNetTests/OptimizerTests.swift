import Testing
@testable import NeuralNet

/// Each optimizer's first two steps on `p = [1, −2]` with gradients `[0.5, −1]` then
/// `[0.1, 0.2]`, against the formulas worked through in Double (see the table in
/// `Optimizer`'s documentation).
@Suite struct OptimizerTests {
    static let cases: [(Optimizer, [[Double]])] = [
        (.sgd(learningRate: 0.1), [[0.95, -1.9], [0.94, -1.92]]),
        (.momentum(learningRate: 0.1, momentum: 0.9), [[0.95, -1.9], [0.895, -1.83]]),
        // Nesterov looks ahead: p −= lr·(g + μ·v).
        (.momentum(learningRate: 0.1, momentum: 0.9, nesterov: true), [[0.905, -1.81], [0.8455, -1.767]]),
        (.adagrad(learningRate: 0.1), [[0.9, -1.9], [0.8803883865100278, -1.9196116135218952]]),
        // Adadelta's unit correction √(E[Δ²] + ε) makes the first step tiny: √1e-6/√(0.1g² + 1e-6)·g.
        (.adadelta(learningRate: 1, rho: 0.9, epsilon: 1e-6),
         [[0.9968377855834876, -1.9968377381511013], [0.9959152832279488, -1.9977602621457928]]),
        (.rmsprop(learningRate: 0.01), [[0.900000019999996, -1.900000009999999], [0.8802934383202046, -1.9197065936215374]]),
        // Adam's bias correction makes the first step lr·sign(g).
        (.adam(learningRate: 0.1), [[0.9, -1.9], [0.8196959063846516, -1.8488973939904945]]),
        (.adamW(learningRate: 0.1, weightDecay: 0.5), [[0.85, -1.8], [0.7271959062846516, -1.6588973939404943]]),
    ]

    @Test("First two steps by hand", arguments: cases)
    func twoSteps(optimizer: Optimizer, expected: [[Double]]) {
        var state = OptimizerState(optimizer, parameterCount: 2)
        var p: [Float] = [1, -2]
        for (step, g) in [[Float(0.5), -1], [0.1, 0.2]].enumerated() {
            p.withUnsafeMutableBufferPointer { pb in
                g.withUnsafeBufferPointer { state.update(parameters: pb, gradients: $0, learningRate: optimizer.learningRate, decayed: [0..<2]) }
            }
            for i in 0..<2 {
                #expect(abs(Double(p[i]) - expected[step][i]) < 2e-6, "\(optimizer.name) step \(step + 1)")
            }
        }
        #expect(state.step == 2)
    }

    @Test("Adam keeps m, v and the step count")
    func adamState() {
        var state = OptimizerState(.adam(learningRate: 0.1), parameterCount: 1)
        var p: [Float] = [0]
        p.withUnsafeMutableBufferPointer { pb in
            [Float(2)].withUnsafeBufferPointer { state.update(parameters: pb, gradients: $0, learningRate: 0.1) }
        }
        #expect(abs(state.first[0] - 0.2) < 1e-7)  // (1 − 0.9)·2
        #expect(abs(state.second[0] - 0.004) < 1e-9)  // (1 − 0.999)·4
    }

    @Test("Learning-rate schedules", arguments: [
        (LearningRateSchedule.constant, [1.0, 1, 1, 1]),
        (.stepDecay(every: 2, factor: 0.5), [1.0, 1, 0.5, 0.5]),
        (.exponential(rate: 0.9), [1.0, 0.9, 0.81, 0.729]),
        (.cosine(epochs: 2, minimum: 0.1), [1.0, 0.55, 0.1, 0.1]),
    ])
    func schedules(schedule: LearningRateSchedule, expected: [Double]) {
        for (epoch, rate) in expected.enumerated() {
            #expect(abs(schedule.rate(epoch: epoch, base: 1, current: 1, epochsWithoutImprovement: 0) - rate) < 1e-12)
        }
    }

    @Test("Reduce on plateau halves after each patience run without improvement")
    func plateau() {
        let s = LearningRateSchedule.reduceOnPlateau(factor: 0.5, patience: 2, minimum: 0.2)
        #expect(s.rate(epoch: 5, base: 1, current: 1, epochsWithoutImprovement: 1) == 1)
        #expect(s.rate(epoch: 5, base: 1, current: 1, epochsWithoutImprovement: 2) == 0.5)
        #expect(s.rate(epoch: 5, base: 1, current: 0.3, epochsWithoutImprovement: 4) == 0.2)
    }
}
