/// How far apart consecutive observations are, inferred from the timestamps.
///
/// Calendar frequencies (yearly, quarterly, monthly) step in months so that months of
/// different lengths stay one step apart; the others step by a fixed number of seconds,
/// and ``index(_:)`` by a fixed number of positions.
public enum Frequency: Sendable, Hashable, CustomStringConvertible {
    case yearly, quarterly, monthly
    /// Every `n` calendar months, when `n` is not 1, 3 or 12.
    case months(Int64)
    /// Every `n` months on the last day of the month (2020-01-31, 2020-02-29, …), as
    /// accounts and economic statistics are often dated.
    case monthEnd(Int64)
    case weekly, daily
    /// Monday to Friday: the day after a Friday is the next Monday.
    case businessDaily
    case hourly, minutely
    /// Every `n` seconds, when `n` is not a week, a day, an hour or a minute.
    case seconds(Int64)
    /// Plain integer positions, `n` apart.
    case index(Int64)

    /// The default seasonal period: yearly 1, quarterly 4, monthly 12, weekly 52,
    /// daily 7, business-daily 5, hourly 24, anything else 1.
    public var seasonalPeriod: Int {
        switch self {
        case .quarterly, .monthEnd(3): return 4
        case .monthly, .monthEnd(1): return 12
        case .weekly: return 52
        case .daily: return 7
        case .businessDaily: return 5
        case .hourly: return 24
        default: return 1
        }
    }

    public var description: String {
        switch self {
        case .yearly: return "yearly"
        case .quarterly: return "quarterly"
        case .monthly: return "monthly"
        case .months(let n): return "every \(n) months"
        case .monthEnd(let n):
            switch n {
            case 1: return "monthly (month end)"
            case 3: return "quarterly (month end)"
            case 12: return "yearly (month end)"
            default: return "every \(n) months (month end)"
            }
        case .weekly: return "weekly"
        case .daily: return "daily"
        case .businessDaily: return "business-daily"
        case .hourly: return "hourly"
        case .minutely: return "minutely"
        case .seconds(let n): return "every \(n) seconds"
        case .index(let n): return n == 1 ? "index" : "index, every \(n)"
        }
    }

    /// A frequency stated by name: the names ``description`` prints (`monthly`,
    /// `business-daily`, …) or a pandas alias (`D`, `B`, `W`, `MS`, `M`/`ME` month end,
    /// `QS`, `Q`/`QE`, `YS`/`AS`, `Y`/`A`/`YE`, `h`, `min`/`T`, `s`/`S`).
    public init(name: String) throws(SeriesIOError) {
        switch name {
        case "yearly", "annual", "YS", "AS", "YS-JAN", "AS-JAN": self = .yearly
        case "Y", "A", "YE", "Y-DEC", "A-DEC", "YE-DEC": self = .monthEnd(12)
        case "quarterly", "QS", "QS-JAN": self = .quarterly
        case "Q", "QE", "Q-DEC", "QE-DEC": self = .monthEnd(3)
        case "monthly", "MS": self = .monthly
        case "month-end", "M", "ME": self = .monthEnd(1)
        case "weekly", "W", "W-SUN", "W-MON": self = .weekly
        case "daily", "D": self = .daily
        case "business-daily", "B": self = .businessDaily
        case "hourly", "h", "H": self = .hourly
        case "minutely", "min", "T": self = .minutely
        case "secondly", "s", "S": self = .seconds(1)
        default:
            throw .invalidOption("unknown frequency '\(name.clipped)': expected yearly, quarterly, monthly, month-end, weekly, daily, business-daily, hourly, minutely, secondly or a pandas alias (D, B, W, MS, M, QS, Q, YS, Y, h, min, s)")
        }
    }

    /// The step in months for calendar frequencies, `nil` for fixed-length ones.
    var monthStep: Int64? {
        switch self {
        case .yearly: return 12
        case .quarterly: return 3
        case .monthly: return 1
        case .months(let n), .monthEnd(let n): return n
        default: return nil
        }
    }

    var isMonthEnd: Bool {
        if case .monthEnd = self { return true }
        return false
    }

    /// The step in timestamp units (seconds, or positions) for fixed-length frequencies.
    var fixedStep: Int64? {
        switch self {
        case .weekly: return 604_800
        case .daily: return 86_400
        case .hourly: return 3_600
        case .minutely: return 60
        case .seconds(let n), .index(let n): return n
        default: return nil
        }
    }

    /// The timestamp `k` steps after `t` (k may be negative).
    public func advance(_ t: Int64, by k: Int) -> Int64 {
        if self == .businessDaily {
            let (day, time) = Self.dayAndTime(t)
            // Business days are numbered 5 to a week from the epoch's week.
            let position = Self.businessPosition(day) + Int64(k)
            let week = Self.floorDivide(position, 5)
            return (week * 7 - 3 + (position - week * 5)) * 86_400 + time
        }
        if let months = monthStep {
            let shifted = CivilCalendar.addMonths(t, months * Int64(k))
            return isMonthEnd ? CivilCalendar.monthEnd(shifted) : shifted
        }
        return t + (fixedStep ?? 1) * Int64(k)
    }

    /// The position of `t` on this frequency's grid and the remainder off the grid
    /// (day of month and time of day for calendar steps, seconds for fixed ones).
    func slot(_ t: Int64) -> (slot: Int64, offset: Int64) {
        if self == .businessDaily {
            let (day, time) = Self.dayAndTime(t)
            // A weekend day is off the grid: its offset differs from every weekday's.
            let weekend: Int64 = CivilCalendar.weekday(days: day) >= 5 ? 86_400 : 0
            return (Self.businessPosition(day), time + weekend)
        }
        if let months = monthStep {
            let f = CivilCalendar.fields(t)
            let monthNumber = f.year * 12 + f.month - 1
            let slot = monthNumber >= 0 ? monthNumber / months : (monthNumber - months + 1) / months
            // Month-end dates differ in their day (28 to 31) but not in their place.
            let day = isMonthEnd ? 0 : f.day
            let offset = (monthNumber - slot * months) * 3_000_000 + day * 86_400 + f.secondOfDay
            return (slot, offset)
        }
        let step = fixedStep ?? 1
        let slot = t >= 0 ? t / step : (t - step + 1) / step
        return (slot, t - slot * step)
    }

    private static func dayAndTime(_ t: Int64) -> (day: Int64, time: Int64) {
        let day = floorDivide(t, 86_400)
        return (day, t - day * 86_400)
    }

    /// The count of business days from the Monday before the epoch to `day` (a weekend
    /// day counts as the Friday before it).
    private static func businessPosition(_ day: Int64) -> Int64 {
        let week = floorDivide(day + 3, 7)
        return week * 5 + min(CivilCalendar.weekday(days: day), 4)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    /// Infers the frequency from increasing timestamps: the most common distance
    /// between neighbours, so that a few gaps do not change the answer.
    /// `nil` when there are fewer than two timestamps.
    public static func infer(_ timestamps: [Int64], format: DateFormat) -> Frequency? {
        guard timestamps.count >= 2 else { return nil }
        switch format {
        case .index:
            return .index(mostCommon(differences(timestamps)))
        case .year, .quarter, .month:
            return monthFrequency(mostCommon(monthDifferences(timestamps)))
        case .day, .dateTime, .isoWeek, .pattern:
            // Dates that always fall on the same day of the month at the same time step
            // in months (2020-01-31 style end-of-month data aside).
            let first = CivilCalendar.fields(timestamps[0])
            let sameDay = timestamps.allSatisfy {
                let f = CivilCalendar.fields($0)
                return f.day == first.day && f.secondOfDay == first.secondOfDay
            }
            if sameDay {
                let step = mostCommon(monthDifferences(timestamps))
                if step >= 1 { return monthFrequency(step) }
            }
            let monthEnds = timestamps.allSatisfy {
                let f = CivilCalendar.fields($0)
                return f.day == CivilCalendar.daysInMonth(year: f.year, month: f.month)
                    && f.secondOfDay == first.secondOfDay
            }
            if monthEnds {
                let step = mostCommon(monthDifferences(timestamps))
                if step >= 1 { return .monthEnd(step) }
            }
            let steps = differences(timestamps)
            switch mostCommon(steps) {
            case 604_800: return .weekly
            case 86_400:
                // Weekends consistently absent: no Saturday or Sunday, and the week's
                // last day jumping to Monday.
                let days = timestamps.map { Self.dayAndTime($0).day }
                let noWeekend = days.allSatisfy { CivilCalendar.weekday(days: $0) < 5 }
                let fridayToMonday = zip(days, days.dropFirst()).contains {
                    CivilCalendar.weekday(days: $0) == 4 && $1 - $0 == 3
                }
                return noWeekend && fridayToMonday ? .businessDaily : .daily
            case 3_600: return .hourly
            case 60: return .minutely
            case let n: return .seconds(n)
            }
        }
    }

    private static func monthFrequency(_ step: Int64) -> Frequency {
        switch step {
        case 12: return .yearly
        case 3: return .quarterly
        case 1: return .monthly
        default: return .months(step)
        }
    }

    private static func differences(_ t: [Int64]) -> [Int64] {
        zip(t.dropFirst(), t).map { $0 - $1 }
    }

    private static func monthDifferences(_ t: [Int64]) -> [Int64] {
        let months = t.map { t -> Int64 in
            let f = CivilCalendar.fields(t)
            return f.year * 12 + f.month
        }
        return differences(months)
    }

    /// The most frequent value; ties go to the smallest, the finer grid.
    private static func mostCommon(_ values: [Int64]) -> Int64 {
        var counts: [Int64: Int] = [:]
        for v in values { counts[v, default: 0] += 1 }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }
        return max(best?.key ?? 1, 1)
    }
}

/// How regularly a series' timestamps sit on its frequency's grid.
public struct Regularity: Sendable, Hashable {
    /// Missing grid positions between observations (a jump of three steps is two).
    public var missingSteps: Int
    /// Timestamps off the grid that the first timestamp sets.
    public var irregular: Int
    /// The row at which the first gap or irregular place ends (its predecessor is the
    /// row before), `nil` when the series is regular.
    public var firstProblem: Int?

    /// Measures `timestamps` (increasing) against `frequency`.
    public init(_ timestamps: [Int64], frequency: Frequency) {
        missingSteps = 0
        irregular = 0
        firstProblem = nil
        guard let first = timestamps.first.map(frequency.slot) else { return }
        var previous = first
        for i in timestamps.indices.dropFirst() {
            let current = frequency.slot(timestamps[i])
            if current.offset != first.offset {
                irregular += 1
                if firstProblem == nil { firstProblem = i }
            } else if current.slot - previous.slot > 1 {
                missingSteps += Int(current.slot - previous.slot - 1)
                if firstProblem == nil { firstProblem = i }
            }
            previous = current
        }
    }
}
