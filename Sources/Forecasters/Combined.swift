import NeuralNet
import SeriesIO

/// The neural ensemble combined with Theta and exponential smoothing, per step:
/// `w·neural + (1 − w)·(Theta + ETS)/2`, `w` = ``neuralWeight`` (0.8).
///
/// Why this rule: the three make different errors, but the network alone is much the
/// most accurate on M1 and Tourism, so the median of the three (which the classical
/// pair decides whenever they agree) was worse than the network; a weighted mean
/// keeps the network's shape and takes some of the classical methods' caution (see
/// the README for the measurements). Fitting fits the network (pooled over every
/// series given, as ``NeuralForecaster`` does); Theta and ETS fit on each history
/// when it is forecast. A history too short for Theta (4 values) or ETS (7) is
/// combined from the methods that can forecast it.
public struct CombinedForecaster: Forecaster, Codable {
    public var neural: NeuralForecaster
    public var neuralWeight: Double
    /// The classical members, which fit on each history they forecast.
    public var theta: ThetaForecaster
    public var ets: ETSForecaster

    public init(neural: NeuralForecaster, neuralWeight: Double = 0.8, theta: ThetaForecaster = ThetaForecaster(),
                ets: ETSForecaster = ETSForecaster()) {
        self.neural = neural
        self.neuralWeight = neuralWeight
        self.theta = theta
        self.ets = ets
    }

    public mutating func fit(_ series: [Series]) throws {
        try neural.fit(series)
    }

    /// Fits the network for forecasts of `horizon` steps.
    public mutating func fit(_ series: [Series], horizon: Int, progress: (@Sendable (Int, EpochRecord) -> Void)?) throws {
        neural.horizon = horizon
        try neural.fit(series, progress: progress)
    }

    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try checkedPrediction(series, horizon: horizon).values
    }

    public func checkedPrediction(_ series: Series, horizon: Int) throws -> Prediction {
        let network = try neural.checkedPrediction(series, horizon: horizon)
        let others = [try? theta.predict(series, horizon: horizon), try? ets.predict(series, horizon: horizon)]
            .compactMap { $0 }.filter { $0.allSatisfy(\.isFinite) }
        guard !others.isEmpty else { return network }
        let values = (0..<horizon).map { h in
            let classicalMean = others.map { $0[h] }.reduce(0, +) / Double(others.count)
            return neuralWeight * network.values[h] + (1 - neuralWeight) * classicalMean
        }
        return Prediction(values: values, warnings: network.warnings)
    }

    /// Errors of the combined forecasts from the last origins of the history, with
    /// the network as fitted (as ``NeuralForecaster/calibrationErrors(for:horizon:)``
    /// measures the network's own; refitting a pooled network per origin would cost a
    /// whole training each).
    public func calibrationErrors(for series: Series, horizon: Int) throws -> [[Double]]? {
        guard let model = neural.model else { throw ForecastError.notFitted }
        let minimumHistory = max(model.minimumHistory + model.transform.lookback, 4)
        let origins = min(max(2 * horizon, 20), series.count / 3, series.count - minimumHistory)
        guard origins >= 1 else { return nil }
        return try Calibration.errors(of: series, origins: (series.count - origins)..<series.count, horizon: horizon) {
            history, steps in try predict(history, horizon: steps)
        }
    }
}
