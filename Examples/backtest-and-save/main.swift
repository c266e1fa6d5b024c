// Backtesting and model files from Swift: compare window sizes with Theta on rolling
// origins, then fit the winner, save it, load it and forecast without retraining.
// Run from the repository root: swift run backtest-and-save [file.csv] [horizon]
import Forecasting

let path = CommandLine.arguments.dropFirst().first ?? "datasets/uk_gas_quarterly.csv"
let horizon = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 4

do {
    let series = try CSVReader().read(path: path)[0]

    // Three networks of different lookbacks and Theta, on the same three origins.
    let candidates = [4, 8, 12].map { lags -> ForecastSettings in
        var settings = ForecastSettings()
        settings.neural.lags = .count(lags)
        return settings
    } + [ForecastSettings(method: .theta)]
    let spec = try BacktestSpec(horizon: horizon, size: .folds(3))
    let entries = try spec.sweep(series, configurations: candidates, metric: .mase)
    for entry in entries.sorted(by: { $0.rank < $1.rank }) {
        print(entry.rank, entry.settings.summary, "MASE", entry.result.overall.mase)
    }
    guard let best = entries.first(where: { $0.rank == 1 }) else { throw ForecastError.noSeries }

    // The winner, fitted on the whole history and kept in a file.
    let model = try ModelFile.fit([series], settings: best.settings, horizon: horizon)
    let file = "/tmp/backtest-and-save-model.json"
    try model.save(path: file)
    let loaded = try ModelFile.load(path: file)
    let forecast = try loaded.forecast([series], horizon: horizon, levels: [80])[0]
    for step in 0..<forecast.horizon {
        let band = forecast.interval(80)
        print(forecast.label(step), forecast.values[step], band?.lower[step] ?? .nan, band?.upper[step] ?? .nan)
    }
} catch {
    print("error: \(error)")
}
