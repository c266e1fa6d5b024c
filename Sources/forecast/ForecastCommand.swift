import ArgumentParser
import Forecasting

@main
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Read, forecast and backtest time series from CSV files.",
        // The BLAS line loads OpenBLAS (a millisecond) so that it names the kernels in use.
        version: "0.1.0\n" + BLASKernels.description,
        subcommands: [Inspect.self, Predict.self, Train.self, Backtest.self]
    )
}
