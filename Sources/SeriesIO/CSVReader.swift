#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads series from CSV text through libcsv.
///
/// Reading happens in two passes over the start of the file and one over all of it:
/// the first line decides the delimiter (unless given), the first records decide the
/// columns, the date form and the number format, then the whole file streams through
/// libcsv in 1 MiB chunks. Memory is the values kept plus one chunk, whatever the
/// file's size. Only a date column whose sampled values all read both month-first and
/// day-first (`01/02/2020`) costs one more pass, over that column.
///
/// ``readDescribed(path:)`` also returns a ``FileLayout``: what was recognised and
/// why, for a user to check before trusting the numbers.
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

    /// Files at least this large are read on several threads (see `assemble`); tests
    /// lower it to read small files both ways.
    var parallelMinimumBytes = 8 << 20
    /// The most parts a file is read in (never more than the cores online).
    var maximumParts = 4
    /// `false` reads every line through libcsv (``LineSplitter`` off): the reference
    /// that tests and the differential fuzzer compare the fast reading with.
    var usesLineSplitter = true

    /// A scanner of `source` as this reader scans.
    func makeScanner(_ source: ChunkSource, delimiter: UInt8) -> CSVScanner {
        var scanner = CSVScanner(source: source, delimiter: delimiter)
        scanner.usesLineSplitter = usesLineSplitter
        return scanner
    }

    public init(options: CSVReadOptions = CSVReadOptions()) {
        self.options = options
    }

    /// Reads the file at `path`; `-` is standard input.
    ///
    /// A regular file is read in several streaming passes (detection, then data). A
    /// pipe, FIFO, `/dev/stdin` or `-` can be read only once, so it is read into memory
    /// first and parsed from there.
    public func read(path: String) throws(SeriesIOError) -> [Series] {
        try readDescribed(path: path).series
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
        try readDescribed(source).series
    }

    /// Reads CSV text held in memory like ``read(bytes:name:)`` and says what it recognised.
    public func readDescribed(bytes: [UInt8], name: String = "<input>") throws(SeriesIOError)
        -> (series: [Series], layout: FileLayout)
    {
        try readDescribed(.bytes(bytes, name: name))
    }

    /// Reads the file at `path` like ``read(path:)`` and says what it recognised.
    public func readDescribed(path: String) throws(SeriesIOError) -> (series: [Series], layout: FileLayout) {
        if path == "-" { return try readDescribed(.bytes(try Self.readAll(path: "/dev/stdin", name: "<stdin>"), name: "<stdin>")) }
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG, (info.st_mode & S_IFMT) != S_IFDIR {
            return try readDescribed(.bytes(try Self.readAll(path: path, name: path), name: path))
        }
        return try readDescribed(.file(path: path))
    }

    func readDescribed(_ source: ChunkSource) throws(SeriesIOError) -> (series: [Series], layout: FileLayout) {
        let layout = try detectLayout(source)
        let (builders, dataRows) = try assemble(source, layout: layout.assembler, delimiter: layout.delimiter)
        guard dataRows > 0 else { throw .noDataRows(path: source.name) }

        let columns = layout.assembler.valueColumns
        let wide = layout.assembler.isWide
        var result: [Series] = []
        result.reserveCapacity(builders.count)
        for (k, builder) in builders.enumerated() {
            let name = layout.assembler.columnNames[columns[wide ? k : 0]]
            // The reader has checked the order of the dates already, line by line.
            var series = Series(name: name, id: builder.id, values: builder.values)
            if layout.assembler.dateColumn != nil {
                series.timestamps = builder.timestamps
                series.dateFormat = layout.assembler.dateFormat ?? .index
            }
            series.statedFrequency = options.frequency
            if wide {
                // Columns of a wide file start and end where their series do; the empty
                // cells around them are padding, not missing values.
                guard let first = series.values.firstIndex(where: { !$0.isNaN }),
                    let last = series.values.lastIndex(where: { !$0.isNaN })
                else { throw .allMissing(series: name) }
                series = series.slice(first..<(last + 1))
            }
            if let policy = options.missing, policy != .error || wide {
                series = try series.filled(policy)
            }
            result.append(series)
        }
        return (result, layout.description)
    }

    struct DetectedLayout {
        var delimiter: UInt8
        var assembler: SeriesAssembler.Layout
        var description: FileLayout
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
            var scanner = makeScanner(source, delimiter: delimiter)
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

        let numbers = try numberFormat(delimiter: delimiter, records: sample.records)
        var hasHeader = options.hasHeader
        if hasHeader, options.detectsHeader, sample.records.count >= 2,
            Self.looksLikeData(first.fields, below: sample.records[1].fields, numbers: numbers.format)
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
        let nixtla = hasHeader && options.idColumn == nil && !options.allValueColumns
            && ["unique_id", "ds", "y"].allSatisfy(names.contains)
        let idColumn = try resolve(options.idColumn ?? (nixtla ? ColumnSelector("unique_id") : nil))
        if idColumn != nil && options.allValueColumns {
            throw .invalidOption("\(Setting.allValueColumns) reads one series per column; it cannot be combined with \(Setting.idColumn)")
        }

        // pandas' `to_csv()` writes its index first, under an empty name: 0, 1, 2, … It
        // is not the time axis when another column holds dates.
        var pandasIndex: Int?
        var pandasDates: Int?
        if hasHeader, options.dateColumn == nil, width >= 3, names[0].isEmpty, idColumn != 0,
            rows.allSatisfy({ Int($0.fields[0].trimmingSpaces) != nil }),
            let dates = (1..<width).first(where: {
                $0 != idColumn && (Self.dateFormat(of: rows, column: $0, stated: options.dateFormat).map { $0 != .index } ?? false)
            })
        {
            pandasIndex = 0
            pandasDates = dates
        }

        var dateColumn = try resolve(options.dateColumn ?? (nixtla ? ColumnSelector("ds") : nil))
        var dateFormat: DateFormat?
        var dayMonthDecision: String?
        if let column = dateColumn {
            // A stated date column takes the sample's most common form; values that do
            // not match are reported by line in the streaming pass.
            guard let format = Self.dateFormat(of: rows, column: column, stated: options.dateFormat, majority: false) else {
                let bad = rows.first { !Self.isMissingText($0.fields[column]) } ?? rows[0]
                throw .invalidDate(path: path, line: bad.line, column: column + 1, text: bad.fields[column],
                                   expected: options.dateFormat?.pattern ?? Self.dateForms)
            }
            dateFormat = format
        } else if width >= 2 || options.dateFormat != nil {
            let candidates = (0..<width).filter { $0 != idColumn && $0 != pandasIndex }
            // The date column is the first one (after id and index), as files are
            // written; a stated form looks for the first column it reads.
            let tried = pandasDates.map { [$0] } ?? (options.dateFormat == nil ? Array(candidates.prefix(1)) : candidates)
            if let column = tried.first(where: { Self.dateFormat(of: rows, column: $0, stated: options.dateFormat) != nil }),
                let format = Self.dateFormat(of: rows, column: column, stated: options.dateFormat)
            {
                dateColumn = column
                dateFormat = format
            } else if let stated = options.dateFormat, let column = candidates.first {
                let row = rows[0]
                throw .invalidDate(path: path, line: row.line, column: column + 1, text: row.fields[column], expected: stated.pattern)
            } else if width >= 2, let column = candidates.first, let bad = Self.badDate(rows, column: column) {
                // Dates that do not parse must not quietly turn the file undated.
                throw .invalidDate(path: path, line: bad.line, column: column + 1, text: bad.fields[column],
                                   expected: Self.dateForms + " (or give a date format)")
            }
        }
        if let column = dateColumn, let format = dateFormat, options.dateFormat == nil, let twin = format.swappedDayMonth {
            (dateFormat, dayMonthDecision) = try decideDayMonth(
                source, delimiter: delimiter, rows: rows, column: column, idColumn: idColumn,
                skipFirstRecord: hasHeader, format: format, twin: twin)
        }

        var valueColumns: [Int]
        var skipped: [String] = []
        var unread: [String] = []
        let candidates = (0..<width).filter { $0 != idColumn && $0 != dateColumn && $0 != pandasIndex }
        func numeric(_ column: Int) -> Bool {
            let kinds = Self.valueKinds(rows, column: column, numbers: numbers.format)
            return kinds.numbers >= kinds.other
        }
        if options.allValueColumns {
            valueColumns = candidates.filter(numeric)
            skipped = candidates.filter { !numeric($0) }.map { names[$0] }
            guard !valueColumns.isEmpty else { throw .noNumericColumn(path: path) }
        } else if !options.valueColumns.isEmpty {
            valueColumns = []
            for selector in options.valueColumns {
                guard let index = try resolve(selector) else { continue }
                valueColumns.append(index)
            }
        } else if let selector = options.valueColumn ?? (nixtla ? ColumnSelector("y") : nil) {
            if let chosen = selector.resolve(in: names) {
                valueColumns = [chosen]
            } else if case .name(let list) = selector, list.contains(",") {
                // `--column a,b,c`: several columns, each its own series, unless one
                // column has that exact name (checked above).
                valueColumns = []
                for part in list.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let index = try resolve(ColumnSelector(String(part))) else { continue }
                    valueColumns.append(index)
                }
            } else {
                throw .columnNotFound(path: path, column: selector.description, available: names)
            }
        } else {
            let kinds = candidates.map { Self.valueKinds(rows, column: $0, numbers: numbers.format) }
            // Mostly numbers wins; a column with nothing but missing values is still a
            // value column (it fails later with a clearer message than "no numbers").
            let numeric = candidates.indices.filter { kinds[$0].numbers > 0 && kinds[$0].numbers >= kinds[$0].other }
            if let last = numeric.last {
                valueColumns = [candidates[last]]
                unread = numeric.dropLast().map { names[candidates[$0]] }
            } else if let last = candidates.indices.last(where: { kinds[$0].numbers == 0 && kinds[$0].other == 0 }) {
                valueColumns = [candidates[last]]
            } else {
                throw .noNumericColumn(path: path)
            }
        }
        let wide = options.allValueColumns || valueColumns.count > 1
        if wide && idColumn != nil {
            throw .invalidOption("several value columns read one series per column; they cannot be combined with \(Setting.idColumn)")
        }
        let shape: FileLayout.Shape
        if wide {
            shape = .wide(columns: valueColumns.map { names[$0] }, skipped: skipped)
        } else if let idColumn {
            shape = .long(idColumn: names[idColumn], valueColumn: names[valueColumns[0]], nixtla: nixtla)
        } else {
            shape = .single(column: names[valueColumns[0]])
        }
        var description = FileLayout(
            delimiter: delimiter,
            header: hasHeader ? .present : (options.hasHeader ? .absentDetected : .absentStated),
            shape: shape, dateColumn: dateColumn.map { names[$0] }, dateFormat: dateColumn == nil ? nil : dateFormat,
            dayMonthDecision: dayMonthDecision, skippedIndex: pandasIndex != nil, numbers: numbers.format,
            decimalDetected: numbers.detected, statedFrequency: options.frequency)
        description.unreadNumericColumns = unread
        return DetectedLayout(
            delimiter: delimiter,
            assembler: SeriesAssembler.Layout(
                path: path, columnNames: names, valueColumns: valueColumns, isWide: wide, dateColumn: dateColumn,
                dateFormat: dateFormat, idColumn: idColumn, skipFirstRecord: hasHeader,
                refuseMissing: options.missing == .error && !wide, numbers: numbers.format),
            description: description)
    }

    /// The stated number format, or the one the sample shows: a `;`-separated file
    /// whose numbers have decimal commas (`102,34`) and none a decimal point is read
    /// with a decimal comma, and with thousands dots when its numbers are grouped so.
    func numberFormat(delimiter: UInt8, records: [SampleCollector.Record]) throws(SeriesIOError) -> (format: NumberFormat, detected: Bool) {
        if let decimal = options.decimalSeparator {
            if decimal == options.thousandsSeparator {
                throw .invalidOption("\(Setting.decimal) and \(Setting.thousands) are both '\(String(UnicodeScalar(decimal)))'; a number could not be read")
            }
            return (NumberFormat(decimal: decimal, thousands: options.thousandsSeparator), false)
        }
        if let thousands = options.thousandsSeparator {
            guard thousands != 0x2E else {
                throw .invalidOption("\(Setting.thousandsDot) needs \(Setting.decimalComma) (a dot cannot be both)")
            }
            return (NumberFormat(decimal: 0x2E, thousands: thousands), false)
        }
        guard delimiter == 0x3B else { return (.plain, false) }
        var commas = 0
        var grouped = false
        for record in records {
            for field in record.fields {
                let text = Array(field.trimmingSpaces.utf8)
                switch Self.numberShape(text) {
                case .commaDecimal: commas += 1
                case .dotDecimal: return (.plain, false)
                case .dotGrouped: grouped = true
                case .groupedComma:
                    commas += 1
                    grouped = true
                case .other: break
                }
            }
        }
        guard commas > 0 else { return (.plain, false) }
        return (NumberFormat(decimal: 0x2C, thousands: grouped ? 0x2E : nil), true)
    }

    enum NumberShape { case commaDecimal, dotDecimal, dotGrouped, groupedComma, other }

    /// What a field says about the locale: `12,5` a decimal comma, `12.5` a decimal
    /// point, `1.234` thousands dots (or a decimal point: undecided alone), `1.234,5` both.
    static func numberShape(_ t: [UInt8]) -> NumberShape {
        var body = t[...]
        if let c = body.first, c == 0x2B || c == 0x2D { body = body.dropFirst() }
        let isDigit = { (c: UInt8) in c &- 0x30 < 10 }
        let commaParts = body.split(separator: 0x2C, omittingEmptySubsequences: false)
        guard commaParts.count <= 2, !body.isEmpty else { return .other }
        let integer = commaParts[0]
        let dotParts = integer.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard dotParts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }) else { return .other }
        let grouped = dotParts.count > 1 && dotParts[0].count <= 3 && dotParts.dropFirst().allSatisfy { $0.count == 3 }
        if commaParts.count == 2 {
            guard !commaParts[1].isEmpty, commaParts[1].allSatisfy(isDigit) else { return .other }
            if dotParts.count == 1 { return .commaDecimal }
            return grouped ? .groupedComma : .other
        }
        if dotParts.count == 1 { return .other }
        if grouped { return .dotGrouped }
        return dotParts.count == 2 ? .dotDecimal : .other
    }

    /// Decides between a month-first form and its day-first twin: the one that reads
    /// every sampled value; else the one that reads every value of the whole column;
    /// else the one whose dates fall on a regular grid; else an error asking for
    /// `--date-format`.
    func decideDayMonth(
        _ source: ChunkSource, delimiter: UInt8, rows: [SampleCollector.Record], column: Int, idColumn: Int?,
        skipFirstRecord: Bool, format: DateFormat, twin: DateFormat
    ) throws(SeriesIOError) -> (DateFormat, String?) {
        let texts = rows.map { $0.fields[column].trimmingSpaces }.filter { !Self.isMissingText($0) }
        let readsAll = { (f: DateFormat) in texts.allSatisfy { f.parse($0) != nil } }
        switch (readsAll(format), readsAll(twin)) {
        case (true, false): return (format, nil)
        case (false, true): return (twin, nil)
        case (false, false): return (format, nil)
        case (true, true): break
        }
        let probe = DayMonthProbe(column: column, idColumn: idColumn, skipFirstRecord: skipFirstRecord,
                                  formats: [format, twin])
        try makeScanner(source, delimiter: delimiter).scan(into: probe)
        switch (probe.readsAll[0], probe.readsAll[1]) {
        case (true, false): return (format, "a value later in the file reads only this way")
        case (false, true): return (twin, "a value later in the file reads only this way")
        default: break
        }
        let problems = probe.timestamps.map { t -> Int in
            guard zip(t, t.dropFirst()).allSatisfy({ $0 < $1 }), let frequency = Frequency.infer(t, format: format) else { return .max }
            let r = Regularity(t, frequency: frequency)
            return r.missingSteps + r.irregular
        }
        if problems[0] < problems[1] { return (format, "the only reading on a regular grid") }
        if problems[1] < problems[0] { return (twin, "the only reading on a regular grid") }
        let example = texts.first ?? ""
        let (monthFirst, dayFirst) = format.isDayFirst ? (twin, format) : (format, twin)
        throw .ambiguousDates(path: source.name, column: column + 1, example: example,
                              monthFirst: DateFormat.day.format(monthFirst.parse(example) ?? 0),
                              dayFirst: DateFormat.day.format(dayFirst.parse(example) ?? 0))
    }

    /// The first sampled value of `column` that looks like a date (digits grouped by
    /// `-` `/` `.` `:` or `T`, not a number) but reads in no form, when most values look
    /// like dates.
    static func badDate(_ rows: [SampleCollector.Record], column: Int) -> SampleCollector.Record? {
        func looksLikeDate(_ text: String) -> Bool {
            let t = Array(text.utf8)
            guard let first = t.first, first &- 0x30 < 10, Double(text) == nil else { return false }
            var separators = 0
            for c in t {
                if c &- 0x30 < 10 { continue }
                guard [0x2D, 0x2F, 0x2E, 0x3A, 0x54, 0x20, 0x2B, 0x5A, 0x57].contains(c) else { return false }
                separators += 1
            }
            return separators >= 1
        }
        let texts = rows.map { $0.fields[column].trimmingSpaces }
        let looking = texts.count(where: looksLikeDate)
        guard looking > 0, 2 * looking >= texts.count(where: { !isMissingText($0) }) else { return nil }
        return rows.first { looksLikeDate($0.fields[column].trimmingSpaces) && DateFormat.detect($0.fields[column].trimmingSpaces) == nil }
            ?? rows.first { looksLikeDate($0.fields[column].trimmingSpaces) }
    }

    static func isMissingText(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { FieldParsing.isMissing(UnsafeRawBufferPointer($0)) }
    }

    /// Whether a first record is data rather than a header: every field a number or a
    /// date, and of the same kind as the field below it.
    static func looksLikeData(_ fields: [String], below next: [String], numbers: NumberFormat = .plain) -> Bool {
        func kind(_ field: String) -> Int? {
            let text = field.trimmingSpaces
            if text.isEmpty { return nil }
            var bytes = Array(text.utf8)
            let number = bytes.withUnsafeMutableBytes { FieldParsing.number(UnsafeRawBufferPointer($0), format: numbers) }
            if number != nil { return 0 }
            return DateFormat.detect(text) != nil ? 1 : nil
        }
        return fields.count == next.count && fields.indices.allSatisfy { i in
            kind(fields[i]).map { $0 == kind(next[i]) } ?? false
        }
    }

    static let dateForms = "YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS][±HH:MM], YYYY-Www, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY or an integer"

    /// The column's date format when at least half the sampled values share one (the rest, even
    /// the first value, are reported by line while streaming): a column of dates with
    /// one bad value is a date column with an error, not a column to ignore.
    static func dateFormat(of rows: [SampleCollector.Record], column: Int, stated: DateFormat? = nil,
                           majority: Bool = true) -> DateFormat? {
        let detected = rows.compactMap { row -> DateFormat? in
            let text = row.fields[column].trimmingSpaces
            if let stated { return stated.parse(text) != nil ? stated : nil }
            return DateFormat.detect(text)
        }
        var counts: [DateFormat: Int] = [:]
        for format in detected { counts[format, default: 0] += 1 }
        // Ties go to the earliest row's format, so the choice never depends on hashing.
        guard let best = counts.values.max(), let format = detected.first(where: { counts[$0] == best }) else { return nil }
        let matching = rows.count { format.parse($0.fields[column].trimmingSpaces) != nil }
        return !majority || 2 * matching >= rows.count ? format : nil
    }

    /// How many sampled values of a column are numbers and how many are neither numbers
    /// nor missing.
    static func valueKinds(_ rows: [SampleCollector.Record], column: Int, numbers format: NumberFormat = .plain) -> (numbers: Int, other: Int) {
        var numbers = 0
        var other = 0
        for row in rows {
            var text = Array(row.fields[column].utf8)
            text.withUnsafeMutableBytes { raw in
                let bytes = UnsafeRawBufferPointer(raw)
                if FieldParsing.number(bytes, format: format) != nil {
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
