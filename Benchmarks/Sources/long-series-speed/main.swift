// long-series-speed: the default single-series forecaster (`forecast predict FILE
// --horizon 24` on one hourly series) on 10⁴, 10⁵ and 10⁶ points, timed in one process,
// so that the growth of its cost with the series' length is visible.
//
//   .build/release/long-series-speed [--sizes 10000,100000,1000000] [--horizon 24]
//
// The series is the anchors' synthetic hourly one (BenchmarkSupport.syntheticSeries).
// Prints per size: fit and forecast wall seconds, CPU seconds (both cores count), and
// the process's peak RSS so far (sizes run smallest first, so it is the current one's).
#if canImport(Glibc)
import Glibc
#endif
import BenchmarkSupport
import Forecasters
import NeuralNet
import SeriesIO

var sizes = [10_000, 100_000, 1_000_000]
var horizon = 24
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let a = arguments.next() {
    switch a {
    case "--sizes": sizes = (arguments.next() ?? "").split(separator: ",").compactMap { Int($0) }
    case "--horizon": horizon = Int(arguments.next() ?? "") ?? horizon
    default:
        print("usage: long-series-speed [--sizes 10000,100000,1000000] [--horizon 24]")
        exit(64)
    }
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

print("default local forecaster, horizon \(horizon)")
print(BLASKernels.description)
print("points     fit s  forecast s  cpu s  peak RSS MiB")
for n in sizes {
    let start2000: Int64 = 946_684_800
    let series = try Series(name: "value", values: syntheticSeries(n),
                        timestamps: (0..<n).map { start2000 + Int64($0) * 3600 },
                        dateFormat: .dateTime(separator: 0x20, seconds: false, zulu: false))
    let cpu = cpuSeconds()
    let start = now()
    do {
        let model = try ModelFile.fit([series], settings: ForecastSettings(method: .combined), horizon: horizon)
        let fitted = now()
        let forecast = try model.forecast([series], horizon: horizon, levels: [])
        let done = now()
        guard forecast.first?.values.count == horizon else {
            print("long-series-speed: no forecast for \(n) points")
            exit(1)
        }
        print(String(n).leftPad(7), fixed(fitted - start, 2).leftPad(8), fixed(done - fitted, 3).leftPad(11),
              fixed(cpuSeconds() - cpu, 1).leftPad(6), String(peakRSSKiB() / 1024).leftPad(13))
    } catch {
        print("long-series-speed: \(error)")
        exit(1)
    }
}
