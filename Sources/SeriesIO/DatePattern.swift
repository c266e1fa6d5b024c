/// A date form spelled with strftime-style codes (`%d/%m/%Y`), parsed and written
/// without Foundation or locale: the forms beyond ISO 8601's plain ones, and whatever
/// a user states with `--date-format`.
///
/// | code | meaning |
/// |---|---|
/// | `%Y` | four-digit year |
/// | `%y` | two-digit year: 69–99 are 1969–1999, 00–68 are 2000–2068 (POSIX) |
/// | `%m` `%d` `%H` | month, day, hour: one or two digits read, two written (`%-m`, `%-d`, `%-H` write one when one suffices) |
/// | `%M` `%S` | minute, second: two digits |
/// | `%b` `%B` | English month name, abbreviated (`Jan`) or full (`January`), any case |
/// | `%f` | a fraction of a second, which must be zero (timestamps are whole seconds) |
/// | `%z` | `Z`, `+HH:MM`, `+HHMM` or `+HH`: the value is converted to UTC, and written back with the first value's offset |
/// | `%%` | a `%` |
///
/// Any other character must appear as it is.
public struct DatePattern: Sendable, Hashable, CustomStringConvertible {
    enum Token: Sendable, Hashable {
        case literal(UInt8)
        case year4, year2
        case month(padded: Bool)
        case monthName(full: Bool)
        case day(padded: Bool)
        case hour(padded: Bool)
        case minute, second
        /// Written with `digits` zeros.
        case fraction(digits: Int)
        /// Written as `Z` (`nil`) or as this offset in minutes, with or without a colon.
        case zone(offsetMinutes: Int?, colon: Bool)
    }

    let tokens: [Token]

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses strftime-style `text`; throws on an unknown code or a form without a year.
    public init(strftime text: String) throws(SeriesIOError) {
        var tokens: [Token] = []
        // Indices rather than `ArraySlice.popFirst`: Swift 6.3's optimiser crashes on
        // the slice version under typed throws (an ownership verifier failure).
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            guard c == 0x25 else {
                tokens.append(.literal(c))
                continue
            }
            var unpadded = false
            if i < bytes.count, bytes[i] == 0x2D {
                unpadded = true
                i += 1
            }
            guard i < bytes.count else { throw .invalidDateFormat(text, reason: "it ends with %") }
            let code = bytes[i]
            i += 1
            switch (code, unpadded) {
            case (0x59, false): tokens.append(.year4)
            case (0x79, false): tokens.append(.year2)
            case (0x6D, _): tokens.append(.month(padded: !unpadded))
            case (0x64, _), (0x65, _): tokens.append(.day(padded: !unpadded && code == 0x64))
            case (0x48, _): tokens.append(.hour(padded: !unpadded))
            case (0x4D, false): tokens.append(.minute)
            case (0x53, false): tokens.append(.second)
            case (0x62, false), (0x68, false): tokens.append(.monthName(full: false))
            case (0x42, false): tokens.append(.monthName(full: true))
            case (0x66, false): tokens.append(.fraction(digits: 6))
            case (0x7A, false): tokens.append(.zone(offsetMinutes: 0, colon: true))
            case (0x25, false): tokens.append(.literal(0x25))
            default:
                throw .invalidDateFormat(text, reason: "%\(unpadded ? "-" : "")\(String(UnicodeScalar(code))) is not a code this reader knows (%Y %y %m %d %H %M %S %b %B %f %z %%)")
            }
        }
        guard tokens.contains(where: { $0 == .year4 || $0 == .year2 }) else {
            throw .invalidDateFormat(text, reason: "it has no year (%Y or %y)")
        }
        self.tokens = tokens
    }

    /// The strftime spelling.
    public var description: String {
        tokens.map { token -> String in
            switch token {
            case .literal(0x25): return "%%"
            case .literal(let c): return String(UnicodeScalar(c))
            case .year4: return "%Y"
            case .year2: return "%y"
            case .month(let padded): return padded ? "%m" : "%-m"
            case .monthName(let full): return full ? "%B" : "%b"
            case .day(let padded): return padded ? "%d" : "%-d"
            case .hour(let padded): return padded ? "%H" : "%-H"
            case .minute: return "%M"
            case .second: return "%S"
            case .fraction: return "%f"
            case .zone: return "%z"
            }
        }.joined()
    }

    /// The form as people write it (`DD.MM.YYYY`), for messages.
    var display: String {
        tokens.map { token -> String in
            switch token {
            case .literal(let c): return String(UnicodeScalar(c))
            case .year4: return "YYYY"
            case .year2: return "YY"
            case .month: return "MM"
            case .monthName(let full): return full ? "Month" : "Mon"
            case .day: return "DD"
            case .hour: return "HH"
            case .minute: return "MM"
            case .second: return "SS"
            case .fraction(let digits): return String(repeating: "f", count: max(digits, 1))
            case .zone: return "±HH:MM"
            }
        }.joined()
    }

    /// The same pattern with day and month swapped: `%m/%d/%Y` for `%d/%m/%Y`; `nil` when
    /// the pattern has not both, or names its month.
    var swappedDayMonth: DatePattern? {
        guard tokens.contains(where: { if case .day = $0 { return true } else { return false } }),
            tokens.contains(where: { if case .month = $0 { return true } else { return false } })
        else { return nil }
        return DatePattern(tokens: tokens.map { token in
            switch token {
            case .day(let padded): return .month(padded: padded)
            case .month(let padded): return .day(padded: padded)
            default: return token
            }
        })
    }

    /// Whether day comes before month (`%d/%m/%Y`).
    var dayFirst: Bool {
        for token in tokens {
            if case .day = token { return true }
            if case .month = token { return false }
        }
        return false
    }

    /// Parses `b`; with `fitting`, also returns this pattern adapted to how `b` is
    /// written (padding, fraction digits, offset), so that output matches the input.
    func parse(_ b: UnsafeRawBufferPointer, fitting: Bool = false) -> (seconds: Int64, fitted: DatePattern?)? {
        var i = 0
        let n = b.count
        var year: Int64?
        var month: Int64 = 1
        var day: Int64 = 1
        var hour: Int64 = 0
        var minute: Int64 = 0
        var second: Int64 = 0
        var offset: Int64 = 0
        var fitted: [Token] = []
        if fitting { fitted.reserveCapacity(tokens.count) }

        /// Up to `most` digits (at least `least`).
        func number(_ least: Int, _ most: Int) -> (value: Int64, width: Int)? {
            var v: Int64 = 0
            var width = 0
            while width < most, i < n, b[i] &- 0x30 < 10 {
                v = v * 10 + Int64(b[i] &- 0x30)
                i += 1
                width += 1
            }
            return width >= least ? (v, width) : nil
        }

        for token in tokens {
            var fit = token
            switch token {
            case .literal(let c):
                guard i < n, b[i] == c else { return nil }
                i += 1
            case .year4:
                guard let v = number(4, 4) else { return nil }
                year = v.value
            case .year2:
                guard let v = number(2, 2) else { return nil }
                year = v.value >= 69 ? 1900 + v.value : 2000 + v.value
            case .month:
                guard let v = number(1, 2) else { return nil }
                month = v.value
                fit = .month(padded: v.width == 2)
            case .day:
                guard let v = number(1, 2) else { return nil }
                day = v.value
                fit = .day(padded: v.width == 2)
            case .hour:
                guard let v = number(1, 2), v.value < 24 else { return nil }
                hour = v.value
                fit = .hour(padded: v.width == 2)
            case .minute:
                guard let v = number(2, 2), v.value < 60 else { return nil }
                minute = v.value
            case .second:
                guard let v = number(2, 2), v.value < 60 else { return nil }
                second = v.value
            case .monthName(let full):
                guard let m = Self.monthName(b, &i, full: full) else { return nil }
                month = m
            case .fraction:
                var digits = 0
                while i < n, b[i] &- 0x30 < 10 {
                    // Timestamps are whole seconds: a fraction that is not zero would be
                    // silently dropped, so such a value does not parse.
                    guard b[i] == 0x30 else { return nil }
                    i += 1
                    digits += 1
                }
                guard digits >= 1, digits <= 9 else { return nil }
                fit = .fraction(digits: digits)
            case .zone:
                guard i < n else { return nil }
                if b[i] == 0x5A || b[i] == 0x7A {
                    i += 1
                    fit = .zone(offsetMinutes: nil, colon: true)
                } else {
                    guard b[i] == 0x2B || b[i] == 0x2D else { return nil }
                    let sign: Int64 = b[i] == 0x2D ? -1 : 1
                    i += 1
                    guard let h = number(2, 2), h.value <= 23 else { return nil }
                    var m: Int64 = 0
                    var colon = true
                    if i < n, b[i] == 0x3A {
                        i += 1
                        guard let v = number(2, 2), v.value < 60 else { return nil }
                        m = v.value
                    } else if let v = number(2, 2) {
                        guard v.value < 60 else { return nil }
                        m = v.value
                        colon = false
                    }
                    offset = sign * (h.value * 60 + m)
                    fit = .zone(offsetMinutes: Int(offset), colon: colon)
                }
            }
            if fitting { fitted.append(fit) }
        }
        guard i == n, let year, (1...12).contains(month), day >= 1,
            day <= CivilCalendar.daysInMonth(year: year, month: month)
        else { return nil }
        let seconds = CivilCalendar.days(year: year, month: month, day: day) * CivilCalendar.secondsPerDay
            + hour * 3600 + minute * 60 + second - offset * 60
        return (seconds, fitting ? DatePattern(tokens: fitted) : nil)
    }

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ].map { Array($0.utf8) }

    private static func monthName(_ b: UnsafeRawBufferPointer, _ i: inout Int, full: Bool) -> Int64? {
        for (k, name) in monthNames.enumerated() {
            let length = full ? name.count : 3
            guard b.count - i >= length else { continue }
            if (0..<length).allSatisfy({ b[i + $0] | 0x20 == name[$0] }) {
                i += length
                return Int64(k + 1)
            }
        }
        return nil
    }

    /// Writes `t` (UTC seconds) in this pattern.
    func format(_ t: Int64) -> String {
        let zoneOffset = tokens.lazy.compactMap { token -> Int64? in
            if case .zone(let minutes, _) = token { return Int64(minutes ?? 0) }
            return nil
        }.first ?? 0
        let f = CivilCalendar.fields(t + zoneOffset * 60)
        var s = ""
        for token in tokens {
            switch token {
            case .literal(let c): s.unicodeScalars.append(UnicodeScalar(c))
            case .year4: s += padded(f.year, 4)
            case .year2: s += padded((f.year % 100 + 100) % 100, 2)
            case .month(let pad): s += pad ? padded(f.month, 2) : String(f.month)
            case .monthName(let full):
                let name = String(decoding: Self.monthNames[Int(f.month) - 1], as: UTF8.self).capitalized
                s += full ? name : String(name.prefix(3))
            case .day(let pad): s += pad ? padded(f.day, 2) : String(f.day)
            case .hour(let pad): s += pad ? padded(f.secondOfDay / 3600, 2) : String(f.secondOfDay / 3600)
            case .minute: s += padded(f.secondOfDay / 60 % 60, 2)
            case .second: s += padded(f.secondOfDay % 60, 2)
            case .fraction(let digits): s += String(repeating: "0", count: digits)
            case .zone(let minutes, let colon):
                guard let minutes else {
                    s += "Z"
                    continue
                }
                let m = Int64(abs(minutes))
                s += (minutes < 0 ? "-" : "+") + padded(m / 60, 2) + (colon ? ":" : "") + padded(m % 60, 2)
            }
        }
        return s
    }
}

private extension String {
    var capitalized: String { prefix(1).uppercased() + dropFirst() }
}

func padded(_ v: Int64, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
