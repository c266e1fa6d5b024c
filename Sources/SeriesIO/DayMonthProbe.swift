/// A pass over one date column that reads every value in two forms (month-first and
/// day-first), for the files whose sampled dates read both ways.
///
/// It keeps whether each form reads every value, and the timestamps each form gives
/// for the first series (the rows of the first id in a long file), so that the reading
/// on a regular grid can be told from the other.
final class DayMonthProbe: RecordSink {
    let column: Int
    let idColumn: Int?
    let skipFirstRecord: Bool
    let formats: [DateFormat]
    private(set) var readsAll: [Bool]
    private(set) var timestamps: [[Int64]]
    private var fieldIndex = 0
    private var recordIndex = 0
    private var firstId: [UInt8]?
    private var rowId: [UInt8] = []
    private var rowTimes: [Int64?] = []

    init(column: Int, idColumn: Int?, skipFirstRecord: Bool, formats: [DateFormat]) {
        self.column = column
        self.idColumn = idColumn
        self.skipFirstRecord = skipFirstRecord
        self.formats = formats
        readsAll = formats.map { _ in true }
        timestamps = formats.map { _ in [] }
        rowTimes = formats.map { _ in nil }
    }

    override func field(_ bytes: UnsafeRawBufferPointer) {
        defer { fieldIndex += 1 }
        if recordIndex == 0 && skipFirstRecord { return }
        if fieldIndex == column {
            let text = FieldParsing.trimmed(bytes)
            for k in formats.indices {
                rowTimes[k] = formats[k].parse(text)
                if rowTimes[k] == nil && !FieldParsing.isMissing(text) { readsAll[k] = false }
            }
        } else if fieldIndex == idColumn {
            rowId = Array(bytes)
        }
    }

    override func endRecord() {
        defer {
            fieldIndex = 0
            recordIndex += 1
        }
        if recordIndex == 0 && skipFirstRecord { return }
        if idColumn != nil {
            if firstId == nil { firstId = rowId }
            guard rowId == firstId else { return }
        }
        for k in formats.indices {
            if let t = rowTimes[k] { timestamps[k].append(t) }
        }
    }
}
