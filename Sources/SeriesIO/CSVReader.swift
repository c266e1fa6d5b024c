#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads series from CSV text through libcsv.
///
/// Reading happens in two passes over the start of the file and one over all of it:
/// the first line decides the delimiter (unless given), the first records decide the
/// columns and the date format, then the whole file streams through libcsv in 1 MiB
/// chunks. Memory is the values kept plus one chunk, whatever the file's size.
///
/// ```swift
/// let reader = CSVReader(options: CSVReadOptions(missing: .interpolate))
/// let series = try reader.read(path: "datasets/air_passengers.csv")[0]
/// series.frequency   // .monthly
/// ```
///
/// A long-format file (``CSVReadOptions/idColumn``) gives one ``Series`` per id, in
/// the order the ids first appear.
public struct CSVReader: Sendable {
    public var options: CSVReadOptions

    /// How many records the column and format detection looks at.
    static let sampleRecords = 200
    static let sampleBytes = 256 << 10
    /// The most bytes read to find the header and the first data record.
    public static let detectionBytes = 64 << 20

    public init(options: CSVReadOptions = CSVReadOptions()) {
        self.options = options
    }

    /// Reads the file at `path`; `-` is standard input.
    ///
    /// A regular file is read in several streaming passes (detection, then data). A
    /// pipe, FIFO, `/dev/stdin` or `-` can be read only once, so it is read into memory
    /// first and parsed from there.
    public func read(path: String) throws(SeriesIOError) -> [Series] {
        if path == "-" { return try read(.bytes(try Self.readAll(path: "/dev/stdin", name: "<stdin>"), name: "<stdin>")) }
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
            return try read(.bytes(try Self.readAll(path: path, name: path), name: path))
        }
        return try read(.file(path: path))
    }

    static func readAll(path: String, name: String) throws(SeriesIOError) -> [UInt8] {
        let reader: FileChunkReader
        do {
            reader = try FileChunkReader(path: path)
        } catch {
            throw path == "/dev/stdin" ? .unreadable(path: name, reason: "standard input is not open") : error
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        var bytes: [UInt8] = []
        while true {
            let n = try reader.read(into: chunk)
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// Reads CSV text held in memory; `name` stands for the file in errors.
    public func read(bytes: [UInt8], name: String = "<input>") throws(SeriesIOError) -> [Series] {
        try read(.bytes(bytes, name: name))
    }

    func read(_ source: ChunkSource) throws(SeriesIOError) -> [Series] {
        let layout = try detectLayout(source)
        let assembler = SeriesAssembler(layout: layout.assembler)
        try CSVScanner(source: source, delimiter: layout.delimiter).scan(into: assembler)
        guard assembler.dataRows > 0 else { throw .noDataRows(path: source.name) }

        let name = layout.assembler.columnNames[layout.assembler.valueColumn]
        var result: [Series] = []
        result.reserveCapacity(assembler.builders.count)
        for builder in assembler.builders {
            var series = Series(
                name: name, id: builder.id, values: builder.values,
                timestamps: layout.assembler.dateColumn == nil ? nil : builder.timestamps,
                dateFormat: layout.assembler.dateFormat)
            if let policy = options.missing, policy != .error {
                series = try series.filled(policy)
            }
            result.append(series)
        }
        return result
    }

    struct DetectedLayout {
        var delimiter: UInt8
        var assembler: SeriesAssembler.Layout
    }

    /// Chooses delimiter, columns and date format from the start of the file.
    func detectLayout(_ source: ChunkSource) throws(SeriesIOError) -> DetectedLayout {
        let path = source.name
        let delimiter: UInt8
        if let given = options.delimiter {
            delimiter = given
        } else {
            delimiter = try Self.detectDelimiter(source)
        }
        // The sample must hold whole records: a first line wider than the sample (a
        // header of a million columns, a megabyte field) reads a larger prefix.
        var sample = SampleCollector(limit: Self.sampleRecords + 1)
        var limit = Self.sampleBytes
        let wanted = options.hasHeader ? 2 : 1
        while true {
            var scanner = CSVScanner(source: source, delimiter: delimiter)
            scanner.byteLimit = limit
            let reachedEnd = try scanner.scan(into: sample)
            if reachedEnd || sample.records.count >= wanted { break }
            guard limit < Self.detectionBytes else {
                throw .recordTooLong(path: path, line: sample.records.last.map { $0.line + 1 } ?? 1, limit: Self.detectionBytes)
            }
            limit = min(4 * limit, Self.detectionBytes)
            sample = SampleCollector(limit: Self.sampleRecords + 1)
        }
        guard let first = sample.records.first else { throw .emptyFile(path: path) }
        var hasHeader = options.hasHeader
        if hasHeader, options.detectsHeader, sample.records.count >= 2,
            Self.looksLikeData(first.fields, below: sample.records[1].fields)
        {
            hasHeader = false
        }
        var seen: [String: Int] = [:]
        if hasHeader {
            for (i, name) in first.fields.enumerated() {
                if let earlier = seen[name] {
                    throw .duplicateColumnName(path: path, name: name, first: earlier + 1, second: i + 1)
                }
                seen[name] = i
            }
        }

        let width = first.fields.count
        let names = hasHeader ? first.fields : (1...width).map { "column\($0)" }
        let rows = hasHeader ? Array(sample.records.dropFirst()) : sample.records
        guard !rows.isEmpty else { throw .noDataRows(path: path) }
        for row in rows where row.fields.count != width {
            throw .raggedRow(path: path, line: row.line, expected: width, found: row.fields.count)
        }

        func resolve(_ selector: ColumnSelector?) throws(SeriesIOError) -> Int? {
            guard let selector else { return nil }
            guard let index = selector.resolve(in: names) else {
                throw .columnNotFound(path: path, column: selector.description, available: names)
            }
            return index
        }
        // Nixtla's long format (statsforecast, neuralforecast, mlforecast): `unique_id`,
        // `ds`, `y` name the id, date and value columns without any flag. Read as one
        // series it would mix every id's rows.
        let nixtla = hasHeader && options.idColumn == nil
            && ["unique_id", "ds", "y"].allSatisfy(names.contains)
        let idColumn = try resolve(options.idColumn ?? (nixtla ? ColumnSelector("unique_id") : nil))

        // pandas' `to_csv()` writes its index first, under an empty name: 0, 1, 2, … It
        // is not the time axis when another column holds dates.
        var pandasIndex: Int?
        if hasHeader, options.dateColumn == nil, width >= 3, names[0].isEmpty, idColumn != 0,
            rows.allSatisfy({ Int($0.fields[0].trimmingSpaces) != nil }),
            (1..<width).contains(where: { $0 != idColumn && (Self.dateFormat(of: rows, column: $0).map { $0 != .index } ?? false) })
        {
            pandasIndex = 0
        }

        var dateColumn = try resolve(options.dateColumn ?? (nixtla ? ColumnSelector("ds") : nil))
        var dateFormat: DateFormat?
        if let column = dateColumn {
            // An explicit date column takes the first value's format; later values that
            // do not match are reported by line in the streaming pass.
            guard let format = DateFormat.detect(rows[0].fields[column].trimmingSpaces) else {
                throw .invalidDate(path: path, line: rows[0].line, column: column + 1,
                                   text: rows[0].fields[column], expected: Self.dateForms)
            }
            dateFormat = format
        } else if width >= 2, let column = (0..<width).first(where: { $0 != idColumn && $0 != pandasIndex }),
            let format = Self.dateFormat(of: rows, column: column)
        {
            dateColumn = column
            dateFormat = format
        }

        let valueColumn: Int
        if let chosen = try resolve(options.valueColumn ?? (nixtla ? ColumnSelector("y") : nil)) {
            valueColumn = chosen
        } else {
            let candidates = (0..<width).filter { $0 != idColumn && $0 != dateColumn && $0 != pandasIndex }
            let kinds = candidates.map { Self.valueKinds(rows, column: $0) }
            // Mostly numbers wins; a column with nothing but missing values is still a
            // value column (it fails later with a clearer message than "no numbers").
            if let last = candidates.indices.last(where: { kinds[$0].numbers > 0 && kinds[$0].numbers >= kinds[$0].other }) {
                valueColumn = candidates[last]
            } else if let last = candidates.indices.last(where: { kinds[$0].numbers == 0 && kinds[$0].other == 0 }) {
                valueColumn = candidates[last]
            } else {
                throw .noNumericColumn(path: path)
            }
        }
        return DetectedLayout(
            delimiter: delimiter,
            assembler: SeriesAssembler.Layout(
                path: path, columnNames: names, valueColumn: valueColumn, dateColumn: dateColumn,
                dateFormat: dateFormat, idColumn: idColumn, skipFirstRecord: hasHeader,
                refuseMissing: options.missing == .error))
    }

    /// Whether a first record is data rather than a header: every field a number or a
    /// date, and of the same kind as the field below it.
    static func looksLikeData(_ fields: [String], below next: [String]) -> Bool {
        func kind(_ field: String) -> Int? {
            let text = field.trimmingSpaces
            if text.isEmpty { return nil }
            if Double(text) != nil { return 0 }
            return DateFormat.detect(text) != nil ? 1 : nil
        }
        return fields.count == next.count && fields.indices.allSatisfy { i in
            kind(fields[i]).map { $0 == kind(next[i]) } ?? false
        }
    }

    static let dateForms = "YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or an integer"

    /// The column's date format when at least half the sampled values share one (the rest, even
    /// the first value, are reported by line while streaming): a column of dates with
    /// one bad value is a date column with an error, not a column to ignore.
    static func dateFormat(of rows: [SampleCollector.Record], column: Int) -> DateFormat? {
        let detected = rows.compactMap { DateFormat.detect($0.fields[column].trimmingSpaces) }
        var counts: [DateFormat: Int] = [:]
        for format in detected { counts[format, default: 0] += 1 }
        // Ties go to the earliest row's format, so the choice never depends on hashing.
        guard let best = counts.values.max(), let format = detected.first(where: { counts[$0] == best }) else { return nil }
        let matching = rows.count { format.parse($0.fields[column].trimmingSpaces) != nil }
        return 2 * matching >= rows.count ? format : nil
    }

    /// How many sampled values of a column are numbers and how many are neither numbers
    /// nor missing.
    static func valueKinds(_ rows: [SampleCollector.Record], column: Int) -> (numbers: Int, other: Int) {
        var numbers = 0
        var other = 0
        for row in rows {
            var text = Array(row.fields[column].utf8)
            text.withUnsafeMutableBytes { raw in
                let bytes = UnsafeRawBufferPointer(raw)
                if FieldParsing.number(bytes) != nil {
                    numbers += 1
                } else if !FieldParsing.isMissing(bytes) {
                    other += 1
                }
            }
        }
        return (numbers, other)
    }

    /// The candidate delimiter seen most often outside quotes on the first line;
    /// a comma when none appears (a one-column file).
    static func detectDelimiter(_ source: ChunkSource) throws(SeriesIOError) -> UInt8 {
        let reader = try source.open()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        defer { buffer.deallocate() }
        let count = try reader.read(into: buffer)
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in buffer[0..<count] {
            if byte == 0x22 { quoted.toggle() }
            if !quoted && (byte == 0x0A || byte == 0x0D) { break }
            if !quoted && CSVReadOptions.delimiters.contains(byte) { counts[byte, default: 0] += 1 }
        }
        return CSVReadOptions.delimiters.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }
            .flatMap { (counts[$0] ?? 0) > 0 ? $0 : nil } ?? 0x2C
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
