/// The streaming pass: turns libcsv's fields into per-series value and timestamp
/// arrays as they arrive, checking each row (field count, numbers, dates, order).
///
/// Only the chosen columns are looked at; a value is parsed in place from libcsv's
/// buffer, so the memory kept is the series, never the text. Mutable state sits
/// behind a pointer (see ``RecordSink``) to keep exclusivity checks off the hot path.
final class SeriesAssembler: RecordSink {
    struct Builder {
        var id: String?
        var values: [Double] = []
        var timestamps: [Int64] = []
        var lastLine = 0
        /// The line of its first row (0 before it has one).
        var firstLine = 0
    }

    struct Layout {
        var path: String
        var columnNames: [String]
        /// One column, or in a wide file one per series.
        var valueColumns: [Int]
        var isWide: Bool
        var dateColumn: Int?
        var dateFormat: DateFormat?
        var idColumn: Int?
        var skipFirstRecord: Bool
        var refuseMissing: Bool
        var numbers: NumberFormat
    }

    struct State {
        var builders: [Builder] = []
        var dataRows = 0
        var fieldIndex = 0
        var recordIndex = 0
        var firstFieldEmpty = false
        var value = Double.nan
        /// A wide file's row, one value per series.
        var wideValues: [Double] = []
        var timestamp: Int64 = 0
        var idBytes: [UInt8] = []
        var lastIdBytes: [UInt8] = []
        var lastBuilder = -1
        var builderIndex: [String: Int] = [:]
    }

    let layout: Layout
    /// The value column of a one-column read; -1 for a wide file, whose columns go
    /// through ``wideSlot``.
    private let valueColumn: Int
    /// For each column of a wide file, the series it feeds, or -1.
    private let wideSlot: [Int]
    private let plainNumbers: Bool
    private let state: UnsafeMutablePointer<State>

    var builders: [Builder] { state.pointee.builders }

    /// The builders, moved out (no copy of their arrays); the assembler keeps none.
    func takeBuilders() -> [Builder] {
        var taken: [Builder] = []
        swap(&taken, &state.pointee.builders)
        return taken
    }
    var dataRows: Int { state.pointee.dataRows }

    init(layout: Layout) {
        self.layout = layout
        valueColumn = layout.isWide ? -1 : layout.valueColumns[0]
        var slots = [Int](repeating: -1, count: layout.isWide ? layout.columnNames.count : 0)
        for (k, column) in layout.valueColumns.enumerated() where layout.isWide { slots[column] = k }
        wideSlot = slots
        plainNumbers = layout.numbers.isPlain
        state = .allocate(capacity: 1)
        state.initialize(to: State())
        super.init()
        if layout.isWide {
            state.pointee.builders = layout.valueColumns.map { Builder(id: layout.columnNames[$0]) }
            state.pointee.wideValues = [Double](repeating: .nan, count: layout.valueColumns.count)
        } else if layout.idColumn == nil {
            state.pointee.builders.append(Builder())
        }
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    override func field(_ bytes: UnsafeRawBufferPointer) {
        let s = state
        let index = s.pointee.fieldIndex
        defer { s.pointee.fieldIndex = index + 1 }
        if index == 0 { s.pointee.firstFieldEmpty = bytes.isEmpty }
        if s.pointee.recordIndex == 0 && layout.skipFirstRecord { return }
        if index == valueColumn {
            if let v = plainNumbers ? FieldParsing.number(bytes) : FieldParsing.number(bytes, format: layout.numbers) {
                s.pointee.value = v
            } else if FieldParsing.isMissing(bytes) {
                if layout.refuseMissing {
                    fail(.missingValue(path: layout.path, line: recordStartLine, column: index + 1,
                                       columnName: layout.columnNames[index]))
                }
                s.pointee.value = .nan
            } else {
                fail(.invalidNumber(path: layout.path, line: recordStartLine, column: index + 1,
                                    columnName: layout.columnNames[index], text: FieldParsing.string(bytes)))
            }
        } else if valueColumn < 0, index < wideSlot.count, wideSlot[index] >= 0 {
            if let v = FieldParsing.number(bytes, format: layout.numbers) {
                s.pointee.wideValues[wideSlot[index]] = v
            } else if FieldParsing.isMissing(bytes) {
                s.pointee.wideValues[wideSlot[index]] = .nan
            } else {
                fail(.invalidNumber(path: layout.path, line: recordStartLine, column: index + 1,
                                    columnName: layout.columnNames[index], text: FieldParsing.string(bytes)))
            }
        } else if index == layout.dateColumn, let format = layout.dateFormat {
            if let t = format.parse(FieldParsing.trimmed(bytes)) {
                s.pointee.timestamp = t
            } else {
                fail(.invalidDate(path: layout.path, line: recordStartLine, column: index + 1,
                                  text: FieldParsing.string(bytes), expected: format.pattern))
            }
        } else if index == layout.idColumn {
            s.pointee.idBytes.removeAll(keepingCapacity: true)
            s.pointee.idBytes.append(contentsOf: bytes)
        }
    }

    override func endRecord() {
        let s = state
        let fields = s.pointee.fieldIndex
        s.pointee.fieldIndex = 0
        defer { s.pointee.recordIndex += 1 }
        if s.pointee.recordIndex == 0 && layout.skipFirstRecord { return }
        // A line holding nothing but spaces reads as one empty field: a blank line.
        if fields == 1 && s.pointee.firstFieldEmpty && layout.columnNames.count > 1 { return }
        guard fields == layout.columnNames.count else {
            fail(.raggedRow(path: layout.path, line: recordStartLine, expected: layout.columnNames.count,
                            found: fields))
            return
        }
        let b = builderForRow()
        let line = recordStartLine
        if layout.dateColumn != nil {
            let timestamp = s.pointee.timestamp
            if let last = s.pointee.builders[b].timestamps.last, timestamp <= last {
                let format = layout.dateFormat ?? .index
                let previousLine = s.pointee.builders[b].lastLine
                if timestamp == last {
                    fail(.duplicateTimestamp(path: layout.path, line: line, firstLine: previousLine,
                                             date: format.format(timestamp)))
                } else {
                    fail(.unsortedTimestamps(path: layout.path, line: line, previousLine: previousLine,
                                             date: format.format(timestamp), previous: format.format(last)))
                }
                return
            }
            if valueColumn < 0 {
                for k in s.pointee.builders.indices { s.pointee.builders[k].timestamps.append(timestamp) }
            } else {
                s.pointee.builders[b].timestamps.append(timestamp)
            }
        }
        if valueColumn < 0 {
            for k in s.pointee.builders.indices {
                s.pointee.builders[k].values.append(s.pointee.wideValues[k])
                s.pointee.builders[k].lastLine = line
                if s.pointee.builders[k].firstLine == 0 { s.pointee.builders[k].firstLine = line }
            }
        } else {
            s.pointee.builders[b].values.append(s.pointee.value)
            s.pointee.builders[b].lastLine = line
            if s.pointee.builders[b].firstLine == 0 { s.pointee.builders[b].firstLine = line }
        }
        s.pointee.dataRows += 1
    }

    /// The series this row belongs to; long files are usually sorted by id, so the
    /// previous row's id is compared first and a `String` is made only for a new one.
    private func builderForRow() -> Int {
        guard layout.idColumn != nil else { return 0 }
        let s = state
        if s.pointee.lastBuilder >= 0 && s.pointee.idBytes == s.pointee.lastIdBytes { return s.pointee.lastBuilder }
        let id = String(decoding: s.pointee.idBytes, as: UTF8.self)
        let index: Int
        if let known = s.pointee.builderIndex[id] {
            index = known
        } else {
            index = s.pointee.builders.count
            s.pointee.builderIndex[id] = index
            s.pointee.builders.append(Builder(id: id))
        }
        swap(&s.pointee.idBytes, &s.pointee.lastIdBytes)
        s.pointee.lastBuilder = index
        return index
    }
}
