import SeriesIO

/// Everything the windowing layer refuses, each with the numbers needed to fix it.
public enum WindowingError: Error, Sendable, Equatable, NamingSettings {
    case invalidLagCount(Int)
    case emptyLagSet
    case invalidLag(Int)
    case duplicateLag(Int)
    case invalidHorizon(Int)
    case invalidStride(Int)
    case invalidFraction(part: String, value: Double)
    case fractionsTooLarge(total: Double)
    case invalidCount(part: String, value: Int)
    case invalidGap(Int)
    case invalidDifference(Int)
    case invalidSeasonalPeriod(Int)
    case invalidMinimumHistory(Int, maxLag: Int)
    /// The series cannot hold the windows and parts asked for.
    case tooShort(series: String, length: Int, minimum: Int)
    /// A log transform met a value that has no logarithm.
    case nonPositiveForLog(series: String, position: String, value: Double)
    case nonFinite(series: String, position: String)
    case noSeries

    public func message(naming names: SettingNames) -> String {
        switch self {
        case .invalidLagCount(let n): return "the number of lags must be at least 1, got \(n)"
        case .emptyLagSet: return "the lag set is empty; give at least one lag"
        case .invalidLag(let lag): return "lags must be at least 1, got \(lag)"
        case .duplicateLag(let lag): return "lag \(lag) appears twice in the lag set"
        case .invalidHorizon(let h): return "the horizon must be at least 1, got \(h)"
        case .invalidStride(let s): return "the stride must be at least 1, got \(s)"
        case .invalidMinimumHistory(let n, let maxLag):
            return "a window's minimum history must be between 1 and its largest lag \(maxLag), got \(n)"
        case .invalidFraction(let part, let value):
            return "the \(part) fraction must be between 0 and 1 (exclusive), got \(value)"
        case .fractionsTooLarge(let total):
            return "the validation and test fractions add up to \(total); they must leave room for training (< 1)"
        case .invalidCount(let part, let value): return "the \(part) size must be at least 1 window, got \(value)"
        case .invalidGap(let gap): return "the gap between parts must be 0 or more steps, got \(gap)"
        case .invalidDifference(let d): return "the differencing order must be 0, 1 or 2, got \(d)"
        case .invalidSeasonalPeriod(let m): return "the seasonal differencing period must be at least 2, got \(m)"
        case .tooShort(let series, let length, let minimum):
            return "series '\(series)' has \(length) values; these windows and splits need at least \(minimum)"
        case .nonPositiveForLog(let series, let position, let value):
            return "series '\(series)' has the value \(value) at \(position); a log transform needs values above 0"
        case .nonFinite(let series, let position):
            return "series '\(series)' has a missing or non-finite value at \(position); fill it first (\(Setting.missing.named(names)))"
        case .noSeries: return "no series to window"
        }
    }
}
