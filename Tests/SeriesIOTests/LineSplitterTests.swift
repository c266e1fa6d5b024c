import Foundation
import Testing
@testable import SeriesIO

/// The quote-free line splitter must read every line as libcsv does: the same fields,
/// the same records, the same lines in errors.
@Suite struct LineSplitterTests {
    /// Every field and record end a scan produced, with the line each record began on.
    final class Recorder: RecordSink {
        var fields: [[UInt8]] = []
        var records: [(fields: [[UInt8]], line: Int)] = []

        override func field(_ bytes: UnsafeRawBufferPointer) { fields.append(Array(bytes)) }

        override func endRecord() {
            records.append((fields, recordStartLine))
            fields = []
        }
    }

    struct Scan: Equatable {
        var records: [[[UInt8]]]
        var lines: [Int]
        var error: SeriesIOError?
    }

    static func scan(_ bytes: [UInt8], delimiter: UInt8, splitter: Bool) -> Scan {
        var scanner = CSVScanner(source: .bytes(bytes, name: "t.csv"), delimiter: delimiter)
        scanner.usesLineSplitter = splitter
        let recorder = Recorder()
        var error: SeriesIOError?
        do { try scanner.scan(into: recorder) } catch let e { error = e }
        return Scan(records: recorder.records.map(\.fields), lines: recorder.records.map(\.line), error: error)
    }

    static func fields(_ text: String, delimiter: Character = ",") -> [[String]] {
        scan(Array(text.utf8), delimiter: delimiter.asciiValue ?? 0x2C, splitter: true).records.map {
            $0.map { String(decoding: $0, as: UTF8.self) }
        }
    }

    @Test("Fields are trimmed of spaces and tabs, blank lines are no records, CR LF is a line end")
    func handWorked() {
        #expect(Self.fields(" a , b\t,\r\n\n   \t \n,\nx y  ,1.5\n") == [["a", "b", ""], ["", ""], ["x y", "1.5"]])
        // With a tab delimiter, a tab separates fields and is not trimmed.
        #expect(Self.fields(" a \t\tb \n", delimiter: "\t") == [["a", "", "b"]])
        #expect(Self.fields("2020-01;3\n2020-02;4\n", delimiter: ";") == [["2020-01", "3"], ["2020-02", "4"]])
    }

    @Test("Lines with quotes, lone carriage returns and a last line without newline still read right")
    func handedToLibCSV() {
        #expect(Self.fields("\"a,b\",1\nc,2\rd,3\ne,4") == [["a,b", "1"], ["c", "2"], ["d", "3"], ["e", "4"]])
        // A quoted field spanning lines: the next line must not be split on its own.
        #expect(Self.fields("\"x\ny\",1\nz,2\n") == [["x\ny", "1"], ["z", "2"]])
    }

    @Test("A lone CR ends a line as LF and CR LF do, so records know their lines")
    func loneCarriageReturns() {
        let scan = Self.scan(Array("a,1\rb,2\r\nc,3\nd,4\r\re,5".utf8), delimiter: 0x2C, splitter: true)
        #expect(scan.records.count == 5)
        #expect(scan.lines == [1, 2, 3, 4, 6])
        #expect(scan.error == nil)
    }

    @Test("A line of spaces is no record and does not lend its number to the next one")
    func blankLineNumbers() {
        for splitter in [false, true] {
            let scan = Self.scan(Array("a,1\n   \n\t\nb,2\n\n \r\nc,3\n".utf8), delimiter: 0x2C, splitter: splitter)
            #expect(scan.lines == [1, 4, 7])
        }
    }

    @Test("A CR LF pair cut apart by the end of a chunk is one line end")
    func crlfAcrossChunks() {
        // "h\n" then 5-byte lines "a,1\r\n": the chunk's last byte is a line's CR.
        let count = CSVScanner.chunkSize / 5 + 10
        let bytes = Array(("h\n" + String(repeating: "a,1\r\n", count: count)).utf8)
        #expect(bytes[CSVScanner.chunkSize - 1] == 0x0D)
        for splitter in [false, true] {
            let scan = Self.scan(bytes, delimiter: 0x2C, splitter: splitter)
            #expect(scan.lines == Array(1...(count + 1)))
        }
    }

    @Test("Every bundled file reads to the same series with and without the splitter, serially and in parts",
          arguments: ["air_passengers.csv", "air_passengers_messy.csv", "hyndsight_daily.csv", "nile_yearly.csv",
                      "sunspots_monthly.csv", "uk_gas_quarterly.csv", "us_gasoline_weekly.csv"])
    func bundledFiles(name: String) {
        for options in [CSVReadOptions(), CSVReadOptions(missing: .interpolate)] {
            var reference = CSVReader(options: options)
            reference.usesLineSplitter = false
            reference.parallelMinimumBytes = .max
            for parts in [Int.max, 1] {
                var fast = CSVReader(options: options)
                fast.parallelMinimumBytes = parts
                let a = Result { () throws(SeriesIOError) in try reference.read(path: dataset(name)) }
                let b = Result { () throws(SeriesIOError) in try fast.read(path: dataset(name)) }
                #expect(a == b, "\(name)")
            }
        }
    }

    /// Random lines over the bytes that matter to libcsv (delimiters, spaces, tabs,
    /// carriage returns, quotes, newlines), read with and without the splitter.
    @Test("Random files read the same with and without the splitter", arguments: [UInt8(0x2C), 0x3B, 0x09])
    func randomAgreesWithLibCSV(delimiter: UInt8) {
        let alphabet: [UInt8] = Array("a1.-".utf8) + [0x20, 0x20, 0x09, delimiter, delimiter, 0x2C, 0x3B, 0x0D]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(delimiter)
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var agreed = 0
        for file in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + next(30)) {
                for _ in 0..<next(12) { bytes.append(alphabet[next(alphabet.count)]) }
                // A few files get quotes, some of them unbalanced (errors at a line).
                if file % 5 == 0, next(4) == 0 { bytes.insert(0x22, at: next(bytes.count + 1)) }
                bytes.append(next(6) == 0 ? 0x0D : 0x0A)
                if next(3) == 0 { bytes.append(0x0A) }
            }
            if next(2) == 0 { bytes.append(contentsOf: Array("x,1".utf8)) }  // no final newline
            let a = Self.scan(bytes, delimiter: delimiter, splitter: false)
            let b = Self.scan(bytes, delimiter: delimiter, splitter: true)
            #expect(a == b, "\(bytes)")
            if a == b { agreed += 1 }
        }
        #expect(agreed == 300)
    }

    @Test("A file longer than a chunk reads the same, lines cut at the chunk's end included")
    func acrossChunks() {
        var text = ""
        var k = 0
        while text.utf8.count < CSVScanner.chunkSize + 50_000 {
            text += k % 97 == 0 ? "\"q,\(k)\",\(k)\r\n" : " id\(k % 7) ,2020-01-\(k % 28 + 1),\(k).25\n"
            k += 1
        }
        let bytes = Array(text.utf8)
        let a = Self.scan(bytes, delimiter: 0x2C, splitter: false)
        let b = Self.scan(bytes, delimiter: 0x2C, splitter: true)
        #expect(a.records.count == k)
        #expect(a == b)
    }
}
