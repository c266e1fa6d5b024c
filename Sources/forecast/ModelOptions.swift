import ArgumentParser
import Forecasting

enum Method: String, ExpressibleByArgument, CaseIterable, Codable {
    case neural, naive
    case seasonalNaive = "seasonal-naive"
    case drift, mean
}

extension Activation: ExpressibleByArgument {}
extension ScalerKind: ExpressibleByArgument {}
extension NeuralForecaster.Strategy: ExpressibleByArgument {}
extension NeuralForecaster.OptimizerName: ExpressibleByArgument {}

/// The model vocabulary shared by every command (DESIGN.md, "The command line").
struct ModelOptions: ParsableArguments {
    @Option(help: "Forecasting method.")
    var method: Method = .neural

    @Option(help: ArgumentHelp("Number of lags (lags 1…L), or auto (two seasons, or 12). In backtest, a comma list is a grid.", valueName: "L|auto"))
    var window: String?

    @Option(help: ArgumentHelp("An explicit lag set instead of --window, e.g. 1,2,12,24.", valueName: "list"))
    var lags: String?

    @Option(help: ArgumentHelp("Hidden layer widths joined by x, e.g. 64x64. In backtest, 32x32,64x64 is a grid.", valueName: "widths"))
    var hidden: String?

    @Option(help: "Activation of the hidden layers.")
    var activation: Activation?

    @Option(help: "Optimizer.")
    var optimizer: NeuralForecaster.OptimizerName?

    @Option(help: ArgumentHelp("Learning rate.", valueName: "rate"))
    var learningRate: String?

    @Option(help: "Mini-batch size.")
    var batchSize: Int?

    @Option(help: "Maximum training epochs.")
    var epochs: Int?

    @Option(help: "Early-stopping patience, in epochs.")
    var patience: Int?

    @Option(help: "Dropout rate of the hidden layers, in [0, 1).")
    var dropout: Double?

    @Option(help: "L2 weight decay.")
    var weightDecay: Double?

    @Option(help: ArgumentHelp("Training loss: mse, mae, or huber (δ = 1 on scaled values).", valueName: "loss"))
    var loss: String?

    @Option(help: ArgumentHelp("Share of the last windows held out for early stopping and intervals, in [0, 1).",
                               valueName: "fraction"))
    var validation: Double?

    @Option(help: "Scaler fitted on the training part: standard, minmax, robust or none.")
    var scaler: ScalerKind?

    @Option(help: ArgumentHelp(
        "Transforms, comma-separated: log, log-if-positive, diff, diff2, seasonal-diff, window-last, window-mean, window-last-level, none (default: log-if-positive,window-last).",
        valueName: "list"))
    var transform: String?

    @Option(help: "Multi-step strategy.")
    var strategy: NeuralForecaster.Strategy?

    @Option(help: ArgumentHelp("Train K networks with different seeds and take the median.", valueName: "K"))
    var ensemble: Int?

    @Option(help: "Seed for weights, batch order and dropout.")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Seasonal period (default: from the frequency).", valueName: "m"))
    var season: Int?

    func validate() throws {
        _ = try grid()
    }

    /// The neural configuration these options describe (defaults where not given);
    /// refuses lists, which only `backtest` turns into a grid.
    func configuration() throws(ValidationError) -> NeuralForecaster.Configuration {
        let all = try grid()
        guard all.count == 1 else {
            throw ValidationError("a comma list in --window, --hidden or --learning-rate makes a grid, which only `forecast backtest` takes")
        }
        return all[0]
    }

    /// Every combination of the list-valued options (--window, --hidden, --learning-rate).
    func grid() throws(ValidationError) -> [NeuralForecaster.Configuration] {
        let base = try single()
        let windows = try (window?.split(separator: ",").map { String($0).trimmedOfSpaces } ?? ["-"]).map {
            text throws(ValidationError) -> NeuralForecaster.Lags? in
            if text == "-" { return nil }
            if text == "auto" { return .auto }
            guard let n = Int(text), n >= 1 else {
                throw ValidationError("--window expects a positive number of lags or auto, got '\(text)'")
            }
            return .count(n)
        }
        let hiddens = try (hidden?.split(separator: ",").map(String.init) ?? ["-"]).map {
            text throws(ValidationError) -> [Int]? in
            if text == "-" { return nil }
            let widths = text.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
            guard !widths.isEmpty, widths.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                throw ValidationError("--hidden expects layer widths joined by x, e.g. 64x64, got '\(text)'")
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
            for h in hiddens {
                for r in rates {
                    var c = base
                    if let w { c.lags = w }
                    if let h { c.hidden = h }
                    if let r { c.learningRate = r }
                    result.append(c)
                }
            }
        }
        return result
    }

    /// The options that take one value everywhere.
    private func single() throws(ValidationError) -> NeuralForecaster.Configuration {
        var c = NeuralForecaster.Configuration()
        if let lags {
            let parsed = lags.split(separator: ",").map { Int($0.trimmedOfSpaces) }
            guard !parsed.isEmpty, parsed.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                throw ValidationError("--lags expects positive integers separated by commas, got '\(lags)'")
            }
            let values = parsed.compactMap { $0 }
            guard Set(values).count == values.count else { throw ValidationError("--lags has a lag twice: '\(lags)'") }
            c.lags = .set(values)
        }
        if let activation { c.activation = activation }
        if let optimizer { c.optimizer = optimizer }
        if let batchSize {
            guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
            c.batchSize = batchSize
        }
        if let epochs {
            guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
            c.epochs = epochs
        }
        if let patience {
            guard patience >= 1 else { throw ValidationError("--patience must be at least 1, got \(patience)") }
            c.patience = patience
        }
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
        switch loss {
        case nil: break
        case "mse": c.loss = .mse
        case "mae": c.loss = .mae
        case "huber": c.loss = .huber(delta: 1)
        case let other?: throw ValidationError("--loss: unknown '\(other)'; use mse, mae or huber")
        }
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
        if let ensemble {
            guard ensemble >= 1 else { throw ValidationError("--ensemble must be at least 1, got \(ensemble)") }
            c.ensemble = ensemble
        }
        if let seed { c.seed = seed }
        if let season {
            guard season >= 1 else { throw ValidationError("--season must be at least 1, got \(season)") }
            c.seasonalPeriod = season
        }
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
