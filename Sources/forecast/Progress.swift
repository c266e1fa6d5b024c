import Forecasting

#if canImport(Glibc)
import Glibc
#endif

var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

/// One overwritten line on stderr while training; nothing when stderr is not a terminal.
enum Progress {
    static func training(enabled: Bool, series: Int) -> (@Sendable (Int, Int, EpochRecord) -> Void)? {
        guard enabled else { return nil }
        return { index, member, record in
            // Member 0 speaks for the ensemble: one line, not K interleaved ones.
            guard member == 0 else { return }
            var line = "\r"
            if series > 1 { line += "series \(index + 1)/\(series)  " }
            line += "epoch \(record.epoch + 1)  loss \(TextFormatting.fixed(record.trainLoss, digits: 4))"
            if let validation = record.validationLoss {
                line += "  validation \(TextFormatting.fixed(validation, digits: 4))"
            }
            writeStderr(line + "\u{1B}[K")
        }
    }

    static func finish(enabled: Bool) {
        if enabled { writeStderr("\r\u{1B}[K") }
    }
}
