// csv-speed: how fast SeriesIO reads a large time-series CSV, beside the anchors of
// shared/anchors/csv_speed.py (same files, byte for byte; same JSON record).
//
//   csv-speed                               # wide file (generated into data/ once), 5 reads
//   csv-speed --layout long --repeats 3     # the long id,date,value file
//   csv-speed --file some.csv               # any file (long when --layout long)
//   csv-speed --write wide.csv [--rows N]   # only write the file
//   csv-speed --threads 1                   # one reader thread (default: the cores, at most 4)
//
// Prints one line per read, then a JSON line with "kind":"csv" that
// `csv_speed.py --report` can put in its tables.

import BenchmarkSupport
import SeriesIO

#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var layout = "wide"
    var file: String?
    var write: String?
    var rows: Int?
    var repeats = 5
    var dataDirectory = "data"
    /// Reader threads; nil: the reader's default (the cores, at most four).
    var threads: Int?
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst().makeIterator()
    while let argument = arguments.next() {
        let value = { () -> String in
            guard let v = arguments.next() else { fail("\(argument) needs a value") }
            return v
        }
        switch argument {
        case "--layout": options.layout = value()
        case "--file": options.file = value()
        case "--write": options.write = value()
        case "--rows": options.rows = Int(value())
        case "--repeats", "-R": options.repeats = max(1, Int(value()) ?? 5)
        case "--data-dir": options.dataDirectory = value()
        case "--threads", "-T": options.threads = Int(value())
        default: fail("unknown argument \(argument)")
        }
    }
    guard options.layout == "wide" || options.layout == "long" else { fail("--layout is wide or long") }
    return options
}

func fail(_ message: String) -> Never {
    print("csv-speed: \(message)")
    exit(64)
}

// MARK: - The anchors' files

func appendPadded(_ buffer: inout [UInt8], _ v: Int, _ width: Int) {
    var digits: [UInt8] = []
    var n = v
    repeat {
        digits.append(UInt8(48 + n % 10))
        n /= 10
    } while n > 0
    while digits.count < width { digits.append(48) }
    buffer.append(contentsOf: digits.reversed())
}

func appendDate(_ buffer: inout [UInt8], minutes k: Int) {
    let text = DateFormat.dateTime(separator: 0x20, seconds: true, zulu: false)
        .format(946_684_800 + Int64(k) * 60)
    buffer.append(contentsOf: text.utf8)
}

func appendValue(_ buffer: inout [UInt8], row r: Int) {
    let micro = Int64(splitmix(42, UInt64(r)) % 2_000_000_000) - 1_000_000_000
    if micro < 0 { buffer.append(UInt8(ascii: "-")) }
    let magnitude = Int(abs(micro))
    appendPadded(&buffer, magnitude / 1_000_000, 1)
    buffer.append(UInt8(ascii: "."))
    appendPadded(&buffer, magnitude % 1_000_000, 6)
}

/// The exact value the generator wrote for row `r` (for the sum check).
func value(row r: Int) -> Double {
    Double(Int64(splitmix(42, UInt64(r)) % 2_000_000_000) - 1_000_000_000) / 1e6
}

func writeFile(path: String, layout: String, rows: Int?) {
    guard let file = fopen(path + ".partial", "wb") else { fail("cannot write \(path)") }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    func flush() {
        _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        buffer.removeAll(keepingCapacity: true)
    }
    if layout == "wide" {
        buffer.append(contentsOf: "date,value\n".utf8)
        for r in 0..<(rows ?? 3_200_000) {
            appendDate(&buffer, minutes: r)
            buffer.append(UInt8(ascii: ","))
            appendValue(&buffer, row: r)
            buffer.append(10)
            if buffer.count > 1 << 20 { flush() }
        }
    } else {
        buffer.append(contentsOf: "id,date,value\n".utf8)
        let perId = 2_750
        for i in 0..<1_000 {
            for j in 0..<perId {
                buffer.append(UInt8(ascii: "s"))
                appendPadded(&buffer, i, 3)
                buffer.append(UInt8(ascii: ","))
                appendDate(&buffer, minutes: j)
                buffer.append(UInt8(ascii: ","))
                appendValue(&buffer, row: i * perId + j)
                buffer.append(10)
            }
            if buffer.count > 1 << 20 { flush() }
        }
    }
    flush()
    fclose(file)
    rename(path + ".partial", path)
}

// MARK: - Measuring

func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : -1
}

let options = parseOptions()
if let path = options.write {
    writeFile(path: path, layout: options.layout, rows: options.rows)
    print("wrote \(path): \(fileSize(path)) bytes")
    exit(0)
}

let path: String
if let file = options.file {
    path = file
} else {
    mkdir(options.dataDirectory, 0o755)
    path = options.layout == "wide"
        ? "\(options.dataDirectory)/wide-\(options.rows ?? 3_200_000)-seed42.csv"
        : "\(options.dataDirectory)/long-1000x2750-seed42.csv"
    if fileSize(path) <= 0 {
        print("generating \(path) ...")
        writeFile(path: path, layout: options.layout, rows: options.rows)
    }
}
let bytes = fileSize(path)
var readOptions = CSVReadOptions(
    valueColumn: .name("value"), dateColumn: .name("date"),
    idColumn: options.layout == "long" ? .name("id") : nil)
readOptions.threads = options.threads
let reader = CSVReader(options: readOptions)
let threadsUsed = options.threads ?? min(4, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

var times: [Double] = []
var cpu: [Double] = []
var rows = 0
var checkOK = true
for repeatIndex in 0..<options.repeats {
    let start = now()
    let cpuStart = cpuSeconds()
    let series: [Series]
    do {
        series = try reader.read(path: path)
    } catch {
        print("csv-speed: \(error)")
        exit(1)
    }
    times.append(now() - start)
    cpu.append(cpuSeconds() - cpuStart)
    rows = series.reduce(0) { $0 + $1.count }
    if repeatIndex == 0, options.file == nil {
        // The same check as the anchors: row count, the exact sum, the first date.
        let expectedRows = options.layout == "wide" ? (options.rows ?? 3_200_000) : 2_750_000
        let sum = series.reduce(0.0) { $0 + $1.values.reduce(0, +) }
        var expectedSum = 0.0
        for r in 0..<expectedRows { expectedSum += value(row: r) }
        checkOK = rows == expectedRows && abs(sum - expectedSum) < 1e-6 * Double(rows)
            && series[0].position(0) == "2000-01-01 00:00:00"
    }
    print("read \(repeatIndex + 1): \(rows) rows in \(series.count) series, "
        + "\(String(Double(Int(times.last! * 1000)) / 1000)) s, "
        + "\(Int(Double(bytes) / 1e6 / times.last!)) MB/s")
}
let sorted = times.sorted()
let median = sorted[sorted.count / 2]
let peak = peakRSSKiB()
print("median \(median) s = \(Double(bytes) / 1e6 / median) MB/s, \(Double(rows) / 1e6 / median) Mrows/s, "
    + "peak RSS \(peak / 1024) MiB (values kept: \(rows * 16 / 1_048_576) MiB), check \(checkOK ? "ok" : "FAILED")")
print("{\"kind\":\"csv\",\"layout\":\"\(options.layout)\",\"reader\":\"swift\",\"threads\":\(threadsUsed),"
    + "\"seconds\":\(median),\"seconds_min\":\(sorted[0]),\"peak_rss_kib\":\(peak),"
    + "\"cpu_seconds\":\(cpu.sorted()[cpu.count / 2]),\"date_dtype\":\"Int64 seconds\","
    + "\"check_ok\":\(checkOK),\"repeats\":\(options.repeats),\"bytes\":\(bytes),\"rows\":\(rows)}")
