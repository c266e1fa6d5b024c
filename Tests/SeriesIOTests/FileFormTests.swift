import Testing
@testable import SeriesIO

/// The files of issue #13, one fixture per form (Tests/Fixtures/files, written from the
/// bundled datasets by make-files.py): each reads to the series of the plain file it
/// came from, with its dates.
@Suite struct FileFormTests {
    static func fixture(_ name: String) -> String { repositoryRoot + "/Tests/Fixtures/files/" + name }

    static func readFixture(_ name: String, _ options: CSVReadOptions = CSVReadOptions())
        throws -> (series: [Series], layout: FileLayout)
    {
        try CSVReader(options: options).readDescribed(path: fixture(name))
    }

    static let daily = { () -> Series in
        (try? CSVReader().read(path: dataset("hyndsight_daily.csv"))[0]) ?? Series(name: "", values: [])
    }()

    @Test("Every date form reads to the same days as the ISO file and writes back as written", arguments: [
        ("dates-us.csv", "MM/DD/YYYY", "04/30/2014"),
        ("dates-eu-dots.csv", "DD.MM.YYYY", "30.04.2014"),
        ("dates-eu-slash.csv", "DD/MM/YYYY", "30/04/2014"),
        ("dates-iso-offset.csv", "YYYY-MM-DDTHH:MM:SS±HH:MM", "2014-04-30T00:00:00+00:00"),
        ("dates-iso-fraction.csv", "YYYY-MM-DDTHH:MM:SS.fff±HH:MM", "2014-04-30T00:00:00.000Z"),
    ])
    func dateForms(name: String, pattern: String, first: String) throws {
        let (series, layout) = try Self.readFixture(name)
        let s = try #require(series.first)
        #expect(s.values == Self.daily.values)
        #expect(s.timestamps == Self.daily.timestamps)
        #expect(s.frequency == .daily)
        #expect(layout.dateFormat?.pattern == pattern)
        #expect(s.position(0) == first)
        // Written back in the form read: every row's text is the file's text.
        let text = try String(contentsOfFile: Self.fixture(name), encoding: .utf8)
        let dates = text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(s.values.indices.map(s.position) == dates)
    }

    @Test("An offset is converted to UTC and written back with the file's offset")
    func offsets() throws {
        let s = try #require(try Self.readFixture("dates-iso-offset-cet.csv").series.first)
        #expect(s.timestamps?.first == (Self.daily.timestamps?.first ?? 0) - 3600)  // midnight at +01:00
        #expect(s.frequency == .daily)
        #expect(s.dateFormat?.format(Frequency.daily.advance(s.timestamps?.last ?? 0, by: 1)) == "2014-06-29T00:00:00+01:00")
    }

    @Test("ISO weeks read as their Mondays, weekly")
    func isoWeeks() throws {
        let s = try #require(try Self.readFixture("dates-iso-week.csv").series.first)
        let plain = try CSVReader().read(path: dataset("us_gasoline_weekly.csv"))[0]
        #expect(s.values == plain.values)
        #expect(s.timestamps == plain.timestamps)  // the source's dates are Mondays
        #expect(s.frequency == .weekly && s.position(0) == "1991-W06")
    }

    @Test("Slash dates that read both ways are decided by the whole column, then by the regular grid")
    func dayMonthDecisions() throws {
        // Monthly on the 1st, month first: only that reading is a monthly grid.
        let (monthly, layout) = try Self.readFixture("dates-us-monthly.csv")
        let air = try CSVReader().read(path: dataset("air_passengers.csv"))[0]
        #expect(monthly[0].timestamps == air.timestamps && monthly[0].frequency == .monthly)
        #expect(layout.dateFormat?.pattern == "MM/DD/YYYY")
        #expect(layout.dayMonthDecision == "the only reading on a regular grid")
        // A day above 12 after the sample decides it, however far down.
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var rows = [2020, 2021].flatMap { y in (1...12).flatMap { m in (1...12).map { d in "\(two(d))/\(two(m))/\(y)" } } }
        rows.append("13/12/2021")
        let late = try CSVReader().readDescribed(bytes: Array(("date,value\n" + rows.map { "\($0),1\n" }.joined()).utf8))
        #expect(late.layout.dateFormat?.pattern == "DD/MM/YYYY")
        #expect(late.layout.dayMonthDecision == "a value later in the file reads only this way")
        #expect(late.series[0].position(288) == "13/12/2021")
        // Two dates each way round, equally regular: an error asking for --date-format.
        #expect(readError("date,value\n01/02/2020,1\n02/03/2020,2\n") == .ambiguousDates(
            path: "t.csv", column: 1, example: "01/02/2020", monthFirst: "2020-01-02", dayFirst: "2020-02-01"))
        // Stated, it reads as stated.
        let stated = try read("date,value\n01/02/2020,1\n01/03/2020,2\n",
                              CSVReadOptions(dateFormat: .pattern(try DatePattern(strftime: "%d/%m/%Y"))))
        #expect(stated[0].frequency == .monthly && stated[0].position(1) == "01/03/2020")
    }

    @Test("A first column that looks like dates but does not parse is an error naming line and value")
    func badDates() throws {
        #expect(readError("date,value\n2023-02-30,1\n") == .invalidDate(
            path: "t.csv", line: 2, column: 1, text: "2023-02-30", expected: CSVReader.dateForms + " (or give a date format)"))
        #expect(readError("date,value\n2020-00,1\n2020-13,2\n") == .invalidDate(
            path: "t.csv", line: 2, column: 1, text: "2020-00", expected: CSVReader.dateForms + " (or give a date format)"))
        #expect(readError("date,value\n2020/31/01,1\n2020/01/02,2\n")?.description.hasPrefix("t.csv:2:1: expected a date like") == true)
        // Most values dates, one not: a date column with an error on that line.
        #expect(readError("date,value\n2020-01-01,1\n2020-01-02,2\n2020-02-30,3\n") == .invalidDate(
            path: "t.csv", line: 4, column: 1, text: "2020-02-30", expected: "YYYY-MM-DD"))
        // Sub-second fractions would be dropped: refused.
        #expect(readError("date,value\n2020-01-01T00:00:00.500Z,1\n2020-01-01T00:00:01.000Z,2\n") != nil)
        // Names and numbers are not dates.
        #expect(try read("name,value\nab-1,1\nab-2,2\n")[0].timestamps == nil)
    }

    @Test("pandas' index is skipped whether the dates come before or after the values")
    func pandas() throws {
        let air = try CSVReader().read(path: dataset("air_passengers.csv"))[0]
        for name in ["pandas-index.csv", "pandas-index-dates-last.csv"] {
            let (series, layout) = try Self.readFixture(name)
            #expect(series.count == 1 && layout.skippedIndex)
            #expect(series[0].values == air.values && series[0].timestamps == air.timestamps)
            #expect(layout.dateColumn == "date")
        }
    }

    @Test("Nixtla's long format needs no flags, and says so")
    func nixtla() throws {
        let (series, layout) = try Self.readFixture("nixtla.csv")
        #expect(series.map(\.id) == ["air", "air_late", "air_mid"])
        #expect(series.allSatisfy { $0.count == 24 && $0.frequency == .monthly })
        #expect(layout.lines.contains("long format: series by 'unique_id' (Nixtla unique_id,ds,y header), values in 'y'"))
    }

    @Test("A wide file: one series per column, trimmed to where each starts and ends")
    func wide() throws {
        let air = try CSVReader().read(path: dataset("air_passengers.csv"))[0]
        let (all, layout) = try Self.readFixture("wide.csv", CSVReadOptions(allValueColumns: true))
        #expect(all.map(\.id) == ["air", "air_short", "air_late"])
        #expect(all[0].values == air.values)
        #expect(all[1].values == Array(air.values.prefix(100)) && all[1].position(99) == "1957-04")
        #expect(all[2].values == Array(air.values.dropFirst(24)) && all[2].position(0) == "1951-01")
        #expect(layout.shape == .wide(columns: ["air", "air_short", "air_late"], skipped: []))
        let two = try Self.readFixture("wide.csv", CSVReadOptions(valueColumn: ColumnSelector("air,air_late"))).series
        #expect(two.map(\.id) == ["air", "air_late"])
        // The default still reads one column, and says what it left.
        let (one, quiet) = try Self.readFixture("wide.csv", CSVReadOptions(missing: nil))
        #expect(one.count == 1 && quiet.unreadNumericColumns == ["air", "air_short"])
        // Each reader is told the setting in its own words.
        #expect(quiet.warnings.first?.contains("CSVReadOptions.allValueColumns reads each") == true)
        #expect(quiet.warnings(naming: .commandLine).first?.contains("--all-columns reads each") == true)
        #expect(quiet.warnings.first?.contains("--") == false)
        // A column of text is skipped and listed; a name with a comma is still a name.
        let mixed = try CSVReader(options: CSVReadOptions(allValueColumns: true)).readDescribed(
            bytes: Array("date,a,note,\"b,c\"\n2020,1,x,3\n2021,2,y,4\n".utf8))
        #expect(mixed.series.map(\.id) == ["a", "b,c"])
        #expect(mixed.layout.shape == .wide(columns: ["a", "b,c"], skipped: ["note"]))
        #expect(try read("date,a,\"b,c\"\n2020,1,3\n2021,2,4\n", CSVReadOptions(valueColumn: ColumnSelector("b,c")))[0].values == [3, 4])
        #expect(readError("date,a,b\n2020,1,3\n", CSVReadOptions(idColumn: ColumnSelector("a"), allValueColumns: true)) != nil)
        #expect(readError("date,a,b\n2020,1,3\n", CSVReadOptions(valueColumn: ColumnSelector("a,zz"))) == .columnNotFound(
            path: "t.csv", column: "zz", available: ["date", "a", "b"]))
    }

    @Test("A headerless file keeps its first row, and inspect says why")
    func headerless() throws {
        let (series, layout) = try Self.readFixture("headerless.csv")
        let nile = try CSVReader().read(path: dataset("nile_yearly.csv"))[0]
        #expect(series[0].values == nile.values && series[0].timestamps == nile.timestamps)
        #expect(layout.header == .absentDetected)
    }

    @Test("The decimal-comma file equals its plain twin")
    func decimalComma() throws {
        let (comma, layout) = try Self.readFixture("decimal-comma.csv")
        let (plain, _) = try Self.readFixture("decimal-comma-plain.csv")
        #expect(comma[0].values == plain[0].values)
        #expect(comma[0].timestamps == plain[0].timestamps)
        #expect(comma[0].frequency == .quarterly)
        #expect(layout.numbers == NumberFormat(decimal: 0x2C, thousands: 0x2E) && layout.decimalDetected)
    }

    @Test("Stated separators read grouped numbers, and refuse misplaced groups", arguments: [
        ("1.234,5", UInt8(0x2C), UInt8?(0x2E), 1234.5),
        ("-12.345.678", 0x2C, 0x2E, -12_345_678),
        ("1,234.5", 0x2E, 0x2C, 1234.5),
        ("1'234'567.25", 0x2E, 0x27, 1_234_567.25),
        ("1 234,5", 0x2C, 0x20, 1234.5),
        ("1234,5", 0x2C, nil, 1234.5),
        ("2,5e3", 0x2C, nil, 2500),
    ])
    func groupedNumbers(text: String, decimal: UInt8, thousands: UInt8?, value: Double) {
        var bytes = Array(text.utf8)
        let format = NumberFormat(decimal: decimal, thousands: thousands)
        #expect(bytes.withUnsafeMutableBytes { FieldParsing.number(UnsafeRawBufferPointer($0), format: format) } == value)
    }

    @Test("Misplaced separators are not numbers", arguments: ["1.5", "12.34,5", "1.2345", ".123", "1.234.5", "1,2,3", "1.234,5.6"])
    func misgrouped(text: String) {
        var bytes = Array(text.utf8)
        let format = NumberFormat(decimal: 0x2C, thousands: 0x2E)
        #expect(bytes.withUnsafeMutableBytes { FieldParsing.number(UnsafeRawBufferPointer($0), format: format) } == nil)
    }

    @Test("Business-day data is business-daily, regular, season 5")
    func businessDays() throws {
        let s = try #require(try Self.readFixture("business-days.csv").series.first)
        #expect(s.frequency == .businessDaily && s.frequency?.seasonalPeriod == 5)
        #expect(s.regularity?.missingSteps == 0 && s.regularity?.irregular == 0)
        #expect(s.position(s.count - 1) == "2015-04-29")
    }

    @Test("--frequency is stated by name or pandas alias and overrides inference")
    func statedFrequency() throws {
        #expect(try Frequency(name: "B") == .businessDaily)
        #expect(try Frequency(name: "ME") == .monthEnd(1))
        #expect(try Frequency(name: "QS") == .quarterly)
        #expect(throws: SeriesIOError.self) { try Frequency(name: "fortnightly") }
        let s = try read("date,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n", CSVReadOptions(frequency: .businessDaily))
        #expect(s[0].frequency == .businessDaily)
    }
}

@Suite struct SettingNamesTests {
    @Test("Library errors name Swift settings; the command line gets its flags")
    func bothVocabularies() {
        let csv = "date,value\n2020-01-01,1\n2020-01-02,\n2020-01-03,3\n"
        let path = "s.csv"
        do {
            _ = try CSVReader(options: CSVReadOptions(missing: .error)).read(bytes: Array(csv.utf8), name: path)
            Issue.record("a missing value was accepted")
        } catch {
            #expect(error.description == "\(path):3:2: missing value in column 'value' (use CSVReadOptions.missing = .drop, .interpolate or .ffill to accept missing values)")
            #expect(errorMessage(error, naming: .commandLine) == "\(path):3:2: missing value in column 'value' (use --missing drop|interpolate|ffill to accept missing values)")
        }
    }

    @Test("A phrase without settings equals its literal; settings render per vocabulary")
    func phrases() {
        let n = 3
        let plain: Phrase = "got \(n) values"
        #expect(plain == "got 3 values")
        let named: Phrase = "\(Setting.valueColumn) chooses"
        #expect(named.text(.swift) == "CSVReadOptions.valueColumn chooses")
        #expect(named.text(.commandLine) == "--column chooses")
        #expect(SeriesIOError.invalidOption(named).description == "CSVReadOptions.valueColumn chooses")
    }
}
