import NeuralNet

/// The largest counts the forecasters and backtests accept.
///
/// Each is far beyond any forecasting use; they exist so that a mistyped count (a
/// horizon of 10⁹, a 100000x100000 network) is refused with one line before anything
/// is allocated, instead of exhausting memory or overflowing index arithmetic. The
/// library checks them itself, since its callers are not only the command line.
public enum Limits {
    /// Steps forecast at once.
    public static let horizon = 100_000
    /// The seasonal period m.
    public static let seasonalPeriod = 100_000
    /// Lags of one network's window (after `kh` lookbacks are resolved).
    public static let lags = 100_000
    /// Networks trained per lookback × loss.
    public static let ensemble = 1_000
    /// Units of one hidden layer.
    public static let hiddenWidth = 65_536
    /// Hidden layers of one network.
    public static let hiddenLayers = 100
    /// Weights and biases of one network (200 MB of Float, before the optimiser's state).
    public static let parameters = Network.maximumParameters
    /// Rows of one mini-batch.
    public static let batchSize = 1_000_000
    /// Epochs and early-stopping patience.
    public static let epochs = 1_000_000
    /// Mini-batch steps of a fixed training budget.
    public static let trainingSteps = 10_000_000
    /// Forecast origins of a backtest.
    public static let folds = 100_000
    /// Points counted by a backtest's test size, stride and training window.
    public static let points = 1_000_000_000

    /// Throws unless `horizon` is in 1 … ``horizon``.
    public static func check(horizon: Int) throws(ForecastError) {
        guard (1...Self.horizon).contains(horizon) else { throw .invalidHorizon(horizon) }
    }

    /// Throws unless `period` is in 1 … ``seasonalPeriod``.
    public static func check(seasonalPeriod period: Int) throws(ForecastError) {
        guard (1...seasonalPeriod).contains(period) else {
            throw .invalidConfiguration("the seasonal period must be between 1 and \(seasonalPeriod), got \(period)")
        }
    }

    /// The weights and biases of a dense network `inputs → hidden… → outputs`, or `nil`
    /// when the count overflows.
    static func parameterCount(inputs: Int, hidden: [Int], outputs: Int) -> Int? {
        var total = 0
        var fanIn = inputs
        for width in hidden + [outputs] {
            let (w, o1) = fanIn.multipliedReportingOverflow(by: width)
            let (t, o2) = total.addingReportingOverflow(w)
            let (u, o3) = t.addingReportingOverflow(width)
            if o1 || o2 || o3 { return nil }
            total = u
            fanIn = width
        }
        return total
    }
}
