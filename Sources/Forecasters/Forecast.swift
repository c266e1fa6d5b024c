import SeriesIO
import Windowing

/// The values forecast for the steps after a series' end, with their timestamps and
/// prediction intervals.
public struct Forecast: Sendable, Equatable {
    /// The series it continues (`name`, `id`, `DateFormat`).
    public var name: String
    public var id: String?
    /// One per step, continuing the series' frequency; `nil` when the series has no dates.
    public var timestamps: [Int64]?
    public var dateFormat: DateFormat?
    public var values: [Double]
    public var intervals: [PredictionInterval]
    /// What the forecaster had to do or say about this forecast (clamped to a
    /// plausible range, far beyond the history): printed on stderr and in JSON.
    public var warnings: [String] = []

    public var horizon: Int { values.count }

    /// The interval of `level` percent (`forecast.interval(80)`), `nil` when it was not
    /// asked for.
    public func interval(_ level: Double) -> PredictionInterval? {
        intervals.first { $0.level == level }
    }

    /// Step `i`'s date as the input file wrote dates, or `i + 1` without dates.
    public func label(_ i: Int) -> String {
        guard let timestamps, let dateFormat else { return String(i + 1) }
        return dateFormat.format(timestamps[i])
    }
}

/// A central prediction interval: with probability `level`/100 the value falls
/// between `lower` and `upper` (per step).
public struct PredictionInterval: Sendable, Equatable {
    public var level: Double
    public var lower: [Double]
    public var upper: [Double]
}

extension ForecastError {
    /// Whether `error` says a series is too short for what was asked (from this layer
    /// or the windowing below): the failure of one series, not of the whole run.
    public static func isTooShort(_ error: any Error) -> Bool {
        switch error {
        case ForecastError.tooShort, ForecastError.tooShortForIntervals, WindowingError.tooShort: return true
        default: return false
        }
    }
}

/// What goes wrong forecasting, beyond the layers below.
public enum ForecastError: Error, Sendable, Equatable, NamingSettings {
    case invalidHorizon(Int)
    case invalidLevel(Double)
    case notFitted
    case tooShort(series: String, length: Int, minimum: Int)
    case invalidConfiguration(String)
    case noSeries
    case modelMismatch(Phrase)
    /// No forecast origin was left out of fitting, so no error could be measured.
    case tooShortForIntervals(series: String, length: Int)
    /// A forecast came out infinite or not a number.
    case nonFiniteForecast(series: String)

    public func message(naming names: SettingNames) -> String {
        switch self {
        case .invalidHorizon(let h): return "the horizon must be between 1 and \(Limits.horizon), got \(h)"
        case .invalidLevel(let level): return "interval levels are percentages between 0 and 100 (exclusive), got \(level)"
        case .notFitted: return "the forecaster has not been fitted"
        case .tooShort(let series, let length, let minimum):
            return "series '\(series)' has \(length) values; this forecaster needs at least \(minimum)"
        case .invalidConfiguration(let why): return why
        case .noSeries: return "no series to fit"
        case .modelMismatch(let why): return why.text(names)
        case .nonFiniteForecast(let series):
            return "series '\(series)': the forecast is not a finite number; try \(Setting.anotherMethod.named(names)) or \(Setting.transform.named(names))"
        case .tooShortForIntervals(let series, let length):
            return "series '\(series)' has \(length) values: too few to measure forecast errors for prediction intervals; \(Setting.noIntervals.named(names)) or give a longer history"
        }
    }
}
