import Foundation
import NeuralNet
import SeriesIO
import Testing
import Windowing

@testable import Forecasters

/// The library refuses counts past `Limits` itself: its callers are not only the CLI.
@Suite struct LimitsTests {
    let series = monthly((0..<36).map { 100 + Double($0) })

    @Test("Every method refuses a horizon past the limit before allocating", arguments: ForecastMethod.allCases)
    func horizon(method: ForecastMethod) throws {
        let forecaster = FittedForecaster(ForecastSettings(method: method))
        for h in [0, Limits.horizon + 1, Int.max] {
            #expect(throws: ForecastError.invalidHorizon(h)) { try forecaster.forecast(series, horizon: h) }
        }
    }

    @Test("A configuration past a limit names the setting")
    func configuration() {
        var wide = NeuralForecaster.Configuration()
        wide.hidden = [60_000, 60_000]
        #expect(throws: ForecastError.invalidConfiguration("the hidden layers hold 3600120001 weights; at most 50000000 are allowed")) {
            try wide.validate()
        }
        var many = NeuralForecaster.Configuration()
        many.ensemble = 1_001
        #expect(throws: ForecastError.self) { try many.validate() }
        var lags = NeuralForecaster.Configuration()
        lags.lags = .count(Limits.lags + 1)
        #expect(throws: ForecastError.self) { try lags.validate() }
        var season = NeuralForecaster.Configuration()
        season.seasonalPeriod = 0
        #expect(throws: ForecastError.invalidConfiguration("the seasonal period must be between 1 and 100000, got 0")) {
            try season.validate()
        }
    }

    @Test("A lookback in horizons that resolves past the limit is refused at fit")
    func resolvedLookback() {
        var c = NeuralForecaster.Configuration.pooled(horizon: 50_000, seasonalPeriod: 12)
        c.windows = [.horizons(4)]
        var forecaster = NeuralForecaster(c, horizon: 50_000)
        #expect(throws: ForecastError.invalidConfiguration("the lookback resolves to 200000 lags; at most 100000 are allowed")) {
            try forecaster.fit([series])
        }
    }

    @Test("A network past the parameter limit, or whose size overflows, is refused")
    func network() {
        #expect(throws: NeuralNetError.self) { try Network(inputs: 100_000, hidden: [100_000], outputs: 1) }
        let overflowing = [LayerSpec(inputs: Int.max / 2, outputs: 4, activation: .relu)]
        #expect(throws: NeuralNetError.self) { try Network(layers: overflowing, parameters: nil) }
    }

    @Test("Decoding refuses what no constructor makes")
    func decoding() throws {
        let decoder = JSONDecoder()
        #expect(throws: DecodingError.self) {
            try decoder.decode(FittedScaler.self, from: Data(#"{"kind":"standard","center":1,"scale":0}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try decoder.decode(LayerSpec.self, from: Data(#"{"inputs":3,"outputs":1,"activation":"relu","dropout":2}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try decoder.decode(TransformSpec.self, from: Data(#"{"log":true,"shiftNonPositive":false,"difference":5,"scaler":"none"}"#.utf8))
        }
        let good = try decoder.decode(FittedScaler.self, from: Data(#"{"kind":"standard","center":1,"scale":2}"#.utf8))
        #expect(good == FittedScaler(kind: .standard, center: 1, scale: 2))
    }

    @Test("A model whose network holds a non-finite number cannot be saved")
    func encodingNaN() throws {
        var c = NeuralForecaster.Configuration()
        c.trainingSteps = 2
        c.ensemble = 1
        var forecaster = NeuralForecaster(c)
        try forecaster.fit([series])
        forecaster.model?.members[0].parameters[0] = .nan
        let model = ModelFile(formatVersion: ModelFile.currentVersion, settings: ForecastSettings(method: .neural, neural: c), horizon: 1, valueColumn: "value",
                              frequency: nil, entries: [], pooled: .neural(forecaster))
        #expect(throws: ForecastError.self) { try model.encoded() }
    }
}
