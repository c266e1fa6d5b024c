import Foundation
import Testing
@testable import SeriesIO

@Suite struct CSVReaderTests {
    @Test("The airline series reads to 144 monthly values")
    func airPassengers() throws {
        let series = try CSVReader().read(path: dataset("air_passengers.csv"))
        #expect(series.count == 1)
        let s = series[0]
        #expect(s.name == "value")
        #expect(s.id == nil)
        #expect(s.count == 144)
        #expect(s.values.prefix(3) == [112, 118, 132])
        #expect(s.values.last == 432)
        #expect(s.timestamps?.first == -662_688_000)  // 1949-01-01T00:00:00Z
        #expect(s.dateFormat == .month)
        #expect(s.frequency == .monthly)
        #expect(s.position(143) == "1960-12")
    }

    @Test("The messy copy reads to the clean values once its three holes get their true values")
    func messyMatchesClean() throws {
        let clean = try CSVReader().read(path: dataset("air_passengers.csv"))[0]
        let messy = try CSVReader(options: CSVReadOptions(missing: nil))
            .read(path: dataset("air_passengers_messy.csv"))[0]
        #expect(messy.name == "value")  // the BOM is not part of the header
        #expect(messy.timestamps == clean.timestamps)
        let holes = messy.values.indices.filter { messy.values[$0].isNaN }
        #expect(holes == [28, 82, 133])
        var repaired = messy.values
        repaired[28] = 172
        repaired[82] = 237
        repaired[133] = 391
        #expect(repaired == clean.values)
    }

    @Test("By default a missing value is an error naming its line and column")
    func messyRefusedByDefault() {
        #expect(throws: SeriesIOError.missingValue(
            path: dataset("air_passengers_messy.csv"), line: 30, column: 2, columnName: "value"))
        {
            try CSVReader().read(path: dataset("air_passengers_messy.csv"))
        }
    }

    @Test("Quoted fields keep embedded delimiters, quotes and line breaks")
    func quoting() throws {
        let text = "id,date,value\n\"a,b\",2020-01,1\n\"say \"\"hi\"\"\",2020-01,2\n\"two\nlines\",2020-01,3\n\"a,b\",2020-02,4\n"
        let series = try read(text, CSVReadOptions(idColumn: .name("id")))
        #expect(series.map(\.id) == ["a,b", "say \"hi\"", "two\nlines"])
        #expect(series.map(\.values) == [[1, 4], [2], [3]])
        // The record after a two-line field starts on line 6: errors still name it right.
        let broken = text + "x,2020-03,oops\n"
        #expect(readError(broken, CSVReadOptions(idColumn: .name("id"))) == .invalidNumber(
            path: "t.csv", line: 7, column: 3, columnName: "value", text: "oops"))
    }

    @Test("CRLF, LF, a byte-order mark and trailing blank lines all read the same")
    func lineEndings() throws {
        let lf = "date,value\n2020-01-01,1.5\n2020-01-02,2.5\n"
        let expected = try read(lf)
        #expect(expected[0].values == [1.5, 2.5])
        #expect(try read(lf.replacingOccurrences(of: "\n", with: "\r\n")) == expected)
        #expect(try read("\u{FEFF}" + lf) == expected)
        #expect(try read(lf + "\n\n\r\n") == expected)
        #expect(try read(String(lf.dropLast())) == expected)
    }

    @Test("Delimiters are detected from the first line or given", arguments: [";", "\t", "|", ","])
    func delimiters(delimiter: String) throws {
        let text = "date\(delimiter)a\(delimiter)b\n2020-01\(delimiter)1\(delimiter)10\n2020-02\(delimiter)2\(delimiter)20\n"
        let detected = try read(text)
        #expect(detected[0].name == "b")
        #expect(detected[0].values == [10, 20])
        let given = try read(text, CSVReadOptions(valueColumn: .name("a"),
                                                  delimiter: try CSVReadOptions.delimiter(from: delimiter)))
        #expect(given[0].values == [1, 2])
    }

    @Test("Delimiters parse from their command-line spelling; a decimal comma is not a number unless detected or stated")
    func delimiterFromText() throws {
        #expect(try CSVReadOptions.delimiter(from: "\\t") == 0x09)
        #expect(throws: SeriesIOError.invalidDelimiter("::")) { try CSVReadOptions.delimiter(from: "::") }
        // `;` with decimal commas is detected; beside a decimal point it is an error.
        #expect(try read("date;value\n2020;1\n2021;1,5\n")[0].values == [1, 1.5])
        #expect(readError("date;value\n2020;1.25\n2021;1,5\n") == .invalidNumber(
            path: "t.csv", line: 3, column: 2, columnName: "value", text: "1,5"))
        #expect(readError("date|value\n2020|1\n2021|1,5\n") == .invalidNumber(
            path: "t.csv", line: 3, column: 2, columnName: "value", text: "1,5"))
        #expect(readError("date|value\n2020|1\n2021|1,5\n")?.message(naming: .commandLine)
                == "t.csv:3:2: expected a number in column 'value', found '1,5' (a decimal comma? give --decimal , and, for 1.234,5, --thousands .)")
        #expect(try read("date|value\n2020|1\n2021|1,5\n", CSVReadOptions(decimalSeparator: 0x2C))[0].values == [1, 1.5])
    }

    @Test("Columns are chosen by name or 1-based position, with sensible defaults")
    func columns() throws {
        let text = "when,label,x,y\n2020-01-01,a,1,10\n2020-01-02,b,2,20\n"
        #expect(try read(text)[0].values == [10, 20])  // the last numeric column
        #expect(try read(text, CSVReadOptions(valueColumn: .position(3)))[0].values == [1, 2])
        #expect(try read(text, CSVReadOptions(valueColumn: ColumnSelector("x")))[0].name == "x")
        #expect(try read(text)[0].timestamps == [1_577_836_800, 1_577_923_200])
        #expect(readError(text, CSVReadOptions(valueColumn: .name("z"))) == .columnNotFound(
            path: "t.csv", column: "z", available: ["when", "label", "x", "y"]))
        #expect(readError(text, CSVReadOptions(valueColumn: .position(9))) == .columnNotFound(
            path: "t.csv", column: "9", available: ["when", "label", "x", "y"]))
        // A header named "2" wins over position 2.
        #expect(try read("d,2,v\n2020,5,6\n2021,7,8\n", CSVReadOptions(valueColumn: ColumnSelector("2")))[0].values == [5, 7])
        // A first column that is not a date is no date column.
        let noDates = try read("a,b\nx,1\ny,2\n")
        #expect(noDates[0].timestamps == nil)
        #expect(noDates[0].values == [1, 2])
        // The date column can be named explicitly and sit anywhere.
        let late = try read("v,d\n1,2020-Q1\n2,2020-Q2\n", CSVReadOptions(valueColumn: .name("v"), dateColumn: .name("d")))
        #expect(late[0].frequency == .quarterly)
    }

    @Test("Without a header every line is data")
    func noHeader() throws {
        let series = try read("1949-01,112\n1949-02,118\n", CSVReadOptions(hasHeader: false))
        #expect(series[0].values == [112, 118])
        #expect(series[0].name == "column2")
        let single = try read("5\n6\n7\n", CSVReadOptions(hasHeader: false))
        #expect(single[0].values == [5, 6, 7])
        #expect(single[0].timestamps == nil)
    }

    @Test("A long-format file gives one series per id in first-seen order")
    func longFormat() throws {
        let text = "store,date,sales\nb,2020-01-01,1\nb,2020-01-02,2\na,2020-01-01,3\nb,2020-01-03,4\na,2020-01-02,5\n"
        let series = try read(text, CSVReadOptions(idColumn: .name("store")))
        #expect(series.map(\.id) == ["b", "a"])
        #expect(series.map(\.values) == [[1, 2, 4], [3, 5]])
        #expect(series.map(\.name) == ["sales", "sales"])
        #expect(series[1].frequency == .daily)
        // Order is checked per series, so a repeated date in another series is fine,
        // but not in the same one.
        #expect(readError(text + "a,2020-01-02,6\n", CSVReadOptions(idColumn: .name("store"))) == .duplicateTimestamp(
            path: "t.csv", line: 7, firstLine: 6, date: "2020-01-02"))
    }

    @Test("Numbers parse without a locale", arguments: [
        ("1.5e3", 1500.0), ("-2", -2.0), ("+3.25", 3.25), (".5", 0.5), ("7.", 7.0), ("1E-2", 0.01),
        (" 42 ", 42.0), ("0.000005", 0.000005), ("-244.724587", -244.724587),
        ("12345678901234567890", 12345678901234567890.0), ("3.141592653589793238", 3.141592653589793),
    ])
    func numbers(text: String, expected: Double) throws {
        let series = try read("value\n\"\(text)\"\n")
        #expect(series[0].values == [expected])
    }

    @Test("Anything that is not a plain number names its line and column", arguments: [
        "\"1,234\"", "12abc", "inf", "0x10", "1e", "--1", "1.2.3", "nan1",
    ])
    func badNumbers(text: String) {
        let error = readError("date,value\n2020,1\n2021,\(text)\n")
        let unquoted = text.replacingOccurrences(of: "\"", with: "")
        #expect(error == .invalidNumber(path: "t.csv", line: 3, column: 2, columnName: "value", text: unquoted))
    }

    @Test("Missing values are spelled empty, NA, NaN or null, in any case")
    func missingSpellings() throws {
        let text = "date,value\n2020-01,1\n2020-02,\n2020-03,NA\n2020-04,nan\n2020-05,NULL\n2020-06,\"\"\n2020-07,2\n"
        let series = try read(text, CSVReadOptions(missing: nil))[0]
        #expect(series.missingCount == 5)
        #expect(SeriesSummary(series).missing == 5)
    }

    @Test("The fast number parser agrees with Swift's own on random decimals")
    func numberParserAgreesWithSwift() throws {
        var rng = SystemRandomNumberGenerator()
        var text = "value\n"
        var expected: [Double] = []
        for _ in 0..<2000 {
            let whole = Int.random(in: -99_999...99_999, using: &rng)
            let fraction = Int.random(in: 0...999_999, using: &rng)
            let exponent = Int.random(in: -30...30, using: &rng)
            let literal = "\(whole).\(fraction)e\(exponent)"
            text += literal + "\n"
            expected.append(Double(literal)!)
        }
        #expect(try read(text)[0].values == expected)
    }

    @Test("Reading streams: a file many chunks long keeps exact line numbers")
    func largeFile() throws {
        let rows = 200_000
        var text = "date,value\n"
        text.reserveCapacity(rows * 20)
        for i in 0..<rows { text += "\(i),\(i % 1000).25\n" }
        let directory = temporaryDirectory()
        let path = directory + "/big.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let series = try CSVReader().read(path: path)[0]
        #expect(series.count == rows)
        #expect(series.values[123_456] == 456.25)
        #expect(series.frequency == .index(1))
        try (text + "\(rows),bad\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: SeriesIOError.invalidNumber(path: path, line: rows + 2, column: 2, columnName: "value", text: "bad")) {
            try CSVReader().read(path: path)
        }
    }
}
