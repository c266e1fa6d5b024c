// backtest-speed: the Swift side of shared/anchors/backtest_speed.py (its protocol:
// shared/anchors/README.md, "Backtest speed"). Three fold layouts, 20 origins each, a
// refit at every origin, lags 6, 12, 24, 36: 80 fits per layout of an L→64→64→1 ReLU
// network (Adam 1e-3, batch min(200, n), L2 1e-4, standard scaling of the training
// history, recursive forecasts), exactly --epochs epochs per fit (the anchors'
// `--epochs-mode fixed`). Prints wall and CPU seconds per sweep and the accuracy of
// every window size.
//
//   backtest-speed [--layouts air-h1,air-h12,synth-h24] [--lags 6,12,24,36] [--epochs 200] [-R 3]

import Backtesting
import BenchmarkSupport
import Forecasters
import NeuralNet
import SeriesIO

#if canImport(Glibc)
import Glibc
#endif

struct Layout {
    var name: String
    var series: Series
    var horizon: Int
    var stride: Int
    var season: Int
}

func run() throws {
    var layoutNames = ["air-h1", "air-h12", "synth-h24"]
    var lags = [6, 12, 24, 36]
    var epochs = 200
    var repeats = 3
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let flag = arguments.next() {
        let value = arguments.next() ?? ""
        switch flag {
        case "--layouts": layoutNames = value.split(separator: ",").map(String.init)
        case "--lags": lags = value.split(separator: ",").compactMap { Int($0) }
        case "--epochs": epochs = Int(value) ?? 200
        case "--repeats", "-R": repeats = max(1, Int(value) ?? 3)
        default:
            print("usage: backtest-speed [--layouts air-h1,air-h12,synth-h24] [--lags 6,12,24,36] [--epochs 200] [-R 3]")
            exit(64)
        }
    }
    let air = try CSVReader().read(path: "../datasets/air_passengers.csv")[0]
    let synthetic = try Series(name: "value", values: syntheticSeries(10_000),
                           timestamps: (0..<10_000).map { Int64($0) }, dateFormat: .index)
    let layouts: [String: Layout] = [
        "air-h1": Layout(name: "air-h1", series: air, horizon: 1, stride: 1, season: 12),
        "air-h12": Layout(name: "air-h12", series: air, horizon: 12, stride: 1, season: 12),
        "synth-h24": Layout(name: "synth-h24", series: synthetic, horizon: 24, stride: 24, season: 24),
    ]

    var neural = NeuralForecaster.Configuration()
    neural.hidden = [64, 64]
    neural.activation = .relu
    neural.optimizer = .adam
    neural.learningRate = 1e-3
    neural.batchSize = 200
    neural.epochs = epochs
    neural.weightDecay = 1e-4
    neural.validationFraction = 0
    neural.scaler = .standard
    neural.log = .off
    neural.normalization = .none
    neural.difference = 0
    neural.strategy = .recursive
    neural.ensemble = 1
    let configurations = lags.map { l -> ForecastSettings in
        var c = neural
        c.lags = .count(l)
        return ForecastSettings(method: .neural, neural: c)
    }

    print("swift backtest sweep: \(lags.count) window sizes × 20 origins, refit at each, \(epochs) epochs per fit, "
        + "median of \(repeats); cores used: all (\(sysconf(Int32(_SC_NPROCESSORS_ONLN))))")
    print(BLASKernels.description)
    for name in layoutNames {
        guard let layout = layouts[name] else { continue }
        let spec = try BacktestSpec(horizon: layout.horizon, size: .folds(20), stride: layout.stride, season: layout.season)
        var walls: [Double] = []
        var cpus: [Double] = []
        var entries: [SweepEntry] = []
        for _ in 0..<repeats {
            let wall = now(), cpu = cpuSeconds()
            entries = try spec.sweep(layout.series, configurations: configurations, metric: .mase)
            walls.append(now() - wall)
            cpus.append(cpuSeconds() - cpu)
        }
        let wall = walls.sorted()[walls.count / 2]
        let cpu = cpus.sorted()[cpus.count / 2]
        print("\n\(name): \(layout.series.count) points, horizon \(layout.horizon), stride \(layout.stride), origins "
            + "\(try spec.origins(length: layout.series.count).first ?? 0)…; sweep wall \(fixed(wall, 3)) s, "
            + "CPU \(fixed(cpu, 3)) s (≈ one core), \(fixed(cpu / Double(20 * lags.count) * 1000, 2)) ms CPU per fit")
        print("  lags      MAE     RMSE    MASE   fit+forecast s (CPU)")
        for (l, e) in zip(lags, entries) {
            let m = e.result.overall
            print("  \(String(l).padding(4))  \(fixed(m.mae, 4).padding(8))  \(fixed(m.rmse, 4).padding(8))  "
                + "\(fixed(m.mase, 4).padding(6))  \(fixed(e.result.seconds, 3))")
        }
        print("{\"kind\":\"backtest\",\"layout\":\"\(name)\",\"method\":\"swift-mlp\",\"epochs_mode\":\"fixed\",\"epochs\":\(epochs),"
            + "\"fits\":\(20 * lags.count),\"wall_seconds\":\(wall),\"cpu_seconds\":\(cpu),"
            + "\"mase\":[\(entries.map { String($0.result.overall.mase) }.joined(separator: ","))]}")
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

do {
    try run()
} catch {
    print("backtest-speed: \(error)")
    exit(1)
}
