/// Forecast accuracy over a set of (actual, forecast) pairs. Pure functions of the
/// numbers, as in Darts' `metrics`.
public struct Metrics: Sendable, Hashable, Codable {
    public var count: Int
    public var mae: Double
    public var rmse: Double
    /// Mean absolute percentage error (%), `nil` when an actual value is zero.
    public var mape: Double?
    /// Symmetric MAPE (%), 0…200; a pair with |y| + |ŷ| = 0 counts 0.
    public var smape: Double
    /// MAE divided by the in-sample seasonal-naive MAE.
    public var mase: Double
    /// Mean of forecast − actual: positive when forecasts run high.
    public var bias: Double
    /// Per interval level: the share of actual values inside, and the mean width.
    public var coverage: [Double: Double]
    public var width: [Double: Double]

    /// - Parameters:
    ///   - actual: the values that happened.
    ///   - forecast: the values forecast for them, step for step.
    ///   - scale: the MASE denominator (see ``Metrics/seasonalNaiveScale(_:season:)``).
    ///   - intervals: per level, lower and upper bounds matching `forecast`.
    public init(actual: [Double], forecast: [Double], scale: Double,
                intervals: [Double: (lower: [Double], upper: [Double])] = [:]) {
        let n = actual.count
        count = n
        var absolute = 0.0, squared = 0.0, percent = 0.0, symmetric = 0.0, signed = 0.0
        var zero = false
        for i in 0..<n {
            let e = forecast[i] - actual[i]
            absolute += abs(e)
            squared += e * e
            signed += e
            if actual[i] == 0 { zero = true } else { percent += abs(e / actual[i]) }
            let denominator = abs(actual[i]) + abs(forecast[i])
            if denominator > 0 { symmetric += 200 * abs(e) / denominator }
        }
        let d = Double(max(n, 1))
        mae = absolute / d
        rmse = (squared / d).squareRoot()
        mape = zero ? nil : 100 * percent / d
        smape = symmetric / d
        mase = scale > 0 ? mae / scale : .nan
        bias = signed / d
        var coverage: [Double: Double] = [:]
        var width: [Double: Double] = [:]
        for (level, bounds) in intervals {
            var inside = 0.0, total = 0.0
            for i in 0..<n {
                if actual[i] >= bounds.lower[i] && actual[i] <= bounds.upper[i] { inside += 1 }
                total += bounds.upper[i] - bounds.lower[i]
            }
            coverage[level] = inside / d
            width[level] = total / d
        }
        self.coverage = coverage
        self.width = width
    }

    /// The MASE scale: mean |y[t] − y[t − m]| over the history (the in-sample MAE of
    /// seasonal naive); the lag-1 scale when that is 0 or the history is shorter than a
    /// season.
    public static func seasonalNaiveScale(_ history: [Double], season m: Int) -> Double {
        func scale(_ lag: Int) -> Double {
            guard history.count > lag else { return 0 }
            var total = 0.0
            for t in lag..<history.count { total += abs(history[t] - history[t - lag]) }
            return total / Double(history.count - lag)
        }
        let seasonal = scale(max(m, 1))
        return seasonal > 0 ? seasonal : scale(1)
    }
}
