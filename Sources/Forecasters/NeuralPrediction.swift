import NeuralNet
import SeriesIO
import Windowing

extension NeuralForecaster {
    /// The forecast with what was done to keep it plausible (see ``Envelope``).
    public func checkedPrediction(_ series: Series, horizon: Int) throws -> Prediction {
        guard let model else { throw ForecastError.notFitted }
        var prediction = try predict(series, horizon: horizon, model: model, predictors: nil)
        // Said once per forecast asked for, not at every calibration origin.
        if let note = shortenedLookback(series, model: model) { prediction.warnings.insert(note, at: 0) }
        return prediction
    }

    /// `predict`, reusing `predictors` when given.
    func predict(_ series: Series, horizon: Int, model: Model, predictors: [Predictor]?) throws -> Prediction {
        try Limits.check(horizon: horizon)
        let transform = try fittedTransform(for: series, model: model)
        let z = try transform.transform(series.values, series: series.label)
        guard z.count >= model.minimumHistory else {
            throw ForecastError.tooShort(series: series.label, length: series.count,
                                         minimum: model.minimumHistory + model.transform.lookback)
        }
        let networks = try predictors ?? self.predictors(model)
        let paths = zip(model.members, networks).map { member, predictor -> [Double] in
            let scaled = Self.recursivePath(predictor, window: member.window, history: z, steps: horizon)
            return transform.invert(scaled, history: series.values)
        }
        return Envelope(history: series.values, horizon: horizon).combine(paths, series: series.label)
    }

    /// A note when the series was too short for the lookback asked for, so the
    /// networks were fitted with fewer lags (a forecast that is weaker than the user
    /// may think should say so). Padded (pooled) windows are never cut.
    func shortenedLookback(_ series: Series, model: Model) -> String? {
        guard configuration.minimumHistory == nil else { return nil }
        let season = configuration.seasonalPeriod ?? series.frequency?.seasonalPeriod ?? 1
        for (lags, member) in zip(configuration.memberPlan.map { configuration.windows[$0.window] }, model.members) {
            guard let wanted = Self.requestedLags(lags, season: season, horizon: horizon),
                member.window.lags.count < wanted
            else { continue }
            let used = member.window.lags.count
            return "series '\(series.label)' has \(series.count) values, too few for a lookback of \(wanted) lags; the network looked back \(used) lag\(used == 1 ? "" : "s")"
        }
        return nil
    }

    /// The members as ready-to-run networks; calibration asks for them once, not per origin.
    func predictors(_ model: Model) throws -> [Predictor] {
        try model.members.map { Predictor(try Network(layers: $0.layers, parameters: $0.parameters)) }
    }

    /// Feeds the network its own forecasts until `steps` values are predicted
    /// (a multi-output network adds `window.horizon` at a time, so a direct network
    /// asked for more steps than it was built for continues recursively).
    static func recursivePath(_ predictor: Predictor, window: WindowSpec, history: [Float], steps: Int) -> [Double] {
        var values = history
        values.reserveCapacity(history.count + steps + window.horizon)
        var features = [Float](repeating: 0, count: window.featureCount)
        var produced = 0
        while produced < steps {
            let reference = values.withUnsafeBufferPointer { v in
                features.withUnsafeMutableBufferPointer { f in
                    window.writeFeatures(v, target: v.count, into: f.baseAddress!)
                }
            }
            let out = features.withUnsafeBufferPointer { predictor.predict($0.baseAddress!, rows: 1) }
            for o in out { values.append(o + reference) }
            produced += out.count
        }
        return values[history.count..<(history.count + steps)].map(Double.init)
    }

    /// The series' own fitted transform, or one fitted on this history for a series the
    /// model has not seen (its statistics then come from this history, never the future).
    func fittedTransform(for series: Series, model: Model) throws -> FittedTransform {
        if let i = model.position(of: series.label) { return model.transforms[i] }
        let length = series.count - model.transform.lookback
        return try FittedTransform.fit(model.transform, values: series.values, trainingRange: 0..<max(length, 0),
                                       series: series.label)
    }
}
