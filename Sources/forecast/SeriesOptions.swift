import ArgumentParser
import SeriesIO

extension MissingPolicy: ExpressibleByArgument {}

/// The options every command uses to find the series in a CSV file.
struct SeriesOptions: ParsableArguments {
    @Argument(help: "The CSV file to read; - is standard input.", completion: .file())
    var file: String

    @Option(help: ArgumentHelp("The value column, by name or 1-based position; a,b,c reads each as its own series.",
                               discussion: "Default: the last column whose values are numbers.",
                               valueName: "name|index"))
    var column: String?

    @Flag(help: "A wide file: every numeric column is its own series, named by its header.")
    var allColumns = false

    @Option(help: ArgumentHelp("The date column, by name or 1-based position.",
                               discussion: "Default: the first column, when its values parse as dates.",
                               valueName: "name|index"))
    var dateColumn: String?

    @Option(help: ArgumentHelp("In a long-format file, the column holding each row's series id.",
                               valueName: "name|index"))
    var idColumn: String?

    @Option(help: ArgumentHelp("Field delimiter: , ; | or tab (\\t). Default: detected from the first line.",
                               valueName: "char"))
    var delimiter: String?

    @Option(help: ArgumentHelp("The date form in strftime codes (%Y %y %m %d %H %M %S %b %B %f %z), e.g. %d/%m/%Y.",
                               discussion: "Default: detected from the date column's values.",
                               valueName: "format"))
    var dateFormat: String?

    @Option(help: ArgumentHelp("The decimal separator: . or ,. Default: . (, for a ;-separated file written with decimal commas).",
                               valueName: "char"))
    var decimal: String?

    @Option(help: ArgumentHelp("A thousands separator to accept: . , ' or space.", valueName: "char"))
    var thousands: String?

    @Option(help: ArgumentHelp("State the frequency instead of inferring it: yearly, quarterly, monthly, month-end, weekly, daily, business-daily, hourly, minutely, or a pandas alias (D, B, W, MS, M, QS, Q, YS, Y, h, min).",
                               valueName: "name"))
    var frequency: String?

    @Flag(help: "The first line is data, not a header.")
    var noHeader = false

    @Flag(help: "The first line is the header, even when its fields look like data (numbers, dates).")
    var header = false

    func validate() throws {
        if header && noHeader { throw ValidationError("give --header or --no-header, not both") }
        if allColumns && idColumn != nil {
            throw ValidationError("--all-columns reads one series per column; it cannot be combined with --id-column")
        }
        if allColumns && column != nil { throw ValidationError("give --column or --all-columns, not both") }
        do {
            _ = try parsed()
        } catch {
            throw ValidationError(errorMessage(error, naming: .commandLine))
        }
    }

    /// The options that need parsing, checked once in `validate`.
    private func parsed() throws(SeriesIOError) -> (delimiter: UInt8?, dateFormat: DateFormat?, decimal: UInt8?,
                                                    thousands: UInt8?, frequency: Frequency?) {
        (try delimiter.map { text throws(SeriesIOError) in try CSVReadOptions.delimiter(from: text) },
         try dateFormat.map { text throws(SeriesIOError) in DateFormat.pattern(try DatePattern(strftime: text)) },
         try decimal.map { text throws(SeriesIOError) in try CSVReadOptions.decimalSeparator(from: text) },
         try thousands.map { text throws(SeriesIOError) in try CSVReadOptions.thousandsSeparator(from: text) },
         try frequency.map { text throws(SeriesIOError) in try Frequency(name: text) })
    }

    /// The reader's options with the given missing-value policy.
    func readOptions(missing: MissingPolicy?) -> CSVReadOptions {
        let given = try? parsed()
        return CSVReadOptions(
            valueColumn: column.map(ColumnSelector.init),
            dateColumn: dateColumn.map(ColumnSelector.init),
            idColumn: idColumn.map(ColumnSelector.init),
            delimiter: given?.delimiter,
            hasHeader: !noHeader,
            detectsHeader: !header,
            missing: missing,
            allValueColumns: allColumns,
            dateFormat: given?.dateFormat,
            decimalSeparator: given?.decimal,
            thousandsSeparator: given?.thousands,
            frequency: given?.frequency)
    }

    /// Reads the file, telling stderr what the reader chose where a default hid a choice.
    func read(_ options: CSVReadOptions) throws -> [Series] {
        let (data, layout) = try CSVReader(options: options).readDescribed(path: file)
        for warning in layout.warnings(naming: .commandLine) { writeStderr("warning: \(file): \(warning)\n") }
        return data
    }
}
