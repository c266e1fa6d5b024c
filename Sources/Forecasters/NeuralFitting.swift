import NeuralNet
import SeriesIO
import Windowing

extension NeuralForecaster {
    /// Fits, reporting each member's epochs to `progress`.
    public mutating func fit(_ series: [Series], progress: TrainingObserver?) throws {
        let c = configuration
        try c.validate()
        let fullLengths = series.map(\.count)
        let series = c.historyLimit.map { limit in
            series.map { $0.suffix(limit) }
        } ?? series
        guard let first = series.first else { throw ForecastError.noSeries }
        try Limits.check(horizon: horizon)
        let season = c.seasonalPeriod ?? first.frequency?.seasonalPeriod ?? 1
        let positive = series.allSatisfy { $0.values.allSatisfy { $0 > 0 } }
        let nonNegative = series.allSatisfy { $0.values.allSatisfy { $0 >= 0 } }
        let useLog = c.log == .on || (c.log == .auto && (positive || (c.shiftNonPositive && nonNegative)))
        let transform = try TransformSpec(
            log: useLog, shiftNonPositive: c.shiftNonPositive,
            seasonalPeriod: c.seasonalDifference && season > 1 ? season : nil,
            difference: c.difference, scaler: c.scaler ?? (useLog ? .none : .standard))
        let shortest = (series.map(\.count).min() ?? 0) - transform.lookback
        let outputs = c.strategy == .multiOutput ? horizon : 1
        let longest = (series.map(\.count).max() ?? 0) - transform.lookback
        let windows = try c.windows.map {
            try Self.window($0, c, season: season, length: shortest, longest: longest, horizon: horizon, outputs: outputs)
        }
        // The scale-free losses read the outputs as logarithms; without the log they
        // would not be what they say, so those members train on MAE instead. MASE
        // with period 0 takes the series' seasonal period. Member k trains with seed k.
        let plan = c.memberPlan.map { p in
            let loss: Loss = switch p.loss {
            case .logSMAPE, .logMAPE, .logMASE: useLog ? p.loss : .mae
            default: p.loss
            }
            return (window: p.window, loss: loss == .logMASE(period: 0) ? .logMASE(period: season) : loss)
        }
        let budget = c.trainingSteps
        // Pooled: a series too short for a training window is still forecast.
        let pooled = series.count > 1

        /// One data set per lookback, all sharing the first one's fitted transforms;
        /// with `split`, held out where the series allow it.
        func prepare(_ split: SplitSpec?) throws -> [PreparedData] {
            var prepared: [PreparedData] = []
            for window in windows {
                let shared = prepared.first?.transforms
                let held = split.flatMap { split in
                    try? PreparedData(series: series, window: window, transform: transform, split: split,
                                      transforms: shared, skipShort: pooled)
                }
                if let held, held.validation.count > 0 || prepared.isEmpty {
                    prepared.append(held)
                } else {
                    prepared.append(try PreparedData(series: series, window: window, transform: transform,
                                                     transforms: shared, skipShort: pooled))
                }
            }
            return prepared
        }
        // With a fixed budget the held-out windows serve the intervals only (no early
        // stopping); the refit then trains on every window for the same budget.
        let validationSplit = c.validationFraction > 0 ? try SplitSpec(validation: .fraction(c.validationFraction)) : nil
        let prepared = try prepare(validationSplit)
        let sources = prepared.map { data in
            (train: WindowBatchSource(windows: recent(data.train, c.recentHorizons)),
             validation: data.validation.count > 0 ? WindowBatchSource(windows: data.validation) : nil)
        }
        let results = try parallelMap(plan.count) { k -> (Member, TrainingHistory) in
            let p = plan[k]
            return try Self.trainMember(
                k, c, window: windows[p.window], loss: p.loss, train: sources[p.window].train,
                validation: budget == nil ? sources[p.window].validation : nil, epochs: nil,
                phase: .fitting, members: plan.count, progress: progress)
        }
        var fitted = Model(
            transform: transform, seriesLabels: series.map(\.label), transforms: prepared[0].transforms,
            validationWindows: prepared[0].splits.map { $0.validation.count }, members: results.map(\.0),
            epochsTrained: results.map { $0.1.epochs.count }, bestEpochs: results.map { $0.1.bestEpoch })
        let heldOut = sources.allSatisfy { $0.validation != nil }
        guard c.refit, heldOut else {
            model = fitted
            return
        }
        // Intervals come from the held-out windows, measured now, before the refit
        // sees them.
        model = fitted
        let steps = horizon
        fitted.calibration = try series.map { try calibrationErrors(for: $0, horizon: steps) ?? [] }
        fitted.fittedLengths = fullLengths
        let all = try prepare(nil)
        let everything = all.map { WindowBatchSource(windows: recent($0.train, c.recentHorizons)) }
        let bestEpochs = fitted.bestEpochs
        let refitted = try parallelMap(plan.count) { k -> (Member, TrainingHistory) in
            let p = plan[k]
            return try Self.trainMember(k, c, window: windows[p.window], loss: p.loss, train: everything[p.window],
                                        validation: nil, epochs: budget == nil ? bestEpochs[k] + 1 : nil,
                                        phase: .refit, members: plan.count, progress: progress)
        }
        fitted.transforms = all[0].transforms
        fitted.members = refitted.map(\.0)
        model = fitted
    }

    /// The windows whose first target lies in the last `k·h` values of each series.
    func recent(_ windows: WindowedDataset, _ k: Double?) -> WindowedDataset {
        guard let k else { return windows }
        let keep = max(1, Int((k * Double(horizon)).rounded(.up)))
        return windows.subset(windows.segments.map { segment in
            WindowedDataset.Segment(series: segment.series,
                                    windows: max(segment.windows.lowerBound, segment.windows.upperBound - keep)..<segment.windows.upperBound)
        })
    }

    /// Trains ensemble member `k` (its own seed) for at most `epochs` epochs, or for the
    /// configuration's fixed budget of steps when `epochs` is nil and it has one.
    static func trainMember(
        _ k: Int, _ c: Configuration, window: WindowSpec, loss: Loss, train: WindowBatchSource,
        validation: WindowBatchSource?, epochs: Int?, phase: TrainingProgress.Phase, members: Int,
        progress: TrainingObserver?
    ) throws -> (Member, TrainingHistory) {
        let seed = c.seed &* 1000 &+ UInt64(k)
        var network = try Network(
            inputs: window.featureCount, hidden: c.hidden, outputs: window.horizon, activation: c.activation,
            dropout: c.dropout, seed: seed)
        var config = TrainingConfig()
        config.optimizer = c.makeOptimizer()
        config.batchSize = c.batchSize
        config.weightDecay = c.weightDecay
        config.loss = loss
        config.seed = seed
        if let steps = c.trainingSteps, epochs == nil {
            // A fixed number of mini-batch steps, whatever the number of windows.
            let perEpoch = max(1, (train.count + c.batchSize - 1) / c.batchSize)
            let budget = max(1, (steps + perEpoch - 1) / perEpoch)
            config.epochs = budget
            config.patience = nil
            config.restoreBest = false
            if c.schedule == .cosine {
                config.schedule = .cosine(epochs: budget, minimum: c.learningRate / 100)
            }
        } else {
            config.epochs = epochs ?? c.epochs
            config.patience = validation == nil ? nil : c.patience
            config.restoreBest = validation != nil
        }
        let limit = config.epochs
        let history = try Trainer(config).fit(&network, training: train, validation: validation) { record in
            progress?(TrainingProgress(phase: phase, member: k, members: members, epochLimit: limit, record: record,
                                       finished: false))
            return .proceed
        }
        if let progress, let last = history.epochs.last {
            progress(TrainingProgress(phase: phase, member: k, members: members, epochLimit: limit, record: last,
                                      finished: true))
        }
        return (Member(window: window, loss: loss, layers: network.layers, parameters: network.parameters), history)
    }

    /// The window for a series of `length` transformed values.
    /// `length` is the shortest transformed series, `longest` the longest: padded
    /// windows need no more real history than the longest series can give.
    static func window(_ lags: Lags, _ c: Configuration, season: Int, length: Int, longest: Int, horizon: Int,
                       outputs: Int) throws -> WindowSpec
    {
        // Without padding, leave room for at least twice as many windows as lags.
        let cap = max(1, (length - outputs) / 3)
        func padding(_ n: Int) -> Int? { c.minimumHistory.map { max(1, min($0, n, longest - outputs)) } }
        func make(_ n: Int) throws -> WindowSpec {
            guard n <= Limits.lags else {
                throw ForecastError.invalidConfiguration("the lookback resolves to \(n) lags; at most \(Limits.lags) are allowed")
            }
            return try WindowSpec(lags: n, horizon: outputs, normalization: c.normalization, minimumHistory: padding(n))
        }
        switch lags {
        case .auto, .horizons:
            let wanted = requestedLags(lags, season: season, horizon: horizon) ?? 1
            return try make(c.minimumHistory == nil ? max(1, min(wanted, cap)) : wanted)
        case .count(let n):
            return try make(n)
        case .set(let set):
            let largest = set.max() ?? 1
            return try WindowSpec(lagSet: set, horizon: outputs, normalization: c.normalization,
                                  minimumHistory: padding(largest))
        }
    }

    /// The lag count a lookback asks for before a short series cuts it (`nil` for an
    /// explicit lag set): `auto` is two seasons, or 12 without a season.
    static func requestedLags(_ lags: Lags, season: Int, horizon: Int) -> Int? {
        switch lags {
        case .auto: return season > 1 ? 2 * season : 12
        case .count(let n): return n
        case .set: return nil
        case .horizons(let k): return max(1, Int((k * Double(horizon)).rounded()))
        }
    }
}
