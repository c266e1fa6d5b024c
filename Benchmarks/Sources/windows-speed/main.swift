// windows-speed: windows a 10-million-point series with 168 lags and visits every
// mini-batch of 256 once, sequentially and then in a shuffled order, as a trainer would.
// Prints windows/s and peak memory; the goal is a peak under 2 × the series' size
// (Double) + 64 MB, which only holds if windows are gathered on demand.
//
//   windows-speed [--points N] [--lags L] [--batch B]

import BenchmarkSupport
import SeriesIO
import Windowing

#if canImport(Glibc)
import Glibc
#endif

func run() {

    var points = 10_000_000
    var lags = 168
    var batch = 256
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let flag = arguments.next() {
        let value = Int(arguments.next() ?? "") ?? 0
        switch flag {
        case "--points": points = value
        case "--lags": lags = value
        case "--batch": batch = value
        default:
            print("usage: windows-speed [--points N] [--lags L] [--batch B]")
            exit(64)
        }
    }

    let series = Series(name: "synthetic", values: syntheticSeries(points))
    let seriesMB = Double(points * 8) / 1_048_576
    let baseline = peakRSSKiB()

    let start = now()
    let data: PreparedData
    do {
        data = try PreparedData(series: [series], window: WindowSpec(lags: lags), transform: TransformSpec(),
                                split: SplitSpec(validation: .fraction(0.2)))
    } catch {
        print("windows-speed: \(error)")
        exit(1)
    }
    let prepareSeconds = now() - start

    var features = [Float](repeating: 0, count: batch * lags)
    var targets = [Float](repeating: 0, count: batch)
    var checksum: Float = 0

    func visit(_ dataset: WindowedDataset, order: (Int) -> Int) -> Double {
        let begin = now()
        features.withUnsafeMutableBufferPointer { f in
            targets.withUnsafeMutableBufferPointer { t in
                var i = 0
                while i < dataset.count {
                    let end = min(i + batch, dataset.count)
                    dataset.gather((i..<end).lazy.map(order), features: f.baseAddress!, targets: t.baseAddress!)
                    checksum += f[0] + t[0]
                    i = end
                }
            }
        }
        return now() - begin
    }

    let windows = data.train.count + data.validation.count
    let sequential = visit(data.train, order: { $0 }) + visit(data.validation, order: { $0 })

    // A shuffled visit of the training part, through a 32-bit permutation (what the
    // trainer keeps): Fisher-Yates with SplitMix64 numbers.
    var permutation = [Int32](unsafeUninitializedCapacity: data.train.count) { buffer, n in
        for i in 0..<data.train.count { buffer[i] = Int32(i) }
        n = data.train.count
    }
    for i in stride(from: permutation.count - 1, to: 0, by: -1) {
        let j = Int(splitmix(7, UInt64(i)) % UInt64(i + 1))
        permutation.swapAt(i, j)
    }
    let shuffled = permutation.withUnsafeBufferPointer { p in visit(data.train, order: { Int(p[$0]) }) }

    let peakMB = Double(peakRSSKiB()) / 1024
    let goalMB = 2 * seriesMB + 64
    print("series: \(points) points (\(fixed(seriesMB, 1)) MB as Double), lags \(lags), batch \(batch)")
    print("prepare (split, fit scaler, transform to Float32): \(fixed(prepareSeconds, 3)) s")
    print("sequential: \(windows) windows in \(fixed(sequential, 3)) s = \(fixed(Double(windows) / sequential / 1e6, 2)) M windows/s")
    print("shuffled (train): \(data.train.count) windows in \(fixed(shuffled, 3)) s = \(fixed(Double(data.train.count) / shuffled / 1e6, 2)) M windows/s")
    print("peak RSS \(fixed(peakMB, 1)) MB (before windowing: \(fixed(Double(baseline) / 1024, 1)) MB); goal < \(fixed(goalMB, 1)) MB: \(peakMB < goalMB ? "met" : "MISSED")")
    print("materialised, the windows would take \(fixed(Double(windows) * Double(lags + 1) * 4 / 1_048_576, 0)) MB (checksum \(checksum))")
}

run()
