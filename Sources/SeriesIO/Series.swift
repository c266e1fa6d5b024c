/// One univariate time series: values, optional timestamps, a name and an optional id.
///
/// Missing values are `Double.nan`. Timestamps, when present, are increasing and are
/// interpreted through ``dateFormat`` (see ``DateFormat``).
///
/// ```swift
/// let series = try Series(name: "sales", values: [3, 4, 5],
///                         timestamps: [0, 86_400, 172_800], dateFormat: .day)
/// series.frequency   // .daily
/// ```
///
/// (`import Forecasting` adds `init(name:id:values:dates:dateFormat:)` and `dates` for
/// Foundation's `Date`.)
public struct Series: Sendable, Equatable {
    /// The value column's name (`value` in a `date,value` file).
    public var name: String
    /// The id in a long-format file, `nil` otherwise.
    public var id: String?
    public var values: [Double]
    public var timestamps: [Int64]?
    public var dateFormat: DateFormat?
    /// The frequency as stated (`--frequency`), overriding what the timestamps suggest.
    public var statedFrequency: Frequency?

    /// An undated series: its forecasts are labelled 1, 2, 3, …
    public init(name: String, id: String? = nil, values: [Double]) {
        self.name = name
        self.id = id
        self.values = values
    }

    /// A dated series: `timestamps` are seconds since 1970 in UTC (positions for
    /// ``DateFormat/index``), one per value, strictly increasing; `dateFormat` is how
    /// forecasts will write their dates.
    ///
    /// Throws ``SeriesIOError/invalidSeries(_:)`` when the lengths differ or a timestamp
    /// does not follow the one before it, instead of forecasting from misaligned data.
    public init(name: String, id: String? = nil, values: [Double], timestamps: [Int64],
                dateFormat: DateFormat = .index) throws(SeriesIOError)
    {
        guard timestamps.count == values.count else {
            throw .invalidSeries("series '\((id ?? name).clipped)': \(timestamps.count) timestamps for \(values.count) values")
        }
        if let i = timestamps.indices.dropFirst().first(where: { timestamps[$0] <= timestamps[$0 - 1] }) {
            throw .invalidSeries(
                "series '\((id ?? name).clipped)': timestamp \(i + 1) (\(dateFormat.format(timestamps[i]))) does not follow the one before it (\(dateFormat.format(timestamps[i - 1])))")
        }
        self.init(name: name, id: id, values: values)
        self.timestamps = timestamps
        self.dateFormat = dateFormat
    }

    public var count: Int { values.count }

    /// `id` when there is one, else `name`: how messages refer to the series.
    public var label: String { id ?? name }

    /// The stated frequency, else the one inferred from the timestamps, or `nil`
    /// without them.
    public var frequency: Frequency? {
        if let statedFrequency { return statedFrequency }
        guard let timestamps, let dateFormat else { return nil }
        return Frequency.infer(timestamps, format: dateFormat)
    }

    /// How many values are missing (`NaN`).
    public var missingCount: Int { values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) } }

    /// Gaps and irregular spacing of the timestamps against ``frequency``.
    public var regularity: Regularity? { grid?.regularity }

    /// The frequency and the regularity against it, inferring the frequency once.
    var grid: (frequency: Frequency, regularity: Regularity)? {
        guard let timestamps, let frequency else { return nil }
        return (frequency, Regularity(timestamps, frequency: frequency))
    }

    /// The timestamp of row `i` as it was written, or `#i` (1-based) without dates.
    public func position(_ i: Int) -> String {
        guard let timestamps, let dateFormat else { return "#\(i + 1)" }
        return dateFormat.format(timestamps[i])
    }

    /// The observations in `range`, as a series of their own (a backtest's history).
    public func slice(_ range: Range<Int>) -> Series {
        var s = self
        s.values = Array(values[range])
        s.timestamps = timestamps.map { Array($0[range]) }
        return s
    }

    /// The first `count` observations.
    public func prefix(_ count: Int) -> Series { slice(0..<min(count, self.count)) }

    /// The last `count` observations; the series itself, uncopied, when it has no more.
    public func suffix(_ count: Int) -> Series { count >= self.count ? self : slice(max(self.count - count, 0)..<self.count) }

    /// Throws unless every value is present and the timestamps sit on a regular grid:
    /// what a forecaster needs.
    public func checkForecastable() throws(SeriesIOError) {
        if let i = values.firstIndex(where: \.isNaN) {
            throw .missingInSeries(series: label, position: position(i))
        }
        guard let timestamps, let (frequency, regularity) = grid, let i = regularity.firstProblem else { return }
        if regularity.irregular > 0 {
            throw .irregularSpacing(series: label, after: position(i - 1), before: position(i),
                                    frequency: frequency.description)
        }
        let steps = frequency.slot(timestamps[i]).slot - frequency.slot(timestamps[i - 1]).slot
        throw .gap(series: label, after: position(i - 1), before: position(i), missingSteps: Int(steps - 1))
    }

    /// This series with `policy` applied to missing values and missing steps.
    ///
    /// `interpolate` and `ffill` first put missing steps back on the frequency's grid, so
    /// `1949-01,112` then `1949-03,132` becomes three monthly rows. `error` returns the
    /// series unchanged when nothing is missing and throws otherwise.
    public func filled(_ policy: MissingPolicy) throws(SeriesIOError) -> Series {
        switch policy {
        case .error:
            try checkForecastable()
            return self
        case .drop:
            let keep = values.indices.filter { !values[$0].isNaN }
            if keep.isEmpty { throw .allMissing(series: label) }
            var result = self
            result.values = keep.map { values[$0] }
            result.timestamps = timestamps.map { t in keep.map { t[$0] } }
            return result
        case .interpolate, .ffill:
            var result = try onGrid()
            guard let firstValid = result.values.firstIndex(where: { !$0.isNaN }) else {
                throw .allMissing(series: label)
            }
            var v = result.values
            for i in 0..<firstValid { v[i] = v[firstValid] }
            var lastValid = firstValid
            for i in (firstValid + 1)..<max(v.count, firstValid + 1) where !v[i].isNaN {
                if i - lastValid > 1 {
                    for j in (lastValid + 1)..<i {
                        if policy == .ffill {
                            v[j] = v[lastValid]
                        } else {
                            let w = Double(j - lastValid) / Double(i - lastValid)
                            v[j] = v[lastValid] + w * (v[i] - v[lastValid])
                        }
                    }
                }
                lastValid = i
            }
            for j in (lastValid + 1)..<max(v.count, lastValid + 1) { v[j] = v[lastValid] }
            result.values = v
            return result
        }
    }

    /// The series with a `NaN` row inserted at every missing grid step.
    private func onGrid() throws(SeriesIOError) -> Series {
        guard let timestamps, let (frequency, regularity) = grid, regularity.missingSteps > 0 || regularity.irregular > 0
        else { return self }
        if regularity.irregular > 0, let i = regularity.firstProblem {
            throw .irregularSpacing(series: label, after: position(i - 1), before: position(i),
                                    frequency: frequency.description)
        }
        var newValues: [Double] = []
        var newTimes: [Int64] = []
        newValues.reserveCapacity(count + regularity.missingSteps)
        newTimes.reserveCapacity(count + regularity.missingSteps)
        for i in values.indices {
            if i > 0 {
                let steps = frequency.slot(timestamps[i]).slot - frequency.slot(timestamps[i - 1]).slot
                if steps > 1 {
                    for k in 1..<Int(steps) {
                        newTimes.append(frequency.advance(timestamps[i - 1], by: k))
                        newValues.append(.nan)
                    }
                }
            }
            newTimes.append(timestamps[i])
            newValues.append(values[i])
        }
        var result = self
        result.values = newValues
        result.timestamps = newTimes
        return result
    }
}
