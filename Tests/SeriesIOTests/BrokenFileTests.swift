import Foundation
import Testing
@testable import SeriesIO

/// Each broken file gets its own error, naming the place.
@Suite struct BrokenFileTests {
    static let cases: [(String, String, SeriesIOError)] = [
        ("ragged row", "date,value\n2020,1\n2021,2,3\n", .raggedRow(path: "t.csv", line: 3, expected: 2, found: 3)),
        ("short row", "date,value\n2020,1\n2021\n", .raggedRow(path: "t.csv", line: 3, expected: 2, found: 1)),
        ("unterminated quote", "date,value\n2020,1\n2021,\"2\n2022,3\n", .unterminatedQuote(path: "t.csv", line: 3)),
        ("quote inside a field", "date,value\n2020,1\n2021,1\"2\n", .malformedQuoting(path: "t.csv", line: 3, column: 7)),
        ("non-numeric value", "date,value\n2020,1\n2021,abc\n",
         .invalidNumber(path: "t.csv", line: 3, column: 2, columnName: "value", text: "abc")),
        ("header only", "date,value\n", .noDataRows(path: "t.csv")),
        ("empty file", "", .emptyFile(path: "t.csv")),
        ("blank lines only", "\n\n\r\n", .emptyFile(path: "t.csv")),
        ("duplicate timestamp", "date,value\n2020-01,1\n2020-02,2\n2020-02,3\n",
         .duplicateTimestamp(path: "t.csv", line: 4, firstLine: 3, date: "2020-02")),
        ("unsorted rows", "date,value\n2020-01,1\n2020-03,2\n2020-02,3\n",
         .unsortedTimestamps(path: "t.csv", line: 4, previousLine: 3, date: "2020-02", previous: "2020-03")),
        ("bad date later on", "date,value\n2020-01-01,1\n2020-13-01,2\n",
         .invalidDate(path: "t.csv", line: 3, column: 1, text: "2020-13-01", expected: "YYYY-MM-DD")),
        ("binary garbage", "date,value\n2020,1\n\u{01}\u{00}\u{ff}\n", .binaryData(path: "t.csv", line: 3)),
        ("no numeric column", "date,name\n2020,a\n2021,b\n", .noNumericColumn(path: "t.csv")),
        ("missing value", "date,value\n2020,1\n2021,NA\n",
         .missingValue(path: "t.csv", line: 3, column: 2, columnName: "value")),
    ]

    @Test("Broken files", arguments: cases)
    func broken(name: String, text: String, expected: SeriesIOError) {
        #expect(readError(text) == expected, "\(name)")
    }

    @Test("Every error reads as one line that names the file")
    func oneLine() {
        for (_, text, _) in Self.cases {
            let message = readError(text)?.description ?? ""
            #expect(message.hasPrefix("t.csv"))
            #expect(!message.contains("\n"))
        }
    }

    @Test("A missing file and a directory are named as such")
    func files() throws {
        #expect(throws: SeriesIOError.fileNotFound(path: "/nonexistent/x.csv")) {
            try CSVReader().read(path: "/nonexistent/x.csv")
        }
        let directory = temporaryDirectory()
        #expect(throws: SeriesIOError.notAFile(path: directory)) { try CSVReader().read(path: directory) }
    }

    @Test("Random bytes never crash the reader: they read or throw")
    func garbage() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in
                [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "1"),
                 UInt8(ascii: "2"), UInt8(ascii: "-"), UInt8(ascii: "a"), 0x0D].randomElement(using: &rng)!
            }
            _ = try? CSVReader().read(bytes: bytes)
        }
    }
}
