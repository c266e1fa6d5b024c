import Glibc
import SeriesIO

/// Anything that learns from series and forecasts their next values.
///
/// Two requirements: ``fit(_:)`` on histories and ``predict(_:horizon:)`` of the
/// steps after a history's end. Timestamps, prediction intervals and backtests come
/// from extensions, for every forecaster, user-written ones included:
///
/// ```swift
/// struct LastYear: Forecaster {
///     mutating func fit(_ series: [Series]) throws {}
///     func predict(_ series: Series, horizon: Int) throws -> [Double] {
///         (0..<horizon).map { series.values[series.count - 12 + $0 % 12] }
///     }
/// }
/// let forecast = try LastYear().forecast(airline, horizon: 12, levels: [80, 95])
/// ```
public protocol Forecaster: Sendable {
    /// Learns whatever the forecaster needs from `series` (one or several).
    mutating func fit(_ series: [Series]) throws

    /// Point forecasts of the `horizon` values after the end of `series`, which may
    /// be one of the fitted series or a newer or other history.
    func predict(_ series: Series, horizon: Int) throws -> [Double]

    /// The point forecasts with warnings about them (a forecast damped or clamped to
    /// stay plausible, say). The default is ``predict(_:horizon:)`` without warnings.
    func checkedPrediction(_ series: Series, horizon: Int) throws -> Prediction

    /// Out-of-sample absolute errors of this forecaster per step ahead (`[step][error]`),
    /// measured on data it was not fitted on, for prediction intervals. `nil` (the
    /// default) makes ``forecast(_:horizon:levels:)`` measure them by refitting on
    /// earlier parts of the history.
    func calibrationErrors(for series: Series, horizon: Int) throws -> [[Double]]?
}

/// Point forecasts and what a forecaster has to say about them.
public struct Prediction: Sendable, Equatable {
    public var values: [Double]
    /// One sentence each, naming the series.
    public var warnings: [String]

    public init(values: [Double], warnings: [String] = []) {
        self.values = values
        self.warnings = warnings
    }
}

extension Forecaster {
    public func calibrationErrors(for series: Series, horizon: Int) throws -> [[Double]]? { nil }

    public func checkedPrediction(_ series: Series, horizon: Int) throws -> Prediction {
        Prediction(values: try predict(series, horizon: horizon))
    }

    /// A forecast of `horizon` steps after `series`' end, dated on its frequency, with
    /// split-conformal intervals at each level in `levels` (percentages such as 80, 95).
    ///
    /// Intervals: for step h, the errors |y − ŷ| of out-of-sample forecasts h steps
    /// ahead give the half-width at level α: the ⌈(n + 1)·α⌉-th smallest (split
    /// conformal, which covers the truth with probability at least α under
    /// exchangeable errors), or Student's predictive bound when n is too small for
    /// that rank to be more than the largest error or two: t(n, (1 + α)/2) times the
    /// errors' root mean square. A never-negative series' errors are first
    /// rescaled from the level at their origin to the level at its end.
    ///
    /// A value that is not finite is an error naming the series, never a printed
    /// `nan`; one beyond three times the history's largest absolute value is
    /// reported in ``Forecast/warnings``.
    public func forecast(_ series: Series, horizon: Int, levels: [Double] = []) throws -> Forecast {
        try Limits.check(horizon: horizon)
        for level in levels where !(level > 0 && level < 100) { throw ForecastError.invalidLevel(level) }
        let prediction = try checkedPrediction(series, horizon: horizon)
        let values = prediction.values
        guard values.count == horizon, values.allSatisfy(\.isFinite) else {
            throw ForecastError.nonFiniteForecast(series: series.label)
        }
        var warnings = prediction.warnings
        let largest = series.values.reduce(0) { max($0, abs($1)) }
        if let note = Envelope.farBeyond(values, largest: largest, series: series.label), !warnings.contains(note) {
            warnings.append(note)
        }
        var intervals: [PredictionInterval] = []
        if !levels.isEmpty {
            let nonNegative = series.values.allSatisfy { $0 >= 0 }
            let errors = try calibrationErrors(for: series, horizon: horizon)
                ?? Calibration.refitErrors(of: self, on: series, horizon: horizon)
            for level in levels {
                let widths = (0..<horizon).map { Calibration.halfWidth(errors[min($0, errors.count - 1)], level: level / 100) }
                guard widths.allSatisfy(\.isFinite) else {
                    throw ForecastError.tooShortForIntervals(series: series.label, length: series.count)
                }
                // A history that is never negative (counts, sales) gets a lower bound
                // that is never negative either, as its point forecast.
                let lower = zip(values, widths).map { nonNegative ? max($0 - $1, 0) : $0 - $1 }
                intervals.append(PredictionInterval(level: level, lower: lower, upper: zip(values, widths).map { $0 + $1 }))
            }
        }
        return Forecast(
            name: series.name, id: series.id, timestamps: Self.futureTimestamps(of: series, horizon: horizon),
            dateFormat: series.dateFormat, values: values, intervals: intervals, warnings: warnings)
    }

    /// The `horizon` timestamps after the series' last, on its frequency.
    static func futureTimestamps(of series: Series, horizon: Int) -> [Int64]? {
        guard let timestamps = series.timestamps, let last = timestamps.last else { return nil }
        let frequency = series.frequency ?? (series.dateFormat == .index ? .index(1) : .daily)
        return (1...horizon).map { frequency.advance(last, by: $0) }
    }
}

/// Errors and quantiles for split-conformal intervals.
enum Calibration {
    /// The half-width of an interval at `level` (a fraction) from absolute errors.
    ///
    /// With enough errors, the conformal one: the ⌈(n + 1)·α⌉-th smallest, which covers
    /// a new error with probability at least α when errors are exchangeable. "Enough"
    /// is at least two errors expected beyond it, (1 − α)(n + 1) ≥ 2: with fewer, the
    /// rank reaches the largest error, a single draw, and an 80% interval from three
    /// errors covers about 65% (as M1's yearly series measured). Then
    /// the errors are taken as normal around the forecast with an unknown spread, and
    /// the half-width is Student's predictive bound for a new one, t(n, (1 + α)/2)·RMS
    /// (a new error over the RMS of n others is t with n degrees when their mean is
    /// zero, as the interval's centre on the forecast assumes), which widens as n
    /// shrinks instead of stopping at the largest error. The bound for an unknown bias,
    /// t(n − 1)·√(1 + 1/n)·RMS, would be centred on the errors' mean, not on the
    /// forecast; used around the forecast it over-covered Tourism's short yearly series
    /// (84% at 80%).
    static func halfWidth(_ errors: [Double], level: Double) -> Double {
        guard !errors.isEmpty else { return .nan }
        let n = Double(errors.count)
        if (1 - level) * (n + 1) >= 2 - 1e-9 {
            let sorted = errors.sorted()
            let rank = Int(((n + 1) * level).rounded(.up))
            return sorted[min(max(rank, 1), sorted.count) - 1]
        }
        let rms = (errors.reduce(0) { $0 + $1 * $1 } / n).squareRoot()
        return StudentT.quantile((1 + level) / 2, degrees: errors.count) * rms
    }

    /// Values a level is the mean of: the horizon, at least a season (so the season
    /// averages out) and at least 8 (so one noisy value does not rescale every error).
    static func levelSpan(_ series: Series, horizon: Int) -> Int {
        max(horizon, series.frequency?.seasonalPeriod ?? 1, 8)
    }

    /// The mean absolute value of the `span` values before `end`, or `nil` when it is
    /// zero or not finite: the level errors are measured against.
    static func level(_ values: [Double], before end: Int, span: Int) -> Double? {
        let start = max(end - max(span, 1), 0)
        guard end > start, end <= values.count else { return nil }
        let mean = values[start..<end].reduce(0) { $0 + abs($1) } / Double(end - start)
        return mean > 0 && mean.isFinite ? mean : nil
    }

    /// Errors from refitting on the history up to each of the last origins: the
    /// generic fallback, cheap for simple forecasters.
    static func refitErrors(of forecaster: some Forecaster, on series: Series, horizon: Int) throws -> [[Double]] {
        let n = series.count
        let origins = min(max(2 * horizon, 20), max(n / 3, 1))
        let first = max(n - origins, 2)
        return errors(of: series, origins: first..<max(first, n), horizon: horizon) { history, _ in
            var copy = forecaster
            guard (try? copy.fit([history])) != nil else { return nil }
            return try? copy.predict(history, horizon: horizon)
        }
    }

    /// Absolute errors per step ahead of forecasts made from each origin in `origins`
    /// (the history `y[0 ..< origin]`) by `forecast(history, steps)`, which returns `nil`
    /// to skip an origin; sparse steps widened as in ``widenSparseSteps(_:minimum:)``.
    ///
    /// A never-negative series' errors are rescaled to its level at the end from the
    /// level at their origin (the mean of the `levelSpan` values before each): a series
    /// that grew by half since its earliest origins makes errors half as large again,
    /// and absolute errors from back then would give intervals too narrow for today
    /// (on M1 and Tourism, most series grow).
    static func errors(
        of series: Series, origins: Range<Int>, horizon: Int,
        forecast: (Series, Int) throws -> [Double]?
    ) rethrows -> [[Double]] {
        let values = series.values
        let relative = values.allSatisfy { $0 >= 0 }
        let span = levelSpan(series, horizon: horizon)
        let current = relative ? level(values, before: values.count, span: span) : nil
        var errors = [[Double]](repeating: [], count: horizon)
        for origin in origins {
            let steps = min(horizon, series.count - origin)
            guard let predicted = try forecast(series.prefix(origin), steps) else { continue }
            var factor = 1.0
            if let current, let then = level(values, before: origin, span: span) { factor = current / then }
            for h in 0..<steps { errors[h].append(abs(values[origin + h] - predicted[h]) * factor) }
        }
        return widenSparseSteps(errors)
    }

    /// How fast errors grow with the step ahead, for steps too sparse to measure: step
    /// h borrows step k's errors times (h/k) to this power. A random walk's spread
    /// grows as √h, an error in the trend as h, and forecast errors of real series
    /// have both: by backtest at the last origin of every M1 and Tourism series, √h
    /// left the last steps of M1's quarterly series covered 70% at 80% and h
    /// over-covered every category (M1 yearly 91%); 0.7 put all six between 79% and 84%.
    static let sparseStepGrowth = 0.7

    /// Steps ahead measured from fewer than `minimum` origins (the last steps, which
    /// few origins reach) take the errors of the furthest well-measured step k, scaled
    /// by (h/k)^``sparseStepGrowth``: a handful of errors would make an interval look
    /// narrower than the data can support.
    static func widenSparseSteps(_ errors: [[Double]], minimum: Int = 10) -> [[Double]] {
        var result = errors
        var reference: Int?
        for h in result.indices {
            if result[h].count >= minimum || (h == 0 && !result[h].isEmpty) {
                reference = h
            } else if let k = reference {
                let factor = Glibc.pow(Double(h + 1) / Double(k + 1), sparseStepGrowth)
                result[h] = result[k].map { $0 * factor }
            }
        }
        return result
    }
}
