#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a source through libcsv in chunks, one line at a time, so that line numbers
/// are exact and memory stays at one chunk however large the file is.
///
/// Feeding line by line costs one `csv_parse` call per line (tens of nanoseconds) and
/// buys exact error positions: when the parser stops or a sink fails, the scanner
/// knows which line it was on without libcsv having to report positions.
struct CSVScanner {
    static let chunkSize = 1 << 20

    let source: ChunkSource
    let delimiter: UInt8
    /// Stop after this many bytes (for sampling the start of a file); `nil` reads all.
    var byteLimit: Int?
    /// Whether the source starts the file (a byte-order mark is skipped only there).
    var startsFile = true
    /// The source is a part of a file that ends at a cut (a line end chosen by the
    /// parallel reader), not at the file's end: the scan counts its quote bytes, and a
    /// quoted field still open at the end is not an error here. The caller learns from
    /// the count whether the cut fell inside quotes (an odd prefix count) and reads
    /// serially then.
    var endsAtCut = false

    /// What a scan saw besides its records.
    struct Outcome {
        var reachedEnd: Bool
        /// The line after the last one read (1-based): the newlines read, plus one.
        var nextLine: Int
        var quotes: Int
    }

    /// Returns whether it read to the end of the source (rather than stopping at
    /// ``byteLimit`` or when the sink was done).
    @discardableResult
    func scan(into sink: RecordSink) throws(SeriesIOError) -> Bool {
        try scanReporting(into: sink).reachedEnd
    }

    func scanReporting(into sink: RecordSink) throws(SeriesIOError) -> Outcome {
        let path = source.name
        guard let tokenizer = CSVTokenizer(delimiter: delimiter) else {
            throw .unreadable(path: path, reason: "libcsv could not allocate its parser")
        }
        let reader = try source.open()
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: min(Self.chunkSize, byteLimit ?? Self.chunkSize), alignment: 16)
        defer { buffer.deallocate() }

        var line = 1
        var lineOffset = 0
        var total = 0
        var atStart = startsFile
        var reachedEnd = false
        var quotes = 0
        while !sink.isDone {
            let count = try reader.read(into: buffer)
            if count == 0 {
                reachedEnd = true
                break
            }
            var chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            total += count
            if atStart {
                atStart = false
                // libcsv does not know about byte-order marks: a UTF-8 BOM would become
                // part of the first header name.
                if count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF {
                    chunk = UnsafeRawBufferPointer(rebasing: chunk[3...])
                }
            }
            if endsAtCut {
                var q = 0
                for byte in chunk { q &+= byte == 0x22 ? 1 : 0 }
                quotes += q
            }
            if let base = chunk.baseAddress, let nul = memchr(base, 0, chunk.count) {
                let before = UnsafeRawBufferPointer(start: base, count: base.distance(to: UnsafeRawPointer(nul)))
                throw .binaryData(path: path, line: line + before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
            }
            var start = 0
            while start < chunk.count, !sink.isDone {
                let rest = UnsafeRawBufferPointer(rebasing: chunk[start...])
                let end: Int
                if let base = rest.baseAddress, let newline = memchr(base, 0x0A, rest.count) {
                    end = start + base.distance(to: UnsafeRawPointer(newline)) + 1
                } else {
                    end = chunk.count
                }
                let segment = UnsafeRawBufferPointer(rebasing: chunk[start..<end])
                if sink.recordStartLine == 0, segment[0] != 0x0A, segment[0] != 0x0D {
                    sink.recordStartLine = line
                }
                let consumed = tokenizer.parse(segment, into: sink)
                if sink.failed, let error = sink.error { throw error }
                if consumed < segment.count {
                    throw .malformedQuoting(path: path, line: line, column: lineOffset + consumed + 1)
                }
                if segment[segment.count - 1] == 0x0A {
                    line += 1
                    lineOffset = 0
                } else {
                    lineOffset += segment.count
                }
                start = end
            }
            if let byteLimit, total >= byteLimit { break }
        }
        if let error = sink.error { throw error }
        // A sampled prefix ends mid-record: its last, partial record is not flushed.
        if reachedEnd {
            guard tokenizer.finish(into: sink) || endsAtCut else {
                throw .unterminatedQuote(path: path, line: sink.recordStartLine)
            }
            if let error = sink.error { throw error }
        }
        return Outcome(reachedEnd: reachedEnd, nextLine: line, quotes: quotes)
    }
}
