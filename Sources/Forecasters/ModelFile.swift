#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
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
        /// The series' frequency, when fitted on its own: the ids of a long file may
        /// differ in frequency (``ModelFile/frequency`` is then the first one's).
        public var frequency: String?
    }

    public var formatVersion: Int
    public var settings: ForecastSettings
    public var horizon: Int
    public var valueColumn: String
    public var frequency: String?
    public var entries: [Entry]
    /// A wide file's value columns, one per series (``valueColumn`` is the first);
    /// `nil` when every series came from one column.
    public var valueColumns: [String]? = nil
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
        progress: (@Sendable (Int, TrainingProgress) -> Void)? = nil
    ) throws -> ModelFile {
        guard settings.pooling == .global, settings.method.pools else {
            return try fit(series, settingsFor: { _ in settings }, horizon: horizon, progress: progress)
        }
        guard let first = series.first else { throw ForecastError.noSeries }
        try Limits.check(horizon: horizon)
        // One network learns one frequency's patterns (and its season length).
        // (A series too short to show its frequency, or undated, goes with the rest.)
        if let dated = series.first(where: { $0.frequency != nil }), let frequency = dated.frequency,
            let other = series.first(where: { $0.frequency.map { $0 != frequency } ?? false })
        {
            throw ForecastError.modelMismatch(
                "series '\(other.label)' is \(other.frequency?.description ?? "") but '\(dated.label)' is \(frequency.description); a pooled model takes one frequency (split the file, or use \(Setting.localPooling))")
        }
        let calibration = calibrate
            ? try PooledCalibration.measure(series, settings: settings, horizon: horizon) { p in
                var calibrating = p
                calibrating.phase = .calibrating
                progress?(0, calibrating)
            } : nil
        var forecaster = FittedForecaster(settings)
        try forecaster.fit(series, horizon: horizon) { progress?(0, $0) }
        let entries = series.map { s in
            Entry(id: s.id, rows: s.count, lastTimestamp: s.timestamps.map { _ in s.position(s.count - 1) },
                  dataHash: hash(s.values), forecaster: nil)
        }
        return ModelFile(formatVersion: currentVersion, settings: settings, horizon: horizon, valueColumn: first.name,
                         frequency: first.frequency?.description, entries: entries, valueColumns: wideColumns(series),
                         pooled: forecaster, pooledCalibration: calibration)
    }

    /// The value columns when the series came from several (a wide file).
    static func wideColumns(_ series: [Series]) -> [String]? {
        var seen = Set<String>()
        let names = series.map(\.name).filter { seen.insert($0).inserted }
        return names.count > 1 ? names : nil
    }

    /// The same with settings chosen per series (a window picked for each, say).
    public static func fit(
        _ series: [Series], settingsFor: @Sendable (Series) throws -> ForecastSettings, horizon: Int,
        progress: (@Sendable (Int, TrainingProgress) -> Void)? = nil
    ) throws -> ModelFile {
        // Without skipping, a short series throws out of the fit itself.
        try fit(series, settingsFor: settingsFor, horizon: horizon, skippingShort: false, progress: progress).model
    }

    /// Fits one forecaster per series; with `skippingShort`, a series too short for its
    /// forecaster is left out of the model and returned with its error instead of
    /// failing the others (a file of millions of series should not fail on one).
    public static func fit(
        _ series: [Series], settingsFor: @Sendable (Series) throws -> ForecastSettings, horizon: Int,
        skippingShort: Bool, progress: (@Sendable (Int, TrainingProgress) -> Void)? = nil
    ) throws -> (model: ModelFile, short: [(series: Int, error: any Error)]) {
        guard let first = series.first else { throw ForecastError.noSeries }
        try Limits.check(horizon: horizon)
        let fitted = try parallelMap(series.count) { i -> Result<Entry, any Error> in
            let s = series[i]
            var forecaster = FittedForecaster(try settingsFor(s))
            do {
                try forecaster.fit([s], horizon: horizon) { progress?(i, $0) }
            } catch where skippingShort && ForecastError.isTooShort(error) {
                return .failure(error)
            }
            return .success(Entry(id: s.id, rows: s.count, lastTimestamp: s.timestamps.map { _ in s.position(s.count - 1) },
                                  dataHash: hash(s.values), forecaster: forecaster, frequency: s.frequency?.description))
        }
        let entries = fitted.compactMap { try? $0.get() }
        let short = fitted.enumerated().compactMap { i, result -> (series: Int, error: any Error)? in
            if case .failure(let error) = result { return (i, error) }
            return nil
        }
        let model = ModelFile(formatVersion: currentVersion, settings: try settingsFor(first), horizon: horizon,
                              valueColumn: first.name, frequency: first.frequency?.description, entries: entries,
                              valueColumns: wideColumns(series), pooled: nil)
        return (model, short)
    }

    /// Forecasts each series with its own fitted forecaster (or the pooled one), after
    /// checking that the series matches what the model was fitted on; the series in
    /// parallel, the results in input order.
    public func forecast(_ series: [Series], horizon: Int, levels: [Double]) throws -> [Forecast] {
        try forecastEach(series, horizon: horizon, levels: levels).map { try $0.get() }
    }

    /// ``forecast(_:horizon:levels:)`` with each series' failure kept apart, so that a
    /// caller can report the series that failed and still print the others.
    public func forecastEach(_ series: [Series], horizon: Int, levels: [Double]) throws -> [Result<Forecast, any Error>] {
        // Looked up once per series: a scan of the entries per series would be quadratic.
        var index: [String?: Int] = [:]
        for (i, entry) in entries.enumerated() where index[entry.id] == nil { index[entry.id] = i }
        let byId = index
        return try parallelMap(series.count) { i in Result { try self.forecast(series[i], byId: byId, horizon: horizon, levels: levels) } }
    }

    private func forecast(_ s: Series, byId: [String?: Int], horizon: Int, levels: [Double]) throws -> Forecast {
        guard valueColumns?.contains(s.name) ?? (s.name == valueColumn) else {
            throw ForecastError.modelMismatch(
                "the model was trained on column '\(valueColumn)', the file's column is '\(s.name)' (choose it with \(Setting.valueColumn))")
        }
        let entry = pooled == nil ? byId[s.id].map { entries[$0] } : nil
        if let frequency = entry?.frequency ?? frequency, let own = s.frequency?.description, own != frequency {
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
        guard let forecaster = entry?.forecaster else {
            throw ForecastError.modelMismatch(
                "the model has no forecaster for series '\(s.label)' (a model trained with \(Setting.globalPooling) forecasts any series)")
        }
        return try forecaster.forecast(s, horizon: horizon, levels: levels)
    }

    /// How `series` departs from the series of the same id the model was trained on, or
    /// `nil` when it is that series, or that series with newer values appended (the
    /// everyday use of a model: forecast from a file that has grown since training).
    ///
    /// A series the model never saw has no difference: a pooled model forecasts it
    /// (cold start), a local one refuses it in ``forecast(_:horizon:levels:)``.
    /// The model still forecasts from the series' own last values either way; this only
    /// tells the caller that the file is not the data behind the model.
    public func difference(from series: Series) -> String? {
        guard let entry = entries.first(where: { $0.id == series.id }) else { return nil }
        let name = series.id.map { "series '\($0)'" } ?? "the series"
        if series.count < entry.rows {
            return "\(name) has \(series.count) values, fewer than the \(entry.rows) the model was trained on: "
                + "this is not the file it was trained on (forecasting from its last values)"
        }
        if Self.hash(Array(series.values.prefix(entry.rows))) != entry.dataHash {
            return "the first \(entry.rows) values of \(name) differ from those the model was trained on: "
                + "this is not the file it was trained on (forecasting from its last values)"
        }
        return nil
    }

    /// The model as JSON. Throws when a number cannot be written (a parameter that is
    /// not finite), rather than giving an empty or unreadable file.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return try encoder.encode(self)
        } catch {
            throw ForecastError.modelMismatch("the model cannot be saved: a value in it is not a finite number")
        }
    }

    /// Writes the model atomically (see `PendingFile`): an interrupted or failed run
    /// leaves no half-written file and an earlier model as it was.
    public func save(path: String) throws {
        try PendingFile(Array(try encoded()), for: path).commit()
    }

    public static func load(path: String) throws -> ModelFile {
        let data: Data
        do {
            var info = stat()
            let size = stat(path, &info) == 0 ? Int(info.st_size) : 0
            guard size <= maximumFileBytes else {
                throw NeuralNetError.checkpointCorrupted(
                    path: path, detail: "\(size) bytes is larger than any model this program writes (limit \(maximumFileBytes))")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as NeuralNetError {
            throw error
        } catch {
            throw NeuralNetError.checkpointUnreadable(path: path, reason: "no such file or not readable")
        }
        return try decode(data, path: path)
    }

    /// A model from the bytes of a model file, checked as ``load(path:)`` checks it;
    /// `path` names it in errors.
    public static func decode(_ data: Data, path: String = "model") throws -> ModelFile {
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
        let model: ModelFile
        do {
            model = try JSONDecoder().decode(ModelFile.self, from: data)
        } catch let error as DecodingError {
            throw NeuralNetError.checkpointCorrupted(path: path, detail: describe(error))
        } catch {
            throw NeuralNetError.checkpointCorrupted(path: path, detail: "\(error)")
        }
        do {
            try model.validate()
        } catch {
            throw NeuralNetError.checkpointCorrupted(path: path, detail: error.description)
        }
        return model
    }

    /// Files larger than this are refused before they are read: no model this program
    /// writes comes near it (a pooled 256x3 ensemble of 12 members is about 20 MB),
    /// and decoding JSON costs about ten times its size in memory.
    public static let maximumFileBytes = 256 << 20

    /// The checks across fields that decoding each part cannot make (each part
    /// already refuses its own impossible values while decoding).
    func validate() throws(ForecastError) {
        try Limits.check(horizon: horizon)
        try settings.validate()
        for forecaster in [pooled].compactMap({ $0 }) + entries.compactMap(\.forecaster) {
            try forecaster.validate()
        }
        if let pooledCalibration {
            guard pooledCalibration.relativeErrors.allSatisfy({ $0.allSatisfy { $0.isFinite && $0 >= 0 } }) else {
                throw .modelMismatch("the pooled calibration holds an error that is negative or not finite")
            }
        }
        for entry in entries where entry.rows < 0 {
            throw .modelMismatch("series '\(entry.id ?? "")' has a negative row count (\(entry.rows))")
        }
    }

    /// One line for what `JSONDecoder` refused, naming the field.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "the field '\(path(context.codingPath + [key]))' is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "the field '\(path(context.codingPath))' has the wrong type"
        case .dataCorrupted(let context):
            let at = context.codingPath.isEmpty ? "" : "\(path(context.codingPath)): "
            return at + context.debugDescription
        @unknown default:
            return "a field is missing or has the wrong type"
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
