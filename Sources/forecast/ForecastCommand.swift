import ArgumentParser

@main
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Read, forecast and backtest time series from CSV files.",
        version: "0.1.0",
        subcommands: [Inspect.self, Predict.self, Train.self, Backtest.self]
    )
}
