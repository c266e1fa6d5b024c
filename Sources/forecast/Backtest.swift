import ArgumentParser
import Dispatch
import Foundation
import Forecasting

extension RankingMetric: ExpressibleByArgument {}

extension ForecastCommand {
    struct Backtest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score forecasters with rolling-origin backtests and rank them.",
            discussion: """
                Every list-valued model option forms a grid (--window 6,12,24 --hidden 32x32,64x64 is six \
                configurations); each is backtested on the same origins, next to the baselines, and the \
                table ranks them by --metric. Only the history up to each origin is ever given to a forecaster.

                Examples:
                  forecast backtest datasets/air_passengers.csv --horizon 12 --window 6,12,24
                  forecast backtest datasets/uk_gas_quarterly.csv --horizon 4 --method theta --baselines naive2
                  forecast backtest sales.csv --id-column store --horizon 4 --interval 80 --format csv
                """)

        @OptionGroup var series: SeriesOptions
        @Option(help: "How missing values and missing steps are handled.")
        var missing: MissingPolicy = .error
        @Option(help: ArgumentHelp("Steps forecast from each origin.", valueName: "H"))
        var horizon: Int
        @Option(help: ArgumentHelp("Forecast the last K points (default: 5 folds).", valueName: "K"))
        var testSize: Int?
        @Option(help: ArgumentHelp("Number of forecast origins.", valueName: "N"))
        var folds: Int?
        @Option(help: ArgumentHelp("Steps between origins (default: the horizon).", valueName: "S"))
        var stride: Int?
        @Flag(help: "Every fit sees the whole history up to its origin (default).")
        var expanding = false
        @Flag(help: "Every fit sees only the last --train-size points before its origin.")
        var sliding = false
        @Option(help: ArgumentHelp("Points a sliding window holds.", valueName: "W"))
        var trainSize: Int?
        @Option(help: ArgumentHelp("Refit at every R-th origin; 0 fits once at the first origin.", valueName: "R"))
        var refitEvery = 1
        @Option(help: "The metric that ranks configurations.")
        var metric: RankingMetric = .mase
        @Option(help: ArgumentHelp("Baselines to include: naive, seasonal-naive, naive2, drift, mean, theta, ets, or none.", valueName: "list"))
        var baselines = "naive,seasonal-naive,theta"
        @Option(help: ArgumentHelp("Interval levels whose coverage and width to report, e.g. 80,95.", valueName: "levels"))
        var interval: String?
        @Option(help: ArgumentHelp("Write every fold's metrics as CSV to this file.", valueName: "file"))
        var detail: String?
        @Flag(help: "In a file of several series, leave out series too short to backtest (listed as warnings) instead of failing the run.")
        var skipShort = false
        @OptionGroup var modelOptions: ModelOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            _ = try ModelOptions.bounded(horizon, "--horizon", 1...Limits.horizon)
            if testSize != nil && folds != nil { throw ValidationError("give --test-size or --folds, not both") }
            if expanding && sliding { throw ValidationError("give --expanding or --sliding, not both") }
            if sliding && trainSize == nil { throw ValidationError("--sliding needs --train-size W") }
            if !sliding && trainSize != nil { throw ValidationError("--train-size needs --sliding") }
            _ = try spec()
            _ = try baselineMethods()
            _ = try levels()
        }

        func spec() throws -> BacktestSpec {
            do {
                let size: BacktestSpec.Size = testSize.map { .testSize($0) } ?? .folds(folds ?? 5)
                return try BacktestSpec(
                    horizon: horizon, size: size, stride: stride,
                    window: sliding ? .sliding(trainSize: trainSize ?? 0) : .expanding,
                    refitEvery: refitEvery, season: modelOptions.season)
            } catch {
                throw ValidationError(errorMessage(error, naming: .commandLine))
            }
        }

        func baselineMethods() throws -> [ForecastMethod] {
            if baselines == "none" { return [] }
            return try baselines.split(separator: ",").map { name in
                guard let method = ForecastMethod(rawValue: name.trimmedOfSpaces), !method.trainsNetwork else {
                    throw ValidationError("--baselines: unknown '\(name)'; use naive, seasonal-naive, naive2, drift, mean, theta, ets or none")
                }
                return method
            }
        }

        func levels() throws(ValidationError) -> [Double] { try IntervalLevels.parse(interval) }

        func run() throws {
            let spec = try spec()
            let levels = try levels()
            var configurations: [ForecastSettings] = []
            if (modelOptions.method ?? .neural) == .neural {
                configurations = try modelOptions.grid().map {
                    ForecastSettings(method: .neural, neural: $0, seasonalPeriod: modelOptions.season)
                }
            } else {
                configurations = [try modelOptions.settings(for: [], horizon: horizon)]
            }
            for method in try baselineMethods() where !configurations.contains(where: { $0.method == method }) {
                configurations.append(ForecastSettings(method: method, seasonalPeriod: modelOptions.season,
                                                      deseasonalize: modelOptions.deseasonalize ?? .auto))
            }
            // `--window auto` (an entry of its own) is selection by a small backtest,
            // nested in every fold; the default lookback has the same lags value.
            let autoEntry = ModelOptions.entries(modelOptions.window, commaJoinsMembers: false).contains { $0 == ["auto"] }
            let selecting = Set(configurations.indices.filter {
                autoEntry && configurations[$0].method == .neural && configurations[$0].neural.windows == [.auto]
            })
            var short: [String] = []
            let reports = try reportingDataErrors { () throws -> [BacktestReport] in
                let progress = output.progressLine(phase: "reading \(series.file)")
                defer { progress?.finish() }
                let data = try series.read(series.readOptions(missing: missing))
                var reports: [BacktestReport] = []
                for (index, s) in data.enumerated() {
                    try s.checkForecastable()
                    do {
                        let folds = try spec.origins(length: s.count).count
                        var onFold: (@Sendable () -> Void)?
                        if let progress {
                            let counter = FoldCounter(line: progress, label: s.label, series: index, of: data.count,
                                                      total: configurations.count * folds)
                            counter.show()
                            onFold = { counter.increment() }
                        }
                        let entries = try spec.sweep(s, configurations: configurations, levels: levels,
                                                metric: metric, onFold: onFold, selectingWindow: selecting)
                        reports.append(BacktestReport(series: s, entries: entries))
                    } catch where data.count > 1 && BacktestError.isTooShort(error) {
                        // In a file of several series, one too short is listed, not fatal.
                        let text = errorMessage(error, naming: .commandLine)
                        short.append(text.contains("'\(s.label)'") ? text : "series '\(s.label)': \(text)")
                    }
                }
                if reports.isEmpty, let first = short.first { throw ValidationError(first) }
                return reports
            }
            let text: String
            switch output.resolvedFormat {
            case .csv: text = BacktestRendering.csv(reports, levels: levels, ids: try output.csvIds(seriesCount: reports.count))
            case .json: text = BacktestRendering.json(reports, levels: levels)
            case .table: text = BacktestRendering.table(reports, levels: levels, metric: metric)
            }
            var files: [(path: String, contents: () -> String)] = []
            if let detail { files.append((detail, { BacktestRendering.detail(reports, ids: !output.noId || reports.count > 1) })) }
            files += try output.plotFiles(
                reports, label: { $0.series.label },
                single: { BacktestPlot.svg(series: $0.series, entries: $0.entries, metric: metric, levels: levels) },
                grid: nil)
            try output.emit(text, files: files)
            try reportShort(short, skipped: skipShort, verb: "backtest")
        }
    }
}


/// "backtesting value: fold 17/48" (4 configurations × 12 origins), on the progress line
/// as folds finish; the bar covers every series of the file.
final class FoldCounter: @unchecked Sendable {
    private let line: ProgressLine
    private let phase: String
    private let series: Int
    private let seriesCount: Int
    private let total: Int
    private var done = 0
    private let lock = NSLock()

    init(line: ProgressLine, label: String, series: Int, of seriesCount: Int, total: Int) {
        self.line = line
        self.phase = seriesCount > 1 ? "backtesting \(label) (series \(series + 1)/\(seriesCount)): fold" : "backtesting \(label): fold"
        self.series = series
        self.seriesCount = seriesCount
        self.total = total
    }

    func show() { increment(by: 0) }

    func increment(by step: Int = 1) {
        lock.lock()
        done += step
        let done = self.done
        lock.unlock()
        let fraction = (Double(series) + Double(done) / Double(max(total, 1))) / Double(seriesCount)
        line.update(phase, done: Double(done), total: Double(total), unit: "", fraction: fraction)
    }
}
