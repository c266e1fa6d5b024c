import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    @Option(help: ArgumentHelp("Draw the results as SVG: one chart for one series, a grid of up to \(ForecastPlot.maximumPanels) for several (predict), or one file per series with a directory (a path ending in /).", valueName: "file.svg|dir/"), completion: .file(extensions: ["svg"]))
    var plot: String?

    @Option(help: ArgumentHelp("The series to plot in a file of several, by id, comma-separated (default: the first ones).", valueName: "ids"))
    var plotIds: String?

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
        if plotIds != nil && plot == nil {
            throw ValidationError("--plot-ids chooses the series of --plot; give --plot too")
        }
        if noId && format != .csv && format != nil {
            throw ValidationError("--no-id is for --format csv (JSON has an id field, tables show ids only when there are some)")
        }
    }

    /// The SVG files `--plot` asks for, for `items` (one per series, `label` naming it):
    /// `single` draws one, `grid` several on one page (nil where a command draws one
    /// series a page). Says on stderr what was left out, and how to choose.
    func plotFiles<T>(_ items: [T], label: (T) -> String, single: @escaping (T) -> String,
                      grid: (([T]) -> String)?) throws -> [(path: String, contents: () -> String)] {
        guard let plot, !items.isEmpty else { return [] }
        var chosen = items
        if let plotIds {
            let wanted = plotIds.split(separator: ",").map { String($0) }
            chosen = []
            for id in wanted {
                guard let item = items.first(where: { label($0) == id }) else {
                    let known = items.prefix(5).map { "'\(label($0))'" }.joined(separator: ", ") + (items.count > 5 ? ", …" : "")
                    printError("error: --plot-ids: no series '\(id)' in the results (they are \(known))")
                    throw ExitCode(1)
                }
                chosen.append(item)
            }
        }
        if plot.hasSuffix("/") || isDirectory(plot) {
            var files: [(path: String, contents: () -> String)] = []
            var used = Set<String>()
            let directory = plot.hasSuffix("/") ? plot : plot + "/"
            for item in chosen {
                let base = fileName(label(item))
                var name = base
                var k = 2
                while !used.insert(name).inserted {
                    name = base + "-\(k)"
                    k += 1
                }
                files.append((directory + name + ".svg", { single(item) }))
            }
            try makeDirectory(plot)
            return files
        }
        if chosen.count == 1 { return [(plot, { single(chosen[0]) })] }
        guard let grid else {
            writeStderr("warning: --plot: drew series '\(label(chosen[0]))' of \(chosen.count); --plot-ids chooses, --plot DIR/ writes one file per series\n")
            return [(plot, { single(chosen[0]) })]
        }
        let shown = Array(chosen.prefix(ForecastPlot.maximumPanels))
        if shown.count < chosen.count {
            writeStderr("warning: --plot: drew \(shown.count) of \(chosen.count) series; --plot-ids chooses, --plot DIR/ writes one file per series\n")
        }
        return [(plot, { grid(shown) })]
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

/// A series label as a file name: letters, digits, `.`, `-` and `_` kept, the rest `_`.
func fileName(_ label: String) -> String {
    let kept = label.unicodeScalars.map { c -> Character in
        (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" || c == ".") && c.isASCII ? Character(c) : "_"
    }
    let name = String(kept)
    return name.isEmpty || name.hasPrefix(".") ? "series" + name : name
}

func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

/// Creates `path` (one level) unless it is a directory already; one line and exit 1 when it cannot.
func makeDirectory(_ path: String) throws {
    let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    guard !isDirectory(trimmed) else { return }
    if mkdir(trimmed, 0o755) != 0 {
        printError("error: \(trimmed): cannot create the plot directory: \(String(cString: strerror(errno)))")
        throw ExitCode(1)
    }
}

