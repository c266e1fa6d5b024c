/// A column chosen by header name or by 1-based position.
///
/// `"3"` names the column called `3` when the header has one, else the third column,
/// as `cut -f3` counts.
public enum ColumnSelector: Sendable, Hashable, CustomStringConvertible {
    case name(String)
    case position(Int)

    /// Parses a command-line value: a position when it is a positive integer.
    public init(_ text: String) {
        if let n = Int(text), n >= 1 { self = .position(n) } else { self = .name(text) }
    }

    public var description: String {
        switch self {
        case .name(let name): return name
        case .position(let n): return String(n)
        }
    }

    /// The 0-based index of this column among `names`, or `nil`.
    func resolve(in names: [String]) -> Int? {
        switch self {
        case .name(let name): return names.firstIndex(of: name)
        case .position(let n):
            if let byName = names.firstIndex(of: String(n)) { return byName }
            return n >= 1 && n <= names.count ? n - 1 : nil
        }
    }
}

/// How to read a CSV file into series. Every field has a default that reads a plain
/// `date,value` file.
public struct CSVReadOptions: Sendable, Hashable {
    /// The values to read; default: the last column whose values are numbers.
    public var valueColumn: ColumnSelector?
    /// The dates; default: the first column (after the id column) whose values parse as dates.
    public var dateColumn: ColumnSelector?
    /// In a long-format file, the column naming the series each row belongs to.
    public var idColumn: ColumnSelector?
    /// `,` `;` `|` or tab; default: detected from the first line.
    public var delimiter: UInt8?
    /// Whether the first line may be a header; `false` reads it as data.
    public var hasHeader: Bool
    /// With ``hasHeader``, a first line whose every field is a number or a date, of the
    /// same kind as the field below it (`1949-01,112` over `1949-02,118`), is data, not a
    /// header: taking it as one would silently lose the first value. `false` always
    /// takes the first line as the header (`--header`).
    public var detectsHeader: Bool
    /// What to do with missing values; `nil` keeps them as `NaN` (for inspection).
    public var missing: MissingPolicy?
    /// Read every numeric column (other than the date and id columns) as its own series,
    /// the column's name as its id: a wide file. ``valueColumn`` naming several columns
    /// (`a,b,c`, when no column has that exact name) does the same for those.
    public var allValueColumns: Bool
    /// Several value columns, each its own series (a wide file); takes precedence over
    /// ``valueColumn``. A saved model of a wide file names its columns this way.
    public var valueColumns: [ColumnSelector] = []
    /// The date form, stated rather than detected (`--date-format %d/%m/%Y`).
    public var dateFormat: DateFormat?
    /// The decimal separator, `.` or `,`; default: `.`, or `,` for a `;`-separated file
    /// whose numbers all use a comma.
    public var decimalSeparator: UInt8?
    /// A thousands separator to accept in numbers (`.` `,` `'` or a space); default:
    /// none, or `.` alongside a detected decimal comma when numbers are grouped that way.
    public var thousandsSeparator: UInt8?
    /// The frequency, stated rather than inferred from the timestamps.
    public var frequency: Frequency?
    /// How many threads read a large file (8 MB and more), each a part of it; default:
    /// the cores online, at most four. 1 reads serially. Results are identical either way.
    public var threads: Int?

    public init(
        valueColumn: ColumnSelector? = nil, dateColumn: ColumnSelector? = nil,
        idColumn: ColumnSelector? = nil, delimiter: UInt8? = nil, hasHeader: Bool = true,
        detectsHeader: Bool = true, missing: MissingPolicy? = .error, allValueColumns: Bool = false,
        dateFormat: DateFormat? = nil, decimalSeparator: UInt8? = nil, thousandsSeparator: UInt8? = nil,
        frequency: Frequency? = nil
    ) {
        self.valueColumn = valueColumn
        self.dateColumn = dateColumn
        self.idColumn = idColumn
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.detectsHeader = detectsHeader
        self.missing = missing
        self.allValueColumns = allValueColumns
        self.dateFormat = dateFormat
        self.decimalSeparator = decimalSeparator
        self.thousandsSeparator = thousandsSeparator
        self.frequency = frequency
    }

    /// Parses a decimal separator as typed on a command line: `.` or `,`.
    public static func decimalSeparator(from text: String) throws(SeriesIOError) -> UInt8 {
        guard text == "." || text == "," else {
            throw .invalidOption("invalid \(Setting.decimal) '\(text.clipped)': expected . or ,")
        }
        return text.utf8.first ?? 0x2E
    }

    /// Parses a thousands separator as typed on a command line: `.` `,` `'` or a space.
    public static func thousandsSeparator(from text: String) throws(SeriesIOError) -> UInt8 {
        switch text {
        case ".", ",", "'", " ": return text.utf8.first ?? 0x20
        case "space": return 0x20
        default: throw .invalidOption("invalid \(Setting.thousands) '\(text.clipped)': expected . , ' or a space")
        }
    }

    /// The delimiters the reader accepts and detects.
    public static let delimiters: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]

    /// Parses a delimiter as typed on a command line: one of `, ; |`, a tab, or `\t` / `tab`.
    public static func delimiter(from text: String) throws(SeriesIOError) -> UInt8 {
        let byte: UInt8?
        switch text {
        case "\\t", "tab", "\t": byte = 0x09
        default: byte = text.utf8.count == 1 ? text.utf8.first : nil
        }
        guard let byte, delimiters.contains(byte) else { throw .invalidDelimiter(text) }
        return byte
    }
}
