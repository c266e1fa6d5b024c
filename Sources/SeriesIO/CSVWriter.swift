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
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }

    private func quoted(_ field: String) -> String {
        let needs = field.contains { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needs else { return field }
        return "\"" + field.replacingQuotes + "\""
    }

    /// Writes `text` to `path` through a temporary file in the same directory and a
    /// rename, so an interrupted run leaves either the old file or the new one, never
    /// half of one.
    public static func writeAtomically(_ text: String, to path: String) throws(SeriesIOError) {
        let temporary = path + ".tmp-\(getpid())"
        guard let file = fopen(temporary, "wb") else {
            throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let flushed = fflush(file) == 0 && fsync(fileno(file)) == 0
        let closed = fclose(file) == 0
        guard written == bytes.count, flushed, closed else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .writeFailed(path: path, reason: reason)
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
