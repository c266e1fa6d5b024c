import SeriesIO

/// Tick marks of a value axis at "nice" steps (1, 2 or 5 times a power of ten), the
/// axis widened to whole steps, as R's `pretty` and matplotlib's `MaxNLocator` do: a
/// reader reads 200, 400, 600 at a glance, not 148, 288, 428.
public struct ValueTicks: Sendable, Equatable {
    /// The axis' ends, whole multiples of ``step`` around the data.
    public var lower: Double
    public var upper: Double
    public var step: Double
    public var values: [Double]

    /// Ticks covering `lower...upper` with at most `maxCount` intervals between them.
    public init(lower: Double, upper: Double, maxCount: Int = 6) {
        var lo = lower.isFinite ? lower : 0, hi = upper.isFinite ? upper : 1
        if lo > hi { swap(&lo, &hi) }
        if hi - lo < max(abs(hi), abs(lo), 1e-300) * 1e-12 {
            // A flat line: one unit (or a tenth of its size) either side.
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let raw = (hi - lo) / Double(max(1, maxCount))
        // The step as an integer (1, 2, 5 or 10) times 10^exponent, and every tick as an
        // integer multiple of it divided (not multiplied) by a power of ten: 0.6, never
        // 0.6000000000000001.
        var exponent = 0
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10; exponent += 1 }
        while magnitude > raw { magnitude /= 10; exponent -= 1 }
        let fraction = raw / magnitude
        var nice: Int64 = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        if nice == 10 { nice = 1; exponent += 1 }
        let scale = Number.pow10(abs(exponent))
        func value(_ units: Int64) -> Double {
            exponent >= 0 ? Double(units) * scale : Double(units) / scale
        }
        let unitsPerStep = nice
        let stepValue = value(unitsPerStep)
        let first = Int64((lo / stepValue).rounded(.down)) * unitsPerStep
        let last = Int64((hi / stepValue).rounded(.up)) * unitsPerStep
        step = stepValue
        self.lower = value(first)
        self.upper = value(last)
        values = Swift.stride(from: first, through: last, by: Int(unitsPerStep)).map { value($0) + 0 }
    }

    /// Decimals that show every tick exactly: 0 for a step of 100, 1 for 0.5, 2 for 0.02.
    public var decimals: Int {
        var d = 0, s = step
        while d < 12 && abs(s - s.rounded()) > 1e-9 * max(1, abs(s)) {
            s *= 10
            d += 1
        }
        return d
    }

    /// The tick values as labels, with thousands kept whole (`1000000`, not `1e+06`).
    public var labels: [String] { values.map { TextFormatting.fixed($0, digits: decimals) } }
}

/// Tick marks of a time axis on calendar boundaries: years, quarters, months, weeks,
/// days or hours, whichever is the finest whose labels still fit side by side.
public struct TimeTicks: Sendable, Equatable {
    /// A calendar step and how its ticks are labelled.
    public enum Unit: Sendable, Equatable {
        case years(Int)
        case months(Int)
        case days(Int)
        case hours(Int)
        case minutes(Int)
        case seconds(Int)
    }

    public var unit: Unit
    /// Seconds since 1970 (UTC) of each tick.
    public var values: [Int64]
    public var labels: [String]

    /// Ticks within `first...last` whose labels fit in `pixels` side by side
    /// (`characterWidth` pixels a character, a gap between labels), never finer than
    /// `finest` seconds (the data's own step: quarterly data gets no monthly ticks).
    /// `quarters` labels 3- and 6-month ticks `1987-Q2`, as quarterly data is written;
    /// otherwise they read `1987-04`.
    public init(first: Int64, last: Int64, pixels: Double, characterWidth: Double = 7, finest: Int64 = 1,
                quarters: Bool = false) {
        let lo = min(first, last), hi = max(first, last)
        let candidates: [Unit] = [
            .seconds(1), .seconds(5), .seconds(15), .seconds(30), .minutes(1), .minutes(5), .minutes(15),
            .minutes(30), .hours(1), .hours(3), .hours(6), .hours(12), .days(1), .days(2), .days(7), .days(14),
            .months(1), .months(3), .months(6), .years(1), .years(2), .years(5), .years(10), .years(20),
            .years(50), .years(100), .years(200), .years(500), .years(1000),
        ]
        var chosen: (Unit, [Int64])?
        for unit in candidates where Self.nominalSeconds(unit) >= Double(finest) * 0.99 {
            let fit = max(1, Int(pixels / (Double(Self.labelWidth(unit)) * characterWidth + 18)))
            let ticks = Self.ticks(unit, lo, hi, limit: fit + 1)
            if ticks.count <= fit {
                chosen = (unit, ticks)
                break
            }
        }
        let (unit, ticks) = chosen ?? (.years(1000), Self.ticks(.years(1000), lo, hi, limit: 2))
        self.unit = unit
        values = ticks
        labels = ticks.map { Self.label($0, unit: unit, quarters: quarters) }
    }

    static func nominalSeconds(_ unit: Unit) -> Double {
        switch unit {
        case .years(let n): return Double(n) * 365.2425 * 86_400
        case .months(let n): return Double(n) * 30.436875 * 86_400
        case .days(let n): return Double(n) * 86_400
        case .hours(let n): return Double(n) * 3600
        case .minutes(let n): return Double(n) * 60
        case .seconds(let n): return Double(n)
        }
    }

    /// The ticks of `unit` in `lo...hi`, stopping past `limit` (so a fine unit over a
    /// long range costs nothing).
    static func ticks(_ unit: Unit, _ lo: Int64, _ hi: Int64, limit: Int) -> [Int64] {
        var out: [Int64] = []
        let day = CivilCalendar.secondsPerDay
        func fixed(_ step: Int64, offset: Int64 = 0) {
            var t = ((lo - offset) / step) * step + offset
            if t < lo { t += step }
            while t <= hi && out.count <= limit {
                out.append(t)
                t += step
            }
        }
        switch unit {
        case .seconds(let n): fixed(Int64(n))
        case .minutes(let n): fixed(Int64(n) * 60)
        case .hours(let n): fixed(Int64(n) * 3600)
        case .days(let n) where n == 7 || n == 14:
            // Weeks start on Monday (1970-01-05 was one), as ISO weeks do.
            fixed(Int64(n) * day, offset: 4 * day)
        case .days(let n): fixed(Int64(n) * day)
        case .months(let n):
            let (y, m, _) = CivilCalendar.civil(days: Self.floorDiv(lo, day))
            var index = y * 12 + (m - 1)
            index = Self.floorDiv(index, Int64(n)) * Int64(n)
            while out.count <= limit {
                let t = CivilCalendar.days(year: Self.floorDiv(index, 12), month: index - Self.floorDiv(index, 12) * 12 + 1, day: 1) * day
                if t > hi { break }
                if t >= lo { out.append(t) }
                index += Int64(n)
            }
        case .years(let n):
            let (y, _, _) = CivilCalendar.civil(days: Self.floorDiv(lo, day))
            var year = Self.floorDiv(y, Int64(n)) * Int64(n)
            while out.count <= limit {
                let t = CivilCalendar.days(year: year, month: 1, day: 1) * day
                if t > hi { break }
                if t >= lo { out.append(t) }
                year += Int64(n)
            }
        }
        return out
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    static func label(_ t: Int64, unit: Unit, quarters: Bool = false) -> String {
        let day = CivilCalendar.secondsPerDay
        let (y, m, d) = CivilCalendar.civil(days: floorDiv(t, day))
        let seconds = t - floorDiv(t, day) * day
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let date = "\(y)-\(two(m))-\(two(d))"
        let clock = "\(two(seconds / 3600)):\(two(seconds / 60 % 60))"
        switch unit {
        case .years: return String(y)
        case .months(let n) where quarters && (n == 3 || n == 6): return "\(y)-Q\((m - 1) / 3 + 1)"
        case .months: return "\(y)-\(two(m))"
        case .days: return date
        case .hours, .minutes: return seconds == 0 ? date : "\(date) \(clock)"
        case .seconds: return "\(clock):\(two(seconds % 60))"
        }
    }

    /// How wide (in characters) a label of `unit` is: the axis asks before choosing.
    static func labelWidth(_ unit: Unit) -> Int {
        switch unit {
        case .years: return 4
        case .months: return 7  // 1987-04 or 1987-Q2
        case .days: return 10
        case .hours, .minutes: return 16
        case .seconds: return 8
        }
    }
}

/// 10ⁿ, exactly (for n ≤ 22), without Foundation.
enum Number {
    static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<n { p *= 10 }
        return p
    }
}
