import Foundation
import Testing
@testable import Forecasters
import SeriesIO

/// The pooled preset, made small enough for a debug build: one lookback, one loss,
/// one seed, a narrow network and a short budget.
func smallPooled(horizon: Int, season: Int = 12, steps: Int = 400) -> NeuralForecaster.Configuration {
    var c = NeuralForecaster.Configuration.pooled(horizon: horizon, seasonalPeriod: season)
    c.windows = [.horizons(2)]
    c.losses = [.logSMAPE]
    c.ensemble = 1
    c.hidden = [64]
    c.trainingSteps = steps
    c.batchSize = 64
    c.learningRate = 0.003
    return c
}

func labelled(_ series: Series, id: String) -> Series {
    var s = series
    s.id = id
    return s
}

/// A noiseless multiplicative season at `level`.
func seasonal(level: Double, count: Int, phase: Int = 0) -> [Double] {
    (0..<count).map { t in level * (1 + 0.2 * sin(2 * Double.pi * Double(t + phase) / 12)) }
}

func mape(_ forecast: [Double], _ actual: [Double]) -> Double {
    zip(forecast, actual).map { abs($0 - $1) / abs($1) }.reduce(0, +) / Double(actual.count) * 100
}

@Suite struct PooledForecasterTests {
    @Test("The pooled preset trains on sMAPE and MAPE with a season, on MAPE alone without (12 and 6 networks)")
    func presetLosses() {
        let seasonal = NeuralForecaster.Configuration.pooled(horizon: 8, seasonalPeriod: 4)
        #expect(seasonal.losses == [.logSMAPE, .logMAPE])
        #expect(seasonal.memberPlan.count == 12)
        let yearly = NeuralForecaster.Configuration.pooled(horizon: 6, seasonalPeriod: 1)
        #expect(yearly.losses == [.logMAPE])
        #expect(yearly.memberPlan.count == 6)
    }

    @Test("One pooled network recovers two series four orders of magnitude apart")
    func twoScales() throws {
        let small = seasonal(level: 1, count: 132)
        let large = seasonal(level: 10_000, count: 132)
        let histories = [labelled(monthly(Array(small.prefix(120))), id: "a"),
                         labelled(monthly(Array(large.prefix(120))), id: "b")]
        var forecaster = NeuralForecaster(smallPooled(horizon: 12), horizon: 12)
        try forecaster.fit(histories)
        for (history, truth) in zip(histories, [small, large]) {
            let error = mape(try forecaster.predict(history, horizon: 12), Array(truth.suffix(12)))
            #expect(error < 2, "MAPE \(error)% on series \(history.label)")
        }
    }

    @Test("A pooled model forecasts a series it never saw (cold start), through a model file too")
    func coldStart() throws {
        let histories = [labelled(monthly(seasonal(level: 3, count: 120)), id: "a"),
                         labelled(monthly(seasonal(level: 700, count: 120)), id: "b")]
        var settings = ForecastSettings(method: .neural, neural: smallPooled(horizon: 12), pooling: .global)
        settings.neural.seed = 1
        let model = try ModelFile.fit(histories, settings: settings, horizon: 12)
        #expect(model.pooled != nil && model.entries.allSatisfy { $0.forecaster == nil })
        let unseen = seasonal(level: 42, count: 108, phase: 5)
        let history = labelled(monthly(Array(unseen.prefix(96))), id: "never-seen")
        let forecast = try #require(try model.forecast([history], horizon: 12, levels: []).first)
        let error = mape(forecast.values, Array(unseen.suffix(12)))
        #expect(error < 3, "MAPE \(error)% on an unseen series")
        let reloaded = try JSONDecoder().decode(ModelFile.self, from: model.encoded())
        #expect(try reloaded.forecast([history], horizon: 12, levels: [])[0].values == forecast.values)
    }

    @Test("The direct network is exact on a noiseless straight line")
    func directLinear() throws {
        let line = (0..<66).map { 10 + 2 * Double($0) }
        var c = NeuralForecaster.Configuration()
        c.strategy = .multiOutput
        c.log = .off
        c.ensemble = 1
        c.hidden = [8]
        c.lags = .count(6)
        var forecaster = NeuralForecaster(c, horizon: 6)
        try forecaster.fit([monthly(Array(line.prefix(60)))])
        let predicted = try forecaster.predict(monthly(Array(line.prefix(60))), horizon: 6)
        for (p, y) in zip(predicted, line.suffix(6)) { #expect(abs(p - y) < 0.1, "\(p) against \(y)") }
    }

    @Test("Pooled training is deterministic: same seed, same weights and forecasts")
    func deterministic() throws {
        let histories = [labelled(monthly(seasonal(level: 5, count: 80)), id: "a"),
                         labelled(monthly(seasonal(level: 50, count: 60, phase: 3)), id: "b")]
        var c = smallPooled(horizon: 6, steps: 60)
        c.windows = [.horizons(2), .horizons(4)]
        c.losses = [.logSMAPE, .logMAPE]
        c.ensemble = 1
        var first = NeuralForecaster(c, horizon: 6)
        var second = NeuralForecaster(c, horizon: 6)
        try first.fit(histories)
        try second.fit(histories)
        let a = try #require(first.model)
        let b = try #require(second.model)
        #expect(a.members.count == 4)
        #expect(a.members == b.members)
        #expect(Set(a.members.map(\.window.lags.count)) == [12, 24])
    }

    @Test("A pooled model decodes to the same forecasts, finds its series by label, and refuses arrays that disagree")
    func savedModel() throws {
        let histories = [labelled(monthly(seasonal(level: 5, count: 60)), id: "a"),
                         labelled(monthly(seasonal(level: 50, count: 60, phase: 3)), id: "b")]
        var forecaster = NeuralForecaster(smallPooled(horizon: 6, steps: 30), horizon: 6)
        try forecaster.fit(histories)
        let data = try JSONEncoder().encode(forecaster)
        let decoded = try JSONDecoder().decode(NeuralForecaster.self, from: data)
        let model = try #require(decoded.model)
        #expect(model.position(of: "b") == 1 && model.position(of: "z") == nil)
        #expect(try decoded.predict(histories[1], horizon: 6) == (try forecaster.predict(histories[1], horizon: 6)))

        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var inner = try #require(object["model"] as? [String: Any])
        inner["transforms"] = Array(try #require(inner["transforms"] as? [Any]).prefix(1))
        object["model"] = inner
        let broken = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(NeuralForecaster.self, from: broken) }
    }

    @Test("Pooled intervals come from errors on held-out last horizons, relative to each series' scale")
    func heldOutCalibration() throws {
        let h = 6
        let histories = [labelled(monthly(seasonal(level: 5, count: 60)), id: "a"),
                         labelled(monthly(seasonal(level: 50, count: 48, phase: 3).enumerated().map { $1 + Double($0) }),
                                  id: "b"),
                         labelled(monthly(seasonal(level: 9, count: 10)), id: "short")]  // under 2H: not measured
        let settings = ForecastSettings(method: .neural, neural: smallPooled(horizon: h, steps: 40), pooling: .global)
        let file = try ModelFile.fit(histories, settings: settings, horizon: h, calibrate: true)
        let calibration = try #require(file.pooledCalibration)

        // The same by hand: fit on the series without their last H values, forecast
        // those, divide the errors by the mean |y| of the H values before them.
        var held = FittedForecaster(settings, horizon: h)
        try held.fit(histories.map { $0.prefix($0.count - h) }, horizon: h)
        var expected = [[Double]](repeating: [], count: h)
        for s in histories.prefix(2) {
            let history = s.prefix(s.count - h)
            let predicted = try held.predict(history, horizon: h)
            let scale = history.values.suffix(h).map(abs).reduce(0, +) / Double(h)
            for k in 0..<h { expected[k].append(abs(s.values[s.count - h + k] - predicted[k]) / scale) }
        }
        #expect(calibration.relativeErrors == expected.map { $0.sorted() })

        // A series' 80% half-width at step 1 comes from the errors in its own scale:
        // two errors are too few for a conformal rank, so Student's bound
        // t(2, 0.9)·RMS, t(2, 0.9) = 1.8856180831641272 (scipy).
        let b = histories[1]
        let forecast = try file.forecast([b], horizon: h, levels: [80])[0]
        let scale = b.values.suffix(h).map(abs).reduce(0, +) / Double(h)
        let width = forecast.intervals[0].upper[0] - forecast.values[0]
        let rms = (calibration.relativeErrors[0].map { $0 * $0 }.reduce(0, +) / 2).squareRoot() * scale
        #expect(calibration.relativeErrors[0].count == 2)
        #expect(abs(width - 1.8856180831641272 * rms) < 1e-9 * scale)

        // Without held-out errors a pooled model refuses intervals rather than print
        // in-sample ones.
        let plain = try ModelFile.fit(histories, settings: settings, horizon: h)
        #expect(plain.pooledCalibration == nil)
        #expect(throws: ForecastError.self) { try plain.forecast([b], horizon: h, levels: [80]) }
        #expect(try plain.forecast([b], horizon: h, levels: []).count == 1)
    }

    @Test("Series shorter than the lookback are padded for training and still forecast")
    func shortSeries() throws {
        let long = labelled(monthly(seasonal(level: 10, count: 100)), id: "long")
        let short = labelled(monthly(Array(seasonal(level: 20, count: 100).prefix(9))), id: "short")
        var forecaster = NeuralForecaster(smallPooled(horizon: 12, steps: 50), horizon: 12)
        try forecaster.fit([long, short])
        let values = try forecaster.predict(short, horizon: 12)
        #expect(values.count == 12 && values.allSatisfy { $0.isFinite && $0 > 0 })
    }
}

@Suite struct EnvelopeTests {
    @Test("Bounds follow the history's fastest growth, clamped to 2–10× its largest value")
    func bounds() {
        // Doubling every step: growth ln 2 per step over spans of 2.
        let envelope = Envelope(history: [1, 2, 4, 8], horizon: 3)
        #expect(abs(envelope.upper[0] - 8 * 3) < 1e-9)  // 8 · 1.5 · 2
        #expect(abs(envelope.upper[1] - 8 * 6) < 1e-9)  // 8 · 1.5 · 4
        #expect(abs(envelope.upper[2] - 8 * 10) < 1e-9)  // 8 · min(1.5 · 8, 10)
        #expect(abs(envelope.lower[0] - 0.5) < 1e-9)  // no decline: 1 · 0.5
        let flat = Envelope(history: [5, 5, 5], horizon: 1)
        #expect(flat.upper == [10])  // at least twice the largest value
    }

    @Test("Members outside are left out of the median; with none inside the median is clamped and reported")
    func combine() {
        let envelope = Envelope(history: [1, 2, 4, 8], horizon: 2)
        let kept = envelope.combine([[10, 20], [100, 200], [12, 22]], series: "s")
        #expect(kept.values == [11, 21])
        #expect(kept.warnings == ["series 's': 1 of 3 networks left the plausible range of its history and were left out of the median"])
        let clamped = envelope.combine([[100, 1e9], [200, .infinity]], series: "s")
        #expect(clamped.values == [24, 48])
        #expect(clamped.warnings.count == 2)  // clamped, and past three times the record
        #expect(clamped.warnings[0].contains("series 's'"))
    }

    @Test("The M1 series that ran away to 1e163 stay inside their envelope, with the local and the pooled network")
    func m1Runaways() throws {
        let series = try CSVReader(options: CSVReadOptions(idColumn: .name("id")))
            .read(path: repositoryRoot + "/Tests/Fixtures/m1-runaway.csv")
        #expect(series.map(\.label).sorted() == ["MNB3", "MND49", "MNI9"])
        var local = FittedForecaster(ForecastSettings(), horizon: 18)
        var pooled = FittedForecaster(
            ForecastSettings(method: .neural, neural: smallPooled(horizon: 18, steps: 100), pooling: .global), horizon: 18)
        try pooled.fit(series, horizon: 18)
        for s in series {
            try local.fit([s], horizon: 18)
            let largest = s.values.map(abs).max() ?? 0
            for forecaster in [local, pooled] {
                let forecast = try forecaster.forecast(s, horizon: 18)
                let peak = forecast.values.map(abs).max() ?? 0
                #expect(peak <= 10 * largest, "\(s.label): \(peak) against a record of \(largest)")
                if peak > 3 * largest { #expect(!forecast.warnings.isEmpty, "\(s.label): no warning at \(peak)") }
            }
        }
    }
}
