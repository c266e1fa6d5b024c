// Embedding the forecaster in an app: read a CSV, fit, forecast, print.
// Run from the repository root: swift run forecast-app [file.csv] [horizon]
import Forecasting

let path = CommandLine.arguments.dropFirst().first ?? "datasets/air_passengers.csv"
let horizon = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 12

do {
    let series = try CSVReader().read(path: path)[0]

    // The network's ensemble combined per step with Theta and ETS, as `forecast predict`
    // does by default: more accurate than the network alone on the competitions' series
    // and on the bundled ones. `NeuralForecaster()` alone is the network.
    var forecaster = CombinedForecaster(neural: NeuralForecaster())
    try forecaster.fit([series], horizon: horizon)
    let forecast = try forecaster.forecast(series, horizon: horizon, levels: [80, 95])

    for step in 0..<forecast.horizon {
        let interval = forecast.intervals[0]        // the 80% interval
        print(forecast.label(step), forecast.values[step], interval.lower[step], interval.upper[step])
    }
} catch {
    print("error: \(error)")
}
