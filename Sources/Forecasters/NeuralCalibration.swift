import NeuralNet
import SeriesIO

extension NeuralForecaster {
    /// Held-out forecasts needed before their errors alone calibrate intervals: a
    /// short series holds out one or two windows, and refits on earlier origins give
    /// several times as many errors, out of sample as well.
    static let fewestHeldOutErrors = 10

    /// Absolute errors of forecasts from the last origins of `series`, origins the
    /// networks never trained on (the validation windows of a fitted series).
    public func calibrationErrors(for series: Series, horizon: Int) throws -> [[Double]]? {
        guard let model else { throw ForecastError.notFitted }
        // The errors measured on the held-out windows before the refit stay the honest
        // ones, also for a longer file than the one fitted: the refitted networks have
        // seen every window of that file.
        if let i = model.position(of: series.label), let stored = model.calibration?[i],
            stored.first.map({ $0.count >= Self.fewestHeldOutErrors }) ?? false
        {
            if stored.count >= horizon { return Array(stored.prefix(horizon)) }
            return Calibration.widenSparseSteps(stored + [[Double]](repeating: [], count: horizon - stored.count))
        }
        // Otherwise only origins inside the held-out windows count: an origin the
        // networks trained on would give in-sample errors, too small. Too few of them
        // (a short series holds out one or two windows) and `nil` sends the caller to
        // refits on earlier origins, which are out of sample too.
        let held = model.position(of: series.label).map { model.validationWindows[$0] } ?? 0
        let minimumHistory = model.minimumHistory + model.transform.lookback
        let origins = min(held, 200, series.count - minimumHistory)
        guard origins >= Self.fewestHeldOutErrors else { return nil }
        let networks = try predictors(model)
        return try Calibration.errors(of: series, origins: (series.count - origins)..<series.count, horizon: horizon) {
            history, steps in try predict(history, horizon: steps, model: model, predictors: networks).values
        }
    }
}
