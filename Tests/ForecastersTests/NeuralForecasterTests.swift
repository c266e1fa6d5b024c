import Foundation
import Testing
@testable import Forecasters
import SeriesIO

let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

@Suite struct NeuralForecasterTests {
    @Test("Near-exact on a noiseless seasonal series")
    func noiseless() throws {
        let values = (0..<240).map { 50 + 10 * sin(2 * Double.pi * Double($0) / 12) + 4 * cos(2 * Double.pi * Double($0) / 6) }
        var forecaster = NeuralForecaster()
        try forecaster.fit([monthly(Array(values.prefix(228)))], horizon: 12)
        let predicted = try forecaster.predict(monthly(Array(values.prefix(228))), horizon: 12)
        let mae = zip(predicted, values.suffix(12)).map { abs($0 - $1) }.reduce(0, +) / 12
        #expect(mae < 0.5, "MAE \(mae) on an amplitude of 14")
    }

    @Test("On the airline series the default forecast beats seasonal naive over the last 12 months")
    func airline() throws {
        let series = try CSVReader().read(path: repositoryRoot + "/datasets/air_passengers.csv")[0]
        let history = series.prefix(132)
        let actual = Array(series.values.suffix(12))
        var neural = NeuralForecaster()
        try neural.fit([history], horizon: 12)
        let mae = { (p: [Double]) in zip(p, actual).map { abs($0 - $1) }.reduce(0, +) / 12 }
        let neuralMAE = mae(try neural.predict(history, horizon: 12))
        let seasonalMAE = mae(try SeasonalNaiveForecaster().predict(history, horizon: 12))
        #expect(neuralMAE < seasonalMAE, "neural \(neuralMAE) vs seasonal naive \(seasonalMAE)")
    }

    @Test("80% intervals cover about 80% of a long noisy series' next values")
    func coverage() throws {
        var random = SplitMix(seed: 5)
        let n = 1400
        let values = (0..<n).map { t in 20 + 3 * sin(2 * Double.pi * Double(t) / 24) + random.normal() }
        let series = try Series(name: "v", values: values, timestamps: (0..<n).map(Int64.init), dateFormat: .index)
        let fitted = series.prefix(1200)
        var configuration = NeuralForecaster.Configuration()
        configuration.ensemble = 1
        configuration.lags = .count(24)
        var forecaster = NeuralForecaster(configuration)
        try forecaster.fit([fitted])
        let errors = try #require(try forecaster.calibrationErrors(for: fitted, horizon: 1))
        let width = Calibration.halfWidth(errors[0], level: 0.8)
        var covered = 0
        for origin in 1200..<n {
            let p = try forecaster.predict(series.prefix(origin), horizon: 1)[0]
            if abs(values[origin] - p) <= width { covered += 1 }
        }
        let rate = Double(covered) / Double(n - 1200)
        #expect(abs(rate - 0.8) < 0.07, "coverage \(rate)")
    }

    @Test("Intervals come from held-out windows only, also for a longer file than the one fitted")
    func honestCalibration() throws {
        let air = try CSVReader().read(path: repositoryRoot + "/datasets/air_passengers.csv")[0]
        let fittedPart = air.prefix(140)
        var c = NeuralForecaster.Configuration()
        c.ensemble = 2
        c.epochs = 30
        var forecaster = NeuralForecaster(c)
        try forecaster.fit([fittedPart])
        let model = try #require(forecaster.model as NeuralForecaster.Model?)
        let held = model.validationWindows[0]
        let stored = try #require(model.calibration?[0])
        // One error per held-out origin at most: none from a window the networks saw.
        #expect(held > 0 && stored[0].count <= held, "\(stored[0].count) errors, \(held) held out")
        // Four more rows do not swap them for errors of the refitted networks.
        #expect(try forecaster.calibrationErrors(for: air, horizon: 1)?[0] == stored[0])
        // Without (enough) held-out windows the errors come from refits on earlier
        // origins instead: out of sample as well, and as many as those origins.
        c.trainingSteps = 20
        c.validationFraction = 0
        var unheld = NeuralForecaster(c)
        try unheld.fit([fittedPart])
        #expect(try unheld.calibrationErrors(for: fittedPart, horizon: 2) == nil)
        let refitted = try Calibration.refitErrors(of: unheld, on: fittedPart, horizon: 2)
        #expect(refitted[0].count == 20)
        let forecast = try unheld.forecast(fittedPart, horizon: 2, levels: [80])
        #expect(abs(forecast.intervals[0].upper[0] - forecast.values[0] - Calibration.halfWidth(refitted[0], level: 0.8)) < 1e-9)
    }

    @Test("A never-negative history gets never-negative interval bounds")
    func nonNegativeIntervals() throws {
        var random = SplitMix(seed: 3)
        let values = (0..<120).map { t in max(0, 5 + 4 * sin(Double(t) / 3) + 3 * random.normal()) }
        let forecast = try DriftForecaster().forecast(monthly(values), horizon: 6, levels: [95])
        #expect(forecast.intervals[0].lower.allSatisfy { $0 >= 0 })
        #expect(forecast.intervals[0].lower.contains(0))  // the clamp was needed
        let shifted = try DriftForecaster().forecast(monthly(values.map { $0 - 1 }), horizon: 6, levels: [95])
        #expect(shifted.intervals[0].lower.contains { $0 < 0 })  // not clamped when values go below 0
    }

    @Test("Training is deterministic and the model survives JSON")
    func modelFileRoundTrip() throws {
        let series = try CSVReader().read(path: repositoryRoot + "/datasets/uk_gas_quarterly.csv")
        var settings = ForecastSettings()
        settings.neural.ensemble = 2
        let model = try ModelFile.fit(series, settings: settings, horizon: 4)
        let again = try ModelFile.fit(series, settings: settings, horizon: 4)
        let decoded = try JSONDecoder().decode(ModelFile.self, from: model.encoded())
        let direct = try model.forecast(series, horizon: 4, levels: [80])
        #expect(try again.forecast(series, horizon: 4, levels: [80]) == direct)
        #expect(try decoded.forecast(series, horizon: 4, levels: [80]) == direct)
        #expect(direct[0].label(0) == "1987-Q1")
    }

    @Test("Both strategies, every transform and a multi-series fit forecast finite values")
    func options() throws {
        let airline = try CSVReader().read(path: repositoryRoot + "/datasets/air_passengers.csv")[0]
        var configuration = NeuralForecaster.Configuration()
        configuration.ensemble = 1
        configuration.epochs = 30
        for strategy in NeuralForecaster.Strategy.allCases {
            for (log, difference, seasonal) in [(false, 0, false), (true, 1, false), (true, 0, true), (false, 2, false)] {
                configuration.strategy = strategy
                configuration.log = log ? .on : .off
                configuration.difference = difference
                configuration.seasonalDifference = seasonal
                var f = NeuralForecaster(configuration)
                try f.fit([airline], horizon: 5)
                let p = try f.predict(airline, horizon: 7)
                #expect(p.count == 7 && p.allSatisfy { $0.isFinite && $0 > 0 && $0 < 2000 }, "\(strategy) \(log) \(difference) \(seasonal): \(p)")
            }
        }
        var b = airline
        b.id = "b"
        var a = airline
        a.id = "a"
        b.values = b.values.map { $0 * 2 }
        var global = NeuralForecaster(configuration)
        try global.fit([a, b])
        #expect(try global.predict(b, horizon: 2).allSatisfy { $0 > 500 })
    }

    @Test("A history limit fits on the series' last values only: the same network as a fit on that tail")
    func historyLimit() throws {
        let values: [Double] = (0..<120).map { t in
            let x = Double(t)
            return 50 + 10 * sin(x * Double.pi / 6) + x * 0.3
        }
        var c = NeuralForecaster.Configuration()
        c.trainingSteps = 30
        c.ensemble = 2
        c.historyLimit = 60
        var limited = NeuralForecaster(c)
        try limited.fit([monthly(values)])
        c.historyLimit = nil
        var tail = NeuralForecaster(c)
        try tail.fit([monthly(Array(values.suffix(60)), start: "2005-01")])
        #expect(limited.model?.members == tail.model?.members)
        #expect(try limited.predict(monthly(values), horizon: 6) == tail.predict(monthly(values), horizon: 6))
        // Without the limit the longer history trains a different network.
        var full = NeuralForecaster(c)
        try full.fit([monthly(values)])
        #expect(full.model?.members != limited.model?.members)
    }

    @Test("Misuse gets clear errors")
    func errors() throws {
        #expect(throws: ForecastError.notFitted) { try NeuralForecaster().predict(monthly([1, 2, 3]), horizon: 1) }
        var configuration = NeuralForecaster.Configuration()
        configuration.ensemble = 0
        var f = NeuralForecaster(configuration)
        #expect(throws: ForecastError.invalidConfiguration("the ensemble takes between 1 and 1000 networks per member, got 0")) {
            try f.fit([monthly([1, 2, 3])])
        }
        var short = NeuralForecaster()
        #expect(throws: (any Error).self) { try short.fit([monthly([1])]) }
    }
}

/// Test noise, independent of the library's generators.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func normal() -> Double {
        (-2 * log(1 - uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }
}

@Suite struct TrainingProgressTests {
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var events: [TrainingProgress] = []
        func add(_ p: TrainingProgress) { lock.lock(); events.append(p); lock.unlock() }
    }

    @Test("A fit reports every member's epochs per phase, each member finishing once per phase, the refit for its best epochs")
    func phases() throws {
        let airline = try CSVReader().read(path: repositoryRoot + "/datasets/air_passengers.csv")[0]
        var configuration = NeuralForecaster.Configuration()
        configuration.ensemble = 3
        configuration.epochs = 30
        var forecaster = NeuralForecaster(configuration, horizon: 6)
        let log = Log()
        try forecaster.fit([airline]) { log.add($0) }
        let model = try #require(forecaster.model as NeuralForecaster.Model?)
        #expect(Set(log.events.map(\.members)) == [3])
        for phase in [TrainingProgress.Phase.fitting, .refit] {
            let events = log.events.filter { $0.phase == phase }
            for member in 0..<3 {
                let own = events.filter { $0.member == member }
                let finished = own.filter(\.finished)
                #expect(finished.count == 1, "\(phase) member \(member)")
                // One report per epoch, then the finishing one repeating the last epoch.
                #expect(own.filter { !$0.finished }.map(\.record.epoch) == Array(0..<(own.count - 1)))
                let epochs = own.count - 1
                if phase == .fitting {
                    #expect(epochs == model.epochsTrained[member])
                    #expect(own.allSatisfy { $0.epochLimit == 30 })
                } else {
                    #expect(epochs == model.bestEpochs[member] + 1)
                    #expect(own.allSatisfy { $0.epochLimit == model.bestEpochs[member] + 1 })
                }
            }
        }
        #expect(log.events.contains { $0.phase == .calibrating } == false)
    }
}
