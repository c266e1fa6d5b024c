/// Everything that can go wrong reading, checking or writing a series.
///
/// Each case carries the file and, where they are known, the 1-based line and column
/// (a column is a field position, 1 for the first field). The description is one line,
/// `file:line:column: what was expected, what was found`, the way compilers report,
/// so editors and terminals can jump to the place.
public enum SeriesIOError: Error, Sendable, Equatable, NamingSettings {
    case fileNotFound(path: String)
    case notAFile(path: String)
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    case noDataRows(path: String)
    case binaryData(path: String, line: Int)
    /// libcsv's strict mode refused the bytes: a quote inside an unquoted field, or text
    /// after a closing quote. `column` is the byte position on the line.
    case malformedQuoting(path: String, line: Int, column: Int)
    case unterminatedQuote(path: String, line: Int)
    case raggedRow(path: String, line: Int, expected: Int, found: Int)
    case invalidNumber(path: String, line: Int, column: Int, columnName: String, text: String)
    case invalidDate(path: String, line: Int, column: Int, text: String, expected: String)
    case missingValue(path: String, line: Int, column: Int, columnName: String)
    case duplicateTimestamp(path: String, line: Int, firstLine: Int, date: String)
    case unsortedTimestamps(path: String, line: Int, previousLine: Int, date: String, previous: String)
    case columnNotFound(path: String, column: String, available: [String])
    case noNumericColumn(path: String)
    case invalidDelimiter(String)
    /// A series has holes in its timestamps; forecasting needs a regular grid.
    case gap(series: String, after: String, before: String, missingSteps: Int)
    case irregularSpacing(series: String, after: String, before: String, frequency: String)
    /// A series (not from a file) has a missing value and the policy is `error`.
    case missingInSeries(series: String, position: String)
    case allMissing(series: String)
    case writeFailed(path: String, reason: String)
    /// Two header fields have the same name: which one a name selects would be a guess.
    case duplicateColumnName(path: String, name: String, first: Int, second: Int)
    /// The first records do not end within ``CSVReader/detectionBytes``.
    case recordTooLong(path: String, line: Int, limit: Int)
    /// A `--date-format` that cannot be used.
    case invalidDateFormat(String, reason: String)
    /// Every value of the date column reads both day-first and month-first, and the
    /// readings are equally regular.
    case ambiguousDates(path: String, column: Int, example: String, monthFirst: String, dayFirst: String)
    /// A `--decimal` / `--thousands` pair that cannot be told apart, or a frequency name
    /// this reader does not know, or options that contradict each other.
    case invalidOption(Phrase)
    /// A series built in code whose parts do not fit together (see ``Series``).
    case invalidSeries(String)

    public func message(naming names: SettingNames) -> String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file"
        case .notAFile(let path):
            return "\(path): is a directory, expected a CSV file"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .emptyFile(let path):
            return "\(path): the file is empty, expected a header and data rows"
        case .noDataRows(let path):
            return "\(path): no data rows, only a header"
        case .binaryData(let path, let line):
            return "\(path):\(line): binary data (a NUL byte), expected CSV text"
        case .malformedQuoting(let path, let line, let column):
            return "\(path):\(line):\(column): malformed quoting: a quote inside an unquoted field or text after a closing quote"
        case .unterminatedQuote(let path, let line):
            return "\(path):\(line): a quoted field starting on this line never ends"
        case .raggedRow(let path, let line, let expected, let found):
            return "\(path):\(line): expected \(expected) fields like the first row, found \(found)"
        case .invalidNumber(let path, let line, let column, let name, let text):
            // `1,5` or `1.234,5` is a number in another locale: say how to read it.
            let t = Array(text.utf8)
            let hint = t.contains(0x2C) && t.allSatisfy { $0 &- 0x30 < 10 || $0 == 0x2C || $0 == 0x2E || $0 == 0x2D }
                ? " (a decimal comma? give \(Setting.decimalComma.named(names)) and, for 1.234,5, \(Setting.thousandsDot.named(names)))" : ""
            return "\(path):\(line):\(column): expected a number in column '\(name.clipped)', found '\(text.clipped)'\(hint)"
        case .invalidDate(let path, let line, let column, let text, let expected):
            return "\(path):\(line):\(column): expected a date like \(expected), found '\(text.clipped)'"
        case .missingValue(let path, let line, let column, let name):
            return "\(path):\(line):\(column): missing value in column '\(name.clipped)' (use \(Setting.missingAccepting.named(names)) to accept missing values)"
        case .duplicateTimestamp(let path, let line, let firstLine, let date):
            return "\(path):\(line): duplicate timestamp \(date.clipped), already on line \(firstLine)"
        case .unsortedTimestamps(let path, let line, let previousLine, let date, let previous):
            return "\(path):\(line): timestamp \(date) is earlier than \(previous) on line \(previousLine); rows must be in time order"
        case .columnNotFound(let path, let column, let available):
            let shown = available.prefix(10).map { "'\($0.clipped)'" }.joined(separator: ", ")
            let more = available.count > 10 ? ", … (\(available.count) columns)" : ""
            return "\(path): no column '\(column.clipped)'; the columns are \(shown)\(more)"
        case .noNumericColumn(let path):
            return "\(path): no numeric column to forecast; name one with \(Setting.valueColumn.named(names))"
        case .invalidDelimiter(let text):
            return "invalid delimiter '\(text.clipped)': expected one character among , ; | or tab"
        case .gap(let series, let after, let before, let missing):
            return "series '\(series.clipped)': \(missing) missing step(s) between \(after) and \(before) (use \(Setting.missingFilling.named(names)) to fill them)"
        case .irregularSpacing(let series, let after, let before, let frequency):
            return "series '\(series.clipped)': \(after) and \(before) are not a whole number of \(frequency) steps apart"
        case .missingInSeries(let series, let position):
            return "series '\(series.clipped)': missing value at \(position)"
        case .allMissing(let series):
            return "series '\(series.clipped)': every value is missing"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .duplicateColumnName(let path, let name, let first, let second):
            return "\(path):1: the header names '\(name.clipped)' twice (columns \(first) and \(second)); rename one"
        case .recordTooLong(let path, let line, let limit):
            return "\(path):\(line): a record longer than \(limit >> 20) MB; is this a CSV file?"
        case .invalidDateFormat(let text, let reason):
            return "invalid \(Setting.dateFormat.named(names)) '\(text.clipped)': \(reason)"
        case .ambiguousDates(let path, let column, let example, let monthFirst, let dayFirst):
            return "\(path): column \(column): every date reads both as MM/DD and as DD/MM ('\(example.clipped)' is \(monthFirst) or \(dayFirst)); give \(Setting.dateFormat.named(names)) %m/%d/%Y or %d/%m/%Y"
        case .invalidOption(let phrase):
            return phrase.text(names)
        case .invalidSeries(let message):
            return message
        }
    }
}

extension SeriesIOError {
    /// The same error with its line numbers `n` later: an error found in the second
    /// part of a file read in two, whose lines were counted from that part's start.
    func shiftingLines(by n: Int) -> SeriesIOError {
        switch self {
        case .binaryData(let path, let line): return .binaryData(path: path, line: line + n)
        case .malformedQuoting(let path, let line, let column): return .malformedQuoting(path: path, line: line + n, column: column)
        case .unterminatedQuote(let path, let line): return .unterminatedQuote(path: path, line: line + n)
        case .raggedRow(let path, let line, let expected, let found):
            return .raggedRow(path: path, line: line + n, expected: expected, found: found)
        case .invalidNumber(let path, let line, let column, let name, let text):
            return .invalidNumber(path: path, line: line + n, column: column, columnName: name, text: text)
        case .invalidDate(let path, let line, let column, let text, let expected):
            return .invalidDate(path: path, line: line + n, column: column, text: text, expected: expected)
        case .missingValue(let path, let line, let column, let name):
            return .missingValue(path: path, line: line + n, column: column, columnName: name)
        case .duplicateTimestamp(let path, let line, let firstLine, let date):
            return .duplicateTimestamp(path: path, line: line + n, firstLine: firstLine + n, date: date)
        case .unsortedTimestamps(let path, let line, let previousLine, let date, let previous):
            return .unsortedTimestamps(path: path, line: line + n, previousLine: previousLine + n, date: date, previous: previous)
        case .recordTooLong(let path, let line, let limit): return .recordTooLong(path: path, line: line + n, limit: limit)
        default: return self
        }
    }

    /// The line an error names, for choosing the first of two in file order.
    var line: Int? {
        switch self {
        case .binaryData(_, let line), .malformedQuoting(_, let line, _), .unterminatedQuote(_, let line),
            .raggedRow(_, let line, _, _), .invalidNumber(_, let line, _, _, _), .invalidDate(_, let line, _, _, _),
            .missingValue(_, let line, _, _), .duplicateTimestamp(_, let line, _, _),
            .unsortedTimestamps(_, let line, _, _, _), .recordTooLong(_, let line, _):
            return line
        default: return nil
        }
    }
}

extension String {
    /// At most 60 characters, the rest replaced by `…`: an error line echoes what it
    /// found, and a 10 MB field must not make a 10 MB line.
    public var clipped: String {
        count <= 60 ? self : String(prefix(59)) + "…"
    }
}
