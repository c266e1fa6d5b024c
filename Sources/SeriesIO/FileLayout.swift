/// What ``CSVReader`` recognised in a file: the layout it chose and why, for
/// `forecast inspect` and for anyone who wants to check a read before trusting it.
public struct FileLayout: Sendable, Equatable {
    /// How the reader came to take the first line as a header, or not.
    public enum Header: Sendable, Equatable {
        case present
        /// The first line's fields are numbers or dates like the line below: data.
        case absentDetected
        /// `--no-header`.
        case absentStated
    }

    /// How the series were told apart.
    public enum Shape: Sendable, Equatable {
        /// One value column, one series.
        case single(column: String)
        /// Long format: rows carry an id; `nixtla` when `unique_id,ds,y` said so.
        case long(idColumn: String, valueColumn: String, nixtla: Bool)
        /// Wide: one series per value column; `skipped` are columns that are not numbers.
        case wide(columns: [String], skipped: [String])
    }

    public var delimiter: UInt8
    public var header: Header
    public var shape: Shape
    /// The date column's name and form, `nil` for an undated file.
    public var dateColumn: String?
    public var dateFormat: DateFormat?
    /// Why the date form was chosen between month-first and day-first, when it had to be.
    public var dayMonthDecision: String?
    /// pandas' unnamed index column, skipped.
    public var skippedIndex: Bool
    public var numbers: NumberFormat
    /// Whether the decimal comma was detected rather than stated.
    public var decimalDetected: Bool
    public var statedFrequency: Frequency?
    /// Numeric columns left unread because one value column was chosen by default: a
    /// wide file read without `--all-columns`, which must not go unsaid.
    public var unreadNumericColumns: [String] = []

    /// What a reader should be told even when it did not ask (`inspect` aside).
    public var warnings: [String] { warnings(naming: .swift) }

    /// ``warnings`` with the settings named in the words of `names`.
    public func warnings(naming names: SettingNames) -> [String] {
        guard !unreadNumericColumns.isEmpty, case .single(let column) = shape else { return [] }
        let shown = unreadNumericColumns.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
            + (unreadNumericColumns.count > 5 ? ", …" : "")
        return ["read column '\(column)' only; \(unreadNumericColumns.count) other numeric column(s) (\(shown)) not read: \(Setting.allValueColumns.named(names)) reads each as its own series, \(Setting.valueColumn.named(names)) chooses"]
    }

    /// One line per thing recognised, in plain words.
    public var lines: [String] { lines(naming: .swift) }

    /// ``lines`` with the settings named in the words of `names`.
    public func lines(naming names: SettingNames) -> [String] {
        var lines: [String] = []
        let delimiterNames: [UInt8: String] = [0x2C: "comma", 0x3B: "semicolon", 0x09: "tab", 0x7C: "pipe"]
        lines.append("delimiter: \(delimiterNames[delimiter] ?? String(UnicodeScalar(delimiter)))")
        switch header {
        case .present: lines.append("header: first line")
        case .absentDetected: lines.append("header: none (the first line holds data like the rows below it; \(Setting.header.named(names)) to override)")
        case .absentStated: lines.append("header: none (\(Setting.noHeader.named(names)))")
        }
        switch shape {
        case .single(let column):
            lines.append("values: column '\(column)'")
        case .long(let id, let value, let nixtla):
            lines.append("long format: series by '\(id)'\(nixtla ? " (Nixtla unique_id,ds,y header)" : ""), values in '\(value)'")
        case .wide(let columns, let skipped):
            let shown = columns.prefix(8).map { "'\($0)'" }.joined(separator: ", ") + (columns.count > 8 ? ", …" : "")
            lines.append("wide format: \(columns.count) series, one per column (\(shown))")
            if !skipped.isEmpty {
                lines.append("not numbers, skipped: " + skipped.map { "'\($0)'" }.joined(separator: ", "))
            }
        }
        if skippedIndex { lines.append("index: the unnamed first column (pandas' index) is skipped") }
        if let dateColumn, let dateFormat {
            lines.append("dates: column '\(dateColumn)', \(dateFormat.pattern)" + (dayMonthDecision.map { " (\($0))" } ?? ""))
        } else {
            lines.append("dates: none; rows are numbered 1, 2, 3, …")
        }
        if !numbers.isPlain {
            var text = "numbers: decimal '\(String(UnicodeScalar(numbers.decimal)))'"
            if let t = numbers.thousands { text += ", thousands '\(String(UnicodeScalar(t)))'" }
            lines.append(text + (decimalDetected ? " (detected)" : ""))
        }
        if let statedFrequency { lines.append("frequency: \(statedFrequency) (stated)") }
        return lines
    }
}
