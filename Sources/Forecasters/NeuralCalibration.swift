import NeuralNet
import SeriesIO

extension NeuralForecaster {
    /// Absolute errors of forecasts from the last origins of `series`, origins the
    /// networks never trained on (the validation windows of a fitted series).
    public func calibrationErrors(for series: Series, horizon: Int) throws -> [[Double]]? {
        guard let model else { throw ForecastError.notFitted }
        // The errors measured on the held-out windows before the refit stay the honest
        // ones, also for a longer file than the one fitted: the refitted networks have
        // seen every window of that file.
        if let i = model.position(of: series.label), let stored = model.calibration?[i], !stored.isEmpty {
            if stored.count >= horizon { return Array(stored.prefix(horizon)) }
            return Calibration.widenSparseSteps(stored + [[Double]](repeating: [], count: horizon - stored.count))
        }
        // Otherwise only origins inside the held-out windows count: an origin the
        // networks trained on would give in-sample errors, too small.
        let held = model.position(of: series.label).map { model.validationWindows[$0] } ?? 0
        let minimumHistory = model.minimumHistory + model.transform.lookback
        let origins = min(held, 200, series.count - minimumHistory)
        guard origins >= 1 else { throw ForecastError.noHeldOutErrors(series: series.label) }
        let networks = try predictors(model)
        return try Calibration.errors(of: series, origins: (series.count - origins)..<series.count, horizon: horizon) {
            history, steps in try predict(history, horizon: steps, model: model, predictors: networks).values
        }
    }
}
