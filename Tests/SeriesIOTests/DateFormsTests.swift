import Testing
@testable import SeriesIO

/// The date forms beyond plain ISO 8601. Expected seconds were computed independently
/// with Python's `datetime` (`fromisoformat`, `fromisocalendar`, `timestamp()` in UTC).
@Suite struct DateFormsTests {
    @Test("Detected forms parse to UTC seconds and are written back as they were read", arguments: [
        ("01/31/2020", "MM/DD/YYYY", Int64(1_580_428_800)),
        ("1/5/2020", "MM/DD/YYYY", 1_578_182_400),
        ("31/01/2020", "DD/MM/YYYY", 1_580_428_800),
        ("31.01.2020", "DD.MM.YYYY", 1_580_428_800),
        ("2020-01-31T00:00:00+01:00", "YYYY-MM-DDTHH:MM:SS±HH:MM", 1_580_425_200),
        ("2020-01-31T08:30:00-05:30", "YYYY-MM-DDTHH:MM:SS±HH:MM", 1_580_479_200),
        ("2020-01-31T00:00:00+0000", "YYYY-MM-DDTHH:MM:SS±HH:MM", 1_580_428_800),
        ("2020-01-31T00:00:00.000Z", "YYYY-MM-DDTHH:MM:SS.fff±HH:MM", 1_580_428_800),
        ("2020-01-31 13:45:00.000000", "YYYY-MM-DD HH:MM:SS.ffffff", 1_580_478_300),
        ("05 Dec 1999", "DD Mon YYYY", 944_352_000),
        ("5-Dec-1999", "DD-Mon-YYYY", 944_352_000),
        ("Dec 5, 1999", "Mon DD, YYYY", 944_352_000),
        ("December 1999", "Month YYYY", 944_006_400),
        ("2019-W02", "YYYY-Www", 1_546_819_200),
        ("2020-W53", "YYYY-Www", 1_609_113_600),
        ("2021-W01", "YYYY-Www", 1_609_718_400),
        ("2024-W01", "YYYY-Www", 1_704_067_200),
    ])
    func roundTrip(text: String, pattern: String, seconds: Int64) throws {
        let format = try #require(DateFormat.detect(text))
        #expect(format.pattern == pattern)
        #expect(format.parse(text) == seconds)
        #expect(format.format(seconds) == text)
    }

    @Test("Values that only look like dates are refused", arguments: [
        "02/30/2020", "13/13/2020", "32.01.2020", "2021-W53", "2020-W00",
        "2020-01-31T00:00:00.500Z", "2020-01-31T00:00:00+25:00", "2020-01-31T00:00:00+01:60",
    ])
    func refused(text: String) {
        #expect(DateFormat.detect(text) == nil)
    }

    @Test("Month-first is tried first; the day-first twin reads the same text the other way")
    func slashTwins() throws {
        let us = try #require(DateFormat.detect("01/02/2020"))
        #expect(us.pattern == "MM/DD/YYYY")
        let eu = try #require(us.swappedDayMonth)
        #expect(eu.pattern == "DD/MM/YYYY")
        #expect(us.parse("01/02/2020") == 1_577_923_200)  // 2020-01-02
        #expect(eu.parse("01/02/2020") == 1_580_515_200)  // 2020-02-01
    }

    @Test("Stated strftime forms parse and write", arguments: [
        ("%d %b %Y", "05 Dec 1999", "05 Dec 1999", Int64(944_352_000)),
        ("%d %b %Y", "05 DEC 1999", "05 Dec 1999", 944_352_000),
        ("%B %-d, %Y", "December 5, 1999", "December 5, 1999", 944_352_000),
        ("%Y%m%d", "19991205", "19991205", 944_352_000),
        ("%d/%m/%y %H:%M", "05/03/20 07:00", "05/03/20 07:00", 1_583_391_600),
        ("%m/%Y", "12/1999", "12/1999", 944_006_400),
        ("%Y.%m.%d %%", "1999.12.05 %", "1999.12.05 %", 944_352_000),
    ])
    func strftime(spec: String, text: String, written: String, seconds: Int64) throws {
        let format = DateFormat.pattern(try DatePattern(strftime: spec))
        #expect(format.parse(text) == seconds)
        #expect(format.format(seconds) == written)
    }

    @Test("A --date-format that cannot work is refused with the reason")
    func badStrftime() {
        #expect(throws: SeriesIOError.invalidDateFormat("%d/%m", reason: "it has no year (%Y or %y)")) {
            try DatePattern(strftime: "%d/%m")
        }
        #expect(throws: SeriesIOError.self) { try DatePattern(strftime: "%Y-%Q") }
        #expect(throws: SeriesIOError.self) { try DatePattern(strftime: "%Y-%") }
    }

    @Test("ISO weeks step weekly across a 53-week year")
    func isoWeeks() throws {
        let start = try #require(DateFormat.isoWeek.parse("2020-W52"))
        let next = (1...3).map { DateFormat.isoWeek.format(Frequency.weekly.advance(start, by: $0)) }
        #expect(next == ["2020-W53", "2021-W01", "2021-W02"])
        let s = try Series(name: "v", values: [1, 2, 3], timestamps: [start, start + 604_800, start + 2 * 604_800],
                       dateFormat: .isoWeek)
        #expect(s.frequency == .weekly)
    }

    @Test("Business days: weekends absent make business-daily, Friday is followed by Monday")
    func businessDays() throws {
        // 2024-01-01 is a Monday.
        let days = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09"]
        let s = try DateAndFrequencyTests.series(days)
        #expect(s.frequency == .businessDaily)
        #expect(Frequency.businessDaily.seasonalPeriod == 5)
        #expect(s.regularity?.missingSteps == 0)
        let friday = try #require(DateFormat.day.parse("2024-01-05"))
        #expect((0...6).map { DateFormat.day.format(Frequency.businessDaily.advance(friday, by: $0)) }
                == ["2024-01-05", "2024-01-08", "2024-01-09", "2024-01-10", "2024-01-11", "2024-01-12", "2024-01-15"])
        #expect(DateFormat.day.format(Frequency.businessDaily.advance(friday, by: -5)) == "2023-12-29")
        // A missing Wednesday is one gap; a Saturday is off the grid.
        let gap = try DateAndFrequencyTests.series(["2024-01-01", "2024-01-02", "2024-01-04", "2024-01-05", "2024-01-08"])
        #expect(gap.frequency == .businessDaily)
        #expect(gap.regularity?.missingSteps == 1)
        // Before 1970 too (floor division).
        let old = try #require(DateFormat.day.parse("1969-12-26"))  // a Friday
        #expect(DateFormat.day.format(Frequency.businessDaily.advance(old, by: 1)) == "1969-12-29")
        // Seven days a week stays daily.
        #expect(try DateAndFrequencyTests.series(["2024-01-05", "2024-01-06", "2024-01-07", "2024-01-08"]).frequency == .daily)
    }
}
