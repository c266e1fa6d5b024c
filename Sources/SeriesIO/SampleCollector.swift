/// Keeps the first records of a file as strings, to choose columns and formats before
/// the streaming pass.
final class SampleCollector: RecordSink {
    struct Record {
        var line: Int
        var fields: [String]
    }

    let limit: Int
    private(set) var records: [Record] = []
    private var current: [String] = []

    init(limit: Int) { self.limit = limit }

    override func field(_ bytes: UnsafeRawBufferPointer) {
        current.append(FieldParsing.string(bytes))
    }

    override func endRecord() {
        defer { current.removeAll(keepingCapacity: true) }
        if current.count == 1, current[0].isEmpty { return }
        records.append(Record(line: recordStartLine, fields: current))
        if records.count >= limit { isDone = true }
    }
}
