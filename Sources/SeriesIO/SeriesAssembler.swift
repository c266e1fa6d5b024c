/// The streaming pass: turns libcsv's fields into per-series value and timestamp
/// arrays as they arrive, checking each row (field count, numbers, dates, order).
///
/// Only the chosen columns are looked at; a value is parsed in place from libcsv's
/// buffer, so the memory kept is the series, never the text.
final class SeriesAssembler: RecordSink {
    struct Builder {
        var id: String?
        var values: [Double] = []
        var timestamps: [Int64] = []
        var lastLine = 0
    }

    struct Layout {
        var path: String
        var columnNames: [String]
        var valueColumn: Int
        var dateColumn: Int?
        var dateFormat: DateFormat?
        var idColumn: Int?
        var skipFirstRecord: Bool
        var refuseMissing: Bool
    }

    let layout: Layout
    private(set) var builders: [Builder] = []
    private(set) var dataRows = 0

    private var fieldIndex = 0
    private var recordIndex = 0
    private var firstFieldEmpty = false
    private var value = Double.nan
    private var timestamp: Int64 = 0
    private var idBytes: [UInt8] = []
    private var lastIdBytes: [UInt8] = []
    private var lastBuilder = -1
    private var builderIndex: [String: Int] = [:]

    init(layout: Layout) {
        self.layout = layout
        super.init()
        if layout.idColumn == nil { builders.append(Builder()) }
    }

    override func field(_ bytes: UnsafeRawBufferPointer) {
        defer { fieldIndex += 1 }
        if fieldIndex == 0 { firstFieldEmpty = bytes.isEmpty }
        if recordIndex == 0 && layout.skipFirstRecord { return }
        if fieldIndex == layout.valueColumn {
            if let v = FieldParsing.number(bytes) {
                value = v
            } else if FieldParsing.isMissing(bytes) {
                if layout.refuseMissing {
                    fail(.missingValue(path: layout.path, line: recordStartLine, column: fieldIndex + 1,
                                       columnName: layout.columnNames[fieldIndex]))
                }
                value = .nan
            } else {
                fail(.invalidNumber(path: layout.path, line: recordStartLine, column: fieldIndex + 1,
                                    columnName: layout.columnNames[fieldIndex],
                                    text: FieldParsing.string(bytes)))
            }
        } else if fieldIndex == layout.dateColumn, let format = layout.dateFormat {
            if let t = format.parse(FieldParsing.trimmed(bytes)) {
                timestamp = t
            } else {
                fail(.invalidDate(path: layout.path, line: recordStartLine, column: fieldIndex + 1,
                                  text: FieldParsing.string(bytes), expected: format.pattern))
            }
        } else if fieldIndex == layout.idColumn {
            idBytes.removeAll(keepingCapacity: true)
            idBytes.append(contentsOf: bytes)
        }
    }

    override func endRecord() {
        let fields = fieldIndex
        fieldIndex = 0
        defer { recordIndex += 1 }
        if recordIndex == 0 && layout.skipFirstRecord { return }
        // A line holding nothing but spaces reads as one empty field: a blank line.
        if fields == 1 && firstFieldEmpty && layout.columnNames.count > 1 { return }
        guard fields == layout.columnNames.count else {
            fail(.raggedRow(path: layout.path, line: recordStartLine, expected: layout.columnNames.count,
                            found: fields))
            return
        }
        let b = builderForRow()
        if layout.dateColumn != nil {
            if let last = builders[b].timestamps.last, timestamp <= last {
                let format = layout.dateFormat ?? .index
                if timestamp == last {
                    fail(.duplicateTimestamp(path: layout.path, line: recordStartLine,
                                             firstLine: builders[b].lastLine, date: format.format(timestamp)))
                } else {
                    fail(.unsortedTimestamps(path: layout.path, line: recordStartLine,
                                             previousLine: builders[b].lastLine, date: format.format(timestamp),
                                             previous: format.format(last)))
                }
                return
            }
            builders[b].timestamps.append(timestamp)
        }
        builders[b].values.append(value)
        builders[b].lastLine = recordStartLine
        dataRows += 1
    }

    /// The series this row belongs to; long files are usually sorted by id, so the
    /// previous row's id is compared first and a `String` is made only for a new one.
    private func builderForRow() -> Int {
        guard layout.idColumn != nil else { return 0 }
        if lastBuilder >= 0 && idBytes == lastIdBytes { return lastBuilder }
        let id = String(decoding: idBytes, as: UTF8.self)
        let index: Int
        if let known = builderIndex[id] {
            index = known
        } else {
            index = builders.count
            builderIndex[id] = index
            builders.append(Builder(id: id))
        }
        swap(&idBytes, &lastIdBytes)
        lastBuilder = index
        return index
    }
}
