import NeuralNet
import SeriesIO
import Windowing

/// A dense network on lagged windows, with every knob of the layers below exposed and
/// defaults that forecast well without tuning.
///
/// Fitting: the series are transformed (optional log and differencing, then a scaler
/// fitted on the training part only) and cut into windows. One network per ensemble
/// member (every lookback × loss × seed of the ``Configuration``) trains on the
/// windows of *all* the series given to ``fit(_:)``: given many series, this is a
/// pooled (global) model, and it forecasts series it never saw as well (cold start).
/// The forecast is the members' median per step.
///
/// Two ways to train: early stopping on the last ``Configuration/validationFraction``
/// of the windows then a refit (the local default), or a fixed budget of
/// ``Configuration/trainingSteps`` (the pooled preset,
/// ``Configuration/pooled(horizon:seasonalPeriod:)``).
///
/// Forecasts never run away silently: a member whose path leaves the history's
/// plausible envelope (see ``Envelope``) is left out of the median, and when every
/// member does, the forecast is clamped to the envelope and the prediction carries a
/// warning.
public struct NeuralForecaster: Forecaster, Codable {
    /// What fitting learned: enough to forecast again later (a saved model).
    public struct Model: Sendable, Codable {
        public var transform: TransformSpec
        /// Per fitted series: its label and fitted transform.
        public var seriesLabels: [String] { didSet { labelIndex = Self.index(seriesLabels) } }
        public var transforms: [FittedTransform]
        /// Validation windows per fitted series (forecast origins never trained on).
        public var validationWindows: [Int]
        public var members: [Member]
        /// Epochs each member trained, and the epoch whose weights it kept.
        public var epochsTrained: [Int]
        public var bestEpochs: [Int]
        /// Per fitted series, out-of-sample errors per step measured before the refit
        /// (`nil` without a refit), and the length of the series they belong to.
        public var calibration: [[[Double]]]?
        public var fittedLengths: [Int]?
        /// Label → position in ``seriesLabels`` (the first, if a label repeats): a pooled
        /// model serving many series looks each one up, and a scan of every fitted
        /// label per lookup would make forecasting quadratic. Not saved; rebuilt.
        private var labelIndex: [String: Int]

        init(transform: TransformSpec, seriesLabels: [String], transforms: [FittedTransform],
             validationWindows: [Int], members: [Member], epochsTrained: [Int], bestEpochs: [Int],
             calibration: [[[Double]]]? = nil, fittedLengths: [Int]? = nil) {
            self.transform = transform
            self.seriesLabels = seriesLabels
            self.transforms = transforms
            self.validationWindows = validationWindows
            self.members = members
            self.epochsTrained = epochsTrained
            self.bestEpochs = bestEpochs
            self.calibration = calibration
            self.fittedLengths = fittedLengths
            labelIndex = Self.index(seriesLabels)
        }

        private enum CodingKeys: String, CodingKey {
            case transform, seriesLabels, transforms, validationWindows, members, epochsTrained, bestEpochs
            case calibration, fittedLengths
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                transform: try c.decode(TransformSpec.self, forKey: .transform),
                seriesLabels: try c.decode([String].self, forKey: .seriesLabels),
                transforms: try c.decode([FittedTransform].self, forKey: .transforms),
                validationWindows: try c.decode([Int].self, forKey: .validationWindows),
                members: try c.decode([Member].self, forKey: .members),
                epochsTrained: try c.decode([Int].self, forKey: .epochsTrained),
                bestEpochs: try c.decode([Int].self, forKey: .bestEpochs),
                calibration: try c.decodeIfPresent([[[Double]]].self, forKey: .calibration),
                fittedLengths: try c.decodeIfPresent([Int].self, forKey: .fittedLengths))
            // Every per-series array is indexed by a label's position: a file whose
            // arrays disagree would index past one of them.
            let n = seriesLabels.count
            guard transforms.count == n, validationWindows.count == n, calibration.map({ $0.count == n }) ?? true,
                fittedLengths.map({ $0.count == n }) ?? true, !members.isEmpty
            else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "the neural model's per-series arrays disagree in length, or it has no networks"))
            }
        }

        /// Where `label` sits among the fitted series, if it was fitted.
        func position(of label: String) -> Int? { labelIndex[label] }

        private static func index(_ labels: [String]) -> [String: Int] {
            var index: [String: Int] = [:]
            index.reserveCapacity(labels.count)
            for (i, label) in labels.enumerated() where index[label] == nil { index[label] = i }
            return index
        }

        /// The fewest transformed values every member can forecast from: one when the
        /// windows pad short histories, else the largest lag.
        public var minimumHistory: Int {
            members.map { $0.window.minimumHistory < $0.window.maxLag ? 1 : $0.window.maxLag }.max() ?? 1
        }
    }

    /// One network of the ensemble, with its own window and training loss.
    public struct Member: Sendable, Codable, Equatable {
        public var window: WindowSpec
        public var loss: Loss
        public var layers: [LayerSpec]
        public var parameters: [Float]
    }

    public var configuration: Configuration
    public var model: Model?
    /// The horizon a multi-output network is built for (set by ``fit(_:horizon:)``).
    public var horizon: Int

    public init(_ configuration: Configuration = Configuration(), horizon: Int = 1) {
        self.configuration = configuration
        self.horizon = horizon
    }

    public mutating func fit(_ series: [Series]) throws {
        try fit(series, progress: nil)
    }

    /// Fits for forecasts of `horizon` steps (what a multi-output network needs to know).
    public mutating func fit(_ series: [Series], horizon: Int) throws {
        self.horizon = horizon
        try fit(series, progress: nil)
    }

    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try checkedPrediction(series, horizon: horizon).values
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
