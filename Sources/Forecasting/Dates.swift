#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Foundation's `Date` at the library's edge: inside, timestamps are `Int64` seconds in
// UTC, which is what the CSV reader produces and what the frequency arithmetic needs;
// SeriesIO itself stays free of Foundation.

extension Series {
    /// A dated series from Foundation dates, one per value and strictly increasing.
    ///
    /// `dateFormat` is how forecasts write their dates; by default `.day` when every date
    /// is a UTC midnight, else date and time to the second. Sub-second parts are dropped
    /// (timestamps are whole seconds). Throws ``SeriesIOError/invalidSeries(_:)`` as
    /// ``init(name:id:values:timestamps:dateFormat:)`` does.
    public init(name: String, id: String? = nil, values: [Double], dates: [Date], dateFormat: DateFormat? = nil)
        throws(SeriesIOError)
    {
        let timestamps = dates.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
        let format = dateFormat
            ?? (timestamps.allSatisfy { $0 % 86_400 == 0 } ? .day : .dateTime(separator: 0x20, seconds: true, zulu: false))
        try self.init(name: name, id: id, values: values, timestamps: timestamps, dateFormat: format)
    }

    /// The timestamps as Foundation dates; `nil` for an undated series or one indexed
    /// by position (``DateFormat/index``).
    public var dates: [Date]? { Self.dates(timestamps, dateFormat) }

    static func dates(_ timestamps: [Int64]?, _ format: DateFormat?) -> [Date]? {
        guard let timestamps, let format, format != .index else { return nil }
        return timestamps.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}

extension Forecast {
    /// The forecast steps' dates, continuing the series' frequency; `nil` when the series
    /// had no dates (or only positions).
    public var dates: [Date]? { Series.dates(timestamps, dateFormat) }
}
