import Forecasters
import SeriesIO

/// Where a rolling-origin backtest puts its forecast origins and what each fit sees.
///
/// The test region is the end of the series: `testSize` points, or enough for `folds`
/// origins. Origins are `stride` steps apart (default: the horizon, so folds do not
/// overlap); an origin `o` forecasts `y[o] … y[o + H − 1]` from `y[0 ..< o]`
/// (expanding) or `y[o − trainSize ..< o]` (sliding). Only whole folds count.
///
/// 30 values, `horizon: 3, testSize: 9` (stride 3, expanding):
///
/// | fold | origin | history | forecasts |
/// |---|---|---|---|
/// | 0 | 21 | 0 ..< 21 | 21, 22, 23 |
/// | 1 | 24 | 0 ..< 24 | 24, 25, 26 |
/// | 2 | 27 | 0 ..< 27 | 27, 28, 29 |
public struct BacktestSpec: Sendable, Hashable {
    public enum Size: Sendable, Hashable {
        /// The last `n` points are forecast.
        case testSize(Int)
        /// This many origins.
        case folds(Int)
    }

    public enum Window: Sendable, Hashable {
        /// Every fit sees the whole history up to its origin.
        case expanding
        /// Every fit sees the last `trainSize` points before its origin.
        case sliding(trainSize: Int)
    }

    public var horizon: Int
    public var size: Size
    public var stride: Int
    public var window: Window
    /// Refit at every `refitEvery`-th origin; 0 fits once, at the first origin. Between
    /// refits the last fit forecasts from the newer history (never past the origin).
    public var refitEvery: Int
    /// Seasonal period of the MASE scale; `nil` takes it from the frequency.
    public var season: Int?

    public init(horizon: Int, size: Size, stride: Int? = nil, window: Window = .expanding, refitEvery: Int = 1,
                season: Int? = nil) throws(BacktestError) {
        // The bounds keep `(count − 1) · stride` and its kin far from overflow.
        guard (1...Limits.horizon).contains(horizon) else {
            throw .invalid("the horizon must be between 1 and \(Limits.horizon), got \(horizon)")
        }
        switch size {
        case .testSize(let n) where n < horizon || n > Limits.points:
            throw .invalid("the test size must be between the horizon (\(horizon)) and \(Limits.points), got \(n)")
        case .folds(let n) where !(1...Limits.folds).contains(n):
            throw .invalid("the number of folds must be between 1 and \(Limits.folds), got \(n)")
        default: break
        }
        let step = stride ?? horizon
        guard (1...Limits.points).contains(step) else {
            throw .invalid("the stride must be between 1 and \(Limits.points), got \(step)")
        }
        if case .sliding(let w) = window, !(2...Limits.points).contains(w) {
            throw .invalid("the training window must be between 2 and \(Limits.points) points, got \(w)")
        }
        guard (0...Limits.points).contains(refitEvery) else {
            throw .invalid("\(Setting.refitEvery) must be between 0 and \(Limits.points), got \(refitEvery)")
        }
        if let season, !(1...Limits.seasonalPeriod).contains(season) {
            throw .invalid("the season must be between 1 and \(Limits.seasonalPeriod), got \(season)")
        }
        self.horizon = horizon
        self.size = size
        self.stride = step
        self.window = window
        self.refitEvery = refitEvery
        self.season = season
    }

    /// The forecast origins in a series of `length` points, oldest first.
    public func origins(length: Int) throws(BacktestError) -> [Int] {
        let count: Int
        switch size {
        case .folds(let n): count = n
        case .testSize(let k): count = (k - horizon) / stride + 1
        }
        let first = length - horizon - (count - 1) * stride
        let minimumHistory: Int
        switch window {
        case .expanding: minimumHistory = 2
        case .sliding(let w): minimumHistory = w
        }
        guard first >= minimumHistory else {
            throw .tooShort(length: length, needed: minimumHistory + horizon + (count - 1) * stride)
        }
        return (0..<count).map { first + $0 * stride }
    }

    /// The history range of a fit at `origin`.
    func history(_ origin: Int) -> Range<Int> {
        switch window {
        case .expanding: return 0..<origin
        case .sliding(let w): return (origin - w)..<origin
        }
    }

    /// Whether the forecaster is fitted afresh at fold `j`.
    func refits(at j: Int) -> Bool { j == 0 || (refitEvery > 0 && j % refitEvery == 0) }
}

public enum BacktestError: Error, Sendable, Equatable, NamingSettings {
    case invalid(Phrase)
    case tooShort(length: Int, needed: Int)
    /// MAPE is undefined when an actual value is zero.
    case mapeUndefined(position: String)
    /// One configuration of a sweep could not be backtested.
    case configurationFailed(String, reason: String)
    /// One configuration could not be backtested because the series is too short for
    /// it: the failure of that series, not of a whole file.
    case configurationTooShort(String, reason: String)

    /// Whether `error` says a series is too short for the backtest asked for.
    public static func isTooShort(_ error: any Error) -> Bool {
        switch error {
        case BacktestError.tooShort, BacktestError.configurationTooShort: return true
        default: return ForecastError.isTooShort(error)
        }
    }

    public func message(naming names: SettingNames) -> String {
        switch self {
        case .invalid(let why): return why.text(names)
        case .tooShort(let length, let needed):
            return "the series has \(length) points; this backtest needs at least \(needed) (reduce \(Setting.backtestSize.named(names)))"
        case .configurationFailed(let configuration, let reason), .configurationTooShort(let configuration, let reason):
            return "\(configuration): \(reason)"
        case .mapeUndefined(let position):
            return "MAPE is undefined: the actual value at \(position) is zero; rank by another \(Setting.metric.named(names))"
        }
    }
}
