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
    /// Whole lines without a quote go through ``LineSplitter`` instead of libcsv (the
    /// same fields, several times faster); `false` sends every byte through libcsv, as
    /// the tests that compare the two do.
    var usesLineSplitter = true

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
        var endedInCR = false
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
            // A file from a classic Mac ends its lines with a lone CR: libcsv ends records
            // there, so lines must end there too, or every record after the first would
            // be on "line 0" of a one-line file.
            let splitsAtCR = Self.hasLoneCarriageReturn(chunk)
            var start = 0
            while start < chunk.count, !sink.isDone {
                let rest = UnsafeRawBufferPointer(rebasing: chunk[start...])
                var end = chunk.count
                if let base = rest.baseAddress, let newline = memchr(base, 0x0A, rest.count) {
                    end = start + base.distance(to: UnsafeRawPointer(newline)) + 1
                }
                if splitsAtCR, let base = rest.baseAddress, let cr = memchr(base, 0x0D, end - start) {
                    let at = start + base.distance(to: UnsafeRawPointer(cr))
                    end = at + 1 < chunk.count && chunk[at + 1] == 0x0A ? at + 2 : at + 1
                }
                let segment = UnsafeRawBufferPointer(rebasing: chunk[start..<end])
                // The LF of a CR LF pair cut apart by the chunk's end: its line is counted.
                if segment.count == 1, segment[0] == 0x0A, endedInCR {
                    endedInCR = false
                    start = end
                    continue
                }
                if sink.recordStartLine == 0, segment[0] != 0x0A, segment[0] != 0x0D {
                    sink.recordStartLine = line
                }
                if usesLineSplitter, tokenizer.isBetweenRecords,
                    LineSplitter.split(segment, delimiter: delimiter, into: sink)
                {
                    // The splitter takes only whole lines ending in LF, and leaves no record open.
                    if sink.failed, let error = sink.error { throw error }
                    line += 1
                    lineOffset = 0
                    endedInCR = false
                    start = end
                    continue
                }
                let consumed = tokenizer.parse(segment, into: sink)
                if sink.failed, let error = sink.error { throw error }
                if consumed < segment.count {
                    throw .malformedQuoting(path: path, line: line, column: lineOffset + consumed + 1)
                }
                let last = segment[segment.count - 1]
                if last == 0x0A || (last == 0x0D && splitsAtCR) {
                    line += 1
                    lineOffset = 0
                    // A line of spaces is no record, and must not lend its number to the
                    // next one.
                    if tokenizer.isBetweenRecords { sink.recordStartLine = 0 }
                } else {
                    lineOffset += segment.count
                }
                endedInCR = last == 0x0D && splitsAtCR
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

    /// Whether `chunk` has a carriage return that is not the first half of a CR LF pair
    /// (one as its last byte counts: its LF, if any, is in the next chunk). One `memchr`
    /// answers for a file without CRs; a CR LF file costs a look at each CR.
    static func hasLoneCarriageReturn(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard let base = chunk.baseAddress else { return false }
        var from = 0
        while from < chunk.count, let cr = memchr(base + from, 0x0D, chunk.count - from) {
            let at = base.distance(to: UnsafeRawPointer(cr))
            if at + 1 >= chunk.count || chunk[at + 1] != 0x0A { return true }
            from = at + 2
        }
        return false
    }
}

/// libcsv's reading of a whole line that holds no quote, without libcsv.
///
/// Most lines of a series file are short and unquoted (`2020-01-01,112.5`). Through
/// libcsv each byte takes a trip through its state machine and a copy into its field
/// buffer, and each field a call through a function pointer: about 40% of a read's
/// time. Without quotes, libcsv's rules come down to a few (checked byte for byte
/// against it by `LineSplitterTests`):
/// - fields are the text between delimiters, with leading and trailing spaces and
///   tabs trimmed (only spaces when the delimiter is a tab);
/// - a line holding nothing but spaces and tabs is no record at all;
/// - a carriage return ends a record, so a line ending in `\r\n` is the same record as
///   one ending in `\n`.
/// A line with a quote, or a carriage return anywhere but before its newline, is left
/// to libcsv; so is a line that does not end in a newline (the end of a chunk or of
/// the file), since libcsv may hold the start of a record from the previous chunk.
enum LineSplitter {
    /// Calls `sink` for the fields and the end of `line` as libcsv would, and returns
    /// `true`; or returns `false` without calling it when the line needs libcsv.
    @inline(__always)
    static func split(_ line: UnsafeRawBufferPointer, delimiter: UInt8, into sink: RecordSink) -> Bool {
        guard let base = line.baseAddress, line.count > 0, line[line.count - 1] == 0x0A else { return false }
        var end = line.count - 1
        if end > 0, line[end - 1] == 0x0D { end -= 1 }
        if memchr(base, 0x22, end) != nil || memchr(base, 0x0D, end) != nil { return false }
        let tabIsSpace = delimiter != 0x09
        @inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte == 0x09 && tabIsSpace) }
        var anything = false
        for k in 0..<end where !isSpace(line[k]) {
            anything = true
            break
        }
        // An empty line, or one of spaces: no record, as in libcsv, and no line number
        // for the next record to inherit.
        if !anything {
            sink.recordStartLine = 0
            return true
        }
        var fieldStart = 0
        var k = 0
        while true {
            if k == end || line[k] == delimiter {
                var a = fieldStart
                var b = k
                while a < b, isSpace(line[a]) { a += 1 }
                while b > a, isSpace(line[b - 1]) { b -= 1 }
                sink.field(UnsafeRawBufferPointer(start: base + a, count: b - a))
                if k == end { break }
                fieldStart = k + 1
            }
            k += 1
        }
        sink.endRecord()
        sink.recordStartLine = 0
        return true
    }
}
