#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes result tables as CSV: a header, then rows, quoting only fields that need it
/// (RFC 4180: a delimiter, a quote or a line break inside).
///
/// Dates go through the ``DateFormat`` the input was read with, so a monthly file's
/// forecast is dated `1961-01`, not `1961-01-01T00:00:00Z`.
public struct CSVWriter: Sendable {
    public var delimiter: Character

    public init(delimiter: Character = ",") {
        self.delimiter = delimiter
    }

    /// One CSV line (with its `\n`) of `fields`.
    public func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: String(delimiter)) + "\n"
    }

    /// The whole table.
    public func table(header: [String], rows: [[String]]) -> String {
        var text = line(header)
        for row in rows { text += line(row) }
        return text
    }

    /// A series as `date,value` (or `value` alone without timestamps; `id,date,value`
    /// when it has an id).
    public func table(_ series: Series) -> String {
        var header: [String] = []
        if series.id != nil { header.append("id") }
        if series.timestamps != nil { header.append("date") }
        header.append(series.name)
        let rows = series.values.indices.map { i -> [String] in
            var row: [String] = []
            if let id = series.id { row.append(id) }
            if series.timestamps != nil { row.append(series.position(i)) }
            row.append(Self.number(series.values[i]))
            return row
        }
        return table(header: header, rows: rows)
    }

    /// A value as the shortest text that reads back to the same `Double`; empty when missing.
    public static func number(_ v: Double) -> String {
        if v.isNaN { return "" }
        if v == v.rounded(), abs(v) < 1e17 { return String(Int64(v)) }
        return String(v)
    }

    private func quoted(_ field: String) -> String {
        let needs = field.contains { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needs else { return field }
        return "\"" + field.replacingQuotes + "\""
    }

    /// Writes `text` to `path` through a temporary file in the same directory and a
    /// rename, so an interrupted run leaves either the old file or the new one, never
    /// half of one (see ``PendingFile``).
    public static func writeAtomically(_ text: String, to path: String) throws(SeriesIOError) {
        try PendingFile(Array(text.utf8), for: path).commit()
    }
}

/// An output written but not yet in place: a command that writes several files
/// prepares every one, and commits them only when all were written, so a failure
/// leaves every earlier output as it was.
///
/// A new path or a regular file is written to a temporary file beside it and renamed
/// over it on ``commit()``. A path that exists and is not a regular file (a device
/// such as `/dev/null`, a FIFO) is never replaced: it is written in place on commit.
/// A directory is refused.
public final class PendingFile {
    /// Where the file goes on ``commit()``.
    public let path: String
    private let temporary: String?
    private let bytes: [UInt8]
    private var done = false

    /// Writes `bytes` to a temporary file beside `path` (or, for a device or FIFO,
    /// keeps them for ``commit()``); throws when `path` is a directory or cannot be written.
    public init(_ bytes: [UInt8], for path: String) throws(SeriesIOError) {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            guard (info.st_mode & S_IFMT) != S_IFDIR else { throw .writeFailed(path: path, reason: "it is a directory") }
            temporary = nil
            self.bytes = bytes
            return
        }
        let temporary = path + ".tmp-\(getpid())"
        try Self.store(bytes, to: temporary, create: true, reportAs: path)
        self.temporary = temporary
        self.bytes = []
    }

    /// Puts the file in place (a rename, or the in-place write of a device or FIFO).
    public func commit() throws(SeriesIOError) {
        done = true
        guard let temporary else {
            try Self.store(bytes, to: path, create: false, reportAs: path)
            return
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
    }

    /// Removes the temporary file, leaving `path` as it was.
    public func discard() {
        done = true
        if let temporary { unlink(temporary) }
    }

    deinit {
        if !done, let temporary { unlink(temporary) }
    }

    private static func store(_ bytes: [UInt8], to target: String, create: Bool, reportAs path: String) throws(SeriesIOError) {
        let flags = create ? O_WRONLY | O_CREAT | O_TRUNC : O_WRONLY | O_TRUNC
        let fd = open(target, flags, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
        var offset = 0
        var failure: Int32 = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            offset += n
        }
        // fsync fails with EINVAL on devices and FIFOs, which have nothing to persist.
        if failure == 0, create, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            if create { unlink(target) }
            throw .writeFailed(path: path, reason: String(cString: strerror(failure)))
        }
    }
}

extension String {
    fileprivate var replacingQuotes: String {
        var out = ""
        for c in self {
            if c == "\"" { out += "\"\"" } else { out.append(c) }
        }
        return out
    }
}
