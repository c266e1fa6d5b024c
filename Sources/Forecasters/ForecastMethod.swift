import NeuralNet
import SeriesIO
import Windowing

/// The forecasting methods, by the names the command line uses.
public enum ForecastMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case neural, naive
    case seasonalNaive = "seasonal-naive"
    case drift, mean
    /// The naive forecast of the seasonally adjusted series (the M4 benchmark).
    case naive2
    /// The standard Theta method (see ``ThetaForecaster``).
    case theta
    /// Exponential smoothing chosen by AICc (see ``ETSForecaster``).
    case ets
    /// The network combined with Theta and ETS (see ``CombinedForecaster``).
    case combined
    /// The network or ETS, chosen per series on held-out values (see ``SelectedForecaster``).
    case auto

    /// Whether the method fits one network over many series (global pooling).
    public var pools: Bool { self == .neural || self == .combined }
    /// Whether the method trains a network at all (too costly for a baseline).
    public var trainsNetwork: Bool { pools || self == .auto }
}

/// How a file of many series is fitted.
public enum Pooling: String, Sendable, Hashable, Codable, CaseIterable {
    /// One model trained on the windows of every series, which forecasts each (and
    /// series it never saw).
    case global
    /// One model per series.
    case local
}

/// A method with its settings: everything needed to build a forecaster.
public struct ForecastSettings: Sendable, Hashable, Codable {
    public var method: ForecastMethod
    public var neural: NeuralForecaster.Configuration
    /// The season length for seasonal naive and seasonal differencing; `nil` takes it
    /// from the series' frequency.
    public var seasonalPeriod: Int?
    /// For files of several series: one pooled model or one per series.
    public var pooling: Pooling
    /// Seasonal adjustment for the classical methods (Theta, ETS); `nil` is `.auto`.
    public var deseasonalize: Deseasonalize?

    public init(method: ForecastMethod = .neural, neural: NeuralForecaster.Configuration = .init(),
                seasonalPeriod: Int? = nil, pooling: Pooling = .local, deseasonalize: Deseasonalize? = nil) {
        self.method = method
        self.neural = neural
        self.seasonalPeriod = seasonalPeriod
        self.pooling = pooling
        self.deseasonalize = deseasonalize
    }
}

extension ForecastSettings {
    /// Throws unless the network's configuration and the season are in range.
    public func validate() throws(ForecastError) {
        try neural.validate()
        if let seasonalPeriod { try Limits.check(seasonalPeriod: seasonalPeriod) }
    }

    /// A short name for messages: `seasonal-naive`, `neural (window 12, hidden 32x32)`.
    public var summary: String {
        guard method.pools else { return method.rawValue }
        let window = neural.windowDescription()
        return "\(method.rawValue) (window \(window), hidden \(neural.hidden.map(String.init).joined(separator: "x")))"
    }
}

extension Double {
    /// `4` rather than `4.0`, `1.5` as is.
    var formatted: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}

/// One fitted forecaster of any method, saveable as JSON: a sum type, so a neural
/// setting always carries its network.
public enum FittedForecaster: Forecaster, Codable {
    case neural(NeuralForecaster)
    case naive(NaiveForecaster)
    case seasonalNaive(SeasonalNaiveForecaster)
    case drift(DriftForecaster)
    case mean(MeanForecaster)
    case naive2(NaiveTwoForecaster)
    case theta(ThetaForecaster)
    case ets(ETSForecaster)
    case combined(CombinedForecaster)
    case auto(SelectedForecaster)

    /// The unfitted forecaster `settings` describe, for forecasts of `horizon` steps
    /// (what a multi-output network is built for).
    public init(_ settings: ForecastSettings, horizon: Int = 1) {
        let period = settings.seasonalPeriod
        let deseasonalize = settings.deseasonalize ?? .auto
        // The network every network-training method starts from: its own season
        // length, else the settings'.
        func withSeason(_ configuration: NeuralForecaster.Configuration) -> NeuralForecaster.Configuration {
            var configuration = configuration
            configuration.seasonalPeriod = settings.neural.seasonalPeriod ?? period
            return configuration
        }
        func network() -> NeuralForecaster { NeuralForecaster(withSeason(settings.neural), horizon: horizon) }
        switch settings.method {
        case .neural: self = .neural(network())
        case .naive: self = .naive(NaiveForecaster())
        case .seasonalNaive: self = .seasonalNaive(SeasonalNaiveForecaster(period: period))
        case .drift: self = .drift(DriftForecaster())
        case .mean: self = .mean(MeanForecaster())
        case .naive2: self = .naive2(NaiveTwoForecaster(period: period))
        case .theta: self = .theta(ThetaForecaster(period: period, deseasonalize: deseasonalize))
        case .ets: self = .ets(ETSForecaster(period: period, deseasonalize: deseasonalize))
        case .combined:
            // A pooled network gets a member fitted on each series alone (the
            // single-series defaults, same seed and season, a smaller ensemble); a
            // local one already is.
            var local: NeuralForecaster.Configuration?
            if settings.pooling == .global {
                var c = NeuralForecaster.Configuration()
                c.seed = settings.neural.seed
                c.ensemble = CombinedForecaster.localMemberEnsemble
                local = withSeason(c)
            }
            self = .combined(CombinedForecaster(
                neural: network(), theta: ThetaForecaster(period: period, deseasonalize: deseasonalize),
                ets: ETSForecaster(period: period, deseasonalize: deseasonalize), localNetwork: local))
        case .auto:
            self = .auto(SelectedForecaster(neural: network(), ets: ETSForecaster(period: period, deseasonalize: deseasonalize)))
        }
    }

    /// Throws unless every setting is in range and a fitted network matches its
    /// configuration (a decoded model file is checked this way).
    func validate() throws(ForecastError) {
        func period(_ m: Int?) throws(ForecastError) { if let m { try Limits.check(seasonalPeriod: m) } }
        switch self {
        case .neural(let f): try f.validate()
        case .naive, .drift, .mean: break
        case .seasonalNaive(let f): try period(f.period)
        case .naive2(let f): try period(f.period)
        case .theta(let f): try period(f.period)
        case .ets(let f): try period(f.period)
        case .combined(let f):
            try f.neural.validate()
            try f.localNetwork?.validate()
            try period(f.theta.period)
            try period(f.ets.period)
        case .auto(let f):
            try f.neural.validate()
            try period(f.ets.period)
        }
    }

    /// The forecaster itself.
    public var base: any Forecaster {
        switch self {
        case .neural(let f): return f
        case .naive(let f): return f
        case .seasonalNaive(let f): return f
        case .drift(let f): return f
        case .mean(let f): return f
        case .naive2(let f): return f
        case .theta(let f): return f
        case .ets(let f): return f
        case .combined(let f): return f
        case .auto(let f): return f
        }
    }

    public mutating func fit(_ series: [Series]) throws {
        switch self {
        case .neural(var f):
            try f.fit(series)
            self = .neural(f)
        case .combined(var f):
            try f.fit(series)
            self = .combined(f)
        case .auto(var f):
            try f.fit(series)
            self = .auto(f)
        default: break
        }
    }

    /// Fits for forecasts of `horizon` steps.
    public mutating func fit(_ series: [Series], horizon: Int,
                             progress: TrainingObserver? = nil) throws {
        switch self {
        case .neural(var f):
            f.horizon = horizon
            try f.fit(series, progress: progress)
            self = .neural(f)
        case .combined(var f):
            try f.fit(series, horizon: horizon, progress: progress)
            self = .combined(f)
        case .auto(var f):
            try f.fit(series, horizon: horizon, progress: progress)
            self = .auto(f)
        default: break
        }
    }

    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try base.predict(series, horizon: horizon)
    }

    public func checkedPrediction(_ series: Series, horizon: Int) throws -> Prediction {
        try base.checkedPrediction(series, horizon: horizon)
    }

    public func calibrationErrors(for series: Series, horizon: Int) throws -> [[Double]]? {
        if case .neural(let f) = self { return try f.calibrationErrors(for: series, horizon: horizon) }
        if case .combined(let f) = self { return try f.calibrationErrors(for: series, horizon: horizon) }
        if case .auto(let f) = self { return try f.calibrationErrors(for: series, horizon: horizon) }
        return try Calibration.refitErrors(of: base, on: series, horizon: horizon)
    }
}
