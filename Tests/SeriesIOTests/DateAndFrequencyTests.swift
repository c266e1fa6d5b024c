import Testing
@testable import SeriesIO

@Suite struct DateAndFrequencyTests {
    // Expected seconds computed independently with Python's datetime.
    @Test("Every date form parses to seconds since 1970 and formats back", arguments: [
        ("1871", DateFormat.year, Int64(-3_124_137_600)),
        ("1960-Q3", .quarter, -299_894_400),
        ("1949-01", .month, -662_688_000),
        ("2014-04-30", .day, 1_398_816_000),
        ("2000-02-29 13:45", .dateTime(separator: 0x20, seconds: false, zulu: false), 951_831_900),
        ("2000-02-29T13:45:30", .dateTime(separator: 0x54, seconds: true, zulu: false), 951_831_930),
        ("2000-02-29T13:45:30Z", .dateTime(separator: 0x54, seconds: true, zulu: true), 951_831_930),
        ("2024-12-31 23:59:59", .dateTime(separator: 0x20, seconds: true, zulu: false), 1_735_689_599),
        ("1600-03-01", .day, -11_670_912_000),
        ("17", .index, 17),
        ("-3", .index, -3),
    ])
    func dates(text: String, format: DateFormat, seconds: Int64) {
        #expect(DateFormat.detect(text) == format)
        #expect(format.parse(text) == seconds)
        #expect(format.format(seconds) == text)
    }

    @Test("Impossible dates are refused", arguments: [
        "2021-02-29", "2020-13", "2020-00-10", "2020-Q5", "2020-01-01 24:00", "2020-01-01 10:60", "20-01", "2020/01/01",
    ])
    func impossible(text: String) {
        #expect(DateFormat.detect(text) == nil)
    }

    static func series(_ dates: [String]) throws -> Series {
        let format = DateFormat.detect(dates[0])!
        return try Series(name: "v", values: dates.map { _ in 1 }, timestamps: dates.map { format.parse($0)! },
                      dateFormat: format)
    }

    @Test("Frequencies and their seasonal periods are inferred", arguments: [
        (["1871", "1872", "1873"], Frequency.yearly, 1),
        (["1960-Q1", "1960-Q2", "1960-Q3", "1960-Q4", "1961-Q1"], .quarterly, 4),
        (["1949-11", "1949-12", "1950-01", "1950-02"], .monthly, 12),
        (["2020-01-15", "2020-02-15", "2020-03-15"], .monthly, 12),
        (["2020-01-01", "2020-04-01", "2020-07-01"], .quarterly, 4),
        (["1991-02-04", "1991-02-11", "1991-02-18"], .weekly, 52),
        (["2020-02-28", "2020-02-29", "2020-03-01"], .daily, 7),
        (["2020-01-01 00:00", "2020-01-01 01:00", "2020-01-01 02:00"], .hourly, 24),
        (["2020-01-01 00:00", "2020-01-01 00:01", "2020-01-01 00:02"], .minutely, 1),
        (["2020-01-01 00:00:00", "2020-01-01 00:00:30", "2020-01-01 00:01:00"], .seconds(30), 1),
        (["2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30"], .monthEnd(1), 12),
        (["2019-12-31", "2020-03-31", "2020-06-30", "2020-09-30"], .monthEnd(3), 4),
        (["1", "2", "3"], .index(1), 1),
        (["10", "20", "40"], .index(10), 1),
    ])
    func frequencies(dates: [String], frequency: Frequency, season: Int) throws {
        #expect(try Self.series(dates).frequency == frequency)
        #expect(frequency.seasonalPeriod == season)
    }

    @Test("Month-end series are regular, and a missing month end is one gap")
    func monthEndGaps() throws {
        let s = try Self.series(["2020-01-31", "2020-02-29", "2020-03-31", "2020-05-31", "2020-06-30"])
        #expect(s.frequency == .monthEnd(1))
        #expect(s.regularity?.irregular == 0)
        #expect(s.regularity?.missingSteps == 1)
    }

    @Test("Gaps are counted in missing steps; a few do not change the frequency")
    func gaps() throws {
        let s = try Self.series(["2020-01", "2020-02", "2020-05", "2020-06", "2020-08"])
        #expect(s.frequency == .monthly)
        #expect(s.regularity?.missingSteps == 3)
        #expect(SeriesSummary(s).gaps == 3)
        #expect(throws: SeriesIOError.gap(series: "v", after: "2020-02", before: "2020-05", missingSteps: 2)) {
            try s.checkForecastable()
        }
        let hourly = try Self.series(["2020-01-01 00:00", "2020-01-01 01:00", "2020-01-01 02:00", "2020-01-01 02:30", "2020-01-01 04:00"])
        #expect(hourly.frequency == .hourly)
        #expect(hourly.regularity?.irregular == 1)
        #expect(hourly.regularity?.missingSteps == 1)
    }

    @Test("Frequencies step forward on the calendar")
    func advance() {
        let jan31 = DateFormat.day.parse("2020-01-31")!
        #expect(DateFormat.day.format(Frequency.monthly.advance(jan31, by: 1)) == "2020-02-29")
        #expect(DateFormat.day.format(Frequency.monthly.advance(jan31, by: 13)) == "2021-02-28")
        #expect(DateFormat.quarter.format(Frequency.quarterly.advance(DateFormat.quarter.parse("1986-Q4")!, by: 1)) == "1987-Q1")
        #expect(DateFormat.year.format(Frequency.yearly.advance(DateFormat.year.parse("1970")!, by: -2)) == "1968")
        #expect(DateFormat.day.format(Frequency.weekly.advance(DateFormat.day.parse("2016-12-26")!, by: 3)) == "2017-01-16")
        // Month-end data stays on month ends: February's 29th is followed by March's 31st.
        let feb = DateFormat.day.parse("2020-02-29")!
        #expect((1...3).map { DateFormat.day.format(Frequency.monthEnd(1).advance(feb, by: $0)) }
                == ["2020-03-31", "2020-04-30", "2020-05-31"])
        #expect(DateFormat.day.format(Frequency.monthEnd(3).advance(DateFormat.day.parse("2020-09-30")!, by: 1)) == "2020-12-31")
    }
}
