// mlp-speed: the Swift side of shared/anchors/mlp_speed.py. Same flags, same synthetic
// series, SplitMix64 numbers, initial weights, batch order, scaling, split, L→H→H→1
// ReLU network and Adam (lr 1e-3), and the same JSON record, so that
// `summarize.py` puts both in one table. Run both in the same minute and compare ratios.
//
//   mlp-speed --synthetic 20000 -L 24 -H 64 -B 32 -E 20 -T 1 -R 5
//   mlp-speed data.csv --column value -L 48 -H 256 -B 256

import BenchmarkSupport
import Forecasters
import NeuralNet
import SeriesIO
import Windowing

#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var csv: String?
    var column: String?
    var synthetic: Int?
    var dataSeed: UInt64 = 42
    var trainFraction = 0.8
    var lags = 24
    var hidden = 64
    var batch = 32
    var epochs = 20
    var seed: UInt64 = 0
    var threads = 1
    var repeats = 5
    var warmupEpochs = 1
    var label = ""
    var jsonl: String?
}

func usage(_ message: String) -> Never {
    print("mlp-speed: \(message)")
    print("usage: mlp-speed [CSV [--column NAME] | --synthetic N] [-L lags] [-H hidden] [-B batch] [-E epochs] [--seed S] [-T threads] [-R repeats] [--warmup-epochs W] [--train-frac F] [--data-seed S] [--label TEXT] [--jsonl PATH]")
    exit(64)
}

func parse() -> Options {
    var o = Options()
    var it = CommandLine.arguments.dropFirst().makeIterator()
    while let flag = it.next() {
        func value() -> String {
            guard let v = it.next() else { usage("\(flag) needs a value") }
            return v
        }
        func int() -> Int {
            guard let v = Int(value()), v >= 0 else { usage("\(flag) needs a non-negative integer") }
            return v
        }
        switch flag {
        case "--synthetic": o.synthetic = int()
        case "--column": o.column = value()
        case "--data-seed": o.dataSeed = UInt64(int())
        case "--train-frac": o.trainFraction = Double(value()) ?? 0.8
        case "--lags", "-L": o.lags = int()
        case "--hidden", "-H": o.hidden = int()
        case "--batch", "-B": o.batch = int()
        case "--epochs", "-E": o.epochs = int()
        case "--seed": o.seed = UInt64(int())
        case "--threads", "-T": o.threads = int()
        case "--repeats", "-R": o.repeats = max(1, int())
        case "--warmup-epochs": o.warmupEpochs = int()
        case "--label": o.label = value()
        case "--jsonl": o.jsonl = value()
        default:
            if flag.hasPrefix("-") { usage("unknown flag \(flag)") }
            o.csv = flag
        }
    }
    if o.csv == nil && o.synthetic == nil { o.synthetic = 20_000 }
    return o
}

/// The anchors' initial weights: Glorot-uniform for weights and biases,
/// `−a + 2a·u` with `u` from `uniform01(1000·seed + 1)` in the order W1 b1 W2 b2 W3 b3.
func anchorInitialParameters(lags: Int, hidden: Int, seed: UInt64) -> [Float] {
    let sizes = [lags, hidden, hidden, 1]
    var u: UInt64 = 0
    var parameters: [Float] = []
    for (fanIn, fanOut) in zip(sizes, sizes.dropFirst()) {
        let a = (6.0 / Double(fanIn + fanOut)).squareRoot()
        for _ in 0..<(fanIn * fanOut + fanOut) {
            parameters.append(Float(-a + 2 * a * uniform01(1000 &* seed &+ 1, u)))
            u += 1
        }
    }
    return parameters
}

func run() {
    let o = parse()
    let series: [Double]
    let source: String
    if let n = o.synthetic {
        series = syntheticSeries(n, dataSeed: o.dataSeed)
        source = "synthetic:\(n):seed\(o.dataSeed)"
    } else if let path = o.csv {
        do {
            let options = CSVReadOptions(valueColumn: o.column.map(ColumnSelector.init))
            series = try CSVReader(options: options).read(path: path)[0].values
        } catch {
            usage("\(error)")
        }
        source = "csv:\(path)" + (o.column.map { ":\($0)" } ?? "")
    } else {
        usage("give a CSV or --synthetic N")
    }

    let windowCount = series.count - o.lags
    let nTrain = Int((o.trainFraction * Double(windowCount)).rounded(.down))
    let data: PreparedData
    do {
        data = try PreparedData(
            series: [Series(name: "value", values: series)], window: WindowSpec(lags: o.lags),
            transform: TransformSpec(scaler: .standard),
            split: SplitSpec(validation: .count(windowCount - nTrain)))
    } catch {
        usage("\(error)")
    }
    setBLASThreads(o.threads)
    let trainingWindows = WindowBatchSource(windows: data.train)
    let initial = anchorInitialParameters(lags: o.lags, hidden: o.hidden, seed: o.seed)
    let layers = [
        LayerSpec(inputs: o.lags, outputs: o.hidden, activation: .relu),
        LayerSpec(inputs: o.hidden, outputs: o.hidden, activation: .relu),
        LayerSpec(inputs: o.hidden, outputs: 1, activation: .linear),
    ]

    func timedTraining(epochs: Int) -> (Double, Network) {
        guard var network = try? Network(layers: layers, parameters: initial) else { usage("bad network shape") }
        var config = TrainingConfig()
        config.optimizer = .adam(learningRate: 1e-3)
        config.batchSize = o.batch
        config.epochs = epochs
        config.seed = o.seed
        config.restoreBest = false
        let start = now()
        do {
            _ = try Trainer(config).fit(&network, training: trainingWindows)
        } catch {
            usage("\(error)")
        }
        return (now() - start, network)
    }

    if o.warmupEpochs > 0 { _ = timedTraining(epochs: o.warmupEpochs) }
    var times: [Double] = []
    var mses: [Double] = []
    var maes: [Double] = []
    let (features, targets) = data.validation.materialize()
    let scaler = data.transforms[0].scaler
    for _ in 0..<o.repeats {
        let (seconds, network) = timedTraining(epochs: o.epochs)
        times.append(seconds)
        let predictions = network.predict(features, rows: data.validation.count)
        var mse = 0.0
        var mae = 0.0
        for i in predictions.indices {
            let p = Double(predictions[i])
            let y = Double(targets[i])
            mse += (p - y) * (p - y)
            let original = series[o.lags + nTrain + i]
            mae += abs(scaler.invert(p) - original)
        }
        mses.append(mse / Double(predictions.count))
        maes.append(mae / Double(predictions.count))
    }
    func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
    let trainSeconds = median(times)
    let epochSeconds = trainSeconds / Double(o.epochs)
    let flops = 3.0 * 2.0 * Double(nTrain) * Double(o.lags * o.hidden + o.hidden * o.hidden + o.hidden)
    let samplesPerSecond = Double(nTrain * o.epochs) / trainSeconds
    let record = """
        {"kind":"mlp","framework":"swift","framework_version":"swift-forecasting 0.1.0 (OpenBLAS)","blas_kernels":"\(BLASKernels.coreName)","dtype":"float32",\
        "data":"\(source)","n_series":\(series.count),"n_train":\(nTrain),"n_val":\(data.validation.count),\
        "lags":\(o.lags),"hidden":\(o.hidden),"batch":\(o.batch),"epochs":\(o.epochs),"threads":\(o.threads),\
        "repeats":\(o.repeats),"seed":\(o.seed),"batches_per_epoch":\((nTrain + o.batch - 1) / o.batch),\
        "train_seconds":\(trainSeconds),"train_seconds_min":\(times.min() ?? 0),\
        "train_seconds_all":[\(times.map { String($0) }.joined(separator: ","))],\
        "truncated":false,"epoch_seconds":\(epochSeconds),"samples_per_second":\(samplesPerSecond),\
        "flops_per_epoch":\(flops),"gflops":\(flops / epochSeconds / 1e9),\
        "val_mse_scaled":\(median(mses)),"val_mae":\(median(maes)),"peak_rss_kib":\(peakRSSKiB()),"label":"\(o.label)"}
        """
    print(record)
    print(BLASKernels.description)
    if let path = o.jsonl, let file = fopen(path, "a") {
        fputs(record + "\n", file)
        fclose(file)
    }
    print("swift  L=\(o.lags) H=\(o.hidden) B=\(o.batch) E=\(o.epochs) T=\(o.threads): "
        + "\(fixed(epochSeconds, 4)) s/epoch, \(Int(samplesPerSecond)) samples/s, "
        + "\(fixed(flops / epochSeconds / 1e9, 1)) GFLOP/s, val MSE \(median(mses)), val MAE \(fixed(median(maes), 4)), "
        + "peak RSS \(peakRSSKiB() / 1024) MiB")
}

run()
