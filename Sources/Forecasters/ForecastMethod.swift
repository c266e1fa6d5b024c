import NeuralNet
import SeriesIO
import Windowing

/// The forecasting methods, by the names the command line uses.
public enum ForecastMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case neural, naive
    case seasonalNaive = "seasonal-naive"
    case drift, mean
}

/// A method with its settings: everything needed to build a forecaster.
public struct ForecastSettings: Sendable, Hashable, Codable {
    public var method: ForecastMethod
    public var neural: NeuralForecaster.Configuration
    /// The season length for seasonal naive and seasonal differencing; `nil` takes it
    /// from the series' frequency.
    public var seasonalPeriod: Int?

    public init(method: ForecastMethod = .neural, neural: NeuralForecaster.Configuration = .init(),
                seasonalPeriod: Int? = nil) {
        self.method = method
        self.neural = neural
        self.seasonalPeriod = seasonalPeriod
    }
}

extension ForecastSettings {
    /// A short name for messages: `seasonal-naive`, `neural (window 12, hidden 32x32)`.
    public var summary: String {
        guard method == .neural else { return method.rawValue }
        let window: String
        switch neural.lags {
        case .auto: window = "auto"
        case .count(let n): window = String(n)
        case .set(let lags): window = lags.map(String.init).joined(separator: ",")
        }
        return "neural (window \(window), hidden \(neural.hidden.map(String.init).joined(separator: "x")))"
    }
}

/// One fitted forecaster of any method, saveable as JSON.
public struct FittedForecaster: Forecaster, Codable {
    public var settings: ForecastSettings
    public var neural: NeuralForecaster?

    public init(_ settings: ForecastSettings) {
        self.settings = settings
        if settings.method == .neural {
            var configuration = settings.neural
            configuration.seasonalPeriod = configuration.seasonalPeriod ?? settings.seasonalPeriod
            neural = NeuralForecaster(configuration)
        }
    }

    var baseline: any Forecaster {
        switch settings.method {
        case .naive, .neural: return NaiveForecaster()
        case .seasonalNaive: return SeasonalNaiveForecaster(period: settings.seasonalPeriod)
        case .drift: return DriftForecaster()
        case .mean: return MeanForecaster()
        }
    }

    public mutating func fit(_ series: [Series]) throws {
        try neural?.fit(series)
    }

    /// Fits for forecasts of `horizon` steps.
    public mutating func fit(_ series: [Series], horizon: Int,
                             progress: (@Sendable (Int, EpochRecord) -> Void)? = nil) throws {
        neural?.horizon = horizon
        try neural?.fit(series, progress: progress)
    }

    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        if let neural { return try neural.predict(series, horizon: horizon) }
        return try baseline.predict(series, horizon: horizon)
    }

    public func calibrationErrors(for series: Series, horizon: Int) throws -> [[Double]]? {
        if let neural { return try neural.calibrationErrors(for: series, horizon: horizon) }
        return try Calibration.refitErrors(of: baseline, on: series, horizon: horizon)
    }
}
