import Foundation
import Testing
@testable import Forecasters
import SeriesIO

func monthly(_ values: [Double], start: String = "2000-01") -> Series {
    let first = DateFormat.month.parse(start)!
    // Consecutive months always increase: set directly, not through the throwing initialiser.
    var s = Series(name: "value", values: values)
    s.timestamps = values.indices.map { Frequency.monthly.advance(first, by: $0) }
    s.dateFormat = .month
    return s
}

@Suite struct BaselineTests {
    @Test("Drift is exact on a straight line")
    func drift() throws {
        let line = monthly((0..<30).map { 5 + 2 * Double($0) })
        #expect(try DriftForecaster().predict(line, horizon: 3) == [65, 67, 69])
    }

    @Test("Seasonal naive is exact on a pure seasonal pattern, beyond one season too")
    func seasonalNaive() throws {
        let pattern: [Double] = [1, 5, 2, 8]
        let s = try Series(name: "q", values: (0..<20).map { pattern[$0 % 4] },
                       timestamps: (0..<20).map { Frequency.quarterly.advance(DateFormat.quarter.parse("1990-Q1")!, by: $0) },
                       dateFormat: .quarter)
        #expect(s.frequency == .quarterly)
        #expect(try SeasonalNaiveForecaster().predict(s, horizon: 6) == [1, 5, 2, 8, 1, 5])
        #expect(try SeasonalNaiveForecaster(period: 2).predict(s, horizon: 3) == [2, 8, 2])
    }

    @Test("Naive repeats the last value; mean is the history's mean")
    func naiveAndMean() throws {
        let s = monthly([3, 1, 4, 1, 5])
        #expect(try NaiveForecaster().predict(s, horizon: 2) == [5, 5])
        #expect(try MeanForecaster().predict(s, horizon: 1) == [2.8])
    }

    @Test("Forecasts are dated on the series' frequency")
    func timestamps() throws {
        let forecast = try NaiveForecaster().forecast(monthly([1, 2, 3], start: "1960-10"), horizon: 3)
        #expect((0..<3).map(forecast.label) == ["1961-01", "1961-02", "1961-03"])
        let undated = try NaiveForecaster().forecast(Series(name: "v", values: [1, 2]), horizon: 2)
        #expect(undated.timestamps == nil)
        #expect(undated.label(1) == "2")
    }

    @Test("Sparse steps borrow the last well-measured step's errors, widened by (h/k)^0.7")
    func sparseSteps() {
        let errors = [[Double]](repeating: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], count: 2) + [[9], []]
        let widened = Calibration.widenSparseSteps(errors)
        // 1.5 ** 0.7 and 2 ** 0.7 by Python.
        for (step, factor) in [(2, 1.328201239943334), (3, 1.624504792712471)] {
            #expect(zip(widened[step], errors[1]).allSatisfy { abs($0 - $1 * factor) < 1e-12 * $1 })
        }
    }

    @Test("Conformal half-widths are order statistics of the errors, Student's bound when too few")
    func halfWidth() {
        let errors = (1...9).map(Double.init)  // n = 9: rank ⌈10·0.8⌉ = 8, (1 − 0.8)·10 = 2 beyond it
        #expect(Calibration.halfWidth(errors, level: 0.8) == 8)
        #expect(Calibration.halfWidth(errors, level: 0.5) == 5)
        // At 95% the rank would be 10, past the largest error: t(9, 0.975)·RMS,
        // RMS = √(285/9); scipy.stats.t.ppf(0.975, 9) gives 12.729869438632987 in all.
        #expect(abs(Calibration.halfWidth(errors, level: 0.95) - 12.729869438632987) < 1e-9)
        // One error: t(1, 0.9)·|e|.
        #expect(abs(Calibration.halfWidth([2], level: 0.8) - 3.0776835371752544 * 2) < 1e-9)
    }

    @Test("Student's t quantiles match scipy.stats.t.ppf", arguments: [
        (1, 0.9, 3.0776835371752544), (2, 0.975, 4.302652729749462), (3, 0.9, 1.637744353696209),
        (5, 0.9, 1.4758840488244815), (9, 0.975, 2.262157162798205), (30, 0.95, 1.697260886593957),
        (199, 0.995, 2.600760216058516),
    ])
    func studentT(degrees: Int, p: Double, expected: Double) {
        #expect(abs(StudentT.quantile(p, degrees: degrees) - expected) < 1e-9 * expected)
        #expect(abs(StudentT.cdf(expected, degrees: degrees) - p) < 1e-12)
    }

    @Test("Errors of a positive series are rescaled to its level at the end")
    func relativeErrors() {
        // Level 10 for ten points, then 20 for eight: an origin at 10 (level 10 over
        // the 8 values before it) forecasts 10 where 20 came, error 10, which counts as
        // 20 at the end's level 20; a series that crosses zero keeps its absolute errors.
        let values = [Double](repeating: 10, count: 10) + [Double](repeating: 20, count: 8)
        let last = { (history: Series, steps: Int) -> [Double]? in [Double](repeating: history.values.last ?? 0, count: steps) }
        let errors = Calibration.errors(of: Series(name: "v", values: values), origins: 10..<11, horizon: 1, forecast: last)
        #expect(errors == [[20]])
        let crossing = Series(name: "v", values: [-1] + values.dropFirst())
        #expect(Calibration.errors(of: crossing, origins: 10..<11, horizon: 1, forecast: last) == [[10]])
        // From origin 12 the level before is (6·10 + 2·20)/8 = 12.5: a forecast of 10
        // misses by 10, which counts as 10·20/12.5 = 16.
        let ten = { (_: Series, steps: Int) -> [Double]? in [Double](repeating: 10, count: steps) }
        #expect(Calibration.errors(of: Series(name: "v", values: values), origins: 12..<13, horizon: 1, forecast: ten) == [[16]])
        #expect(Calibration.level(values, before: 12, span: 8) == 12.5)
    }

    @Test("A user-written forecaster gets dates and intervals for free")
    func custom() throws {
        struct LastYear: Forecaster {
            mutating func fit(_ series: [Series]) throws {}
            func predict(_ series: Series, horizon: Int) throws -> [Double] {
                (0..<horizon).map { series.values[series.count - 12 + $0 % 12] }
            }
        }
        // Below zero at times, so errors are not rescaled to the level (relativeErrors).
        let s = monthly((0..<48).map { Double($0 % 12) + Double($0 / 12) - 5 })
        let f = try LastYear().forecast(s, horizon: 12, levels: [80])
        #expect(f.values == (0..<12).map { Double($0) - 2 })
        // The errors of "last year" on this series are always 1 (one level up a year);
        // steps that fewer than ten origins reach widen as h^0.7 from the last that did
        // ((12/7) ** 0.7 by Python).
        #expect(Array(f.intervals[0].upper.prefix(7)) == Array(f.values.prefix(7)).map { $0 + 1 })
        #expect(abs(f.intervals[0].upper[11] - f.values[11] - 1.4583381740913444) < 1e-12)
        #expect(f.label(0) == "2004-01")
    }

    @Test("Intervals need some out-of-sample history")
    func intervalsNeedHistory() {
        #expect(throws: ForecastError.tooShortForIntervals(series: "value", length: 2)) {
            try DriftForecaster().forecast(monthly([1, 2]), horizon: 1, levels: [80])
        }
    }

    @Test("Invalid horizons and levels are refused")
    func invalid() {
        let s = monthly([1, 2, 3])
        #expect(throws: ForecastError.invalidHorizon(0)) { try NaiveForecaster().forecast(s, horizon: 0) }
        #expect(throws: ForecastError.invalidLevel(100)) { try NaiveForecaster().forecast(s, horizon: 1, levels: [100]) }
    }
}
