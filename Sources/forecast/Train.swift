import ArgumentParser
import Forecasting

extension ForecastCommand {
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit a forecaster on a CSV series and save it.",
            discussion: """
                The model file holds the configuration, fitted transforms and weights, the frequency, \
                the last timestamp and a hash of the data. `forecast predict FILE --model MODEL.json` \
                then forecasts from the tail of FILE without retraining.

                Examples:
                  forecast train datasets/air_passengers.csv --horizon 12 --output air.json
                  forecast predict datasets/air_passengers.csv --model air.json --horizon 12
                """)

        @OptionGroup var series: SeriesOptions
        @Option(help: "How missing values and missing steps are handled.")
        var missing: MissingPolicy = .error
        @Option(help: ArgumentHelp("Where to write the model (JSON, written atomically).", valueName: "model.json"), completion: .file(extensions: ["json"]))
        var output: String
        @Option(help: ArgumentHelp("Steps the model will forecast (multi-output networks are built for it).", valueName: "H"))
        var horizon: Int = 1
        @OptionGroup var modelOptions: ModelOptions
        @Flag(help: "No progress on stderr.")
        var quiet = false
        @Flag(help: "Progress on stderr even when it is not a terminal: a line every five seconds, for logs.")
        var progress = false

        func validate() throws {
            _ = try ModelOptions.bounded(horizon, "--horizon", 1...Limits.horizon)
            _ = try modelOptions.configuration()
        }

        func run() throws {
            try reportingDataErrors {
                let line = ProgressLine.make(quiet: quiet, forced: progress, phase: "reading \(series.file)")
                defer { line?.finish() }
                let data = try series.read(series.readOptions(missing: missing))
                for s in data { try s.checkForecastable() }
                // A pooled model measures held-out errors now, so that `predict --model
                // --interval` can give intervals later.
                let model = try modelOptions.fit(data, horizon: horizon, progress: line, calibrate: true).model
                line?.finish()
                try model.save(path: output)
                if line != nil { writeStderr("saved \(output)\n") }
            }
        }
    }
}
