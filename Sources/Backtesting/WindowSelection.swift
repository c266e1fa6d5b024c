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
        let entries = try spec.sweep(series, configurations: configurations, metric: .mase)
        let best = entries.indices.min { (entries[$0].rank, windows[$0]) < (entries[$1].rank, windows[$1]) } ?? 0
        return (windows[best], entries)
    }
}

/// `--window auto` inside a backtest: the window is chosen again at every fit, by
/// ``WindowSelection`` on the history that fit may see and nothing later.
///
/// Choosing once on the whole series and then backtesting that window would score the
/// choice on the folds it was chosen by; nested like this, the backtest measures what
/// selection itself is worth, at the price of one small sweep per refit.
public struct WindowSelectingForecaster: Forecaster {
    public var settings: ForecastSettings
    public var horizon: Int
    /// The window of the last fit (`nil` before one, or when the history was too short
    /// for the selection's three origins and the default window was used).
    public private(set) var chosenWindow: Int?
    private var fitted: FittedForecaster?

    public init(_ settings: ForecastSettings, horizon: Int) {
        self.settings = settings
        self.horizon = horizon
    }

    public mutating func fit(_ series: [Series]) throws {
        guard let first = series.first else { throw ForecastError.noSeries }
        var chosen = settings
        do {
            let window = try WindowSelection.choose(first, settings: settings, horizon: horizon).window
            chosen.neural.lags = .count(window)
            chosenWindow = window
        } catch where BacktestError.isTooShort(error) {
            // As `predict --window auto`: too short to hold out three origins, the
            // default window it is.
            chosen.neural.lags = .auto
            chosenWindow = nil
        }
        var forecaster = FittedForecaster(chosen, horizon: horizon)
        try forecaster.fit(series)
        fitted = forecaster
    }

    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        guard let fitted else { throw ForecastError.notFitted }
        return try fitted.predict(series, horizon: horizon)
    }

    public func checkedPrediction(_ series: Series, horizon: Int) throws -> Prediction {
        guard let fitted else { throw ForecastError.notFitted }
        return try fitted.checkedPrediction(series, horizon: horizon)
    }

    public func calibrationErrors(for series: Series, horizon: Int) throws -> [[Double]]? {
        guard let fitted else { throw ForecastError.notFitted }
        return try fitted.calibrationErrors(for: series, horizon: horizon)
    }
}
