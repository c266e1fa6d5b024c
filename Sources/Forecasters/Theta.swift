import SeriesIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard Theta method (Assimakopoulos and Nikolopoulos 2000), as statsforecast's
/// `Theta(season_length: m)` computes it: on the seasonally adjusted series, simple
/// exponential smoothing plus half the slope of the linear trend (θ = 2), in the
/// state-space form of Fiorucci et al. (2016), with the smoothing weight and the
/// initial level chosen by Nelder–Mead on the in-sample one-step squared errors.
///
/// Theta fits on the history it is asked to forecast, so ``fit(_:)`` has nothing to
/// learn and a saved model forecasts any series.
public struct ThetaForecaster: Forecaster, Codable {
    /// The season length; `nil` takes it from the series' frequency.
    public var period: Int?
    public var deseasonalize: Deseasonalize

    public init(period: Int? = nil, deseasonalize: Deseasonalize = .auto) {
        self.period = period
        self.deseasonalize = deseasonalize
    }

    public mutating func fit(_ series: [Series]) throws {}

    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try Limits.check(horizon: horizon)
        // Three values start the state; the errors after them are what is fitted.
        guard series.count >= 4 else { throw ForecastError.tooShort(series: series.label, length: series.count, minimum: 4) }
        return try SeasonalAdjustment.forecast(series, period: period, mode: deseasonalize, horizon: horizon) {
            Self.fit($0).forecast(horizon)
        }
    }

    /// A fitted standard Theta model on one (adjusted) history.
    struct Model {
        let alpha: Double
        let initialLevel: Double
        /// The linear trend's intercept and slope (time counted from 1).
        let intercept: Double
        let slope: Double
        /// The smoothed level after the last value, and the history's length.
        let level: Double
        let length: Int
        /// The in-sample objective: squared one-step errors after the third, over mean |y|.
        let objective: Double

        /// The drift term's weight: `1 − 1/θ` with θ = 2.
        static let weight = 0.5

        /// The one-step forecast of position `i` from the level before it.
        func mean(at i: Int, level: Double) -> Double {
            let decay = 1 - alpha
            return level + Self.weight * (intercept * pow(decay, Double(i))
                + slope * (1 - pow(decay, Double(i + 1))) / alpha)
        }

        func forecast(_ horizon: Int) -> [Double] {
            var level = self.level
            return (0..<horizon).map { j in
                let f = mean(at: length + j, level: level)
                level = alpha * f + (1 - alpha) * level
                return f
            }
        }
    }

    /// Runs the state equations over `y` for one choice of `alpha` and initial level.
    static func run(_ y: [Double], alpha: Double, initialLevel: Double, intercept: Double, slope: Double) -> Model {
        let n = y.count
        var level = alpha * y[0] + (1 - alpha) * initialLevel
        var sum = 0.0
        let probe = Model(alpha: alpha, initialLevel: initialLevel, intercept: intercept, slope: slope,
                          level: 0, length: 0, objective: 0)
        for i in 1..<n {
            let e = y[i] - probe.mean(at: i, level: level)
            if i >= 3 { sum += e * e }
            level = alpha * y[i] + (1 - alpha) * level
        }
        let scale = max(y.reduce(0) { $0 + abs($1) } / Double(n), 1e-10)
        return Model(alpha: alpha, initialLevel: initialLevel, intercept: intercept, slope: slope,
                     level: level, length: n, objective: sum / scale)
    }

    /// The least-squares line through `y` against time 1…n, in closed form.
    static func trend(_ y: [Double]) -> (intercept: Double, slope: Double) {
        let n = Double(y.count)
        let mean = y.reduce(0, +) / n
        var weighted = 0.0
        for (t, v) in y.enumerated() { weighted += Double(t + 1) * v }
        weighted /= n
        let slope = 6 * (2 * weighted - (n + 1) * mean) / (n * n - 1)
        return (mean - (n + 1) * slope / 2, slope)
    }

    /// Fits the initial level and `alpha` (bounded to [0.1, 0.99]) from statsforecast's
    /// starting point, half the first value and 0.5.
    static func fit(_ y: [Double]) -> Model {
        let (a, b) = trend(y)
        let optimizer = NelderMead()
        let best = optimizer.minimize({ p in
            let objective = run(y, alpha: p[1], initialLevel: p[0], intercept: a, slope: b).objective
            // statsforecast's objective reads a failed (NaN) evaluation as −∞.
            return objective.isNaN ? -.infinity : objective
        }, start: [y[0] / 2, 0.5], lower: [-1e10, 0.1], upper: [1e10, 0.99])
        return run(y, alpha: best.x[1], initialLevel: best.x[0], intercept: a, slope: b)
    }
}
