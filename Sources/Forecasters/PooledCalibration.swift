import SeriesIO

/// Held-out errors of a pooled model, for prediction intervals that cover what they say.
///
/// A pooled network trains on every window of every series, the last ones included,
/// so its errors on a series' recent past are in-sample and too small. Instead, before
/// the real fit, the same settings are fitted once more on every series without its
/// last H values, each series is forecast over those H values, and the absolute
/// errors, divided by the series' scale (the mean |y| of the H values before the
/// held-out part), are pooled per step over all series. A series' interval at level α
/// is then the conformal quantile of these relative errors times its own scale. It
/// costs a second training; it is exchangeable across series rather than across time,
/// which is what a pooled model can offer (as neuralforecast's conformal intervals
/// over series do).
public struct PooledCalibration: Sendable, Codable, Equatable {
    /// Per step ahead, the held-out errors relative to each series' scale, sorted (at
    /// most ``maximumSamples`` of them, evenly spaced through the sorted list).
    public var relativeErrors: [[Double]]

    public static let maximumSamples = 10_000

    public init(relativeErrors: [[Double]]) {
        self.relativeErrors = relativeErrors
    }

    /// The scale errors are measured in: the mean absolute value of the last
    /// `horizon` values, or `nil` when it is zero or not finite.
    static func scale(_ values: [Double], horizon: Int) -> Double? {
        Calibration.level(values, before: values.count, span: horizon)
    }

    /// Fits `settings` on the series without their last `horizon` values and measures
    /// the errors on those values. Series shorter than two horizons are used for
    /// training but not measured.
    static func measure(_ series: [Series], settings: ForecastSettings, horizon: Int,
                        progress: TrainingObserver? = nil) throws -> PooledCalibration {
        let held = series.filter { $0.count >= 2 * horizon }
        guard !held.isEmpty else { throw ForecastError.tooShortForIntervals(series: series[0].label, length: series[0].count) }
        let truncated = series.map { $0.count > horizon ? $0.prefix($0.count - horizon) : $0 }
        var forecaster = FittedForecaster(settings)
        try forecaster.fit(truncated, horizon: horizon, progress: progress)
        let fitted = forecaster
        let perSeries = try parallelMap(held.count) { i -> [Double]? in
            let s = held[i]
            let history = s.prefix(s.count - horizon)
            guard let scale = scale(history.values, horizon: horizon),
                let predicted = try? fitted.checkedPrediction(history, horizon: horizon).values,
                predicted.count == horizon, predicted.allSatisfy(\.isFinite)
            else { return nil }
            return (0..<horizon).map { abs(s.values[s.count - horizon + $0] - predicted[$0]) / scale }
        }
        let measured = perSeries.compactMap { $0 }
        guard !measured.isEmpty else {
            throw ForecastError.tooShortForIntervals(series: series[0].label, length: series[0].count)
        }
        let steps = (0..<horizon).map { h -> [Double] in
            let sorted = measured.map { $0[h] }.sorted()
            guard sorted.count > maximumSamples else { return sorted }
            return (0..<maximumSamples).map { sorted[$0 * (sorted.count - 1) / (maximumSamples - 1)] }
        }
        return PooledCalibration(relativeErrors: steps)
    }

    /// This calibration's errors in the units of `series` (steps beyond the measured
    /// ones widened as ``Calibration/widenSparseSteps(_:minimum:)`` does).
    func errors(for series: Series, horizon: Int) -> [[Double]] {
        guard let scale = Self.scale(series.values, horizon: relativeErrors.count) else {
            return [[Double]](repeating: [], count: horizon)
        }
        return Calibration.widenSparseSteps((0..<horizon).map { h in
            h < relativeErrors.count ? relativeErrors[h].map { $0 * scale } : []
        })
    }
}

/// A pooled forecaster whose intervals come from its held-out errors.
struct Calibrated: Forecaster {
    let base: FittedForecaster
    let calibration: PooledCalibration

    mutating func fit(_ series: [Series]) throws {}
    func predict(_ series: Series, horizon: Int) throws -> [Double] { try base.predict(series, horizon: horizon) }
    func checkedPrediction(_ series: Series, horizon: Int) throws -> Prediction {
        try base.checkedPrediction(series, horizon: horizon)
    }
    func calibrationErrors(for series: Series, horizon: Int) throws -> [[Double]]? {
        calibration.errors(for: series, horizon: horizon)
    }
}
