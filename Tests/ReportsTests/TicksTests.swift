import Testing
@testable import Reports
import SeriesIO
import Foundation
import Forecasters

/// Tick positions worked out by hand from the 1-2-5 rule and the calendar.
@Suite struct TicksTests {
    @Test("Value ticks step by 1, 2 or 5 times a power of ten and cover the data")
    func valueTicks() {
        // 474 / 6 = 79 → the next nice step is 100.
        let air = ValueTicks(lower: 148, upper: 622, maxCount: 6)
        #expect(air.step == 100 && air.values == [100, 200, 300, 400, 500, 600, 700])
        #expect(air.labels == ["100", "200", "300", "400", "500", "600", "700"])
        // 0.75 / 5 = 0.15 → 0.2, labels with one decimal, no 0.6000000000000001.
        let small = ValueTicks(lower: 0.12, upper: 0.87, maxCount: 5)
        #expect(small.values == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(small.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        // Negative values: 190 / 4 = 47.5 → 50.
        #expect(ValueTicks(lower: -150, upper: 40, maxCount: 4).values == [-150, -100, -50, 0, 50])
        // A flat line gets a tenth of its size either side: 4.5…5.5, step 0.2.
        let flat = ValueTicks(lower: 5, upper: 5, maxCount: 6)
        #expect(flat.step == 0.2 && flat.lower == 4.4 && flat.upper == 5.6)
        // Large values stay whole numbers.
        #expect(ValueTicks(lower: 0, upper: 3_000_000, maxCount: 3).labels == ["0", "1000000", "2000000", "3000000"])
    }

    static func day(_ y: Int64, _ m: Int64, _ d: Int64) -> Int64 { (CivilCalendar.days(year: y, month: m, day: d)) * 86_400 }

    @Test("Twelve years of months: one tick a year, on January 1st")
    func monthlyYears() {
        let ticks = TimeTicks(first: Self.day(1949, 1, 1), last: Self.day(1960, 12, 1), pixels: 800, characterWidth: 7,
                              finest: 28 * 86_400)
        #expect(ticks.unit == .years(1))
        #expect(ticks.labels == (1949...1960).map(String.init))
        #expect(ticks.values.first == Self.day(1949, 1, 1))
    }

    @Test("Three days of hours: every twelve hours, midnight labelled by its date alone")
    func hourly() {
        let ticks = TimeTicks(first: Self.day(2024, 3, 1), last: Self.day(2024, 3, 3) + 23 * 3600, pixels: 800,
                              characterWidth: 7, finest: 3600)
        #expect(ticks.unit == .hours(12))
        #expect(ticks.labels == ["2024-03-01", "2024-03-01 12:00", "2024-03-02", "2024-03-02 12:00",
                                 "2024-03-03", "2024-03-03 12:00"])
    }

    @Test("Quarterly data: half-year ticks labelled as quarters, never months")
    func quarterly() {
        let ticks = TimeTicks(first: Self.day(1960, 1, 1), last: Self.day(1962, 10, 1), pixels: 800, characterWidth: 7,
                              finest: 90 * 86_400, quarters: true)
        #expect(ticks.unit == .months(6))
        #expect(ticks.labels == ["1960-Q1", "1960-Q3", "1961-Q1", "1961-Q3", "1962-Q1", "1962-Q3"])
        // The same ticks on monthly data read as months.
        let monthly = TimeTicks(first: Self.day(1960, 1, 1), last: Self.day(1962, 10, 1), pixels: 800, characterWidth: 7,
                                finest: 90 * 86_400)
        #expect(monthly.labels.first == "1960-01" && monthly.labels[1] == "1960-07")
    }

    @Test("Weeks start on Monday")
    func weeks() {
        // 2024-01-01 was a Monday.
        let ticks = TimeTicks(first: Self.day(2023, 12, 30), last: Self.day(2024, 1, 28), pixels: 400, characterWidth: 7,
                              finest: 86_400)
        #expect(ticks.unit == .days(7))
        #expect(ticks.labels == ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"])
    }
}

@Suite struct PlotContentTests {
    @Test("The PlottingAForecast article: 96 months of history, value steps of 200, a tick a year")
    func article() throws {
        let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let series = try CSVReader().read(path: "/" + path + "/datasets/air_passengers.csv")[0]
        let forecast = try SeasonalNaiveForecaster(period: 12).forecast(series, horizon: 24, levels: [80, 95])
        let chart = ForecastPlot.chart(history: series, forecast: forecast, title: "t")
        guard case .line(let history, _, _, _, _)? = chart.layers.first(where: {
            if case .line(_, let color, _, _, _) = $0 { return color == "#222" }
            return false
        }) else {
            Issue.record("no history line")
            return
        }
        #expect(history.count == 96)
        let svg = ForecastPlot.svg(history: series, forecast: forecast)
        for label in ["200", "400", "600", "1953", "1954", "1961", "1962"] { #expect(svg.contains(">\(label)</text>"), "\(label)") }
        #expect(!svg.contains(">300</text>") && !svg.contains(">1953-07</text>"))
        // The legend row comes before the plot's clip path: drawn outside the data's area.
        let legend = try #require(svg.range(of: ">95% interval<")), clip = try #require(svg.range(of: "<clipPath"))
        #expect(legend.lowerBound < clip.lowerBound)
    }

    @Test("An undated series is plotted by position, and the forecast continues the positions")
    func undated() throws {
        let series = Series(name: "v", values: (1...10).map(Double.init))
        let forecast = try NaiveForecaster().forecast(series, horizon: 3)
        let chart = ForecastPlot.chart(history: series, forecast: forecast, title: "t")
        let xs = chart.layers.compactMap { layer -> [Double]? in
            if case .line(let points, let color, _, _, _) = layer, color == "#d62728" { return points.map(\.x) }
            return nil
        }
        #expect(xs == [[10, 11, 12, 13]])
    }
}
