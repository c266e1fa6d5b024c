import NeuralNet
import SeriesIO

extension NeuralForecaster {
    /// Absolute errors of forecasts from the last origins of `series`, origins the
    /// networks never trained on (the validation windows of a fitted series).
    public func calibrationErrors(for series: Series, horizon: Int) throws -> [[Double]]? {
        guard let model else { throw ForecastError.notFitted }
        if let i = model.position(of: series.label), let stored = model.calibration?[i],
            !stored.isEmpty, model.fittedLengths?[i] == series.count
        {
            if stored.count >= horizon { return Array(stored.prefix(horizon)) }
            return Calibration.widenSparseSteps(stored + [[Double]](repeating: [], count: horizon - stored.count))
        }
        let held = model.position(of: series.label).map { model.validationWindows[$0] } ?? 0
        let minimumHistory = model.minimumHistory + model.transform.lookback
        let origins = min(max(held, min(20, series.count / 5)), 200, series.count - minimumHistory)
        guard origins >= 1 else { return nil }
        let networks = try predictors(model)
        return try Calibration.errors(of: series, origins: (series.count - origins)..<series.count, horizon: horizon) {
            history, steps in try predict(history, horizon: steps, model: model, predictors: networks).values
        }
    }
}
