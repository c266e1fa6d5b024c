import Foundation
import Testing
@testable import Forecasters
import SeriesIO

/// The rows of `Tests/Fixtures/theta-reference.csv`: statsforecast 2.1.1's
/// `Theta(season_length=m)`, `AutoETS(season_length=m)` and the competitions' Naive2 on
/// 23 M1 and Tourism series
/// (made by `Tests/Fixtures/make-theta-reference.py`).
struct ReferenceRow {
    let id: String
    let m: Int
    let h: Int
    let history: [Double]
    let theta: [Double]
    let naive2: [Double]
    /// statsforecast's AutoETS.
    let ets: [Double]

    static func load() throws -> [ReferenceRow] {
        let text = try String(contentsOfFile: repositoryRoot + "/Tests/Fixtures/theta-reference.csv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            func numbers(_ s: String) -> [Double] { s.split(separator: ";").compactMap { Double($0) } }
            return ReferenceRow(id: f[0], m: Int(f[1]) ?? 0, h: Int(f[2]) ?? 0, history: numbers(f[3]),
                                theta: numbers(f[4]), naive2: numbers(f[5]), ets: numbers(f[6]))
        }
    }
}

func largestRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) / max(abs($1), 1e-12) }.max() ?? .infinity
}

@Suite struct ThetaTests {
    @Test("Theta, ETS and Naive2 equal statsforecast's Theta and AutoETS and the M4 Naive2 on 23 real series")
    func reference() throws {
        let rows = try ReferenceRow.load()
        #expect(rows.count == 23)
        #expect(rows.filter { $0.m == 1 }.count == 11)
        for row in rows {
            let series = Series(name: "value", id: row.id, values: row.history)
            let theta = try ThetaForecaster(period: row.m).predict(series, horizon: row.h)
            #expect(theta.count == row.theta.count)
            #expect(largestRelativeError(theta, row.theta) < 1e-6, "\(row.id): \(theta) against \(row.theta)")
            let naive2 = try NaiveTwoForecaster(period: row.m).predict(series, horizon: row.h)
            #expect(largestRelativeError(naive2, row.naive2) < 1e-12, "\(row.id)")
            let ets = try ETSForecaster(period: row.m).predict(series, horizon: row.h)
            #expect(largestRelativeError(ets, row.ets) < 1e-5, "\(row.id): \(ets) against \(row.ets)")
        }
    }

    @Test("Classical decomposition by hand: a 2×4 moving average, per-quarter means, normalised")
    func decomposition() throws {
        let y: [Double] = [10, 20, 30, 40, 12, 22, 32, 42]
        // Centred 2×4 averages (weights 1/8, 1/4, 1/4, 1/4, 1/8) exist at t = 2…5.
        let trend = [25.25, 25.75, 26.25, 26.75]
        let additive = try #require(SeasonalAdjustment.decompose(y, period: 4, kind: .additive))
        // t = 4 and 5 are quarters 0 and 1, t = 2 and 3 quarters 2 and 3; mean 0 already.
        let expected = [12 - trend[2], 22 - trend[3], 30 - trend[0], 40 - trend[1]]
        #expect(largestRelativeError(additive.indices, expected) < 1e-12)
        let multiplicative = try #require(SeasonalAdjustment.decompose(y, period: 4, kind: .multiplicative))
        let ratios = [12 / trend[2], 22 / trend[3], 30 / trend[0], 40 / trend[1]]
        let mean = ratios.reduce(0, +) / 4
        #expect(largestRelativeError(multiplicative.indices, ratios.map { $0 / mean }) < 1e-12)
        // Adjusting and putting the season back is the identity.
        let adjusted = multiplicative.adjust(y)
        #expect(largestRelativeError(multiplicative.reseasonalize(adjusted, after: 0), y) < 1e-12)
        #expect(SeasonalAdjustment.decompose(Array(y.prefix(7)), period: 4, kind: .additive) == nil)
    }

    @Test("The 90% autocorrelation test: a seasonal series is, a trend and a constant are not")
    func seasonalityTest() {
        let seasonal = (0..<96).map { 1000 + 100 * sin(2 * Double.pi * Double($0) / 12) + Double($0) }
        #expect(SeasonalAdjustment.isSeasonal(seasonal, period: 12))
        let trend = (0..<48).map { 5 + 2 * Double($0) }
        #expect(!SeasonalAdjustment.isSeasonal(trend, period: 12))
        #expect(!SeasonalAdjustment.isSeasonal([Double](repeating: 7, count: 48), period: 12))
        #expect(SeasonalAdjustment.choose(seasonal, period: 12, rule: .m4)?.kind == .multiplicative)
        // The M4 rule wants three seasons; `on` needs two and no test.
        let short = Array(seasonal.prefix(30))
        #expect(SeasonalAdjustment.choose(short, period: 12, rule: .m4) == nil)
        #expect(SeasonalAdjustment.choose(short, period: 12, mode: .on)?.kind == .multiplicative)
        #expect(SeasonalAdjustment.choose(Array(seasonal.prefix(23)), period: 12, mode: .on) == nil)
        #expect(SeasonalAdjustment.choose(seasonal, period: 12, mode: .off) == nil)
        // Not all positive: additive.
        let shifted = seasonal.map { $0 - 1000 }
        #expect(SeasonalAdjustment.choose(shifted, period: 12, mode: .on)?.kind == .additive)
    }

    @Test("Nelder–Mead finds a quadratic's minimum, inside and on its box")
    func nelderMead() {
        var optimizer = NelderMead()
        optimizer.tolerance = 1e-14
        let f: ([Double]) -> Double = { p in (p[0] - 3) * (p[0] - 3) + 10 * (p[1] + 1) * (p[1] + 1) }
        let free = optimizer.minimize(f, start: [0, 0], lower: [-10, -10], upper: [10, 10])
        #expect(abs(free.x[0] - 3) < 1e-5 && abs(free.x[1] + 1) < 1e-5)
        let boxed = optimizer.minimize(f, start: [5, 0], lower: [4, -10], upper: [10, 10])
        #expect(abs(boxed.x[0] - 4) < 1e-9 && abs(boxed.x[1] + 1) < 1e-5)
    }

    @Test("Theta's trend line is the least-squares line; on a line the forecast keeps its slope")
    func trendLine() throws {
        let y = (1...20).map { 2 + 3 * Double($0) }
        let (a, b) = ThetaForecaster.trend(y)
        #expect(abs(a - 2) < 1e-9 && abs(b - 3) < 1e-9)
        let f = try ThetaForecaster(period: 1).predict(Series(name: "v", values: y), horizon: 3)
        // SES on a line lags it by (1 − α)/α slopes; the drift restores half the slope per
        // step, so consecutive forecasts differ by b/2 exactly.
        #expect(abs((f[1] - f[0]) - 1.5) < 1e-6 && abs((f[2] - f[1]) - 1.5) < 1e-6, "\(f)")
        #expect(throws: ForecastError.self) { try ThetaForecaster().predict(Series(name: "v", values: [1, 2, 3]), horizon: 1) }
    }

    @Test("ETS by hand: likelihood, AICc and damped forecasts")
    func etsByHand() throws {
        let y: [Double] = [2, 4, 3]
        let additive = ETSForecaster.run(y, kind: .init(multiplicativeError: false, trend: .none), alpha: 0.5, beta: 0,
                                         phi: 1, level: 1, slope: 0, parameters: 2)
        // One-step forecasts 1, 1.5, 2.75 (the level moves half-way to each value):
        // errors 1, 2.5, 0.25.
        let squares = 1 + 6.25 + 0.0625
        #expect(abs(additive.likelihood - 3 * log(squares)) < 1e-12)
        #expect(abs(additive.level - 2.875) < 1e-12)
        // k = 2 parameters + σ: AIC + 2k(k + 1)/(n − k − 1) = lik + 6 + 24/(−1).
        #expect(abs(additive.aicc - (3 * log(squares) + 6 - 24)) < 1e-9)
        let multiplicative = ETSForecaster.run(y, kind: .init(multiplicativeError: true, trend: .none), alpha: 0.5,
                                               beta: 0, phi: 1, level: 1, slope: 0, parameters: 2)
        let relative = 1 + (2.5 / 1.5) * (2.5 / 1.5) + (0.25 / 2.75) * (0.25 / 2.75)
        #expect(abs(multiplicative.likelihood - (3 * log(relative) + 2 * (log(1.5) + log(2.75)))) < 1e-12)

        let damped = ETSForecaster.Model(kind: .init(multiplicativeError: false, trend: .damped), alpha: 0.5, beta: 0.1,
                                         gamma: 0, phi: 0.9, period: 1, level: 10, slope: 2, seasonal: [],
                                         likelihood: 0, parameters: 5, count: 20)
        let f = damped.forecast(3)
        // statsforecast's damping: φ·b, then φ^k added at step k + 1 (φ + φ, then + φ²),
        // not the textbook φ + φ² + …; kept so that forecasts agree with it.
        #expect(abs(f[0] - 11.8) < 1e-12 && abs(f[1] - 13.6) < 1e-12 && abs(f[2] - 15.22) < 1e-12, "\(f)")
        // Six values are too few (statsforecast's AutoETS refuses them too).
        #expect(throws: ForecastError.self) { try ETSForecaster().predict(Series(name: "v", values: [1, 2, 3, 4, 5, 6]), horizon: 1) }
    }

    @Test("combined is 0.7 × the network + 0.3 × the mean of Theta and ETS, step by step")
    func combined() throws {
        let histories = [labelled(monthly(seasonal(level: 5, count: 60)), id: "a"),
                         labelled(monthly(seasonal(level: 50, count: 60, phase: 3).enumerated().map { $1 + Double($0) }),
                                  id: "b")]
        var forecaster = CombinedForecaster(neural: NeuralForecaster(smallPooled(horizon: 6, steps: 30), horizon: 6))
        try forecaster.fit(histories, horizon: 6, progress: nil)
        for s in histories {
            let together = try forecaster.predict(s, horizon: 6)
            let network = try forecaster.neural.predict(s, horizon: 6)
            let theta = try ThetaForecaster().predict(s, horizon: 6)
            let ets = try ETSForecaster().predict(s, horizon: 6)
            let expected = (0..<6).map { (h: Int) -> Double in
                let classical: Double = (theta[h] + ets[h]) / 2
                return 0.7 * network[h] + 0.3 * classical
            }
            #expect(largestRelativeError(together, expected) < 1e-12)
        }
        // Too short for ETS (5 values): the network and Theta alone.
        let short = labelled(monthly(Array(seasonal(level: 5, count: 5))), id: "c")
        let together = try forecaster.predict(short, horizon: 2)
        let network = try forecaster.neural.predict(short, horizon: 2)
        #expect(throws: ForecastError.self) { try ETSForecaster().predict(short, horizon: 2) }
        let theta = try ThetaForecaster().predict(short, horizon: 2)
        let expectedShort = (0..<2).map { (h: Int) -> Double in 0.7 * network[h] + 0.3 * theta[h] }
        #expect(largestRelativeError(together, expectedShort) < 1e-12)
    }
}

extension ThetaTests {
    @Test("a pooled combination is 0.7 × the network + 0.3 × the median of Theta, ETS and a network of the series' own")
    func combinedWithLocalNetwork() throws {
        let histories = [labelled(monthly(seasonal(level: 5, count: 60)), id: "a"),
                         labelled(monthly(seasonal(level: 50, count: 60, phase: 3).enumerated().map { $1 + Double($0) }),
                                  id: "b")]
        var local = NeuralForecaster.Configuration()
        local.ensemble = 1
        local.epochs = 20
        local.seed = 7
        var forecaster = CombinedForecaster(neural: NeuralForecaster(smallPooled(horizon: 6, steps: 30), horizon: 6),
                                            localNetwork: local)
        #expect(forecaster.neuralWeight == 0.7)
        try forecaster.fit(histories, horizon: 6, progress: nil)
        for s in histories {
            let together = try forecaster.predict(s, horizon: 6)
            let network = try forecaster.neural.predict(s, horizon: 6)
            var own = NeuralForecaster(local, horizon: 6)
            try own.fit([s])
            let members = [try ThetaForecaster().predict(s, horizon: 6), try ETSForecaster().predict(s, horizon: 6),
                           try own.predict(s, horizon: 6)]
            let expected = (0..<6).map { (h: Int) -> Double in
                let middle = members.map { $0[h] }.sorted()[1]
                return 0.7 * network[h] + 0.3 * middle
            }
            #expect(largestRelativeError(together, expected) < 1e-12)
            // The network of the series' own is a real third opinion, not a copy of a member.
            #expect(largestRelativeError(members[2], members[0]) > 1e-6 && largestRelativeError(members[2], members[1]) > 1e-6)
        }
    }

    @Test("Theta and ETS in a combination see at most the last 20,000 values, dated as they were")
    func combinedClassicalHistory() throws {
        let n = CombinedForecaster.classicalHistoryLimit + 50
        let long = try Series(name: "hourly", values: (0..<n).map { Double($0) },
                              timestamps: (0..<n).map { Int64($0) * 3600 }, dateFormat: .index)
        let seen = CombinedForecaster.classicalHistory(long)
        #expect(seen.count == 20_000 && seen.values.first == 50 && seen.values.last == Double(n - 1))
        #expect(seen.timestamps?.first == 50 * 3600 && seen.timestamps?.last == long.timestamps?.last)
        let short = long.prefix(300)
        #expect(CombinedForecaster.classicalHistory(short).values == short.values)
    }

    @Test("a saved combination keeps its local network; one saved before it existed decodes without, at its weight")
    func combinedCoding() throws {
        var local = NeuralForecaster.Configuration()
        local.seed = 5
        let saved = CombinedForecaster(neural: NeuralForecaster(smallPooled(horizon: 6, steps: 30), horizon: 6),
                                       localNetwork: local)
        let data = try JSONEncoder().encode(saved)
        let decoded = try JSONDecoder().decode(CombinedForecaster.self, from: data)
        #expect(decoded.localNetwork == local && decoded.neuralWeight == 0.7)
        // The file of an earlier version: no "localNetwork" key, its weight 0.8 stored.
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["localNetwork"] = nil
        object["neuralWeight"] = 0.8
        let old = try JSONDecoder().decode(CombinedForecaster.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.localNetwork == nil && old.neuralWeight == 0.8)
    }

    @Test("the settings give a pooled combination its local network (same seed and season), a local one none")
    func combinedSettings() throws {
        var settings = ForecastSettings(method: .combined, neural: .pooled(horizon: 6, seasonalPeriod: 12),
                                        seasonalPeriod: 12, pooling: .global)
        settings.neural.seed = 3
        guard case .combined(let pooled) = FittedForecaster(settings, horizon: 6) else {
            Issue.record("not a combination")
            return
        }
        #expect(pooled.neuralWeight == 0.7)
        #expect(pooled.localNetwork?.seed == 3 && pooled.localNetwork?.seasonalPeriod == 12)
        #expect(pooled.localNetwork?.hidden == NeuralForecaster.Configuration().hidden)
        #expect(pooled.localNetwork?.ensemble == 3 && NeuralForecaster.Configuration().ensemble == 5)
        settings.pooling = .local
        guard case .combined(let single) = FittedForecaster(settings, horizon: 6) else {
            Issue.record("not a combination")
            return
        }
        #expect(single.neuralWeight == 0.7 && single.localNetwork == nil)
    }
}

extension ThetaTests {
    @Test("Seasonal ETS by hand: an additive season moves the level and takes its share of each surprise")
    func seasonalETSByHand() {
        // ETS(A,N,A), m = 2, α = 0.5, γ = 0.2, level 10, states [s for the second
        // position, s for the first] = [−1, 1]. y₀ = 12: forecast 10 + 1 = 11, error 1,
        // level 10 + 0.5·(12 − 1 − 10) = 10.5, new state 1 + 0.2·(12 − 10 − 1) = 1.2.
        // y₁ = 9: forecast 10.5 − 1 = 9.5, error −0.5, level 10.5 + 0.5·(9 + 1 − 10.5)
        // = 10.25, new state −1 + 0.2·(9 − 10.5 + 1) = −1.1.
        let model = ETSForecaster.run([12, 9], kind: .init(multiplicativeError: false, trend: .none, season: .additive),
                                      alpha: 0.5, beta: 0, gamma: 0.2, phi: 1, level: 10, slope: 0,
                                      seasonal: [-1, 1], parameters: 4)
        #expect(abs(model.level - 10.25) < 1e-12)
        #expect(abs(model.seasonal[0] + 1.1) < 1e-12 && abs(model.seasonal[1] - 1.2) < 1e-12)
        #expect(abs(model.likelihood - 2 * log(1 + 0.25)) < 1e-12)
        // The next two steps: 10.25 + 1.2 and 10.25 − 1.1.
        let f = model.forecast(2)
        #expect(abs(f[0] - 11.45) < 1e-12 && abs(f[1] - 9.15) < 1e-12)
    }
}

extension ThetaTests {
    @Test("auto keeps whichever of the network and ETS forecast the held-out last horizon better")
    func selection() throws {
        let history = monthly(seasonal(level: 40, count: 60).enumerated().map { $1 + 0.5 * Double($0) })
        var c = NeuralForecaster.Configuration()
        c.ensemble = 1
        c.epochs = 30
        var selected = SelectedForecaster(neural: NeuralForecaster(c, horizon: 6))
        try selected.fit([history], horizon: 6, progress: nil)

        // By hand: both fitted without the last 6 values, scored by MAE over mean |y|.
        let head = history.prefix(54)
        var network = NeuralForecaster(c, horizon: 6)
        try network.fit([head])
        let actual = Array(history.values.suffix(6))
        let scale = head.values.map(abs).reduce(0, +) / 54
        func score(_ f: [Double]) -> Double { zip(f, actual).map { abs($0 - $1) }.reduce(0, +) / 6 / scale }
        let expected = [score(try network.predict(head, horizon: 6)), score(try ETSForecaster().predict(head, horizon: 6))]
        #expect(selected.scores == expected)
        #expect(selected.choice == (expected[1] < expected[0] ? .ets : .neural))
        let forecast = try selected.predict(history, horizon: 6)
        if selected.choice == .ets {
            #expect(forecast == (try ETSForecaster().predict(history, horizon: 6)))
        } else {
            #expect(forecast.count == 6 && selected.neural.model != nil)
        }
        // Too short to hold a horizon out: the network.
        var short = SelectedForecaster(neural: NeuralForecaster(c, horizon: 6))
        try short.fit([monthly(seasonal(level: 40, count: 18))], horizon: 6, progress: nil)
        #expect(short.choice == .neural && short.scores == nil)
    }
}
