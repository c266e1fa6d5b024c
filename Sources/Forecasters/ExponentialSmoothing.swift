import SeriesIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exponential smoothing state-space models (Hyndman et al. 2008) on the seasonally
/// adjusted series: simple (N), Holt's linear (A) and damped (Ad) trend, with additive
/// or multiplicative errors, each fitted by maximum likelihood with a bounded
/// Nelder–Mead over the smoothing parameters and the initial states, the model chosen
/// by AICc. The equations, starting values, bounds and likelihood are statsforecast's
/// `ets` (its non-seasonal models), so the same model and parameters give the same
/// forecasts; the season is left to the classical adjustment, as in the M4 benchmarks.
///
/// Like Theta it fits on the history it forecasts.
public struct ETSForecaster: Forecaster, Codable {
    /// The season length; `nil` takes it from the series' frequency.
    public var period: Int?
    public var deseasonalize: Deseasonalize

    public init(period: Int? = nil, deseasonalize: Deseasonalize = .auto) {
        self.period = period
        self.deseasonalize = deseasonalize
    }

    public mutating func fit(_ series: [Series]) throws {}

    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try SeasonalAdjustment.forecast(series, period: period, mode: deseasonalize, horizon: horizon) { adjusted in
            guard let model = Self.select(adjusted) else {
                throw ForecastError.tooShort(series: series.label, length: series.count, minimum: 7)
            }
            return model.forecast(horizon)
        }
    }

    /// The error and trend of one model.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        public enum Trend: Sendable, Hashable { case none, additive, damped }
        public var multiplicativeError: Bool
        public var trend: Trend

        public var description: String {
            "ETS(\(multiplicativeError ? "M" : "A"),\(trend == .none ? "N" : trend == .additive ? "A" : "Ad"),N)"
        }
        var hasTrend: Bool { trend != .none }
    }

    /// A fitted model: parameters, initial and final states, and its criteria.
    struct Model {
        let kind: Kind
        let alpha: Double
        let beta: Double
        let phi: Double
        let initialLevel: Double
        let initialSlope: Double
        let level: Double
        let slope: Double
        /// `−2 log L` up to a constant: `n·log Σe²` (plus `2·Σ log|ŷ|` for M errors).
        let likelihood: Double
        let parameters: Int
        let count: Int

        var aicc: Double {
            let k = Double(parameters + 1), n = Double(count)
            let aic = likelihood + 2 * k
            return n - k - 1 != 0 ? aic + 2 * k * (k + 1) / (n - k - 1) : .infinity
        }

        /// statsforecast's forecast: the damped slope's weight starts at φ and grows by
        /// φ^k after step k, so step 2 weighs it 2φ where the textbook damped trend has
        /// φ + φ² (at most φ − φ^h of a slope apart). Kept, so that the same model and
        /// parameters forecast the same.
        func forecast(_ horizon: Int) -> [Double] {
            var phiStar = phi
            return (0..<horizon).map { i in
                let f = kind.hasTrend ? level + phiStar * slope : level
                phiStar += abs(phi - 1) < 1e-10 ? 1 : pow(phi, Double(i + 1))
                return f
            }
        }
    }

    /// Filters `y` through one model from its initial states.
    static func run(_ y: [Double], kind: Kind, alpha: Double, beta: Double, phi: Double,
                    level l0: Double, slope b0: Double, parameters: Int) -> Model {
        var level = l0, slope = kind.hasTrend ? b0 : 0
        var squares = 0.0, logs = 0.0
        for v in y {
            let phiB = kind.hasTrend ? phi * slope : 0
            let f = level + phiB
            let e: Double
            if kind.multiplicativeError {
                e = (v - f) / (abs(f) < 1e-10 ? f + 1e-10 : f)
            } else {
                e = v - f
            }
            squares += e * e
            logs += log(abs(f) > 0 ? abs(f) : abs(f) + 1e-8)
            let old = level
            level = f + alpha * (v - f)
            if kind.hasTrend { slope = phiB + (beta / alpha) * (level - old - phiB) }
        }
        let n = Double(y.count)
        var likelihood = n * log(squares > 0 ? squares : squares + 1e-8)
        if kind.multiplicativeError { likelihood += 2 * logs }
        return Model(kind: kind, alpha: alpha, beta: beta, phi: phi, initialLevel: l0, initialSlope: b0,
                     level: level, slope: slope, likelihood: likelihood, parameters: parameters, count: y.count)
    }

    /// statsforecast's starting states: the mean of the first ten values, or the
    /// least-squares line through them (level and slope at time 0).
    static func initialStates(_ y: [Double], trend: Bool) -> (Double, Double) {
        let k = min(10, y.count)
        let head = Array(y.prefix(k))
        guard trend else { return (head.reduce(0, +) / Double(k), 0) }
        let line = ThetaForecaster.trend(head)
        var (l, b) = line
        if abs(l + b) < 1e-8 {
            l *= 1 + 1e-3
            b *= 1 - 1e-3
        }
        return (l, b)
    }

    /// Fits one model, or `nil` when the history is too short for its parameters.
    static func fit(_ y: [Double], kind: Kind) -> Model? {
        let lowerAlpha = 1e-4, upperAlpha = 0.9999
        let alpha0 = lowerAlpha + 0.2 * (upperAlpha - lowerAlpha)
        // statsforecast bounds beta by the starting alpha as well as by 0.9999.
        let upperBeta = min(0.9999, alpha0)
        let beta0 = 1e-4 + 0.1 * (upperBeta - 1e-4)
        let phi0 = 0.8 + 0.99 * (0.98 - 0.8)
        let (l0, b0) = initialStates(y, trend: kind.hasTrend)

        var start = [alpha0], lower = [lowerAlpha], upper = [upperAlpha]
        if kind.hasTrend { start.append(beta0); lower.append(1e-4); upper.append(upperBeta) }
        if kind.trend == .damped { start.append(phi0); lower.append(0.8); upper.append(0.98) }
        start.append(l0); lower.append(-.infinity); upper.append(.infinity)
        if kind.hasTrend { start.append(b0); lower.append(-.infinity); upper.append(.infinity) }
        let parameters = start.count
        // statsforecast's AutoETS refuses 6 values or fewer ("tiny datasets") and
        // never fits n − 1 parameters or more.
        guard y.count > 6, parameters < y.count - 1 else { return nil }

        func unpack(_ p: [Double]) -> (Double, Double, Double, Double, Double) {
            var j = 0
            let alpha = p[j]; j += 1
            let beta = kind.hasTrend ? p[j] : 0; if kind.hasTrend { j += 1 }
            let phi = kind.trend == .damped ? p[j] : 1; if kind.trend == .damped { j += 1 }
            let level = p[j]; j += 1
            let slope = kind.hasTrend ? p[j] : 0
            return (alpha, beta, phi, level, slope)
        }
        let best = NelderMead().minimize({ p in
            let (alpha, beta, phi, level, slope) = unpack(p)
            let likelihood = run(y, kind: kind, alpha: alpha, beta: beta, phi: phi, level: level, slope: slope,
                                 parameters: parameters).likelihood
            return likelihood.isNaN ? -.infinity : max(likelihood, -1e10)
        }, start: start, lower: lower, upper: upper)
        let (alpha, beta, phi, level, slope) = unpack(best.x)
        let model = run(y, kind: kind, alpha: alpha, beta: beta, phi: phi, level: level, slope: slope,
                        parameters: parameters)
        return model.likelihood.isFinite ? model : nil
    }

    /// The candidates statsforecast's AutoETS considers without a season: additive
    /// errors always, multiplicative ones for positive data; trends none, additive,
    /// damped.
    static func candidates(_ y: [Double]) -> [Kind] {
        let positive = y.allSatisfy { $0 > 0 }
        return [false, true].filter { !$0 || positive }.flatMap { m in
            [Kind.Trend.none, .damped, .additive].map { Kind(multiplicativeError: m, trend: $0) }
        }
    }

    /// The candidate with the lowest AICc (the first of equals, in statsforecast's order).
    static func select(_ y: [Double]) -> Model? {
        // A constant history is its own forecast (statsforecast fits ANN with α fixed
        // at 0.9999 there, which is the same).
        if y.count > 6, let first = y.first, y.allSatisfy({ $0 == first }) {
            return run(y, kind: Kind(multiplicativeError: false, trend: .none), alpha: 0.9999, beta: 0, phi: 1,
                       level: first, slope: 0, parameters: 2)
        }
        var best: Model?
        for kind in candidates(y) {
            guard let model = fit(y, kind: kind), !model.aicc.isNaN else { continue }
            if model.aicc < (best?.aicc ?? .infinity) { best = model }
        }
        return best
    }
}
