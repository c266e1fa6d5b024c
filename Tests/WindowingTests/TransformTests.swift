import SeriesIO
import Testing
@testable import Windowing

@Suite struct TransformTests {
    /// A positive series with trend and a period-4 season, so every transform applies.
    let series: [Double] = (0..<40).map { (t: Int) -> Double in
        let season: [Double] = [3, -1, 4, -6]
        let noise = 0.1 * Double((t * 7919) % 13)
        return 50 + 0.7 * Double(t) + season[t % 4] + noise
    }

    static let specs: [TransformSpec] = {
        var specs: [TransformSpec] = []
        for log in [false, true] {
            for season in [nil, 4] as [Int?] {
                for d in 0...2 {
                    for scaler in ScalerKind.allCases {
                        specs.append(try! TransformSpec(log: log, seasonalPeriod: season, difference: d, scaler: scaler))
                    }
                }
            }
        }
        return specs
    }()

    @Test("Every transform inverts exactly, multi-step forecasts included", arguments: specs)
    func roundTrip(spec: TransformSpec) throws {
        let fitted = try FittedTransform.fit(spec, values: series, trainingRange: 0..<20)
        let transformed = try fitted.transformExact(series)
        #expect(transformed.count == series.count - spec.lookback)
        // Treat the last 9 transformed values as a 9-step forecast from the rest.
        let steps = 9
        let history = Array(series.dropLast(steps))
        let recovered = fitted.invert(Array(transformed.suffix(steps)), history: history)
        for (a, b) in zip(recovered, series.suffix(steps)) {
            #expect(abs(a - b) < 1e-9)
        }
    }

    @Test("Differencing by hand: first and second differences, seasonal at period 2")
    func differencesByHand() throws {
        let y: [Double] = [1, 4, 9, 16, 25]
        let d1 = try FittedTransform.fit(TransformSpec(difference: 1, scaler: .none), values: y, trainingRange: 0..<4)
        #expect(try d1.transformExact(y) == [3, 5, 7, 9])
        let d2 = try FittedTransform.fit(TransformSpec(difference: 2, scaler: .none), values: y, trainingRange: 0..<3)
        #expect(try d2.transformExact(y) == [2, 2, 2])
        let s2 = try FittedTransform.fit(TransformSpec(seasonalPeriod: 2, scaler: .none), values: y, trainingRange: 0..<3)
        #expect(try s2.transformExact(y) == [8, 12, 16])
        // A constant second difference of 2 continues the squares: 36, 49.
        #expect(d2.invert([2, 2], history: y) == [36, 49])
    }

    @Test("Scalers fitted by hand", arguments: [
        (ScalerKind.standard, [1.0, 2, 3, 4], 2.5, 1.25.squareRoot()),
        (.minMax, [3.0, 7, 5], 3.0, 4.0),
        (.robust, [1.0, 2, 3, 4, 100], 3.0, 2.0),
        (.none, [5.0, 6], 0.0, 1.0),
        (.standard, [4.0, 4, 4], 4.0, 1.0),  // constant: scale 1, not 0
    ])
    func scalers(kind: ScalerKind, values: [Double], center: Double, scale: Double) {
        let s = FittedScaler.fit(kind, values)
        #expect(abs(s.center - center) < 1e-12)
        #expect(abs(s.scale - scale) < 1e-12)
        #expect(abs(s.invert(s.apply(42.5)) - 42.5) < 1e-12)
    }

    @Test("A log transform refuses values at or below zero, naming where")
    func logRefusesNonPositive() throws {
        let s = try Series(name: "sales", values: [3, 2, 0, 4, 5, 6, 7, 8], timestamps: (0..<8).map { Int64($0) * 86_400 },
                       dateFormat: .day)
        #expect(throws: WindowingError.nonPositiveForLog(series: "sales", position: "1970-01-03", value: 0)) {
            try PreparedData(series: [s], window: WindowSpec(lags: 2), transform: TransformSpec(log: true))
        }
    }

    @Test("Invalid transform specs are refused")
    func invalidSpecs() {
        #expect(throws: WindowingError.invalidDifference(3)) { try TransformSpec(difference: 3) }
        #expect(throws: WindowingError.invalidSeasonalPeriod(1)) { try TransformSpec(seasonalPeriod: 1) }
    }

    @Test("Fitted transforms survive a JSON round trip")
    func codable() throws {
        let fitted = try FittedTransform.fit(TransformSpec(log: true, seasonalPeriod: 4, difference: 1, scaler: .robust),
                                             values: series, trainingRange: 0..<30)
        let data = try JSONEncoder().encode(fitted)
        #expect(try JSONDecoder().decode(FittedTransform.self, from: data) == fitted)
    }
}

import Foundation
