/// How to train: optimizer, loss, batches, regularisation and stopping.
public struct TrainingConfig: Sendable, Hashable {
    public var optimizer: Optimizer = .adam()
    public var loss: Loss = .mse
    public var batchSize = 32
    public var epochs = 100
    /// Shuffle the training samples every epoch (with ``seed``).
    public var shuffle = true
    /// Seeds batch order (`1000·seed + 2 + epoch`) and dropout (`1000·seed + 3`).
    public var seed: UInt64 = 0
    /// Stop after this many epochs without improvement of the monitored loss
    /// (validation loss when there is a validation set, else training loss).
    public var patience: Int?
    /// An improvement smaller than this does not count.
    public var minDelta = 0.0
    /// L2 penalty `λ/2 · Σw²` on weights (not biases): `λ·w` is added to their gradients.
    public var weightDecay = 0.0
    /// Scale gradients down when their global L2 norm exceeds this.
    public var clipNorm: Double?
    public var schedule: LearningRateSchedule = .constant
    /// Put back the weights of the best epoch when training ends, however it ends.
    public var restoreBest = true

    public init() {}

    func validate() throws(NeuralNetError) {
        guard batchSize >= 1 else { throw .invalidConfiguration("batch size must be at least 1, got \(batchSize)") }
        guard epochs >= 1 else { throw .invalidConfiguration("epochs must be at least 1, got \(epochs)") }
        guard optimizer.learningRate > 0, optimizer.learningRate.isFinite else {
            throw .invalidConfiguration("the learning rate must be positive, got \(optimizer.learningRate)")
        }
        if let patience, patience < 1 { throw .invalidConfiguration("patience must be at least 1, got \(patience)") }
        guard weightDecay >= 0 else { throw .invalidConfiguration("weight decay must be 0 or more, got \(weightDecay)") }
        if let clipNorm, clipNorm <= 0 { throw .invalidConfiguration("the clipping norm must be positive") }
    }
}

/// One epoch, as reported to the callback and kept in the history.
public struct EpochRecord: Sendable, Hashable {
    public var epoch: Int
    public var trainLoss: Double
    public var validationLoss: Double?
    public var learningRate: Double
    /// Seconds since training started.
    public var elapsed: Double
}

/// What the per-epoch callback asks for.
public enum TrainingControl: Sendable {
    case proceed
    /// Stop now (an interruption); the best weights are still restored.
    case stop
}

public struct TrainingHistory: Sendable, Hashable {
    public var epochs: [EpochRecord] = []
    /// The epoch whose weights the network holds at the end (with `restoreBest`).
    public var bestEpoch = 0
    public var bestLoss = Double.infinity
    public var stoppedEarly = false
    public var interrupted = false
}

/// Mini-batch training: composes a ``Network``, a ``Loss`` and an ``OptimizerState``.
///
/// Every epoch visits the training samples in the order of
/// `argsort(SplitMix64(1000·seed + 2 + epoch))` (see ``RandomStream/permutation(seed:count:)``),
/// in batches of `batchSize` with the last, partial batch used too. The same seed and
/// data give the same weights, bit for bit.
public struct Trainer {
    public var config: TrainingConfig

    public init(_ config: TrainingConfig = TrainingConfig()) {
        self.config = config
    }

    public func fit(
        _ network: inout Network, training: some BatchSource, validation: (any BatchSource)? = nil,
        onEpoch: ((EpochRecord) -> TrainingControl)? = nil
    ) throws(NeuralNetError) -> TrainingHistory {
        try config.validate()
        guard training.count > 0 else { throw .emptyTrainingSet }
        for source in [training as any BatchSource] + (validation.map { [$0] } ?? []) {
            guard source.inputWidth == network.inputWidth else {
                throw .shapeMismatch(expected: network.inputWidth, found: source.inputWidth, what: "sample inputs")
            }
            guard source.outputWidth == network.outputWidth else {
                throw .shapeMismatch(expected: network.outputWidth, found: source.outputWidth, what: "sample targets")
            }
        }
        let n = training.count
        let batch = min(config.batchSize, n)
        let workspace = Workspace(network: network, batchSize: batch)
        var optimizer = OptimizerState(config.optimizer, parameterCount: network.parameters.count)
        let weightRanges = network.weightRanges
        var x = [Float](repeating: 0, count: batch * network.inputWidth)
        var y = [Float](repeating: 0, count: batch * network.outputWidth)
        var dropoutRandom = RandomStream(seed: 1000 &* config.seed &+ 3)
        let sequential = [Int32](unsafeUninitializedCapacity: n) { b, k in
            for i in 0..<n { b[i] = Int32(i) }
            k = n
        }

        var history = TrainingHistory()
        var best = network.parameters
        var sinceImprovement = 0
        var rate = config.optimizer.learningRate
        let start = ContinuousClock.now

        for epoch in 0..<config.epochs {
            rate = config.schedule.rate(epoch: epoch, base: config.optimizer.learningRate, current: rate,
                                        epochsWithoutImprovement: sinceImprovement)
            let order = config.shuffle
                ? RandomStream.permutation(seed: 1000 &* config.seed &+ 2 &+ UInt64(epoch), count: n) : sequential
            var lossSum = 0.0
            var batchIndex = 0
            var failure: NeuralNetError?
            x.withUnsafeMutableBufferPointer { xb in
                y.withUnsafeMutableBufferPointer { yb in
                    order.withUnsafeBufferPointer { indices in
                        var first = 0
                        while first < n {
                            let rows = min(batch, n - first)
                            training.gather(UnsafeBufferPointer(rebasing: indices[first..<(first + rows)]),
                                            inputs: xb.baseAddress!, targets: yb.baseAddress!)
                            let loss = step(&network, workspace, xb.baseAddress!, yb.baseAddress!, rows: rows,
                                            optimizer: &optimizer, rate: rate, weightRanges: weightRanges,
                                            random: &dropoutRandom)
                            guard loss.isFinite else {
                                failure = .nonFiniteLoss(epoch: epoch, batch: batchIndex, learningRate: rate)
                                return
                            }
                            lossSum += loss * Double(rows)
                            batchIndex += 1
                            first += rows
                        }
                    }
                }
            }
            if let failure {
                network.parameters = best
                throw failure
            }
            let trainLoss = lossSum / Double(n)
            let validationLoss = validation.map { evaluate(network, on: $0, workspace: workspace) }
            let monitored = validationLoss ?? trainLoss
            if monitored < history.bestLoss - config.minDelta || epoch == 0 {
                history.bestLoss = min(monitored, history.bestLoss)
                history.bestEpoch = epoch
                best = network.parameters
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
            }
            let record = EpochRecord(epoch: epoch, trainLoss: trainLoss, validationLoss: validationLoss,
                                     learningRate: rate, elapsed: Self.seconds(since: start))
            history.epochs.append(record)
            if onEpoch?(record) == .stop {
                history.interrupted = true
                break
            }
            if let patience = config.patience, sinceImprovement >= patience {
                history.stoppedEarly = true
                break
            }
        }
        if config.restoreBest {
            network.parameters = best
        } else {
            history.bestEpoch = history.epochs.count - 1
        }
        return history
    }

    /// One optimizer step on one batch; returns the batch loss.
    private func step(
        _ network: inout Network, _ ws: Workspace, _ x: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>,
        rows: Int, optimizer: inout OptimizerState, rate: Double, weightRanges: [Range<Int>],
        random: inout RandomStream
    ) -> Double {
        let output = network.forward(x, rows: rows, workspace: ws, training: true, random: &random)
        let loss = config.loss.evaluate(output, y, count: rows * network.outputWidth, gradient: ws.gradientA,
                                        inputs: x, inputWidth: network.inputWidth, outputs: network.outputWidth)
        guard loss.isFinite else { return loss }
        network.backward(x, rows: rows, workspace: ws)
        let g = UnsafeMutableBufferPointer(start: ws.gradients, count: ws.gradientCount)
        if config.weightDecay > 0 {
            let lambda = Float(config.weightDecay)
            network.parameters.withUnsafeBufferPointer { p in
                for range in weightRanges {
                    for i in range { g[i] += lambda * p[i] }
                }
            }
        }
        if let clip = config.clipNorm {
            var sum = 0.0
            for v in g { sum += Double(v * v) }
            let norm = sum.squareRoot()
            if norm > clip {
                let scale = Float(clip / norm)
                for i in g.indices { g[i] *= scale }
            }
        }
        network.parameters.withUnsafeMutableBufferPointer { p in
            optimizer.update(parameters: p, gradients: UnsafeBufferPointer(g), learningRate: rate, decayed: weightRanges)
        }
        return loss
    }

    /// The mean loss over a whole source, in batches, without dropout.
    public func evaluate(_ network: Network, on source: any BatchSource) -> Double {
        let workspace = Workspace(network: network, batchSize: min(max(config.batchSize, 1), max(source.count, 1)))
        return evaluate(network, on: source, workspace: workspace)
    }

    func evaluate(_ network: Network, on source: any BatchSource, workspace ws: Workspace) -> Double {
        let n = source.count
        guard n > 0 else { return .nan }
        let batch = ws.batchSize
        var x = [Float](repeating: 0, count: batch * network.inputWidth)
        var y = [Float](repeating: 0, count: batch * network.outputWidth)
        var random = RandomStream(seed: 0)
        var total = 0.0
        var indices = [Int32](repeating: 0, count: batch)
        var first = 0
        while first < n {
            let rows = min(batch, n - first)
            for r in 0..<rows { indices[r] = Int32(first + r) }
            x.withUnsafeMutableBufferPointer { xb in
                y.withUnsafeMutableBufferPointer { yb in
                    indices.withUnsafeBufferPointer { ib in
                        source.gather(UnsafeBufferPointer(rebasing: ib[0..<rows]), inputs: xb.baseAddress!,
                                      targets: yb.baseAddress!)
                    }
                    let out = network.forward(xb.baseAddress!, rows: rows, workspace: ws, training: false, random: &random)
                    total += config.loss.evaluate(out, yb.baseAddress!, count: rows * network.outputWidth, gradient: nil,
                                                  inputs: xb.baseAddress!, inputWidth: network.inputWidth,
                                                  outputs: network.outputWidth)
                        * Double(rows)
                }
            }
            first += rows
        }
        return total / Double(n)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
