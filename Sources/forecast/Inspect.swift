import ArgumentParser
import SeriesIO

enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

extension ForecastCommand {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise the series in a CSV file.",
            discussion: """
                Prints, per series: rows, first and last timestamp, frequency, seasonal period, \
                missing values, gaps, min, mean, max and standard deviation. Missing values are \
                counted, not refused, unless --missing says what to do with them.
                """)

        @OptionGroup var series: SeriesOptions

        @Option(help: "Apply a missing-value policy before summarising (default: count missing values and gaps only).")
        var missing: MissingPolicy?

        @Option(help: "Output format.")
        var format: SummaryFormat = .table

        func run() throws {
            let summaries = try reportingDataErrors {
                try CSVReader(options: series.readOptions(missing: missing))
                    .read(path: series.file).map(SeriesSummary.init)
            }
            switch format {
            case .json: try writeStdout(SummaryRendering.json(summaries) + "\n")
            case .csv: try writeStdout(SummaryRendering.csv(summaries))
            case .table: try writeStdout(SummaryRendering.table(summaries))
            }
        }
    }
}
