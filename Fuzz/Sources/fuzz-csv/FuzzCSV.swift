// libFuzzer entry point: any bytes, read as a CSV file in the ways the CLI reads them.
// An error is a fine answer; a crash, a trap or a hang is a bug.
import SeriesIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let options: [CSVReadOptions] = [
        CSVReadOptions(),
        CSVReadOptions(idColumn: .position(1)),
        CSVReadOptions(hasHeader: false, missing: .interpolate),
    ]
    for option in options {
        if let series = try? CSVReader(options: option).read(bytes: bytes, name: "fuzz") {
            for s in series {
                _ = try? s.checkForecastable()
                _ = s.frequency
            }
        }
    }
    return 0
}
