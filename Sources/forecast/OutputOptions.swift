import ArgumentParser
import Forecasting

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Where and how results go (DESIGN.md, "Output options").
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format (default: table on a terminal, csv otherwise).")
    var format: OutputFormat?

    @Option(help: ArgumentHelp("Also write the results to this file (atomically).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Draw the history's tail, the forecast and its intervals as SVG.", valueName: "file.svg"))
    var plot: String?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    var resolvedFormat: OutputFormat { format ?? (stdoutIsTerminal ? .table : .csv) }

    /// Progress goes to stderr only when it is a terminal and not silenced.
    var showsProgress: Bool { !quiet && stderrIsTerminal }

    /// Writes `text` to `--output` when given, then prints it: a file that cannot be
    /// written is an error before anything reaches stdout.
    func emit(_ text: String) throws {
        if let output { try CSVWriter.writeAtomically(text, to: output) }
        print(text, terminator: "")
    }
}
