import Foundation
import Testing
@testable import SeriesIO

/// The file read in parts on several threads must be the file read serially: the same
/// series, and for a broken file the same error on the same line.
@Suite struct ParallelReadTests {
    static func readers(_ options: CSVReadOptions) -> (serial: CSVReader, parallel: CSVReader) {
        var serial = CSVReader(options: options)
        serial.parallelMinimumBytes = .max
        var parallel = CSVReader(options: options)
        parallel.parallelMinimumBytes = 1  // every file is cut, into as many parts as cores (up to 4)
        return (serial, parallel)
    }

    static func outcome(_ reader: CSVReader, _ path: String) -> Result<[Series], SeriesIOError> {
        Result { () throws(SeriesIOError) in try reader.read(path: path) }
    }

    static func expectSame(_ path: String, _ options: CSVReadOptions = CSVReadOptions(),
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let (serial, parallel) = readers(options)
        let a = outcome(serial, path), b = outcome(parallel, path)
        #expect(a == b, "\(path)", sourceLocation: sourceLocation)
    }

    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static var root: String { #filePath.split(separator: "/").dropLast(3).map(String.init).joined(separator: "/") }

    @Test("Every bundled dataset and file-form fixture reads the same in parts")
    func bundled() throws {
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        try #require(cores >= 2, "one core: nothing would be read in parts")
        for directory in ["datasets", "Tests/Fixtures/files"] {
            let full = "/" + Self.root + "/" + directory
            for name in try FileManager.default.contentsOfDirectory(atPath: full).sorted() where name.hasSuffix(".csv") {
                Self.expectSame(full + "/" + name)
                Self.expectSame(full + "/" + name, CSVReadOptions(missing: .interpolate))
                Self.expectSame(full + "/" + name, CSVReadOptions(allValueColumns: true))
            }
        }
    }

    @Test("The cut itself is exercised: a long file in parts has the right values where parts meet")
    func longFile() throws {
        var text = "id,date,value\n"
        for id in ["a", "b", "c"] {
            for k in 0..<400 { text += "\(id),\(2000 + k / 12)-\(k % 12 < 9 ? "0" : "")\(k % 12 + 1),\(k)\n" }
        }
        let path = try Self.write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = CSVReadOptions()
        options.idColumn = .name("id")
        let (_, parallel) = Self.readers(options)
        let cuts = try #require(parallel.cuts(path))
        #expect(cuts.count >= 3)  // at least two parts
        let series = try parallel.read(path: path)
        #expect(series.map(\.id) == ["a", "b", "c"])
        #expect(series.allSatisfy { $0.values == (0..<400).map(Double.init) })
        Self.expectSame(path, options)
    }

    @Test("A quoted field spanning the cut falls back to one serial read")
    func quotedAcrossTheCut() throws {
        // One field holds hundreds of lines: the cut at half the file lands inside it.
        let note = (0..<300).map { "line \($0)" }.joined(separator: "\n")
        let text = "date,value,note\n2020-01-01,1,\"\(note)\"\n2020-01-02,2,plain\n2020-01-03,3,\"short, quoted\"\n"
        let path = try Self.write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let options = CSVReadOptions()
        let (serial, parallel) = Self.readers(options)
        #expect(try parallel.read(path: path)[0].values == [1, 2, 3])
        #expect(try parallel.read(path: path) == serial.read(path: path))
    }

    @Test("Errors in the second half name the same line as a serial read")
    func errorsLater() throws {
        var rows = (0..<300).map { "2020-\(String(format: "%02d", $0 % 12 + 1))-01,\($0)" }
        rows = (0..<300).map { k in "\(1000 + k)-01-01,\(k)" }
        var broken = rows
        broken[250] = "1250-01-01,oops"
        var ragged = rows
        ragged[280] = "1280-01-01,1,2"
        var unsorted = rows
        unsorted[260] = "1100-01-01,5"
        var unterminated = rows
        unterminated[290] = "1290-01-01,\"7"
        let cases: [([String], SeriesIOError)] = [
            (broken, .invalidNumber(path: "", line: 252, column: 2, columnName: "value", text: "oops")),
            (ragged, .raggedRow(path: "", line: 282, expected: 2, found: 3)),
            (unsorted, .unsortedTimestamps(path: "", line: 262, previousLine: 261, date: "1100-01-01", previous: "1259-01-01")),
            (unterminated, .unterminatedQuote(path: "", line: 292)),
        ]
        for (lines, expected) in cases {
            let path = try Self.write("date,value\n" + lines.joined(separator: "\n") + "\n")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let (serial, parallel) = Self.readers(CSVReadOptions())
            let a = Self.outcome(serial, path), b = Self.outcome(parallel, path)
            #expect(a == b)
            if case .failure(let error) = b {
                #expect(error.line == expected.line, "\(error)")
            } else {
                Issue.record("no error for \(expected)")
            }
        }
    }

    @Test("A series whose dates go back across the cut is refused with the serial read's lines")
    func orderAcrossTheCut() throws {
        var text = "id,date,value\n"
        for k in 0..<300 { text += "a,\(1000 + k)-01-01,\(k)\n" }
        for k in 0..<300 { text += "b,\(1000 + k)-01-01,\(k)\n" }
        text += "a,1100-01-01,0\n"  // a goes back, far after the cut
        let path = try Self.write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = CSVReadOptions()
        options.idColumn = .name("id")
        let (serial, parallel) = Self.readers(options)
        let a = Self.outcome(serial, path), b = Self.outcome(parallel, path)
        #expect(a == b)
        #expect(throws: SeriesIOError.unsortedTimestamps(path: path, line: 602, previousLine: 301, date: "1100-01-01", previous: "1299-01-01")) {
            try parallel.read(path: path)
        }
    }
}
