import Foundation
import Testing
import Forecasting

@Suite struct LibraryAPITests {
    @Test("A dated Series whose parts do not fit throws instead of trapping")
    func throwingInit() throws {
        #expect(throws: SeriesIOError.invalidSeries("series 'sales': 2 timestamps for 3 values")) {
            try Series(name: "sales", values: [1, 2, 3], timestamps: [0, 86_400], dateFormat: .day)
        }
        #expect(throws: SeriesIOError.invalidSeries(
            "series 'a': timestamp 3 (2020-01-02) does not follow the one before it (2020-01-03)")) {
            try Series(name: "sales", id: "a", values: [1, 2, 3], timestamps: [1_577_836_800, 1_578_009_600, 1_577_923_200],
                       dateFormat: .day)
        }
        let ok = try Series(name: "sales", values: [1, 2], timestamps: [1_577_836_800, 1_577_923_200], dateFormat: .day)
        #expect(ok.frequency == .daily)
    }

    @Test("Foundation dates in, Foundation dates out: a monthly series forecasts the following months")
    func dates() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let months = (0..<24).map { calendar.date(from: DateComponents(year: 2020 + $0 / 12, month: 1 + $0 % 12, day: 1))! }
        let series = try Series(name: "sales", values: (0..<24).map { Double(100 + $0 % 12) }, dates: months)
        #expect(series.frequency == .monthly)
        #expect(series.dates == months)
        #expect(series.position(0) == "2020-01-01")  // UTC midnights write as days
        let forecast = try SeasonalNaiveForecaster(period: 12).forecast(series, horizon: 3, levels: [80, 95])
        let expected = (0..<3).map { calendar.date(from: DateComponents(year: 2022, month: 1 + $0, day: 1))! }
        #expect(forecast.dates == expected)
        #expect(forecast.values == [100, 101, 102])
        // Intervals by level, not by position.
        let i80 = try #require(forecast.interval(80))
        let i95 = try #require(forecast.interval(95))
        #expect(i80.level == 80 && i95.level == 95)
        #expect(zip(i80.upper, i95.upper).allSatisfy { $0 <= $1 })
        #expect(forecast.interval(90) == nil)
        // Undated, or indexed by position: no dates to give.
        #expect(Series(name: "v", values: [1, 2]).dates == nil)
        #expect(try Series(name: "v", values: [1, 2], timestamps: [1, 2], dateFormat: .index).dates == nil)
    }

    @Test("Times of day keep their seconds")
    func dateTimes() throws {
        let start = Date(timeIntervalSince1970: 1_600_000_000)  // 2020-09-13 12:26:40 UTC
        let hours = (0..<5).map { start.addingTimeInterval(Double($0) * 3600) }
        let series = try Series(name: "load", values: [1, 2, 3, 4, 5], dates: hours)
        #expect(series.frequency == .hourly)
        #expect(series.position(0) == "2020-09-13 12:26:40")
        #expect(try NaiveForecaster().forecast(series, horizon: 1).dates == [start.addingTimeInterval(5 * 3600)])
    }

    // The DocC articles' worked examples, run: their stated results must hold.
    @Test("The ReadingFiles article: a long file with a hole, interpolated, two monthly series")
    func readingFilesArticle() throws {
        let csv = "store,month,sales\na,2024-01,10\na,2024-02,\na,2024-03,14\nb,2024-01,7\nb,2024-02,8\nb,2024-03,9\n"
        var options = CSVReadOptions(missing: .interpolate)
        options.idColumn = .name("store")
        let (series, layout) = try CSVReader(options: options).readDescribed(bytes: Array(csv.utf8), name: "sales.csv")
        #expect(series.map(\.id) == ["a", "b"])
        #expect(series[0].values == [10, 12, 14])
        #expect(series[0].frequency == .monthly)
        #expect(layout.lines.contains("long format: series by 'store', values in 'sales'"))
        #expect(throws: SeriesIOError.missingValue(path: "sales.csv", line: 3, column: 3, columnName: "sales")) {
            var strict = options
            strict.missing = .error
            _ = try CSVReader(options: strict).read(bytes: Array(csv.utf8), name: "sales.csv")
        }
    }

    @Test("The WindowsWithoutLeakage article: 131 windows, the last fifth validation, later than training")
    func windowingArticle() throws {
        let airline = try CSVReader().read(path: "datasets/air_passengers.csv")[0]
        let data = try PreparedData(
            series: [airline], window: WindowSpec(lags: 12, horizon: 1),
            transform: TransformSpec(log: true, difference: 1, scaler: .standard),
            split: SplitSpec(validation: .fraction(0.2)))
        #expect(data.train.count + data.validation.count == 131)
        #expect(data.validation.count == 26)
    }
}

