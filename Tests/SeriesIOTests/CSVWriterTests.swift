import Foundation
import Testing
@testable import SeriesIO

@Suite struct CSVWriterTests {
    @Test("Fields that need quotes get them, others do not")
    func quoting() {
        let w = CSVWriter()
        #expect(w.line(["a", "b,c", "say \"x\"", "two\nlines"]) == "a,\"b,c\",\"say \"\"x\"\"\",\"two\nlines\"\n")
    }

    @Test("A series written and read back is the same series, dates in their own format",
          arguments: ["air_passengers.csv", "uk_gas_quarterly.csv", "nile_yearly.csv", "us_gasoline_weekly.csv", "sunspots_monthly.csv"])
    func roundTrip(file: String) throws {
        let original = try CSVReader().read(path: dataset(file))[0]
        let text = CSVWriter().table(original)
        #expect(text.hasPrefix("date,value\n" + original.position(0) + ","))
        #expect(try read(text)[0] == original)
    }

    @Test("Numbers are the shortest text that reads back to the same double", arguments: [
        (3.6979e-05, "3.6979e-05"), (0.1, "0.1"), (0.1 + 0.2, "0.30000000000000004"), (1234.5, "1234.5"),
        (-2, "-2"), (1e15, "1000000000000000"), (1e17, "1e+17"), (123_456_789_012, "123456789012"), (.nan, ""),
    ])
    func shortestNumbers(value: Double, text: String) {
        #expect(CSVWriter.number(value) == text)
    }

    @Test("No shorter decimal reads back to the same double (checked against C's printf)")
    func shortestAgainstPrintf() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let v = Double(bitPattern: generator.next() >> 2 | 0x3000_0000_0000_0000) * (Bool.random() ? 1 : -1e-9)
            let text = CSVWriter.number(v)
            #expect(Double(text) == v)
            // printf with one significant digit fewer than we wrote must not round-trip.
            let mantissa = text.split(separator: "e")[0].filter(\.isNumber).drop { $0 == "0" }
            let digits = mantissa.reversed().drop { $0 == "0" }.count
            let fewer = String(format: "%.\(max(digits - 2, 0))e", v)
            if digits > 1 { #expect(Double(fewer) != v, "\(v): \(text) vs \(fewer)") }
        }
    }

    @Test("Long-format series keep their id column")
    func idColumn() throws {
        let s = try Series(name: "sales", id: "a,1", values: [1.5, .nan], timestamps: [0, 86_400], dateFormat: .day)
        #expect(CSVWriter().table(s) == "id,date,sales\n\"a,1\",1970-01-01,1.5\n\"a,1\",1970-01-02,\n")
    }

    @Test("Writing is atomic: the file appears whole, and no temporary file is left")
    func atomic() throws {
        let directory = temporaryDirectory()
        let path = directory + "/out.csv"
        try CSVWriter.writeAtomically("a\n1\n", to: path)
        try CSVWriter.writeAtomically("a\n2\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.csv"])
        #expect(throws: SeriesIOError.self) { try CSVWriter.writeAtomically("x", to: directory + "/no/such/dir/f.csv") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.csv"])
    }

    @Test("Summaries match the values computed by hand")
    func summary() throws {
        let s = try read("date,value\n2020,1\n2021,2\n2022,NA\n2023,6\n", CSVReadOptions(missing: nil))[0]
        let summary = SeriesSummary(s)
        #expect(summary.rows == 4)
        #expect(summary.missing == 1)
        #expect(summary.min == 1)
        #expect(summary.max == 6)
        #expect(summary.mean == 3)
        #expect(abs(summary.std - 7.0.squareRoot()) < 1e-12)  // ((4 + 1 + 9) / 2)^0.5
        #expect(summary.start == "2020")
        #expect(summary.end == "2023")
        #expect(summary.frequency == .yearly)
    }
}
