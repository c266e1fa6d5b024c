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

    /// Writes `text` to `--output` when given and the `files` (path, contents), then
    /// prints `text`. Every file is written before any is put in place, so when one
    /// cannot be written none changes and nothing reaches stdout.
    func emit(_ text: String, files: [(path: String, contents: () -> String)] = []) throws {
        try reportingDataErrors {
            var pending: [PendingFile] = []
            for (path, contents) in (output.map { [($0, { text })] } ?? []) + files {
                pending.append(try PendingFile(Array(contents().utf8), for: path))
            }
            while let file = pending.popLast() { try file.commit() }
        }
        try writeStdout(text)
    }
}
