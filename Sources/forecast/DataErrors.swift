import ArgumentParser
import Forecasting

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body`; an error in the user's data becomes one line on stderr and exit code 1
/// (usage errors stay with ArgumentParser, which exits 64).
func reportingDataErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("error: \(errorMessage(error, naming: .commandLine))")
        throw ExitCode(1)
    }
}

/// Writes `text` to standard output and checks that it got there: on a full disk or
/// an I/O error that is one line and exit 1, never a silent exit 0 with half a
/// result. A reader that went away (`| head`) ends the program quietly.
func writeStdout(_ text: String) throws {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 {
            if errno == EINTR { continue }
            if errno == EPIPE { throw ExitCode.success }
            printError("error: cannot write to standard output: \(String(cString: strerror(errno)))")
            throw ExitCode(1)
        }
        offset += n
    }
}

/// Lists the series of a several-series file that were too short to `verb` (after
/// the others were printed): warnings with `--skip-short`, otherwise errors and exit 1.
func reportShort(_ lines: [String], skipped: Bool, verb: String) throws {
    for line in lines { writeStderr(skipped ? "warning: skipped: \(line)\n" : "forecast: error: \(line)\n") }
    if !lines.isEmpty && !skipped {
        printError("error: \(lines.count) series too short to \(verb) (--skip-short leaves them out)")
        throw ExitCode(1)
    }
}

func printError(_ message: String) {
    writeStderr("forecast: \(message)\n")
}

/// Writes straight to file descriptor 2: C's `stderr` is a mutable global that strict
/// concurrency refuses, and Foundation is not needed for this.
func writeStderr(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { return }
        offset += n
    }
}

/// Whether standard output is a terminal (tables for people, CSV for pipes).
var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
