#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NeuralNet
import SeriesIO

/// Fitted forecasters for the series of one file, with what is needed to check that a
/// later file is the same kind of data: the value column, the frequency, and per
/// series the last timestamp, the row count and a hash of the values.
///
/// `forecast train` writes one, `forecast predict --model` reads it. Fitting then
/// forecasting through a model file gives exactly the forecast of fitting and
/// forecasting directly: same code path, deterministic training, exact JSON numbers.
///
/// With ``Pooling/global`` settings one forecaster is fitted on every series of the
/// file (``pooled``) and forecasts any series of the same frequency, including series
/// it never saw (cold start); with ``Pooling/local`` each series has its own.
public struct ModelFile: Sendable, Codable {
    /// 2: ensemble members carry their own window; pooled models.
    public static let currentVersion = 2

    public struct Entry: Sendable, Codable {
        public var id: String?
        public var rows: Int
        public var lastTimestamp: String?
        /// FNV-1a over the values' bit patterns, in hex.
        public var dataHash: String
        /// The series' own forecaster (`nil` in a pooled model).
        public var forecaster: FittedForecaster?
    }

    public var formatVersion: Int
    public var settings: ForecastSettings
    public var horizon: Int
    public var valueColumn: String
    public var frequency: String?
    public var entries: [Entry]
    /// The one forecaster of a pooled model.
    public var pooled: FittedForecaster?
    /// A pooled model's held-out errors for intervals (`nil` when it was fitted
    /// without them): see ``PooledCalibration``.
    public var pooledCalibration: PooledCalibration?

    /// Fits one forecaster per series, the series in parallel on all cores, or with
    /// global pooling of a neural method one forecaster on all of them (its ensemble
    /// members in parallel).
    ///
    /// `calibrate` (pooled models): also measure held-out errors for intervals, which
    /// costs a second training (see ``PooledCalibration``).
    public static func fit(
        _ series: [Series], settings: ForecastSettings, horizon: Int, calibrate: Bool = false,
        progress: (@Sendable (Int, Int, EpochRecord) -> Void)? = nil
    ) throws -> ModelFile {
        guard settings.pooling == .global, settings.method.pools else {
            return try fit(series, settingsFor: { _ in settings }, horizon: horizon, progress: progress)
        }
        guard let first = series.first else { throw ForecastError.noSeries }
        guard horizon >= 1 else { throw ForecastError.invalidHorizon(horizon) }
        let calibration = calibrate ? try PooledCalibration.measure(series, settings: settings, horizon: horizon) : nil
        var forecaster = FittedForecaster(settings)
        try forecaster.fit(series, horizon: horizon) { member, record in progress?(0, member, record) }
        let entries = series.map { s in
            Entry(id: s.id, rows: s.count, lastTimestamp: s.timestamps.map { _ in s.position(s.count - 1) },
                  dataHash: hash(s.values), forecaster: nil)
        }
        return ModelFile(formatVersion: currentVersion, settings: settings, horizon: horizon, valueColumn: first.name,
                         frequency: first.frequency?.description, entries: entries, pooled: forecaster,
                         pooledCalibration: calibration)
    }

    /// The same with settings chosen per series (a window picked for each, say).
    public static func fit(
        _ series: [Series], settingsFor: @Sendable (Series) throws -> ForecastSettings, horizon: Int,
        progress: (@Sendable (Int, Int, EpochRecord) -> Void)? = nil
    ) throws -> ModelFile {
        guard let first = series.first else { throw ForecastError.noSeries }
        guard horizon >= 1 else { throw ForecastError.invalidHorizon(horizon) }
        let entries = try parallelMap(series.count) { i -> Entry in
            let s = series[i]
            var forecaster = FittedForecaster(try settingsFor(s))
            try forecaster.fit([s], horizon: horizon) { member, record in progress?(i, member, record) }
            return Entry(id: s.id, rows: s.count, lastTimestamp: s.timestamps.map { _ in s.position(s.count - 1) },
                         dataHash: hash(s.values), forecaster: forecaster)
        }
        return ModelFile(formatVersion: currentVersion, settings: try settingsFor(first), horizon: horizon,
                         valueColumn: first.name, frequency: first.frequency?.description, entries: entries, pooled: nil)
    }

    /// Forecasts each series with its own fitted forecaster (or the pooled one), after
    /// checking that the series matches what the model was fitted on; the series in
    /// parallel, the results in input order.
    public func forecast(_ series: [Series], horizon: Int, levels: [Double]) throws -> [Forecast] {
        // Looked up once per series: a scan of the entries per series would be quadratic.
        var index: [String?: Int] = [:]
        for (i, entry) in entries.enumerated() where index[entry.id] == nil { index[entry.id] = i }
        let byId = index
        return try parallelMap(series.count) { i in
            let s = series[i]
            guard s.name == valueColumn else {
                throw ForecastError.modelMismatch(
                    "the model was trained on column '\(valueColumn)', the file's column is '\(s.name)' (choose it with --column)")
            }
            if let frequency, let own = s.frequency?.description, own != frequency {
                throw ForecastError.modelMismatch("the model was trained on \(frequency) data, this series is \(own)")
            }
            if let pooled {
                guard !levels.isEmpty else { return try pooled.forecast(s, horizon: horizon, levels: levels) }
                guard let pooledCalibration else {
                    throw ForecastError.modelMismatch(
                        "this pooled model holds no held-out errors for intervals; train it again with this version")
                }
                return try Calibrated(base: pooled, calibration: pooledCalibration)
                    .forecast(s, horizon: horizon, levels: levels)
            }
            guard let forecaster = byId[s.id].flatMap({ entries[$0].forecaster }) else {
                throw ForecastError.modelMismatch(
                    "the model has no forecaster for series '\(s.label)' (a model trained with --pooling global forecasts any series)")
            }
            return try forecaster.forecast(s, horizon: horizon, levels: levels)
        }
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Writes the model atomically: an interrupted run leaves no half-written file.
    public func save(path: String) throws {
        do {
            try encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ForecastError.modelMismatch("\(path): cannot write the model")
        }
    }

    public static func load(path: String) throws -> ModelFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw NeuralNetError.checkpointUnreadable(path: path, reason: "no such file or not readable")
        }
        struct Version: Decodable { var formatVersion: Int }
        guard let version = try? JSONDecoder().decode(Version.self, from: data).formatVersion else {
            throw NeuralNetError.checkpointCorrupted(path: path, detail: "not a swift-forecasting model (truncated or another file)")
        }
        guard version <= currentVersion else {
            throw NeuralNetError.checkpointTooNew(path: path, version: version, supported: currentVersion)
        }
        guard version == currentVersion else {
            throw NeuralNetError.checkpointCorrupted(
                path: path, detail: "made by an older version (model format \(version), this one reads \(currentVersion)); train it again")
        }
        do {
            return try JSONDecoder().decode(ModelFile.self, from: data)
        } catch {
            throw NeuralNetError.checkpointCorrupted(path: path, detail: "a field is missing or has the wrong type")
        }
    }

    static func hash(_ values: [Double]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in values {
            var bits = v.bitPattern
            for _ in 0..<8 {
                h = (h ^ (bits & 0xff)) &* 0x100_0000_01b3
                bits >>= 8
            }
        }
        return String(h, radix: 16)
    }
}
