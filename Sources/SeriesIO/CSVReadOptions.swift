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

    public init(
        valueColumn: ColumnSelector? = nil, dateColumn: ColumnSelector? = nil,
        idColumn: ColumnSelector? = nil, delimiter: UInt8? = nil, hasHeader: Bool = true,
        detectsHeader: Bool = true, missing: MissingPolicy? = .error
    ) {
        self.valueColumn = valueColumn
        self.dateColumn = dateColumn
        self.idColumn = idColumn
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.detectsHeader = detectsHeader
        self.missing = missing
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
