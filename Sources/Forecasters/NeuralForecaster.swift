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
                fittedLengths.map({ $0.count == n }) ?? true, !members.isEmpty,
                epochsTrained.count == members.count, bestEpochs.count == members.count
            else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "the neural model's per-series or per-network arrays disagree in length, or it has no networks"))
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

        /// No trained network comes near this: a weight beyond it is a corrupted file,
        /// and would overflow Float32 products into infinite forecasts.
        static let largestWeight: Float = 1e12

        init(window: WindowSpec, loss: Loss, layers: [LayerSpec], parameters: [Float]) {
            self.window = window
            self.loss = loss
            self.layers = layers
            self.parameters = parameters
        }

        private enum CodingKeys: String, CodingKey { case window, loss, layers, parameters }

        /// Checks what prediction relies on: the layers chain, take the window's
        /// features and give its horizon, the parameters fill them exactly and are finite.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(window: try c.decode(WindowSpec.self, forKey: .window), loss: try c.decode(Loss.self, forKey: .loss),
                      layers: try c.decode([LayerSpec].self, forKey: .layers),
                      parameters: try c.decode([Float].self, forKey: .parameters))
            func corrupted(_ why: String) -> DecodingError {
                .dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: why))
            }
            do {
                _ = try Network(layers: layers, parameters: parameters)
            } catch {
                throw corrupted(error.description)
            }
            guard layers[0].inputs == window.featureCount else {
                throw corrupted("the first layer takes \(layers[0].inputs) inputs but the window gives \(window.featureCount)")
            }
            guard layers[layers.count - 1].outputs == window.horizon else {
                throw corrupted("the last layer gives \(layers[layers.count - 1].outputs) outputs but the window forecasts \(window.horizon)")
            }
            guard parameters.allSatisfy({ $0.isFinite && abs($0) <= Self.largestWeight }) else {
                throw corrupted("a weight is not finite or beyond ±\(Self.largestWeight)")
            }
        }
    }

    public var configuration: Configuration
    public var model: Model?
    /// The horizon a multi-output network is built for (set by ``fit(_:horizon:)``).
    public var horizon: Int

    public init(_ configuration: Configuration = Configuration(), horizon: Int = 1) {
        self.configuration = configuration
        self.horizon = horizon
    }

    /// Throws unless the configuration and horizon are in range (see ``Limits``).
    public func validate() throws(ForecastError) {
        try configuration.validate()
        try Limits.check(horizon: horizon)
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
