// libFuzzer entry point: any bytes, read as a CSV file in the ways the CLI reads them.
// An error is a fine answer; a crash, a trap or a hang is a bug. So is a difference
// between the fast reading and libcsv's alone (`usesLineSplitter = false`): the same
// bytes must give the same series or the same error.
@testable import SeriesIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let options: [CSVReadOptions] = [
        CSVReadOptions(),
        CSVReadOptions(idColumn: .position(1)),
        CSVReadOptions(hasHeader: false, missing: .interpolate),
    ]
    for option in options {
        var reference = CSVReader(options: option)
        reference.usesLineSplitter = false
        let fast = Result { () throws(SeriesIOError) in try CSVReader(options: option).read(bytes: bytes, name: "fuzz") }
        let slow = Result { () throws(SeriesIOError) in try reference.read(bytes: bytes, name: "fuzz") }
        if !same(fast, slow) { fatalError("the line splitter and libcsv disagree: \(fast) against \(slow)") }
        if let series = try? fast.get() {
            for s in series {
                _ = try? s.checkForecastable()
                _ = s.frequency
            }
        }
    }
    return 0
}

/// Equal series (NaN values compared bit for bit, as a kept missing value is NaN) or
/// equal errors.
func same(_ a: Result<[Series], SeriesIOError>, _ b: Result<[Series], SeriesIOError>) -> Bool {
    switch (a, b) {
    case (.failure(let x), .failure(let y)): return x == y
    case (.success(let x), .success(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { p, q in
            var p0 = p, q0 = q
            p0.values = []
            q0.values = []
            return p0 == q0 && p.values.map(\.bitPattern) == q.values.map(\.bitPattern)
        }
    default: return false
    }
}
