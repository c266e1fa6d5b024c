// pooled-speed: the default pooled neural forecaster on whole competition data sets, as
// `forecast predict FILE --id-column id --horizon H` runs it, timed in one process.
//
//   .build/release/pooled-speed [--dataset m1|tourism] [--data DIR]
//
// DIR defaults to ../../shared/benchmarks/competitions/data/<dataset> (from Benchmarks/).
// Prints per category: series, windows sampled, members, wall seconds for fit and
// forecast, training samples/s (members × steps × batch over the fit's wall time), and
// the process's peak RSS at the end. Accuracy is scored by the competitions' run.sh.
#if canImport(Glibc)
import Glibc
#endif
import BenchmarkSupport
import Forecasters
import NeuralNet
import SeriesIO

var dataset = "m1"
var directory: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let a = arguments.next() {
    switch a {
    case "--dataset": dataset = arguments.next() ?? dataset
    case "--data": directory = arguments.next()
    default:
        print("usage: pooled-speed [--dataset m1|tourism] [--data DIR]")
        exit(64)
    }
}
let root = directory ?? "../../shared/benchmarks/competitions/data/\(dataset)"
let horizons = dataset == "tourism" ? ["yearly": 4, "quarterly": 8, "monthly": 24] : ["yearly": 6, "quarterly": 8, "monthly": 18]

print("dataset \(dataset) (\(root))")
print(BLASKernels.description)
print("category   series  members  fit s  forecast s  samples/s")
var totalWall = 0.0
for category in ["yearly", "quarterly", "monthly"] {
    let horizon = horizons[category] ?? 1
    let series: [Series]
    do {
        series = try CSVReader(options: CSVReadOptions(idColumn: .name("id"))).read(path: "\(root)/\(category)_train.csv")
    } catch {
        print("pooled-speed: \(error)")
        exit(1)
    }
    let season = series.first?.frequency?.seasonalPeriod ?? 1
    let settings = ForecastSettings(method: .neural, neural: .pooled(horizon: horizon, seasonalPeriod: season),
                                    pooling: .global)
    let start = now()
    let model: ModelFile
    let forecasts: [Forecast]
    do {
        model = try ModelFile.fit(series, settings: settings, horizon: horizon)
        let fitted = now()
        forecasts = try model.forecast(series, horizon: horizon, levels: [])
        let done = now()
        let c = settings.neural
        let members = c.windows.count * c.losses.count * c.ensemble
        let samples = Double(members * (c.trainingSteps ?? 0) * c.batchSize)
        totalWall += done - start
        print(category + String(repeating: " ", count: max(0, 10 - category.count)), String(series.count).leftPad(6),
              String(members).leftPad(8), fixed(fitted - start, 2).leftPad(6), fixed(done - fitted, 3).leftPad(11),
              String(Int(samples / (fitted - start))).leftPad(10))
    } catch {
        print("pooled-speed: \(category): \(error)")
        exit(1)
    }
    _ = forecasts
}
print("total wall \(fixed(totalWall, 2)) s, peak RSS \(peakRSSKiB() / 1024) MiB")

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
