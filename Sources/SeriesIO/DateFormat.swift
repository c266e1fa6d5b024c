/// The textual form of a date column, detected from its first value and kept so that
/// results are written back the way the input was written.
///
/// Timestamps are `Int64` seconds since 1970-01-01T00:00:00 (proleptic Gregorian, no
/// time zone, no leap seconds), except ``index``, whose timestamps are the integers
/// themselves.
///
/// | case | example |
/// |---|---|
/// | ``year`` | `1871` |
/// | ``quarter`` | `1960-Q1` (the quarter's first day) |
/// | ``month`` | `1949-01` (the month's first day) |
/// | ``day`` | `2014-04-30` |
/// | ``dateTime(separator:seconds:zulu:)`` | `2000-01-01 00:00`, `2000-01-01T00:00:30Z` |
/// | ``isoWeek`` | `2019-W02` (the week's Monday) |
/// | ``pattern(_:)`` | `01/31/2020`, `31.01.2020`, `2020-01-31T00:00:00+01:00`, `2020-01-31T00:00:00.000Z` |
/// | ``index`` | `17` |
public enum DateFormat: Sendable, Hashable {
    case year
    case quarter
    case month
    case day
    /// A date and a time of day; `separator` is a space or `T`, `seconds` tells whether
    /// `:SS` is present and `zulu` whether a trailing `Z` is.
    case dateTime(separator: UInt8, seconds: Bool, zulu: Bool)
    /// An ISO 8601 week, `YYYY-Www`, standing for its Monday.
    case isoWeek
    /// Any other form, spelled with strftime-style codes: the US, European and ISO 8601
    /// offset forms the reader detects, or a user's `--date-format`.
    case pattern(DatePattern)
    /// Plain integers: positions rather than dates.
    case index

    /// The pattern a user would recognise, for error messages.
    public var pattern: String {
        switch self {
        case .year: return "YYYY"
        case .quarter: return "YYYY-Qn"
        case .month: return "YYYY-MM"
        case .day: return "YYYY-MM-DD"
        case .dateTime(let separator, let seconds, let zulu):
            let sep = separator == UInt8(ascii: "T") ? "T" : " "
            return "YYYY-MM-DD\(sep)HH:MM\(seconds ? ":SS" : "")\(zulu ? "Z" : "")"
        case .isoWeek: return "YYYY-Www"
        case .pattern(let pattern): return pattern.display
        case .index: return "an integer"
        }
    }

    /// The forms tried after the plain ISO ones, in order: month-first before day-first
    /// for slashes (the column decides between them, see ``CSVReader``).
    static let detectedPatterns: [DatePattern] = [
        "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y",
        "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%dT%H:%M:%S.%f%z", "%Y-%m-%d %H:%M:%S.%f%z",
        "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S.%f",
        // Month names, English, as spreadsheets and reports write them.
        "%d %b %Y", "%d-%b-%Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %Y", "%B %Y", "%b-%Y",
    ].compactMap { try? DatePattern(strftime: $0) }

    /// Whether the form writes the day before the month (`31/01/2020`).
    var isDayFirst: Bool {
        if case .pattern(let p) = self { return p.dayFirst }
        return false
    }

    /// The day-first twin of a month-first form and the reverse, when a value could be
    /// either (`01/02/2020`).
    var swappedDayMonth: DateFormat? {
        if case .pattern(let p) = self, let swapped = p.swappedDayMonth { return .pattern(swapped) }
        return nil
    }

    /// The format of `text`, or `nil` when it is no date this toolkit reads.
    public static func detect(_ text: String) -> DateFormat? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { detect(UnsafeRawBufferPointer($0)) }
    }

    /// Parses `text` in this format.
    public func parse(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { parse(UnsafeRawBufferPointer($0)) }
    }

    static func detect(_ b: UnsafeRawBufferPointer) -> DateFormat? {
        let candidates: [DateFormat] = [
            .year, .quarter, .month, .day, .index,
            .dateTime(separator: 0x20, seconds: false, zulu: false),
            .dateTime(separator: 0x20, seconds: true, zulu: false),
            .dateTime(separator: 0x54, seconds: false, zulu: false),
            .dateTime(separator: 0x54, seconds: true, zulu: false),
            .dateTime(separator: 0x20, seconds: false, zulu: true),
            .dateTime(separator: 0x20, seconds: true, zulu: true),
            .dateTime(separator: 0x54, seconds: false, zulu: true),
            .dateTime(separator: 0x54, seconds: true, zulu: true),
        ]
        if let plain = candidates.first(where: { $0.parse(b) != nil }) { return plain }
        if DateFormat.isoWeek.parse(b) != nil { return .isoWeek }
        for pattern in detectedPatterns {
            if let fitted = pattern.parse(b, fitting: true)?.fitted { return .pattern(fitted) }
        }
        return nil
    }

    /// Parses raw field bytes; the hot path of the CSV reader, so no allocation.
    func parse(_ b: UnsafeRawBufferPointer) -> Int64? {
        switch self {
        case .year:
            guard b.count == 4, let y = digits(b, 0, 4) else { return nil }
            return CivilCalendar.days(year: y, month: 1, day: 1) * CivilCalendar.secondsPerDay
        case .quarter:
            guard b.count == 7, b[4] == 0x2D, b[5] == 0x51 || b[5] == 0x71,
                let y = digits(b, 0, 4), let q = digits(b, 6, 1), (1...4).contains(q)
            else { return nil }
            return CivilCalendar.days(year: y, month: 3 * q - 2, day: 1) * CivilCalendar.secondsPerDay
        case .month:
            guard b.count == 7, b[4] == 0x2D, let y = digits(b, 0, 4), let m = digits(b, 5, 2),
                (1...12).contains(m)
            else { return nil }
            return CivilCalendar.days(year: y, month: m, day: 1) * CivilCalendar.secondsPerDay
        case .day:
            guard b.count == 10, let d = Self.parseDay(b) else { return nil }
            return d * CivilCalendar.secondsPerDay
        case .dateTime(let separator, let seconds, let zulu):
            let length = (seconds ? 19 : 16) + (zulu ? 1 : 0)
            guard b.count == length, b[10] == separator, b[13] == 0x3A,
                let d = Self.parseDay(b), let h = digits(b, 11, 2), let mi = digits(b, 14, 2),
                h < 24, mi < 60
            else { return nil }
            var s: Int64 = 0
            if seconds {
                guard b[16] == 0x3A, let sec = digits(b, 17, 2), sec < 60 else { return nil }
                s = sec
            }
            if zulu, b[length - 1] != 0x5A { return nil }
            return d * CivilCalendar.secondsPerDay + h * 3600 + mi * 60 + s
        case .isoWeek:
            guard b.count == 8, b[4] == 0x2D, b[5] == 0x57 || b[5] == 0x77, let y = digits(b, 0, 4),
                let w = digits(b, 6, 2), w >= 1
            else { return nil }
            let monday = CivilCalendar.isoWeekOneMonday(y) + 7 * (w - 1)
            // Week 53 exists only in long years: it must still belong to year `y`.
            guard CivilCalendar.isoWeek(days: monday).year == y else { return nil }
            return monday * CivilCalendar.secondsPerDay
        case .pattern(let pattern):
            return pattern.parse(b)?.seconds
        case .index:
            var i = 0
            var negative = false
            if b.count > 1, b[0] == 0x2D || b[0] == 0x2B {
                negative = b[0] == 0x2D
                i = 1
            }
            guard b.count - i >= 1, b.count - i <= 18, let v = digits(b, i, b.count - i) else { return nil }
            return negative ? -v : v
        }
    }

    /// Days since the epoch of `YYYY-MM-DD` at the start of `b`, validated.
    private static func parseDay(_ b: UnsafeRawBufferPointer) -> Int64? {
        guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D, let y = digits(b, 0, 4),
            let m = digits(b, 5, 2), let d = digits(b, 8, 2), (1...12).contains(m),
            d >= 1, d <= CivilCalendar.daysInMonth(year: y, month: m)
        else { return nil }
        return CivilCalendar.days(year: y, month: m, day: d)
    }

    /// Formats a timestamp as this format writes it.
    public func format(_ t: Int64) -> String {
        switch self {
        case .index: return String(t)
        case .pattern(let pattern): return pattern.format(t)
        case .isoWeek:
            var days = t / CivilCalendar.secondsPerDay
            if t % CivilCalendar.secondsPerDay < 0 { days -= 1 }
            let week = CivilCalendar.isoWeek(days: days)
            return "\(pad(week.year, 4))-W\(pad(week.week, 2))"
        default: break
        }
        let f = CivilCalendar.fields(t)
        let y = pad(f.year, 4)
        switch self {
        case .year: return y
        case .quarter: return "\(y)-Q\((f.month - 1) / 3 + 1)"
        case .month: return "\(y)-\(pad(f.month, 2))"
        case .day: return "\(y)-\(pad(f.month, 2))-\(pad(f.day, 2))"
        case .dateTime(let separator, let seconds, let zulu):
            let hms = f.secondOfDay
            var s = "\(y)-\(pad(f.month, 2))-\(pad(f.day, 2))"
            s += separator == 0x54 ? "T" : " "
            s += "\(pad(hms / 3600, 2)):\(pad(hms / 60 % 60, 2))"
            if seconds { s += ":\(pad(hms % 60, 2))" }
            if zulu { s += "Z" }
            return s
        case .index, .isoWeek, .pattern: return ""
        }
    }
}

@inline(__always)
private func digits(_ b: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int64? {
    var v: Int64 = 0
    for i in start..<(start + count) {
        let d = Int64(b[i]) &- 0x30
        guard d >= 0, d <= 9 else { return nil }
        v = v * 10 + d
    }
    return v
}

private func pad(_ v: Int64, _ width: Int) -> String { padded(v, width) }
