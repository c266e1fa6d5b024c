import NeuralNet
import Windowing

extension NeuralForecaster {
    /// How forecasts of several steps are made.
    public enum Strategy: String, Sendable, Hashable, Codable, CaseIterable {
        /// One-step network fed its own forecasts.
        case recursive
        /// One network with an output per step (direct).
        case multiOutput = "multi-output"
    }

    /// Which past values feed the network.
    public enum Lags: Sendable, Hashable, Codable {
        /// Two seasons (`2m`) for seasonal series, 12 otherwise, at most a third of the series.
        case auto
        case count(Int)
        case set([Int])
        /// A multiple of the forecast horizon (`4h`: four horizons of lags), as N-BEATS
        /// sizes its lookbacks.
        case horizons(Double)
    }

    public enum LogTransform: String, Sendable, Hashable, Codable, CaseIterable {
        case off, on
        /// On when every value of every fitted series is at least zero (series with
        /// zeros are shifted first; see `TransformSpec.shiftNonPositive`).
        case auto
    }

    public enum OptimizerName: String, Sendable, Hashable, Codable, CaseIterable {
        case sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam, adamw
    }

    /// Every knob. Two presets: ``init()`` for one series at a time (a small recursive
    /// network, early stopping), and ``pooled(horizon:seasonalPeriod:)`` for a network
    /// trained on the windows of many series at once.
    ///
    /// The local defaults were chosen on the six bundled series (rolling-origin
    /// protocol of `shared/anchors/accuracy.py`, three seeds each, preferring what
    /// helped on every frequency):
    ///
    /// - `lags: .auto` (two seasons, or 12): shorter windows lost the seasonal shape,
    ///   longer ones starved short series of samples.
    /// - `log: .auto` and `normalization: .lastValue`: a dense network cannot
    ///   extrapolate a level it never saw, so each window is relative to its last input;
    ///   the log turns growing seasonal swings into constant ones.
    /// - `strategy: .recursive`: at the protocol's multi-step horizon it scored a mean
    ///   MASE of 1.23 against 1.29 for multi-output, and one model serves any horizon.
    /// - `validationFraction: 0.1` with `refit: true`, `hidden: [32]`,
    ///   `learningRate: 0.001`, `ensemble: 5`, `weightDecay: 0.001`.
    ///
    /// Ensemble members are every combination of ``windows`` × ``losses`` ×
    /// ``ensemble`` seeds; the forecast is their median per step.
    public struct Configuration: Sendable, Hashable, Codable {
        /// The lookbacks of the ensemble's members (one entry: one lookback for all).
        public var windows: [Lags] = [.auto]
        public var hidden: [Int] = [32]
        public var activation: Activation = .relu
        public var optimizer: OptimizerName = .adam
        public var learningRate = 0.001
        public var batchSize = 32
        /// Maximum epochs (with early stopping); ignored when ``trainingSteps`` is set.
        public var epochs = 300
        /// Early-stopping patience in epochs (on the validation loss).
        public var patience = 20
        /// A fixed budget of mini-batch steps per member instead of early stopping:
        /// no windows are held out, the learning rate follows ``schedule``.
        public var trainingSteps: Int?
        /// The learning-rate schedule over the epochs of a fixed budget.
        public var schedule: Schedule = .constant
        public var dropout = 0.0
        /// L2 weight decay (`λ·w` added to the weights' gradients).
        public var weightDecay = 0.001
        /// The training losses of the members (on transformed values).
        /// `Loss.logMASE(period: 0)` takes the series' seasonal period when fitted.
        public var losses: [Loss] = [.mse]
        /// The share of the windows held out at the end for early stopping and intervals.
        public var validationFraction = 0.1
        /// `nil` (the pooled preset) scales by nothing under the log (log-ratios are already
        /// scale-free) and standardises otherwise.
        public var scaler: ScalerKind? = .standard
        /// Ordinary differencing order (0, 1 or 2).
        public var difference = 0
        /// Seasonal differencing at the series' seasonal period.
        public var seasonalDifference = false
        /// Log transform: `.auto` applies it when every value is at least zero.
        public var log: LogTransform = .auto
        /// Under the log, shift series with zeros up instead of leaving the log off
        /// (`TransformSpec.shiftNonPositive`).
        public var shiftNonPositive = false
        public var normalization: WindowNormalization = .lastValue
        public var strategy: Strategy = .recursive
        /// Train only on windows whose first target lies in the last `k·h` values of
        /// each series (N-BEATS' "history size"); `nil` trains on every window.
        public var recentHorizons: Double?
        /// Fit on at most the last this many values of each series (`nil`: all). It
        /// bounds the cost of training by a budget rather than by the series: a
        /// million-point hourly series trains as fast as one of 20,000 (2.3 years of
        /// hours), whose recent past is what its forecast depends on.
        public var historyLimit: Int? = 20_000
        /// Let windows start with as few as this many real past values, padding older
        /// lags (see `WindowSpec.minimumHistory`); `nil` needs the whole lookback.
        /// Padding is what lets one pooled network serve series shorter than its lookback.
        public var minimumHistory: Int?
        /// After early stopping has chosen each network's epoch count on the held-out
        /// windows, train it again on all windows for that many epochs, so the most
        /// recent data shapes the forecast. Intervals keep the held-out errors.
        public var refit = true
        /// Networks per lookback and loss, each with its own seed.
        public var ensemble = 5
        public var seed: UInt64 = 0
        /// The season length; `nil` takes it from the series' frequency.
        public var seasonalPeriod: Int?

        /// The local (one series at a time) defaults.
        public init() {}

        /// The defaults for one network pooled over many series (see the README's
        /// accuracy tables for the measurements behind them): direct multi-step output,
        /// log-ratio inputs relative to the last value, short series padded, an ensemble
        /// of lookbacks × scale-free losses, windows from the recent part of each
        /// history, and a fixed training budget.
        public static func pooled(horizon: Int, seasonalPeriod: Int) -> Configuration {
            var c = Configuration()
            c.windows = [.horizons(1), .horizons(2), .horizons(4)]
            // Without a season (yearly data: short, trending histories) the MAPE loss
            // alone, whose optimum sits below the median and so tempers extrapolated
            // growth, beat sMAPE + MAPE on both yearly sets (README).
            c.losses = seasonalPeriod > 1 ? [.logSMAPE, .logMAPE] : [.logMAPE]
            c.ensemble = 2
            c.hidden = [256, 256, 256]
            c.strategy = .multiOutput
            c.log = .auto
            c.shiftNonPositive = true
            c.scaler = nil
            c.normalization = .lastValue
            c.minimumHistory = max(1, min(horizon, 2 * seasonalPeriod))
            c.recentHorizons = 10
            c.trainingSteps = 1000
            c.batchSize = 256
            c.learningRate = 0.001
            c.schedule = .cosine
            c.weightDecay = 0
            c.validationFraction = 0
            c.refit = false
            c.seasonalPeriod = nil
            // `recentHorizons` already bounds the windows per series.
            c.historyLimit = nil
            return c
        }

        /// The first lookback: the single-window shorthand (setting it leaves one lookback).
        public var lags: Lags {
            get { windows.first ?? .auto }
            set { windows = [newValue] }
        }

        /// The first loss: the single-loss shorthand (setting it leaves one loss).
        public var loss: Loss {
            get { losses.first ?? .mse }
            set { losses = [newValue] }
        }

        /// The lookbacks as the command line writes them (`12`, `auto`, `2h+4h`), lag sets
        /// joined by `lagSeparator`.
        public func windowDescription(lagSeparator: String = ",") -> String {
            windows.map { lags -> String in
                switch lags {
                case .auto: return "auto"
                case .count(let n): return String(n)
                case .set(let lags): return lags.map(String.init).joined(separator: lagSeparator)
                case .horizons(let k): return "\(k.formatted)h"
                }
            }.joined(separator: "+")
        }

        /// The learning rate over a fixed budget.
        public enum Schedule: String, Sendable, Hashable, Codable, CaseIterable {
            case constant
            /// Half-cosine from the learning rate down to a hundredth of it.
            case cosine
        }

        /// Throws, with one line naming the setting, unless every setting is in range
        /// (``Limits`` bounds the counts). Fitting calls it; so can a caller that wants
        /// to refuse a configuration before reading any data.
        public func validate() throws(ForecastError) {
            func check(_ ok: Bool, _ message: String) throws(ForecastError) {
                if !ok { throw .invalidConfiguration(message) }
            }
            try check(!hidden.isEmpty && hidden.allSatisfy { $0 >= 1 }, "hidden layers need at least one unit each")
            try check(hidden.count <= Limits.hiddenLayers, "at most \(Limits.hiddenLayers) hidden layers, got \(hidden.count)")
            if let wide = hidden.first(where: { $0 > Limits.hiddenWidth }) {
                throw .invalidConfiguration("a hidden layer has at most \(Limits.hiddenWidth) units, got \(wide)")
            }
            // The input and output widths are not known before the data; the hidden
            // layers alone already bound most of the size.
            if let inner = Limits.parameterCount(inputs: hidden[0], hidden: Array(hidden.dropFirst()), outputs: 1),
               inner > Limits.parameters
            {
                throw .invalidConfiguration("the hidden layers hold \(inner) weights; at most \(Limits.parameters) are allowed")
            }
            try check(learningRate > 0 && learningRate.isFinite, "the learning rate must be positive, got \(learningRate)")
            try check((1...Limits.batchSize).contains(batchSize),
                      "the batch size must be between 1 and \(Limits.batchSize), got \(batchSize)")
            try check((1...Limits.epochs).contains(epochs), "epochs must be between 1 and \(Limits.epochs), got \(epochs)")
            try check((1...Limits.epochs).contains(patience), "patience must be between 1 and \(Limits.epochs), got \(patience)")
            if let trainingSteps {
                try check((1...Limits.trainingSteps).contains(trainingSteps),
                          "training steps must be between 1 and \(Limits.trainingSteps), got \(trainingSteps)")
            }
            if let seasonalPeriod { try Limits.check(seasonalPeriod: seasonalPeriod) }
            try check(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got \(dropout)")
            try check(weightDecay >= 0, "weight decay must be 0 or more, got \(weightDecay)")
            try check(validationFraction >= 0 && validationFraction < 1,
                      "the validation fraction must be in [0, 1), got \(validationFraction)")
            try check((1...Limits.ensemble).contains(ensemble),
                      "the ensemble takes between 1 and \(Limits.ensemble) networks per member, got \(ensemble)")
            try check(!windows.isEmpty, "the ensemble needs at least one lookback")
            try check(!losses.isEmpty, "the ensemble needs at least one loss")
            try check((0...2).contains(difference), "the differencing order must be 0, 1 or 2, got \(difference)")
            if let recentHorizons { try check(recentHorizons > 0, "the recent part must be positive, got \(recentHorizons)") }
            if let minimumHistory { try check(minimumHistory >= 1, "the minimum history must be at least 1, got \(minimumHistory)") }
            if let historyLimit { try check(historyLimit >= 2, "the history limit must be at least 2 values, got \(historyLimit)") }
            for lags in windows {
                switch lags {
                case .auto: break
                case .count(let n):
                    try check((1...Limits.lags).contains(n), "the window must be between 1 and \(Limits.lags) lags, got \(n)")
                case .set(let s):
                    try check(!s.isEmpty && s.allSatisfy { (1...Limits.lags).contains($0) },
                              "lags must be between 1 and \(Limits.lags)")
                case .horizons(let k):
                    try check(k > 0 && k <= Double(Limits.lags), "a lookback in horizons must be positive, got \(k)")
                }
            }
        }

        func makeOptimizer() -> Optimizer {
            switch optimizer {
            case .sgd: return .sgd(learningRate: learningRate)
            case .momentum: return .momentum(learningRate: learningRate)
            case .nesterov: return .momentum(learningRate: learningRate, nesterov: true)
            case .adagrad: return .adagrad(learningRate: learningRate)
            case .adadelta: return .adadelta(learningRate: learningRate)
            case .rmsprop: return .rmsprop(learningRate: learningRate)
            case .adam: return .adam(learningRate: learningRate)
            case .adamw: return .adamW(learningRate: learningRate)
            }
        }

        /// The members, lookback (index into ``windows``) and loss, in the order
        /// lookback × loss × seed; member k trains with seed k.
        var memberPlan: [(window: Int, loss: Loss)] {
            windows.indices.flatMap { w in
                losses.flatMap { loss in (0..<ensemble).map { _ in (window: w, loss: loss) } }
            }
        }
    }
}
