import ArgumentParser
import Forecasting

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Where and how results go (DESIGN.md, "Output options").
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format (default: table on a terminal, csv otherwise).")
    var format: OutputFormat?

    @Option(help: ArgumentHelp("Also write the results to this file (atomically).", valueName: "file"), completion: .file())
    var output: String?

    @Option(help: ArgumentHelp("Draw the history's tail, the forecast and its intervals as SVG.", valueName: "file.svg"), completion: .file(extensions: ["svg"]))
    var plot: String?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Flag(help: "Progress on stderr even when it is not a terminal: a line every five seconds, for logs.")
    var progress = false

    @Flag(help: "CSV output without the id column (for a file of one series; its id would be empty).")
    var noId = false

    /// Whether CSV carries the id column: always, unless `--no-id` for one series.
    func csvIds(seriesCount: Int) throws -> Bool {
        guard noId else { return true }
        if seriesCount > 1 {
            printError("error: --no-id: the file has \(seriesCount) series, and only the id column tells their rows apart")
            throw ExitCode(64)
        }
        return false
    }

    var resolvedFormat: OutputFormat { format ?? (stdoutIsTerminal ? .table : .csv) }

    func validate() throws {
        if noId && format != .csv && format != nil {
            throw ValidationError("--no-id is for --format csv (JSON has an id field, tables show ids only when there are some)")
        }
    }

    /// Progress goes to stderr when it is a terminal (or `--progress`) and not silenced.
    func progressLine(phase: String) -> ProgressLine? {
        ProgressLine.make(quiet: quiet, forced: progress, phase: phase)
    }

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
