import ArgumentParser
import Forecasting

extension ForecastCommand {
    struct Predict: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit a forecaster on a CSV series and print its forecast.",
            discussion: """
                Trains on the whole file (or loads --model) and forecasts the next --horizon steps. \
                With --format csv the output is `id,date,forecast` plus `lower_L,upper_L` per --interval \
                level, one row per step, and nothing else on stdout (`id` is empty for a file of one \
                series; --no-id drops it).

                Examples:
                  forecast predict datasets/air_passengers.csv --horizon 12 --interval 80,95
                  forecast predict sales.csv --id-column store --horizon 4 --format csv
                  forecast predict regions.csv --all-columns --horizon 6
                  forecast predict datasets/nile_yearly.csv --horizon 10 --plot nile.svg
                """)

        @OptionGroup var series: SeriesOptions
        @Option(help: "How missing values and missing steps are handled.")
        var missing: MissingPolicy = .error
        @Option(help: ArgumentHelp("Steps to forecast.", valueName: "H"))
        var horizon: Int
        @Option(help: ArgumentHelp("Forecast with a model saved by `forecast train` instead of training.", valueName: "model.json"), completion: .file(extensions: ["json"]))
        var model: String?
        @Option(help: ArgumentHelp("Prediction-interval levels in percent, e.g. 80,95.", valueName: "levels"))
        var interval: String?
        @Flag(help: "In a file of several series, leave out series too short to forecast (listed as warnings) instead of failing the run.")
        var skipShort = false
        @OptionGroup var modelOptions: ModelOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            _ = try ModelOptions.bounded(horizon, "--horizon", 1...Limits.horizon)
            _ = try levels()
            _ = try modelOptions.configuration()
        }

        func levels() throws(ValidationError) -> [Double] { try IntervalLevels.parse(interval) }

        func run() throws {
            let levels = try levels()
            let result = try reportingDataErrors { () throws -> (forecasts: [Forecast], history: [Series], short: [any Error]) in
                let progress = output.progressLine(phase: "reading \(series.file)")
                defer { progress?.finish() }
                let modelFile = try model.map { try ModelFile.load(path: $0) }
                var readOptions = series.readOptions(missing: missing)
                if let modelFile, series.column == nil, !series.allColumns {
                    if let columns = modelFile.valueColumns {
                        readOptions.valueColumns = columns.map(ColumnSelector.name)
                    } else {
                        readOptions.valueColumn = .name(modelFile.valueColumn)
                    }
                }
                let data = try series.read(readOptions)
                for s in data { try s.checkForecastable() }
                var short: [any Error] = []
                var usable = data
                let fitted: ModelFile
                if let modelFile {
                    fitted = modelFile
                } else {
                    let fit = try modelOptions.fit(data, horizon: horizon, progress: progress,
                                                   calibrate: !levels.isEmpty, skippingShort: true)
                    fitted = fit.model
                    short = fit.short.map(\.error)
                    let skipped = Set(fit.short.map(\.series))
                    usable = data.indices.filter { !skipped.contains($0) }.map { data[$0] }
                }
                progress?.update("forecasting", done: 0, total: 0, unit: "", fraction: nil)
                var forecasts: [Forecast] = []
                var history: [Series] = []
                // Warnings about the model, printed once every series could be forecast
                // (a run that fails prints its error alone).
                var notes: [String] = []
                let ignored = modelOptions.given
                if modelFile != nil, !ignored.isEmpty {
                    // The model's configuration was fixed when it was trained.
                    notes.append("\(ignored.joined(separator: ", ")) \(ignored.count == 1 ? "is" : "are") ignored with --model: the model keeps the options it was trained with")
                }
                for (s, outcome) in zip(usable, try fitted.forecastEach(usable, horizon: horizon, levels: levels)) {
                    switch outcome {
                    case .success(let f):
                        if let difference = modelFile?.difference(from: s) { notes.append(difference) }
                        forecasts.append(f)
                        history.append(s)
                    case .failure(let error) where ForecastError.isTooShort(error): short.append(error)
                    case .failure(let error): throw error
                    }
                }
                // One series that cannot be forecast is an error like any other.
                if forecasts.isEmpty, let first = short.first { throw first }
                progress?.finish()
                for note in notes { writeStderr("warning: \(note)\n") }
                return (forecasts, history, short)
            }
            for f in result.forecasts { for w in f.warnings { writeStderr("warning: \(w)\n") } }
            try render(result.forecasts, history: result.history)
            // The other series are printed; the short ones are listed, and fail the run
            // unless --skip-short says they may be left out.
            try reportShort(result.short.map { errorMessage($0, naming: .commandLine) }, skipped: skipShort, verb: "forecast")
        }

        func render(_ forecasts: [Forecast], history: [Series]) throws {
            let text: String
            switch output.resolvedFormat {
            case .csv: text = ForecastRendering.csv(forecasts, ids: try output.csvIds(seriesCount: forecasts.count))
            case .json: text = ForecastRendering.json(forecasts)
            case .table: text = ForecastRendering.table(forecasts, ids: !output.noId)
            }
            let pairs = zip(history, forecasts).map { (history: $0, forecast: $1) }
            let files = try output.plotFiles(
                pairs, label: { $0.history.label },
                single: { ForecastPlot.svg(history: $0.history, forecast: $0.forecast) },
                grid: { ForecastPlot.grid($0, title: "\($0.count) series: \(horizon)-step forecasts") })
            try output.emit(text, files: files)
        }
    }
}

extension ModelOptions {
    /// The settings for `data`: the pooled preset under global pooling, the local
    /// defaults otherwise, with the options given on top.
    func settings(for data: [Series], horizon: Int) throws -> ForecastSettings {
        let pooling = pooling(seriesCount: data.count)
        let season = season ?? data.first?.frequency?.seasonalPeriod ?? 1
        let base: NeuralForecaster.Configuration = pooling == .global
            ? .pooled(horizon: horizon, seasonalPeriod: season) : .init()
        return ForecastSettings(method: resolvedMethod, neural: try configuration(base: base), seasonalPeriod: self.season,
                                pooling: pooling, deseasonalize: deseasonalize ?? .auto)
    }

    /// Fits `data` as the options say: pooled, or per series (with `--window auto`
    /// choosing each series' window by a small backtest, see `WindowSelection`).
    /// `calibrate`: a pooled model also measures held-out errors for intervals.
    /// `skippingShort`: fitted per series, a file of several series leaves out a series
    /// too short for its forecaster and returns it (by position) with its error; a
    /// pooled fit takes short series as they are (padded windows).
    func fit(_ data: [Series], horizon: Int, progress: ProgressLine?, calibrate: Bool, skippingShort: Bool = false) throws
        -> (model: ModelFile, short: [(series: Int, error: any Error)])
    {
        let base = try settings(for: data, horizon: horizon)
        let pooled = base.pooling == .global && base.method.pools
        var phases: [TrainingProgress.Phase] = pooled && calibrate ? [.calibrating, .fitting] : [.fitting]
        if base.neural.refit && base.neural.validationFraction > 0 { phases.append(.refit) }
        let tracker = progress.map { TrainingTracker(line: $0, series: pooled ? 1 : data.count, phases: phases) }
        var report: (@Sendable (Int, TrainingProgress) -> Void)?
        if let tracker { report = { index, p in tracker.report(series: index, p) } }
        if pooled {
            return (try ModelFile.fit(data, settings: base, horizon: horizon, calibrate: calibrate, progress: report), [])
        }
        return try ModelFile.fit(data, settingsFor: try settingsChoosingWindow(base, progress: progress, horizon: horizon),
                                 horizon: horizon, skippingShort: skippingShort && data.count > 1, progress: report)
    }

    func settingsChoosingWindow(_ base: ForecastSettings, progress: ProgressLine?, horizon: Int) throws
        -> @Sendable (Series) throws -> ForecastSettings
    {
        guard window == "auto", base.method.pools else { return { _ in base } }
        return { series in
            progress?.update("choosing the window for \(series.label)", done: 0, total: 0, unit: "", fraction: nil)
            var chosen = base
            do {
                chosen.neural.lags = .count(try WindowSelection.choose(series, settings: base, horizon: horizon).window)
            } catch BacktestError.tooShort {
                // Too short to hold out three origins: the default window it is.
                chosen.neural.lags = .auto
            }
            return chosen
        }
    }
}
