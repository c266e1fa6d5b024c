// A forecaster of your own in a few lines: simple exponential smoothing. Conforming to
// `Forecaster` gives it dated forecasts, conformal prediction intervals and backtests.
// Run from the repository root: swift run custom-forecaster [file.csv]
import Forecasting

struct ExponentialSmoothing: Forecaster {
    var alpha = 0.5

    mutating func fit(_ series: [Series]) throws {
        // Choose alpha by one-step error on the history: a small grid is plenty.
        guard let s = series.first else { return }
        alpha = stride(from: 0.05, through: 1.0, by: 0.05).min { a, b in
            Self.oneStepError(s.values, a) < Self.oneStepError(s.values, b)
        } ?? 0.5
    }

    func predict(_ series: Series, horizon: Int) throws -> [Double] {
        let level = series.values.dropFirst().reduce(series.values[0]) { alpha * $1 + (1 - alpha) * $0 }
        return [Double](repeating: level, count: horizon)
    }

    static func oneStepError(_ y: [Double], _ alpha: Double) -> Double {
        var level = y[0], error = 0.0
        for v in y.dropFirst() {
            error += abs(v - level)
            level = alpha * v + (1 - alpha) * level
        }
        return error
    }
}

let path = CommandLine.arguments.dropFirst().first ?? "datasets/nile_yearly.csv"
do {
    let series = try CSVReader().read(path: path)[0]
    var smoothing = ExponentialSmoothing()
    try smoothing.fit([series])
    let forecast = try smoothing.forecast(series, horizon: 5, levels: [80])
    print("alpha = \(smoothing.alpha)")
    for step in 0..<forecast.horizon {
        print(forecast.label(step), forecast.values[step], forecast.intervals[0].lower[step], forecast.intervals[0].upper[step])
    }
} catch {
    print("error: \(error)")
}
