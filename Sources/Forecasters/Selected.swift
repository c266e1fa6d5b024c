import NeuralNet
import SeriesIO

/// The network or ETS, whichever forecast the last `horizon` values of the history
/// better when they were held out: the network wins on long, regular series, ETS on
/// short ones (see the README's single-series measurements), and the history says
/// which kind it is.
///
/// Fitting: each candidate is fitted on every series without its last `horizon`
/// values and scored by its MAE on them over the series' mean |y| (summed over the
/// series); then the winner alone is fitted on the whole history. Series shorter than
/// `2·horizon + 7` values are not scored; with none scored, the network is chosen.
public struct SelectedForecaster: Forecaster, Codable {
    public enum Choice: String, Sendable, Codable { case neural, ets }

    public var neural: NeuralForecaster
    public var ets: ETSForecaster
    /// The winner, once fitted.
    public var choice: Choice?
    /// The candidates' held-out scores (relative MAE), network first.
    public var scores: [Double]?

    public init(neural: NeuralForecaster, ets: ETSForecaster = ETSForecaster()) {
        self.neural = neural
        self.ets = ets
    }

    public mutating func fit(_ series: [Series]) throws {
        try fit(series, horizon: max(neural.horizon, 1), progress: nil)
    }

    public mutating func fit(_ series: [Series], horizon: Int, progress: TrainingObserver?) throws {
        try Limits.check(horizon: horizon)
        neural.horizon = horizon
        let scored = series.filter { $0.count >= 2 * horizon + 7 }
        var choice = Choice.neural
        if !scored.isEmpty {
            let histories = scored.map { $0.prefix($0.count - horizon) }
            var network = neural
            try network.fit(histories, progress: nil)
            var totals = [0.0, 0.0]
            for (s, history) in zip(scored, histories) {
                let actual = Array(s.values.suffix(horizon))
                let scale = max(history.values.reduce(0) { $0 + abs($1) } / Double(history.count), 1e-12)
                func score(_ f: [Double]) -> Double {
                    zip(f, actual).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(horizon) / scale
                }
                totals[0] += score(try network.predict(history, horizon: horizon))
                // A history ETS cannot fit counts against it.
                totals[1] += (try? ets.predict(history, horizon: horizon)).map(score) ?? .infinity
            }
            scores = totals
            if totals[1] < totals[0] { choice = .ets }
        }
        if choice == .neural { try neural.fit(series, progress: progress) }
        self.choice = choice
    }

    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try checkedPrediction(series, horizon: horizon).values
    }

    public func checkedPrediction(_ series: Series, horizon: Int) throws -> Prediction {
        switch choice {
        case .ets: return Prediction(values: try ets.predict(series, horizon: horizon))
        case .neural: return try neural.checkedPrediction(series, horizon: horizon)
        case nil: throw ForecastError.notFitted
        }
    }

    public func calibrationErrors(for series: Series, horizon: Int) throws -> [[Double]]? {
        switch choice {
        case .ets: return try Calibration.refitErrors(of: ets, on: series, horizon: horizon)
        case .neural: return try neural.calibrationErrors(for: series, horizon: horizon)
        case nil: throw ForecastError.notFitted
        }
    }
}
