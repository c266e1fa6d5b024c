import ArgumentParser
import SeriesIO

extension MissingPolicy: ExpressibleByArgument {}

/// The options every command uses to find the series in a CSV file.
struct SeriesOptions: ParsableArguments {
    @Argument(help: "The CSV file to read; - is standard input.")
    var file: String

    @Option(help: ArgumentHelp("The value column, by name or 1-based position.",
                               discussion: "Default: the last column whose values are numbers.",
                               valueName: "name|index"))
    var column: String?

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

    @Flag(help: "The first line is data, not a header.")
    var noHeader = false

    @Flag(help: "The first line is the header, even when its fields look like data (numbers, dates).")
    var header = false

    func validate() throws {
        if header && noHeader { throw ValidationError("give --header or --no-header, not both") }
        if let delimiter {
            do { _ = try CSVReadOptions.delimiter(from: delimiter) } catch {
                throw ValidationError(error.description)
            }
        }
    }

    /// The reader's options with the given missing-value policy.
    func readOptions(missing: MissingPolicy?) -> CSVReadOptions {
        CSVReadOptions(
            valueColumn: column.map(ColumnSelector.init),
            dateColumn: dateColumn.map(ColumnSelector.init),
            idColumn: idColumn.map(ColumnSelector.init),
            delimiter: delimiter.flatMap { try? CSVReadOptions.delimiter(from: $0) },
            hasHeader: !noHeader,
            detectsHeader: !header,
            missing: missing)
    }
}
