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
    public mutating func fit(_ series: [Series], horizon: Int, progress: TrainingObserver?) throws {
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

    /// Out-of-sample errors for the combination, never in-sample ones: the network's
    /// own held-out errors (``NeuralForecaster/calibrationErrors(for:horizon:)``) and
    /// Theta's and ETS's from refits on earlier origins, added rank by rank with the
    /// combination's weights. Since `|y − Σ wᵢŷᵢ| ≤ Σ wᵢ|y − ŷᵢ|`, each quantile of
    /// these is at least the combination's own: intervals err on the wide side rather
    /// than on errors the networks trained on. (A pooled model measures the combination
    /// itself on held-out values instead: ``PooledCalibration``.)
    public func calibrationErrors(for series: Series, horizon: Int) throws -> [[Double]]? {
        guard let network = try neural.calibrationErrors(for: series, horizon: horizon) else { return nil }
        let classical = [try? Calibration.refitErrors(of: theta, on: series, horizon: horizon),
                         try? Calibration.refitErrors(of: ets, on: series, horizon: horizon)]
            .compactMap { $0 }
        guard !classical.isEmpty else { return network }
        return (0..<horizon).map { h in
            let members = classical.map { $0[min(h, $0.count - 1)] }.filter { !$0.isEmpty }
            guard h < network.count, !network[h].isEmpty, !members.isEmpty else { return h < network.count ? network[h] : [] }
            let sortedNetwork = network[h].sorted()
            let sortedMembers = members.map { $0.sorted() }
            return sortedNetwork.indices.map { i in
                let rank = sortedNetwork.count > 1 ? Double(i) / Double(sortedNetwork.count - 1) : 1
                let mean = sortedMembers.map { m in m[Int((rank * Double(m.count - 1)).rounded())] }
                    .reduce(0, +) / Double(sortedMembers.count)
                return neuralWeight * sortedNetwork[i] + (1 - neuralWeight) * mean
            }
        }
    }
}
