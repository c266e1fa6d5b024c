import Testing
@testable import Backtesting
import Forecasters
import SeriesIO

/// Positions as timestamps (always increasing, so set directly rather than through the
/// throwing initialiser).
func series(_ values: [Double]) -> Series {
    var s = Series(name: "v", values: values)
    s.timestamps = values.indices.map { Int64($0) }
    s.dateFormat = .index
    return s
}

/// Predicts the truth for the position right after its history: exact only if the
/// history ends exactly at the origin, so one point too many shows up as an error.
struct Peeking: Forecaster {
    let truth: [Double]
    mutating func fit(_ series: [Series]) throws {
        guard let s = series.first, s.values == Array(truth.prefix(s.count)) else {
            throw BacktestError.invalid("fit saw data that is not a prefix")
        }
    }
    func predict(_ series: Series, horizon: Int) throws -> [Double] {
        (0..<horizon).map { truth[series.count + $0] }
    }
}

@Suite struct BacktestTests {
    @Test("Origins for test sizes, folds, strides and sliding windows", arguments: [
        (BacktestSpec.Size.testSize(9), nil as Int?, BacktestSpec.Window.expanding, [21, 24, 27]),
        (.testSize(5), 1, .expanding, [25, 26, 27]),
        (.folds(4), 2, .expanding, [21, 23, 25, 27]),
        (.folds(2), nil, .sliding(trainSize: 10), [24, 27]),
    ])
    func origins(size: BacktestSpec.Size, stride: Int?, window: BacktestSpec.Window, expected: [Int]) throws {
        let spec = try BacktestSpec(horizon: 3, size: size, stride: stride, window: window)
        #expect(try spec.origins(length: 30) == expected)
        if case .sliding = window {
            #expect(spec.history(24) == 14..<24)
        } else {
            #expect(spec.history(expected[0]) == 0..<expected[0])
        }
    }

    @Test("Refit cadence: every origin, every second one, or once", arguments: [
        (1, [true, true, true, true]), (2, [true, false, true, false]), (0, [true, false, false, false]),
    ])
    func refits(every: Int, expected: [Bool]) throws {
        let spec = try BacktestSpec(horizon: 1, size: .folds(4), refitEvery: every)
        #expect((0..<4).map(spec.refits) == expected)
    }

    @Test("Specs and series that cannot work are refused with the numbers")
    func invalid() throws {
        #expect(throws: BacktestError.invalid("the test size must be between the horizon (3) and 1000000000, got 2")) {
            try BacktestSpec(horizon: 3, size: .testSize(2))
        }
        // Counts that would overflow the origin arithmetic are refused up front.
        #expect(throws: BacktestError.invalid("the number of folds must be between 1 and 100000, got \(Int.max)")) {
            try BacktestSpec(horizon: 3, size: .folds(Int.max))
        }
        #expect(throws: BacktestError.invalid("the stride must be between 1 and 1000000000, got \(Int.max)")) {
            try BacktestSpec(horizon: 3, size: .folds(2), stride: Int.max)
        }
        #expect(throws: BacktestError.invalid("the horizon must be between 1 and 100000, got \(Int.max)")) {
            try BacktestSpec(horizon: Int.max, size: .folds(2))
        }
        let spec = try BacktestSpec(horizon: 3, size: .testSize(30))
        #expect(throws: BacktestError.tooShort(length: 30, needed: 32)) { try spec.origins(length: 30) }
        let sliding = try BacktestSpec(horizon: 2, size: .folds(3), window: .sliding(trainSize: 50))
        #expect(throws: BacktestError.tooShort(length: 40, needed: 56)) { try sliding.origins(length: 40) }
    }

    @Test("Metrics by hand")
    func metrics() {
        let m = Metrics(actual: [1, 2, 4], forecast: [2, 2, 2], scale: 2,
                        intervals: [80: ([0, 1, 3], [3, 3, 3])])
        #expect(m.mae == 1)
        #expect(abs(m.rmse - (5.0 / 3).squareRoot()) < 1e-15)
        #expect(abs(m.mape! - 50) < 1e-12)  // (100% + 0% + 50%) / 3
        #expect(abs(m.smape - 400.0 / 9) < 1e-12)  // (200·1/3 + 0 + 200·2/6) / 3
        #expect(m.mase == 0.5)
        #expect(abs(m.bias + 1.0 / 3) < 1e-15)
        #expect(abs(m.coverage[80]! - 2.0 / 3) < 1e-15)  // 4 is outside [3, 3]
        #expect(abs(m.width[80]! - 5.0 / 3) < 1e-15)  // (3 + 2 + 0) / 3
        #expect(Metrics(actual: [0, 1], forecast: [1, 1], scale: 1).mape == nil)
        // Scale: mean |y[t] − y[t−2]| over [1, 3, 2, 6] = (1 + 3) / 2.
        #expect(Metrics.seasonalNaiveScale([1, 3, 2, 6], season: 2) == 2)
        #expect(Metrics.seasonalNaiveScale([5, 5, 5, 6], season: 2) == 0.5)  // lag 2 gives 0.5 too
        #expect(Metrics.seasonalNaiveScale([5, 6, 5, 6], season: 2) == 1)  // seasonal 0 → lag 1
    }

    @Test("A naive backtest equals the direct computation on the series")
    func naive() throws {
        let values = (0..<40).map { Double(($0 * 37) % 11) + Double($0) / 4 }
        let spec = try BacktestSpec(horizon: 2, size: .testSize(10), stride: 2)
        let result = try NaiveForecaster().backtest(series(values), spec: spec)
        #expect(result.folds.map(\.origin) == [30, 32, 34, 36, 38])
        var errors: [Double] = []
        for origin in stride(from: 30, through: 38, by: 2) {
            for h in 0..<2 { errors.append(abs(values[origin + h] - values[origin - 1])) }
        }
        let scale = (1..<30).map { abs(values[$0] - values[$0 - 1]) }.reduce(0, +) / 29
        #expect(abs(result.overall.mae - errors.reduce(0, +) / 10) < 1e-12)
        #expect(abs(result.overall.mase - result.overall.mae / scale) < 1e-12)
        #expect(result.perStep.count == 2)
        #expect(abs(result.perStep[0].mae - stride(from: 0, to: 10, by: 2).map { errors[$0] }.reduce(0, +) / 5) < 1e-12)
    }

    @Test("Leakage is impossible: a forecaster that peeks is exact only on the right history",
          arguments: [1, 2, 0])
    func leakage(refitEvery: Int) throws {
        let values = (0..<60).map { Double($0 * $0 % 17) }
        let spec = try BacktestSpec(horizon: 3, size: .folds(6), stride: 2, refitEvery: refitEvery)
        let result = try Peeking(truth: values).backtest(series(values), spec: spec)
        #expect(result.overall.mae == 0)
        #expect(result.folds.count == 6)
    }

    @Test("Parallel results equal a sequential computation, fold by fold")
    func deterministic() throws {
        let airline = try CSVReader().read(path: repositoryRoot + "/datasets/air_passengers.csv")[0]
        var settings = ForecastSettings()
        settings.neural.ensemble = 2
        settings.neural.epochs = 20
        let spec = try BacktestSpec(horizon: 6, size: .folds(4), stride: 6, refitEvery: 2)
        let forecaster = FittedForecaster(settings, horizon: 6)
        let parallel = try forecaster.backtest(airline, spec: spec)
        var sequential: [[Double]] = []
        var fitted = forecaster
        for (j, origin) in try spec.origins(length: airline.count).enumerated() {
            let history = airline.slice(0..<origin)
            if spec.refits(at: j) { try fitted.fit([history]) }
            sequential.append(try fitted.predict(history, horizon: 6))
        }
        #expect(parallel.folds.map(\.forecast) == sequential)
        let again = try forecaster.backtest(airline, spec: spec)
        #expect(again.folds.map(\.forecast) == parallel.folds.map(\.forecast))
    }

    @Test("A sweep ranks configurations on the same origins; MAPE with a zero actual is refused")
    func sweepRanking() throws {
        let values = (0..<48).map { 10 + Double($0 % 12) }
        let spec = try BacktestSpec(horizon: 12, size: .folds(2), stride: 12)
        let entries = try spec.sweep(series(values), configurations: [
            ForecastSettings(method: .naive), ForecastSettings(method: .seasonalNaive, seasonalPeriod: 12),
            ForecastSettings(method: .mean),
        ], metric: .mae)
        #expect(entries.map(\.rank) == [3, 1, 2])
        #expect(entries[1].result.overall.mae == 0)
        let zeros = (0..<30).map { Double($0 % 3) }
        let zeroSpec = try BacktestSpec(horizon: 1, size: .folds(3))
        #expect(throws: BacktestError.mapeUndefined(position: "27")) {
            try zeroSpec.sweep(series(zeros), configurations: [ForecastSettings(method: .naive)], metric: .mape)
        }
    }
}

import Foundation

let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

@Suite struct WindowSelectionTests {
    @Test("Candidates follow the season and fit the series")
    func candidates() {
        #expect(WindowSelection.candidates(season: 12, length: 144, horizon: 12) == [6, 12, 24])
        #expect(WindowSelection.candidates(season: 1, length: 100, horizon: 6) == [3, 6, 12])
        #expect(WindowSelection.candidates(season: 4, length: 400, horizon: 4) == [2, 4, 8, 12])
        #expect(WindowSelection.candidates(season: 52, length: 60, horizon: 4) == [12])
    }

    @Test("The chosen window is the best-ranked candidate of its sweep")
    func choose() throws {
        let airline = try CSVReader().read(path: repositoryRoot + "/datasets/air_passengers.csv")[0]
        var settings = ForecastSettings()
        settings.neural.ensemble = 1
        settings.neural.epochs = 30
        let (window, entries) = try WindowSelection.choose(airline, settings: settings, horizon: 6)
        #expect(entries.count == 3)
        let best = try #require(entries.first { $0.rank == 1 })
        #expect(best.settings.neural.lags == .count(window))
        #expect(best.result.folds.count == 3)
    }

    @Test("--window auto in a backtest chooses the window in every fold from that fold's history only")
    func nested() throws {
        let airline = try CSVReader().read(path: repositoryRoot + "/datasets/air_passengers.csv")[0]
        var settings = ForecastSettings()
        settings.neural.ensemble = 1
        settings.neural.epochs = 20
        let spec = try BacktestSpec(horizon: 6, size: .folds(2), refitEvery: 1)
        let entries = try spec.sweep(airline, configurations: [settings], selectingWindow: [0])
        let folds = try #require(entries.first?.result.folds)
        #expect(entries.first?.selectsWindow == true)
        #expect(folds.count == 2)
        // Each fold, independently: the selection on the history before its origin, then
        // the chosen window fitted on that history, must give the fold's forecast.
        for fold in folds {
            let history = airline.slice(0..<fold.origin)
            let window = try WindowSelection.choose(history, settings: settings, horizon: 6).window
            var fixed = settings
            fixed.neural.lags = .count(window)
            var forecaster = FittedForecaster(fixed, horizon: 6)
            try forecaster.fit([history])
            #expect(try forecaster.predict(history, horizon: 6) == fold.forecast, "fold at \(fold.origin)")
        }
        // The same series with its future changed: the first fold's forecast cannot change.
        var changed = airline
        for i in folds[1].origin..<changed.count { changed.values[i] *= 3 }
        let again = try spec.sweep(changed, configurations: [settings], selectingWindow: [0])
        #expect(again.first?.result.folds.first?.forecast == folds[0].forecast)
    }
}
