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

    @Test("Long-format series keep their id column")
    func idColumn() throws {
        let s = Series(name: "sales", id: "a,1", values: [1.5, .nan], timestamps: [0, 86_400], dateFormat: .day)
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
