import NeuralNet
import SeriesIO

/// The neural ensemble combined with Theta, exponential smoothing and, for a pooled
/// network, a small network of each series' own, per step:
/// `w·network + (1 − w)·median(others)`, `w` = ``neuralWeight`` (0.7 by default).
///
/// Why this rule: the members make different errors, but the network is the best
/// member on M1 and Tourism, so a plain median of all of them (which the classical
/// pair decides whenever they agree) was worse than the network; a weighted mean
/// keeps the network's shape and takes some of the others' caution. A pooled network
/// learns what the series of a file share; a network fitted on one history alone
/// (``localNetwork``, the single-series defaults) sees only that series, which is a
/// different opinion again, and the median of it, Theta and ETS beat both the
/// classical pair's mean and Naive2 in that role (README: M1 sMAPE 14.22 → 14.11,
/// Tourism MAPE 19.16 → 19.10). Without ``localNetwork`` (a network fitted per
/// series, which already is a local one) the median of Theta and ETS is their mean;
/// with the same weight, that beat the network alone both on all M1 and Tourism
/// series, each forecast as its own file, and, over three seeds, on the six bundled
/// series at both horizons (README, "One series at a time"). Fitting fits the main network (pooled
/// over every series given, as ``NeuralForecaster`` does); the other members fit on
/// each history when it is forecast, so a saved model forecasts series it never saw.
/// A history too short for a member (Theta needs 4 values, ETS 7) is combined from
/// those that can forecast it.
public struct CombinedForecaster: Forecaster, Codable {
    public var neural: NeuralForecaster
    public var neuralWeight: Double
    /// The classical members, which fit on each history they forecast.
    public var theta: ThetaForecaster
    public var ets: ETSForecaster
    /// The settings of a network fitted on each history it forecasts, a member beside
    /// Theta and ETS; `nil` leaves it out (a local ``neural`` already is one, and
    /// model files saved before it existed decode this way).
    public var localNetwork: NeuralForecaster.Configuration?

    /// The weight of the main network beside the median of the others, pooled or not.
    /// Pooled, every weight from 0.6 to 0.75 was at least as good as the rule before on
    /// M1 and Tourism; per series, 0.7 and 0.8 both beat the network alone on the
    /// competitions and on the six bundled series, and 0.7 is the better on the
    /// competitions (README). One weight serves both.
    public static let defaultNeuralWeight = 0.7
    /// Theta and ETS fit on at most the last this many values, as the network does by
    /// default (``NeuralForecaster/Configuration/historyLimit``): their likelihood
    /// searches cost the series' length at every step, and without a bound the default
    /// forecast of a 100,000-point hourly series took 17 s in them alone, growing with
    /// the series, while their smoothing gives values 20,000 steps old a negligible weight.
    public static let classicalHistoryLimit = 20_000

    /// Networks in the local member's ensemble: three, not the single-series five. As
    /// one of three opinions in a median that weighs 0.3, its seed noise hardly shows:
    /// over two seeds each, M1 sMAPE 14.08 and Tourism MAPE 19.08 with three, 14.09
    /// and 19.08 with five (README), at 60% of the member's cost, which a cold start
    /// pays on every series.
    public static let localMemberEnsemble = 3

    /// `neuralWeight` defaults to ``defaultNeuralWeight``; model files keep the weight
    /// they were saved with (0.8 for a per-series combination saved before this rule).
    public init(neural: NeuralForecaster, neuralWeight: Double? = nil, theta: ThetaForecaster = ThetaForecaster(),
                ets: ETSForecaster = ETSForecaster(), localNetwork: NeuralForecaster.Configuration? = nil) {
        self.neural = neural
        self.neuralWeight = neuralWeight ?? Self.defaultNeuralWeight
        self.theta = theta
        self.ets = ets
        self.localNetwork = localNetwork
    }

    public mutating func fit(_ series: [Series]) throws {
        try neural.fit(series)
    }

    /// Fits the network for forecasts of `horizon` steps.
    public mutating func fit(_ series: [Series], horizon: Int, progress: TrainingObserver? = nil) throws {
        neural.horizon = horizon
        try neural.fit(series, progress: progress)
    }

    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try checkedPrediction(series, horizon: horizon).values
    }

    public func checkedPrediction(_ series: Series, horizon: Int) throws -> Prediction {
        let network = try neural.checkedPrediction(series, horizon: horizon)
        let others = memberForecasts(series, horizon: horizon)
        guard !others.isEmpty else { return network }
        let values = (0..<horizon).map { h in
            neuralWeight * network.values[h] + (1 - neuralWeight) * NeuralForecaster.median(others.map { $0[h] })
        }
        return Prediction(values: values, warnings: network.warnings)
    }

    /// The forecasts of the members besides the main network, those that could make
    /// one (a history too short for a member leaves it out). The local network's own
    /// warnings are not passed on: its path is already held to its envelope, and it
    /// is one opinion of three in the minority share.
    func memberForecasts(_ series: Series, horizon: Int) -> [[Double]] {
        let recent = Self.classicalHistory(series)
        var members = [try? theta.predict(recent, horizon: horizon), try? ets.predict(recent, horizon: horizon)]
        if let localNetwork {
            var local = NeuralForecaster(localNetwork, horizon: horizon)
            members.append(try? { () throws -> [Double] in
                try local.fit([series])
                return try local.checkedPrediction(series, horizon: horizon).values
            }())
        }
        return members.compactMap { $0 }.filter { $0.count == horizon && $0.allSatisfy(\.isFinite) }
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
        let recent = Self.classicalHistory(series)
        let classical = [try? Calibration.refitErrors(of: theta, on: recent, horizon: horizon),
                         try? Calibration.refitErrors(of: ets, on: recent, horizon: horizon)]
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

    /// The part of `series` Theta and ETS see: its last ``classicalHistoryLimit`` values.
    static func classicalHistory(_ series: Series) -> Series {
        series.suffix(classicalHistoryLimit)
    }
}
