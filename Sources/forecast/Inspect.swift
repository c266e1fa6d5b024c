import ArgumentParser
import Forecasting

enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

extension ForecastCommand {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise the series in a CSV file.",
            discussion: """
                Prints what the reader recognised in the file (delimiter, header, layout, date \
                column and form, number format), then, per series: rows, first and last timestamp, frequency, seasonal period, \
                missing values, gaps, min, mean, max and standard deviation. Missing values are \
                counted, not refused, unless --missing says what to do with them.

                Examples:
                  forecast inspect datasets/uk_gas_quarterly.csv
                  forecast inspect sales.csv --id-column store --format json
                  forecast inspect umsatz.csv --decimal , --date-format %d.%m.%Y
                """)

        @OptionGroup var series: SeriesOptions

        @Option(help: "Apply a missing-value policy before summarising (default: count missing values and gaps only).")
        var missing: MissingPolicy?

        @Option(help: "Output format.")
        var format: SummaryFormat = .table

        func run() throws {
            let (summaries, layout) = try reportingDataErrors {
                let (data, layout) = try CSVReader(options: series.readOptions(missing: missing)).readDescribed(path: series.file)
                return (data.map(SeriesSummary.init), layout)
            }
            switch format {
            case .json: try writeStdout(SummaryRendering.json(summaries) + "\n")
            case .csv: try writeStdout(SummaryRendering.csv(summaries))
            case .table:
                // What the reader recognised comes first: a misread file shows here
                // before its numbers are trusted.
                let notes = (layout.lines(naming: .commandLine) + layout.warnings(naming: .commandLine).map { "warning: " + $0 }).map { "# " + $0 + "\n" }.joined()
                try writeStdout(notes + "\n" + SummaryRendering.table(summaries))
            }
        }
    }
}
