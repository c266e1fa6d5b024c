import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a large file on several cores.
///
/// The file is cut at line ends into parts, one libcsv parser and one assembler per
/// part, run at once; the parts' series are then joined in file order. A cut is only
/// valid outside a quoted field, which a part cannot know about the text before it:
/// strict CSV escapes a quote by doubling it, so a cut is inside quotes exactly when an
/// odd number of quote bytes comes before it. Each part counts its quotes; when a
/// prefix count is odd (a quoted field spans the cut) the file is read again serially.
/// Lines are counted per part and shifted afterwards, so errors name the same line as
/// a serial read, and of several errors the first in the file is the one reported.
extension CSVReader {
    func assemble(_ source: ChunkSource, layout: SeriesAssembler.Layout, delimiter: UInt8)
        throws(SeriesIOError) -> (builders: [SeriesAssembler.Builder], dataRows: Int)
    {
        if case .file(let path) = source, let cuts = cuts(path) {
            if let result = try assembleParts(path: path, cuts: cuts, layout: layout, delimiter: delimiter) {
                return result
            }
        }
        let assembler = SeriesAssembler(layout: layout)
        try makeScanner(source, delimiter: delimiter).scan(into: assembler)
        return (assembler.takeBuilders(), assembler.dataRows)
    }

    /// Byte offsets where parts start (after a newline), with the file size last; nil
    /// when the file is small, the machine has one core, or no line end is found.
    func cuts(_ path: String) -> [Int]? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let allowed = options.threads.map { max(1, $0) } ?? min(maximumParts, max(1, cores))
        let parts = min(allowed, max(1, size / max(1, parallelMinimumBytes)))
        guard size >= parallelMinimumBytes, parts >= 2 else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var starts = [0]
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        for k in 1..<parts {
            var offset = max(size * k / parts, (starts.last ?? 0) + 1)
            var found: Int?
            while offset < size, found == nil {
                let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
                guard n > 0 else { break }
                if let i = buffer[0..<n].firstIndex(of: 0x0A) { found = offset + i + 1 }
                offset += n
            }
            guard let cut = found, cut < size else { break }
            starts.append(cut)
        }
        guard starts.count >= 2 else { return nil }
        return starts + [size]
    }

    private final class Part: @unchecked Sendable {
        var assembler: SeriesAssembler?
        var outcome: CSVScanner.Outcome?
        var error: SeriesIOError?
    }

    /// The parts read at once and joined; nil when a cut fell inside a quoted field.
    func assembleParts(path: String, cuts: [Int], layout: SeriesAssembler.Layout, delimiter: UInt8)
        throws(SeriesIOError) -> (builders: [SeriesAssembler.Builder], dataRows: Int)?
    {
        let count = cuts.count - 1
        let parts = (0..<count).map { _ in Part() }
        DispatchQueue.concurrentPerform(iterations: count) { k in
            var partLayout = layout
            if k > 0 { partLayout.skipFirstRecord = false }
            let assembler = SeriesAssembler(layout: partLayout)
            var scanner = makeScanner(.fileRange(path: path, start: cuts[k], end: cuts[k + 1]), delimiter: delimiter)
            scanner.startsFile = k == 0
            scanner.endsAtCut = k < count - 1
            do throws(SeriesIOError) {
                parts[k].outcome = try scanner.scanReporting(into: assembler)
            } catch {
                parts[k].error = error
            }
            parts[k].assembler = assembler
        }
        // In file order: a part that failed before its end failed as a serial read would
        // (everything before it was read alike); otherwise its quotes decide whether
        // the next part's reading stands.
        var shift = 0, quotes = 0
        var shifts: [Int] = []
        var used = count
        var firstError: SeriesIOError?
        for k in 0..<count {
            shifts.append(shift)
            if let error = parts[k].error {
                // The parts after it are never reached; an order error across an earlier
                // cut may still come first (below).
                firstError = error.shiftingLines(by: shift)
                used = k + 1
                break
            }
            guard let outcome = parts[k].outcome else { return nil }
            quotes += outcome.quotes
            if k < count - 1 && quotes % 2 != 0 { return nil }
            shift += outcome.nextLine - 1
        }
        // Join the series in order of first appearance, checking each series' order of
        // dates across the cuts as a serial read checks it from row to row.
        var builders: [SeriesAssembler.Builder] = []
        var index: [String?: Int] = [:]
        var dataRows = 0
        func note(_ error: SeriesIOError) {
            if firstError == nil || (error.line ?? .max) < (firstError?.line ?? .max) { firstError = error }
        }
        let format = layout.dateFormat ?? .index
        for k in 0..<used {
            guard let assembler = parts[k].assembler else { return nil }
            dataRows += assembler.dataRows
            for (position, var b) in assembler.takeBuilders().enumerated() {
                if b.firstLine > 0 { b.firstLine += shifts[k] }
                if b.lastLine > 0 { b.lastLine += shifts[k] }
                // Wide files: series by column position; long files: by id.
                let key: String? = layout.isWide ? String(position) : b.id
                guard let i = index[key] else {
                    index[key] = builders.count
                    builders.append(b)
                    continue
                }
                if layout.dateColumn != nil, let last = builders[i].timestamps.last, let first = b.timestamps.first, first <= last {
                    note(first == last
                        ? .duplicateTimestamp(path: path, line: b.firstLine, firstLine: builders[i].lastLine, date: format.format(first))
                        : .unsortedTimestamps(path: path, line: b.firstLine, previousLine: builders[i].lastLine,
                                              date: format.format(first), previous: format.format(last)))
                }
                if builders[i].firstLine == 0 { builders[i].firstLine = b.firstLine }
                if b.lastLine > 0 { builders[i].lastLine = b.lastLine }
                builders[i].values += b.values
                builders[i].timestamps += b.timestamps
            }
        }
        if let firstError { throw firstError }
        return (builders, dataRows)
    }
}
