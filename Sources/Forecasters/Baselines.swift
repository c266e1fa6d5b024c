import SeriesIO

/// The last value, repeated.
public struct NaiveForecaster: Forecaster, Codable {
    public init() {}
    public mutating func fit(_ series: [Series]) throws {}
    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try Limits.check(horizon: horizon)
        guard let last = series.values.last else { throw ForecastError.tooShort(series: series.label, length: 0, minimum: 1) }
        return [Double](repeating: last, count: horizon)
    }
}

/// The value one season earlier: `ŷ[T+i] = y[T+i−m·(⌊i/m⌋+1)]`.
public struct SeasonalNaiveForecaster: Forecaster, Codable {
    /// The season length; `nil` takes it from the series' frequency.
    public var period: Int?
    public init(period: Int? = nil) { self.period = period }
    public mutating func fit(_ series: [Series]) throws {}
    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try Limits.check(horizon: horizon)
        let m = period ?? series.frequency?.seasonalPeriod ?? 1
        let n = series.count
        guard n >= m, m >= 1 else { throw ForecastError.tooShort(series: series.label, length: n, minimum: m) }
        return (0..<horizon).map { i in series.values[n + i - m * (i / m + 1)] }
    }
}

/// The line through the first and last values, extended.
public struct DriftForecaster: Forecaster, Codable {
    public init() {}
    public mutating func fit(_ series: [Series]) throws {}
    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try Limits.check(horizon: horizon)
        let n = series.count
        guard n >= 2 else { throw ForecastError.tooShort(series: series.label, length: n, minimum: 2) }
        let slope = (series.values[n - 1] - series.values[0]) / Double(n - 1)
        return (1...horizon).map { series.values[n - 1] + Double($0) * slope }
    }
}

/// The mean of the history.
public struct MeanForecaster: Forecaster, Codable {
    public init() {}
    public mutating func fit(_ series: [Series]) throws {}
    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try Limits.check(horizon: horizon)
        guard !series.values.isEmpty else { throw ForecastError.tooShort(series: series.label, length: 0, minimum: 1) }
        return [Double](repeating: series.values.reduce(0, +) / Double(series.count), count: horizon)
    }
}

/// The M4 competition's Naive2: the last value of the seasonally adjusted series,
/// re-seasonalised. Adjusted (multiplicatively) only when the series holds three
/// seasons and the 90% autocorrelation test at lag m says it is seasonal, exactly as
/// the competitions' scorer computes it.
public struct NaiveTwoForecaster: Forecaster, Codable {
    /// The season length; `nil` takes it from the series' frequency.
    public var period: Int?
    public init(period: Int? = nil) { self.period = period }
    public mutating func fit(_ series: [Series]) throws {}
    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try Limits.check(horizon: horizon)
        let y = series.values
        guard let last = y.last else { throw ForecastError.tooShort(series: series.label, length: 0, minimum: 1) }
        let m = period ?? series.frequency?.seasonalPeriod ?? 1
        guard let adjustment = SeasonalAdjustment.choose(y, period: m, rule: .m4) else {
            return [Double](repeating: last, count: horizon)
        }
        let level = adjustment.adjust([last], offset: y.count - 1)[0]
        return adjustment.reseasonalize([Double](repeating: level, count: horizon), after: y.count)
    }
}
