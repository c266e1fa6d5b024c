// libFuzzer entry point: any bytes, decoded as a model file and, when they decode,
// used to forecast a short series. An error is a fine answer; a crash, a trap or a
// hang is a bug.
import Foundation
import Forecasters
import SeriesIO

/// Series of the seeds' frequencies and value column, so a decoded model gets as far
/// as forecasting.
let series: [Series] = ["1871", "1960-Q1"].flatMap { start -> [Series] in
    let quarterly = start.contains("Q")
    let dates = (0..<40).map { i in quarterly ? "\(1960 + i / 4)-Q\(i % 4 + 1)" : String(1871 + i) }
    let text = "date,value\n" + dates.enumerated().map { "\($1),\(100 + $0 % 4 * 7 + $0)\n" }.joined()
    return (try? CSVReader().read(bytes: Array(text.utf8), name: "fuzz")) ?? []
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let model = try? ModelFile.decode(Data(bytes: data, count: size), path: "fuzz") else { return 0 }
    for s in series { _ = try? model.forecast([s], horizon: 3, levels: [80]) }
    return 0
}
