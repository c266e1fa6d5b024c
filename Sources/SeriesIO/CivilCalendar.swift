/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01.
///
/// Foundation's `Calendar` would do this too, but it allocates and takes locks on
/// every call; the reader converts millions of dates, so it uses Howard Hinnant's
/// branch-light algorithms (public domain, "chrono-compatible low-level date
/// algorithms") instead.
package enum CivilCalendar {
    package static let secondsPerDay: Int64 = 86_400

    /// Days since 1970-01-01 of a valid (year, month, day).
    package static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// (year, month, day) of a day count since 1970-01-01.
    package static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func isLeap(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    package static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Seconds since the epoch split into calendar fields.
    static func fields(_ seconds: Int64) -> (year: Int64, month: Int64, day: Int64, secondOfDay: Int64) {
        var days = seconds / secondsPerDay
        var rest = seconds % secondsPerDay
        if rest < 0 {
            rest += secondsPerDay
            days -= 1
        }
        let (y, m, d) = civil(days: days)
        return (y, m, d, rest)
    }

    /// The same time of day on the last day of the timestamp's month.
    static func monthEnd(_ seconds: Int64) -> Int64 {
        let f = fields(seconds)
        return days(year: f.year, month: f.month, day: daysInMonth(year: f.year, month: f.month)) * secondsPerDay
            + f.secondOfDay
    }

    /// Adds whole calendar months, clamping the day to the target month's length
    /// (2020-01-31 plus one month is 2020-02-29), as pandas' `DateOffset(months:)` does.
    static func addMonths(_ seconds: Int64, _ months: Int64) -> Int64 {
        let f = fields(seconds)
        let total = f.year * 12 + (f.month - 1) + months
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        let day = min(f.day, daysInMonth(year: year, month: month))
        return days(year: year, month: month, day: day) * secondsPerDay + f.secondOfDay
    }

    /// The weekday of a day count, Monday 0 to Sunday 6 (1970-01-01 was a Thursday).
    static func weekday(days: Int64) -> Int64 {
        ((days + 3) % 7 + 7) % 7
    }

    /// The Monday of ISO week 1 of `year`: the week holding January 4.
    static func isoWeekOneMonday(_ year: Int64) -> Int64 {
        let january4 = days(year: year, month: 1, day: 4)
        return january4 - weekday(days: january4)
    }

    /// The ISO 8601 week-numbering year and week of a day: those of its week's Thursday.
    static func isoWeek(days d: Int64) -> (year: Int64, week: Int64) {
        let thursday = d - weekday(days: d) + 3
        let year = civil(days: thursday).year
        return (year, (thursday - days(year: year, month: 1, day: 1)) / 7 + 1)
    }
}
