import Foundation
import Testing
@testable import Forecasters
import SeriesIO

/// The rows of `Tests/Fixtures/theta-reference.csv`: statsforecast 2.1.1's
/// `Theta(season_length=m)` and the competitions' Naive2 on 16 M1 and Tourism series
/// (made by `Tests/Fixtures/make-theta-reference.py`).
struct ReferenceRow {
    let id: String
    let m: Int
    let h: Int
    let history: [Double]
    let theta: [Double]
    let naive2: [Double]

    static func load() throws -> [ReferenceRow] {
        let text = try String(contentsOfFile: repositoryRoot + "/Tests/Fixtures/theta-reference.csv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            func numbers(_ s: String) -> [Double] { s.split(separator: ";").compactMap { Double($0) } }
            return ReferenceRow(id: f[0], m: Int(f[1]) ?? 0, h: Int(f[2]) ?? 0, history: numbers(f[3]),
                                theta: numbers(f[4]), naive2: numbers(f[5]))
        }
    }
}

func largestRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) / max(abs($1), 1e-12) }.max() ?? .infinity
}

@Suite struct ThetaTests {
    @Test("Theta and Naive2 equal statsforecast's Theta and the M4 Naive2 on 16 real series")
    func reference() throws {
        let rows = try ReferenceRow.load()
        #expect(rows.count == 16)
        for row in rows {
            let series = Series(name: "value", id: row.id, values: row.history)
            let theta = try ThetaForecaster(period: row.m).predict(series, horizon: row.h)
            #expect(theta.count == row.theta.count)
            #expect(largestRelativeError(theta, row.theta) < 1e-6, "\(row.id): \(theta) against \(row.theta)")
            let naive2 = try NaiveTwoForecaster(period: row.m).predict(series, horizon: row.h)
            #expect(largestRelativeError(naive2, row.naive2) < 1e-12, "\(row.id)")
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
}
