import CLibCSV

/// Every libcsv call of the package, behind a small owner of the C parser state.
///
/// The parser runs in strict mode (`CSV_STRICT | CSV_STRICT_FINI`) so malformed quoting
/// is reported rather than guessed at, and with `CSV_APPEND_NULL` so a field can be
/// handed to `strtod` in place (libcsv reuses its field buffer: without the terminator
/// `123.25,7` reads back as `123.25` and `723.25`).
///
/// Callbacks are non-capturing C functions; the sink travels through libcsv's
/// `void *data`, which only has to live for the duration of one `csv_parse` call.
final class CSVTokenizer {
    private let parser: UnsafeMutablePointer<csv_parser>

    /// `nil` when libcsv cannot allocate its state.
    init?(delimiter: UInt8) {
        parser = .allocate(capacity: 1)
        let options = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
        guard csv_init(parser, options) == 0 else {
            parser.deallocate()
            return nil
        }
        csv_set_delim(parser, delimiter)
        // libcsv trims spaces and tabs around unquoted fields; with a tab delimiter a tab
        // must end the field instead of being trimmed.
        if delimiter == 0x09 {
            csv_set_space_func(parser) { $0 == 0x20 ? 1 : 0 }
        }
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
    }

    /// libcsv holds no part of a record: the next byte begins a new one. Only then may a
    /// line be split without it (``LineSplitter``).
    var isBetweenRecords: Bool { parser.pointee.pstate == 0 }  // ROW_NOT_BEGUN

    /// Feeds `bytes`; returns how many were consumed (fewer than given on a parse error).
    func parse(_ bytes: UnsafeRawBufferPointer, into sink: RecordSink) -> Int {
        withExtendedLifetime(sink) {
            csv_parse(parser, bytes.baseAddress, bytes.count, onField, onRecordEnd, Unmanaged.passUnretained(sink).toOpaque())
        }
    }

    /// Flushes the last record; `false` when the input ended inside a quoted field.
    func finish(into sink: RecordSink) -> Bool {
        withExtendedLifetime(sink) {
            csv_fini(parser, onField, onRecordEnd, Unmanaged.passUnretained(sink).toOpaque()) == 0
        }
    }
}

/// libcsv's field callback: forwards the bytes to the sink behind `context` (borrowed,
/// not retained: the sink outlives the `csv_parse` call that calls this).
private func onField(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<RecordSink>.fromOpaque(context)._withUnsafeGuaranteedRef {
        $0.field(UnsafeRawBufferPointer(start: field, count: length))
    }
}

/// libcsv's record callback: ends the sink's record and marks that no record is open.
private func onRecordEnd(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<RecordSink>.fromOpaque(context)._withUnsafeGuaranteedRef { sink in
        sink.endRecord()
        sink.recordStartLine = 0
    }
}

/// Receives libcsv's fields and record ends; subclasses decide what to keep.
///
/// The scanner keeps `recordStartLine` up to date (the 1-based line on which the record
/// being assembled began), so every error can name its line even when quoted fields
/// span several lines. A sink that fails stores its error and sets `isDone`; the
/// scanner then stops feeding and throws it.
///
/// The per-line and per-field state lives behind a pointer rather than in stored
/// properties: class properties get a dynamic exclusivity check on every access,
/// which cost more than the parsing itself at a few million fields a second.
class RecordSink {
    struct Status {
        var recordStartLine = 0
        var isDone = false
        var failed = false
    }

    let status: UnsafeMutablePointer<Status>
    private(set) var error: SeriesIOError?

    init() {
        status = .allocate(capacity: 1)
        status.initialize(to: Status())
    }

    deinit {
        status.deinitialize(count: 1)
        status.deallocate()
    }

    final var recordStartLine: Int {
        get { status.pointee.recordStartLine }
        set { status.pointee.recordStartLine = newValue }
    }

    final var isDone: Bool {
        get { status.pointee.isDone }
        set { status.pointee.isDone = newValue }
    }

    /// Cheap to test on every line; `error` holds the details.
    final var failed: Bool { status.pointee.failed }

    func field(_ bytes: UnsafeRawBufferPointer) {}
    func endRecord() {}

    final func fail(_ error: SeriesIOError) {
        if !status.pointee.failed {
            self.error = error
            status.pointee.failed = true
        }
        isDone = true
    }
}
