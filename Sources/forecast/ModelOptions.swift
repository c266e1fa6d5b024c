import ArgumentParser
import Forecasting

extension ForecastMethod: ExpressibleByArgument {}
extension Deseasonalize: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {}
extension ScalerKind: ExpressibleByArgument {}
extension NeuralForecaster.Strategy: ExpressibleByArgument {}
extension NeuralForecaster.OptimizerName: ExpressibleByArgument {}
extension NeuralForecaster.Configuration.Schedule: ExpressibleByArgument {}
extension Pooling: ExpressibleByArgument {}

/// The defaults `--help` prints, read from the configurations themselves so that the
/// help cannot drift from what runs: one series (or `--pooling local`) and pooled.
enum Defaults {
    static let local = NeuralForecaster.Configuration()
    static let pooled = NeuralForecaster.Configuration.pooled(horizon: 1, seasonalPeriod: 12)

    static func both(_ text: (NeuralForecaster.Configuration) -> String) -> String {
        let a = text(local)
        let b = text(pooled)
        return a == b ? "(default: \(a))" : "(default: \(a); pooled: \(b))"
    }

    static func both<T: RawRepresentable>(_ path: KeyPath<NeuralForecaster.Configuration, T>) -> String
    where T.RawValue == String {
        both { $0[keyPath: path].rawValue }
    }
}

/// The model vocabulary shared by every command (DESIGN.md, "The command line").
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Forecasting method: neural, combined, auto, theta, ets, naive, naive2, seasonal-naive, drift or mean. Default: combined (backtest: neural, whose configurations it compares).",
        valueName: "name"))
    var method: ForecastMethod?

    @Option(help: ArgumentHelp(
        "Seasonal adjustment before Theta: auto (when the 90% autocorrelation test at lag m says seasonal), on or off. (default: auto)",
        valueName: "auto|on|off"))
    var deseasonalize: Deseasonalize?

    @Option(help: ArgumentHelp(
        "For a file of several series: one network pooled over all of them (global) or one per series (local). Default: global for several series, local for one.",
        valueName: "global|local"))
    var pooling: Pooling?

    @Option(help: ArgumentHelp(
        "Lookback: a number of lags, a multiple of the horizon (4h), or auto (each series' window chosen by a small backtest). A list (2h,4h,6h or 2h+4h+6h) makes ensemble members; in backtest a comma list is a grid and + joins members. (default: two seasons, or 12 without one; pooled: 1h,2h,4h)",
        valueName: "L|kh|auto"))
    var window: String?

    @Option(help: ArgumentHelp("An explicit lag set instead of --window, e.g. 1,2,12,24.", valueName: "list"))
    var lags: String?

    @Option(help: ArgumentHelp("Hidden layer widths joined by x, e.g. 64x64. In backtest, 32x32,64x64 is a grid. \(Defaults.both { $0.hidden.map(String.init).joined(separator: "x") })", valueName: "widths"))
    var hidden: String?

    @Option(help: ArgumentHelp("Activation of the hidden layers. \(Defaults.both(\.activation.rawValue))"))
    var activation: Activation?

    @Option(help: ArgumentHelp("Optimizer. \(Defaults.both(\.optimizer.rawValue))"))
    var optimizer: NeuralForecaster.OptimizerName?

    @Option(help: ArgumentHelp("Learning rate. \(Defaults.both { String($0.learningRate) })", valueName: "rate"))
    var learningRate: String?

    @Option(help: ArgumentHelp("Mini-batch size. \(Defaults.both { String($0.batchSize) })"))
    var batchSize: Int?

    @Option(help: ArgumentHelp("Maximum training epochs (with early stopping). \(Defaults.both { $0.trainingSteps == nil ? String($0.epochs) : "none, a step budget" })"))
    var epochs: Int?

    @Option(help: ArgumentHelp("Early-stopping patience, in epochs. \(Defaults.both { $0.trainingSteps == nil ? String($0.patience) : "no early stopping" })"))
    var patience: Int?

    @Option(help: ArgumentHelp("Dropout rate of the hidden layers, in [0, 1). \(Defaults.both { String($0.dropout) })"))
    var dropout: Double?

    @Option(help: ArgumentHelp("L2 weight decay. \(Defaults.both { String($0.weightDecay) })"))
    var weightDecay: Double?

    @Option(help: ArgumentHelp(
        "Training loss: mse, mae, huber (δ = 1), smape, mape or mase (on the original scale, through the log; mase scales each window by its own seasonal-naive error). A list makes ensemble members, as for --window. (default: mse; pooled: smape,mape, mape without a season)",
        valueName: "loss"))
    var loss: String?

    @Option(help: ArgumentHelp("Train each network for a fixed number of mini-batch steps instead of early stopping. \(Defaults.both { $0.trainingSteps.map(String.init) ?? "none" })", valueName: "N"))
    var trainingSteps: Int?

    @Option(help: ArgumentHelp("Learning-rate schedule over a fixed budget of steps. \(Defaults.both(\.schedule.rawValue))"))
    var schedule: NeuralForecaster.Configuration.Schedule?

    @Option(help: ArgumentHelp("Train on windows whose targets start in the last k horizons of each series only. \(Defaults.both { $0.recentHorizons.map { String(Int($0)) } ?? "all windows" })", valueName: "k"))
    var recent: Double?

    @Option(help: ArgumentHelp("Fewest real past values a training window needs; older lags are padded.", valueName: "n"))
    var minHistory: Int?

    @Option(help: ArgumentHelp("Fit the network on at most the last N values of each series; 0 for all (default: 20000; pooled: all).",
                               valueName: "N"))
    var historyLimit: Int?

    @Option(help: ArgumentHelp("Share of the last windows held out for early stopping and intervals, in [0, 1). \(Defaults.both { String($0.validationFraction) })",
                               valueName: "fraction"))
    var validation: Double?

    @Option(help: ArgumentHelp("Scaler fitted on the training part: standard, minmax, robust or none. \(Defaults.both { $0.scaler?.rawValue ?? "none" })"))
    var scaler: ScalerKind?

    @Option(help: ArgumentHelp(
        "Transforms, comma-separated: log, log-if-positive, diff, diff2, seasonal-diff, window-last, window-mean, window-last-level, none (default: log-if-positive,window-last).",
        valueName: "list"))
    var transform: String?

    @Option(help: ArgumentHelp("Multi-step strategy. \(Defaults.both(\.strategy.rawValue))"))
    var strategy: NeuralForecaster.Strategy?

    @Option(help: ArgumentHelp("Train K networks with different seeds and take the median (pooled: K per window and loss). \(Defaults.both { String($0.ensemble) })", valueName: "K"))
    var ensemble: Int?

    @Option(help: ArgumentHelp("Seed for weights, batch order and dropout. \(Defaults.both { String($0.seed) })"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Seasonal period (default: from the frequency).", valueName: "m"))
    var season: Int?

    /// The flags given on the command line, for `predict --model` to say which ones a
    /// saved model ignores (its configuration was fixed when it was trained).
    var given: [String] {
        let flags: [(String, Bool)] = [
            ("--method", method != nil), ("--deseasonalize", deseasonalize != nil), ("--pooling", pooling != nil),
            ("--window", window != nil), ("--lags", lags != nil), ("--hidden", hidden != nil),
            ("--activation", activation != nil), ("--optimizer", optimizer != nil),
            ("--learning-rate", learningRate != nil), ("--batch-size", batchSize != nil), ("--epochs", epochs != nil),
            ("--patience", patience != nil), ("--dropout", dropout != nil), ("--weight-decay", weightDecay != nil),
            ("--loss", loss != nil), ("--training-steps", trainingSteps != nil), ("--schedule", schedule != nil),
            ("--recent", recent != nil), ("--min-history", minHistory != nil), ("--history-limit", historyLimit != nil),
            ("--validation", validation != nil), ("--scaler", scaler != nil), ("--transform", transform != nil),
            ("--strategy", strategy != nil), ("--ensemble", ensemble != nil), ("--seed", seed != nil),
            ("--season", season != nil),
        ]
        return flags.filter(\.1).map(\.0)
    }

    func validate() throws {
        if let trainingSteps { _ = try Self.bounded(trainingSteps, "--training-steps", 1...Limits.trainingSteps) }
        if let recent, !(recent > 0 && recent.isFinite) { throw ValidationError("--recent must be positive, got \(recent)") }
        if let minHistory { _ = try Self.bounded(minHistory, "--min-history", 1...Limits.lags) }
        if let historyLimit, historyLimit != 0 { _ = try Self.bounded(historyLimit, "--history-limit", 2...Limits.points) }
        // The flags' own messages first; then the library's check of every configuration
        // of the grid. (predict and train refuse a grid themselves: backtest takes one.)
        _ = try grid()
    }

    /// `value` when it is in `range`, else an error naming the flag and the range.
    static func bounded(_ value: Int, _ flag: String, _ range: ClosedRange<Int>) throws(ValidationError) -> Int {
        guard range.contains(value) else {
            throw ValidationError("\(flag) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
        return value
    }

    /// The method: as given, else combined, pooled or not: it beat the network alone
    /// on M1 and Tourism in long format, on each of their series as its own file, and
    /// on the six bundled series over three seeds (README).
    var resolvedMethod: ForecastMethod {
        method ?? .combined
    }

    /// Global for several series of a neural method unless --pooling says otherwise.
    func pooling(seriesCount: Int) -> Pooling {
        pooling ?? (seriesCount > 1 && (method?.pools ?? true) ? .global : .local)
    }

    /// The neural configuration these options describe, on top of `base` (defaults
    /// where not given). A list in --window or --loss makes ensemble members; lists
    /// in --hidden or --learning-rate, which only `backtest` turns into a grid, are refused.
    func configuration(base: NeuralForecaster.Configuration = .init()) throws(ValidationError)
        -> NeuralForecaster.Configuration
    {
        let all = try grid(base: base, commaJoinsMembers: true)
        guard all.count == 1 else {
            throw ValidationError("a comma list in --hidden or --learning-rate makes a grid, which only `forecast backtest` takes")
        }
        return all[0]
    }

    static func parseWindow(_ text: String) throws(ValidationError) -> NeuralForecaster.Lags {
        if text == "auto" { return .auto }
        if text.hasSuffix("h") || text.hasSuffix("H"), let k = Double(text.dropLast()), k > 0, k <= 1000 {
            return .horizons(k)
        }
        guard let n = Int(text), (1...Limits.lags).contains(n) else {
            throw ValidationError("--window expects a number of lags (1…\(Limits.lags)), a multiple of the horizon such as 4h, or auto, got '\(text)'")
        }
        return .count(n)
    }

    static func parseLoss(_ text: String) throws(ValidationError) -> Loss {
        switch text {
        case "mse": return .mse
        case "mae": return .mae
        case "huber": return .huber(delta: 1)
        case "smape": return .logSMAPE
        case "mape": return .logMAPE
        case "mase": return .logMASE(period: 0)
        default: throw ValidationError("--loss: unknown '\(text)'; use mse, mae, huber, smape, mape or mase")
        }
    }

    /// Splits a grid option: commas separate grid entries, `+` the members of one
    /// (with `commaJoinsMembers`, commas join members too).
    static func entries(_ text: String?, commaJoinsMembers: Bool) -> [[String]] {
        guard let text else { return [[]] }
        let groups = commaJoinsMembers ? [text] : text.split(separator: ",").map(String.init)
        return groups.map { group in
            group.split(whereSeparator: { $0 == "+" || $0 == "," }).map { String($0).trimmedOfSpaces }
        }
    }

    /// Every combination of the list-valued options (--window, --loss, --hidden, --learning-rate).
    func grid(base: NeuralForecaster.Configuration = .init(), commaJoinsMembers: Bool = false) throws(ValidationError)
        -> [NeuralForecaster.Configuration]
    {
        let base = try single(base: base)
        let windows = try Self.entries(window, commaJoinsMembers: commaJoinsMembers).map {
            group throws(ValidationError) -> [NeuralForecaster.Lags]? in
            group.isEmpty ? nil : try group.map { text throws(ValidationError) in try Self.parseWindow(text) }
        }
        let losses = try Self.entries(loss, commaJoinsMembers: commaJoinsMembers).map {
            group throws(ValidationError) -> [Loss]? in
            group.isEmpty ? nil : try group.map { text throws(ValidationError) in try Self.parseLoss(text) }
        }
        let hiddens = try (hidden?.split(separator: ",").map(String.init) ?? ["-"]).map {
            text throws(ValidationError) -> [Int]? in
            if text == "-" { return nil }
            let widths = text.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
            guard !widths.isEmpty, widths.allSatisfy({ (1...Limits.hiddenWidth).contains($0 ?? 0) }) else {
                throw ValidationError("--hidden expects layer widths from 1 to \(Limits.hiddenWidth) joined by x, e.g. 64x64, got '\(text)'")
            }
            return widths.compactMap { $0 }
        }
        let rates = try (learningRate?.split(separator: ",").map(String.init) ?? ["-"]).map {
            text throws(ValidationError) -> Double? in
            if text == "-" { return nil }
            guard let rate = Double(text.trimmedOfSpaces), rate > 0, rate.isFinite else {
                throw ValidationError("--learning-rate must be positive, got '\(text)'")
            }
            return rate
        }
        var result: [NeuralForecaster.Configuration] = []
        for w in windows {
            for l in losses {
                for h in hiddens {
                    for r in rates {
                        var c = base
                        if let w { c.windows = w }
                        if let l { c.losses = l }
                        if let h { c.hidden = h }
                        if let r { c.learningRate = r }
                        do { try c.validate() } catch { throw ValidationError(errorMessage(error, naming: .commandLine)) }
                        result.append(c)
                    }
                }
            }
        }
        return result
    }

    /// The options that take one value everywhere.
    private func single(base: NeuralForecaster.Configuration) throws(ValidationError) -> NeuralForecaster.Configuration {
        var c = base
        if let trainingSteps {
            c.trainingSteps = trainingSteps
            c.validationFraction = validation ?? 0
        }
        if let schedule { c.schedule = schedule }
        if let recent { c.recentHorizons = recent }
        if let minHistory { c.minimumHistory = minHistory }
        if let historyLimit { c.historyLimit = historyLimit == 0 ? nil : historyLimit }
        if let lags {
            if window != nil { throw ValidationError("give --lags or --window, not both") }
            let parsed = lags.split(separator: ",").map { Int($0.trimmedOfSpaces) }
            guard !parsed.isEmpty, parsed.allSatisfy({ (1...Limits.lags).contains($0 ?? 0) }) else {
                throw ValidationError("--lags expects integers from 1 to \(Limits.lags) separated by commas, got '\(lags)'")
            }
            let values = parsed.compactMap { $0 }
            guard Set(values).count == values.count else { throw ValidationError("--lags has a lag twice: '\(lags)'") }
            c.lags = .set(values)
        }
        if let activation { c.activation = activation }
        if let optimizer { c.optimizer = optimizer }
        if let batchSize { c.batchSize = try Self.bounded(batchSize, "--batch-size", 1...Limits.batchSize) }
        if let epochs { c.epochs = try Self.bounded(epochs, "--epochs", 1...Limits.epochs) }
        if let patience { c.patience = try Self.bounded(patience, "--patience", 1...Limits.epochs) }
        if let dropout {
            guard dropout >= 0, dropout < 1 else { throw ValidationError("--dropout must be in [0, 1), got \(dropout)") }
            c.dropout = dropout
        }
        if let weightDecay {
            guard weightDecay >= 0 else { throw ValidationError("--weight-decay must be 0 or more, got \(weightDecay)") }
            c.weightDecay = weightDecay
        }
        if let validation {
            guard validation >= 0, validation < 1 else {
                throw ValidationError("--validation must be in [0, 1), got \(validation)")
            }
            c.validationFraction = validation
        }
        if let scaler { c.scaler = scaler }
        if let transform {
            c.log = .off
            c.difference = 0
            c.seasonalDifference = false
            c.normalization = .none
            for item in transform.split(separator: ",").map({ $0.trimmedOfSpaces }) {
                switch item {
                case "none": break
                case "log": c.log = .on
                case "log-if-positive": c.log = .auto
                case "diff": c.difference = 1
                case "diff2": c.difference = 2
                case "seasonal-diff": c.seasonalDifference = true
                case "window-last": c.normalization = .lastValue
                case "window-mean": c.normalization = .mean
                case "window-last-level": c.normalization = .lastValueAndLevel
                default:
                    throw ValidationError("--transform: unknown '\(item)'; use log, log-if-positive, diff, diff2, seasonal-diff, window-last, window-mean, window-last-level or none")
                }
            }
        }
        if let strategy { c.strategy = strategy }
        if let ensemble { c.ensemble = try Self.bounded(ensemble, "--ensemble", 1...Limits.ensemble) }
        if let seed { c.seed = seed }
        if let season { c.seasonalPeriod = try Self.bounded(season, "--season", 1...Limits.seasonalPeriod) }
        return c
    }
}

extension StringProtocol {
    var trimmedOfSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
