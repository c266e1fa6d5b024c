import Forecasters
import SeriesIO

/// The metric configurations are ranked by (lower is better; bias by its size).
public enum RankingMetric: String, Sendable, Hashable, CaseIterable {
    case mae, rmse, mape, smape, mase, bias

    public func value(_ m: Metrics) -> Double? {
        switch self {
        case .mae: return m.mae
        case .rmse: return m.rmse
        case .mape: return m.mape
        case .smape: return m.smape
        case .mase: return m.mase
        case .bias: return abs(m.bias)
        }
    }
}

/// One configuration of a sweep, with its backtest.
public struct SweepEntry: Sendable {
    public var settings: ForecastSettings
    public var result: BacktestResult
    /// 1 for the best by the ranking metric.
    public var rank: Int
    /// The window was chosen afresh at every fit (``WindowSelectingForecaster``), so
    /// `settings`' lags are not the ones that ran.
    public var selectsWindow: Bool = false
}

extension BacktestSpec {
    /// Backtests every configuration on the same origins, in parallel, and ranks them.
    ///
    /// The usual question, "which window size forecasts this series best, and is it
    /// better than seasonal naive?", is a sweep over `--window 6,12,24` with the
    /// baselines included:
    ///
    /// ```swift
    /// let spec = try BacktestSpec(horizon: 12, size: .folds(3))
    /// let entries = try spec.sweep(series, configurations: [6, 12, 24].map { w in
    ///     var s = ForecastSettings()
    ///     s.neural.lags = .count(w)
    ///     return s
    /// } + [ForecastSettings(method: .seasonalNaive)])
    /// let best = entries.first { $0.rank == 1 }
    /// ```
    ///
    /// `selectingWindow`: the indices of configurations whose window is chosen by
    /// ``WindowSelection`` inside every fold (nested), rather than fixed by their lags.
    public func sweep(
        _ series: Series, configurations: [ForecastSettings], levels: [Double] = [],
        metric: RankingMetric = .mase, onFold: (@Sendable () -> Void)? = nil, selectingWindow: Set<Int> = []
    ) throws -> [SweepEntry] {
        let spec = self
        _ = try spec.origins(length: series.count)  // a series too short fails once, for every configuration
        let results = try parallelMap(configurations.count) { i -> BacktestResult in
            do {
                if selectingWindow.contains(i) {
                    return try WindowSelectingForecaster(configurations[i], horizon: spec.horizon)
                        .backtest(series, spec: spec, levels: levels, onFold: onFold)
                }
                return try FittedForecaster(configurations[i], horizon: spec.horizon)
                    .backtest(series, spec: spec, levels: levels, onFold: onFold)
            } catch {
                // Name the configuration: in a grid, "needs at least 12 values" alone does
                // not say which row failed.
                if ForecastError.isTooShort(error) {
                    throw BacktestError.configurationTooShort(configurations[i].summary, reason: "\(error)")
                }
                throw BacktestError.configurationFailed(configurations[i].summary, reason: "\(error)")
            }
        }
        if metric == .mape, let zero = results.first?.folds.lazy.flatMap({ f in
            f.actual.indices.filter { f.actual[$0] == 0 }.map { series.position(f.origin + $0) }
        }).first {
            throw BacktestError.mapeUndefined(position: zero)
        }
        let order = results.indices.sorted {
            (metric.value(results[$0].overall) ?? .infinity, $0) < (metric.value(results[$1].overall) ?? .infinity, $1)
        }
        var rank = [Int](repeating: 0, count: results.count)
        for (position, i) in order.enumerated() { rank[i] = position + 1 }
        return results.indices.map {
            SweepEntry(settings: configurations[$0], result: results[$0], rank: rank[$0],
                       selectsWindow: selectingWindow.contains($0))
        }
    }
}
