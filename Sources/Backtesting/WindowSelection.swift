import Forecasters
import SeriesIO

/// `--window auto`: picks the number of lags by a small backtest before the final fit.
///
/// Candidates: `m/2, m, 2m, 3m` for a seasonal period m > 1, else `3, 6, 12, 24`, keeping
/// those no longer than a quarter of the history before the first origin. Each candidate is fitted once on
/// the history before three origins `horizon` steps apart at the end of the series
/// and scored by MASE over the three forecasts (ties go to the smaller window). The cost
/// is one fit per candidate on top of the final fit.
public enum WindowSelection {
    public static func candidates(season m: Int, length: Int, horizon: Int) -> [Int] {
        let base = m > 1 ? [max(m / 2, 2), m, 2 * m, 3 * m] : [3, 6, 12, 24]
        let cap = max(1, (length - 3 * horizon) / 4)
        let kept = Array(Set(base.filter { $0 <= cap })).sorted()
        return kept.isEmpty ? [min(base[0], cap)] : kept
    }

    /// The chosen window and the sweep behind the choice.
    public static func choose(
        _ series: Series, settings: ForecastSettings, horizon: Int
    ) throws -> (window: Int, entries: [SweepEntry]) {
        let season = settings.seasonalPeriod ?? series.frequency?.seasonalPeriod ?? 1
        let windows = candidates(season: season, length: series.count, horizon: horizon)
        let configurations = windows.map { w -> ForecastSettings in
            var s = settings
            s.neural.lags = .count(w)
            return s
        }
        let spec = try BacktestSpec(horizon: horizon, size: .folds(3), refitEvery: 0, season: season)
        let entries = try sweep(series, configurations: configurations, spec: spec, metric: .mase)
        let best = entries.indices.min { (entries[$0].rank, windows[$0]) < (entries[$1].rank, windows[$1]) } ?? 0
        return (windows[best], entries)
    }
}
