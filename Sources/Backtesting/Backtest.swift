import Forecasters
import SeriesIO

/// One origin's forecast next to what happened.
public struct Fold: Sendable, Hashable {
    public var index: Int
    /// The number of points the forecast could see (`y[0 ..< origin]`).
    public var origin: Int
    /// The origin's first forecast date as the file writes dates (or its 1-based position).
    public var originLabel: String
    public var actual: [Double]
    public var forecast: [Double]
    /// Per level, the interval bounds (empty without levels).
    public var lower: [Double: [Double]]
    public var upper: [Double: [Double]]
    public var metrics: Metrics
}

/// A backtest of one forecaster on one series: folds, and metrics overall and per
/// step ahead.
public struct BacktestResult: Sendable {
    public var folds: [Fold]
    public var overall: Metrics
    /// `perStep[h]`: the metrics of every fold's forecast `h + 1` steps ahead.
    public var perStep: [Metrics]
    /// Wall-clock seconds of fitting and forecasting, summed over folds.
    public var seconds: Double
}

extension Forecaster {
    /// Rolling-origin evaluation: at every origin of `spec`, the forecaster is given the
    /// history up to the origin and nothing else (a new `Series` holding only those
    /// values), so it cannot see the future by construction. Refit blocks run in
    /// parallel on all cores; each fold's result is independent of the number of threads.
    ///
    /// `onFold` (optional) is called after each fold, from whichever thread ran it.
    public func backtest(_ series: Series, spec: BacktestSpec, levels: [Double] = [],
                         onFold: (@Sendable () -> Void)? = nil) throws -> BacktestResult {
        let origins = try spec.origins(length: series.count)
        let season = spec.season ?? series.frequency?.seasonalPeriod ?? 1
        let scale = Metrics.seasonalNaiveScale(Array(series.values[spec.history(origins[0])]), season: season)
        // Consecutive folds share a fit between refits: a block is one fit and its folds.
        let starts = origins.indices.filter { spec.refits(at: $0) }
        let blocks = starts.indices.map { b in starts[b]..<(b + 1 < starts.count ? starts[b + 1] : origins.count) }
        let forecaster = self
        let results = try parallelMap(blocks.count) { b -> [(Fold, Double)] in
            var fitted = forecaster
            var folds: [(Fold, Double)] = []
            for j in blocks[b] {
                let start = ContinuousClock.now
                let origin = origins[j]
                let history = series.slice(spec.history(origin))
                if j == blocks[b].lowerBound { try fitted.fit([history]) }
                let forecast = try fitted.forecast(history, horizon: spec.horizon, levels: levels)
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                let actual = Array(series.values[origin..<(origin + spec.horizon)])
                var lower: [Double: [Double]] = [:]
                var upper: [Double: [Double]] = [:]
                for interval in forecast.intervals {
                    lower[interval.level] = interval.lower
                    upper[interval.level] = interval.upper
                }
                let metrics = Metrics(actual: actual, forecast: forecast.values, scale: scale,
                                      intervals: Self.bounds(lower, upper))
                folds.append((Fold(index: j, origin: origin, originLabel: series.position(origin), actual: actual,
                                   forecast: forecast.values, lower: lower, upper: upper, metrics: metrics), seconds))
                onFold?()
            }
            return folds
        }.flatMap { $0 }
        let folds = results.map(\.0)
        func pooled(_ steps: Range<Int>) -> Metrics {
            let actual = folds.flatMap { f in steps.map { f.actual[$0] } }
            let forecast = folds.flatMap { f in steps.map { f.forecast[$0] } }
            var lower: [Double: [Double]] = [:]
            var upper: [Double: [Double]] = [:]
            for level in levels {
                lower[level] = folds.flatMap { f in steps.map { f.lower[level]?[$0] ?? .nan } }
                upper[level] = folds.flatMap { f in steps.map { f.upper[level]?[$0] ?? .nan } }
            }
            return Metrics(actual: actual, forecast: forecast, scale: scale, intervals: Self.bounds(lower, upper))
        }
        return BacktestResult(
            folds: folds, overall: pooled(0..<spec.horizon), perStep: (0..<spec.horizon).map { pooled($0..<($0 + 1)) },
            seconds: results.reduce(0) { $0 + $1.1 })
    }

    static func bounds(_ lower: [Double: [Double]], _ upper: [Double: [Double]]) -> [Double: (lower: [Double], upper: [Double])] {
        var result: [Double: (lower: [Double], upper: [Double])] = [:]
        for (level, l) in lower { result[level] = (l, upper[level] ?? l) }
        return result
    }
}
