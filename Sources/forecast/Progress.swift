import Forecasting

#if canImport(Glibc)
import Glibc
#endif
import Foundation

var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

/// The one progress line of a long command on stderr: phase, count, bar, elapsed time
/// and an estimate of the time left, e.g.
/// `fitting 3/5 networks  [######······]  0:02, about 0:03 left`.
///
/// On a terminal the line is redrawn in place, at least every quarter second from the
/// start (a command whose first unit of work takes a minute still shows it is alive);
/// elsewhere, only with `--progress`, a plain line every five seconds, for logs.
final class ProgressLine: @unchecked Sendable {
    enum Mode { case terminal, log }

    private let mode: Mode
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var phase: String
    private var done = 0.0
    private var total = 0.0
    private var unit = ""
    private var fraction: Double?
    private var lastDraw: ContinuousClock.Instant?
    private var running = true
    private var ticker: Thread?

    /// `nil` when progress is not to be shown: `--quiet`, or stderr is not a terminal
    /// and `--progress` was not given.
    static func make(quiet: Bool, forced: Bool, phase: String) -> ProgressLine? {
        if quiet { return nil }
        if stderrIsTerminal { return ProgressLine(mode: .terminal, phase: phase) }
        return forced ? ProgressLine(mode: .log, phase: phase) : nil
    }

    private init(mode: Mode, phase: String) {
        self.mode = mode
        self.phase = phase
        if mode == .terminal {
            let thread = Thread { [weak self] in
                while let line = self, line.tick() { Thread.sleep(forTimeInterval: 0.25) }
            }
            ticker = thread
            thread.start()
        }
    }

    /// Sets what is being done: `done` of `total` `unit`s, and the share of the whole
    /// command's work done so far (`nil`: unknown, no bar and no estimate).
    func update(_ phase: String, done: Double, total: Double, unit: String, fraction: Double?) {
        lock.lock()
        defer { lock.unlock() }
        let changed = phase != self.phase
        self.phase = phase
        self.done = done
        self.total = total
        self.unit = unit
        self.fraction = fraction.map { min(max($0, 0), 1) }
        let now = ContinuousClock.now
        let interval: Duration = mode == .terminal ? .milliseconds(100) : .seconds(5)
        if changed || lastDraw.map({ now - $0 >= interval }) ?? true { draw(now) }
    }

    /// Clears the line (on a terminal) and stops redrawing it.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard running else { return }
        running = false
        if mode == .terminal { writeStderr("\r\u{1B}[K") }
    }

    /// The ticker's redraw; false once finished.
    private func tick() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard running else { return false }
        draw(ContinuousClock.now)
        return true
    }

    /// Must hold `lock`.
    private func draw(_ now: ContinuousClock.Instant) {
        guard running else { return }
        lastDraw = now
        let text = Self.line(phase: phase, done: done, total: total, unit: unit, fraction: fraction,
                             elapsed: (now - start).seconds)
        writeStderr(mode == .terminal ? "\r" + text + "\u{1B}[K" : text + "\n")
    }

    /// The line's text, apart from its terminal control codes.
    static func line(phase: String, done: Double, total: Double, unit: String, fraction: Double?, elapsed: Double) -> String {
        var text = phase
        if total > 0 { text += " \(Int(done))/\(Int(total))" + (unit.isEmpty ? "" : " \(unit)") }
        if let fraction {
            let width = 20
            let filled = Int((fraction * Double(width)).rounded(.down))
            text += "  [" + String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled) + "]"
        }
        text += "  " + clock(elapsed)
        // An estimate needs some work done to extrapolate from.
        if let fraction, fraction >= 0.02, elapsed >= 1, fraction < 1 {
            text += ", about \(clock(elapsed * (1 - fraction) / fraction)) left"
        }
        return text
    }

    /// `0:07`, `12:03`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.down))
        let (h, m, r) = (s / 3600, s / 60 % 60, s % 60)
        let two = { (v: Int) in v < 10 ? "0\(v)" : "\(v)" }
        return h > 0 ? "\(h):\(two(m)):\(two(r))" : "\(m):\(two(r))"
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// Turns the fit's ``TrainingProgress`` reports into the progress line: networks done
/// in the current phase, and the share of all phases done for the bar.
final class TrainingTracker: @unchecked Sendable {
    private let line: ProgressLine
    private let series: Int
    private let phases: [TrainingProgress.Phase]
    private let lock = NSLock()
    /// Per phase, per (series, member): how far it is, in [0, 1].
    private var progress: [TrainingProgress.Phase: [Int: Double]] = [:]
    private var members = 1

    /// `series`: fits reported (one for a pooled model); `phases`: those the fits will
    /// go through, for the bar's total.
    init(line: ProgressLine, series: Int, phases: [TrainingProgress.Phase]) {
        self.line = line
        self.series = series
        self.phases = phases
    }

    func report(series index: Int, _ p: TrainingProgress) {
        lock.lock()
        members = p.members
        let key = index * p.members + p.member
        let share = p.finished ? 1 : Double(p.record.epoch + 1) / Double(max(p.epochLimit, 1))
        progress[p.phase, default: [:]][key] = max(progress[p.phase]?[key] ?? 0, min(share, 0.99))
        if p.finished { progress[p.phase]?[key] = 1 }
        let networks = Double(series * members)
        let finished = Double(progress[p.phase]?.values.count { $0 >= 1 } ?? 0)
        let all = phases.reduce(0.0) { sum, phase in sum + (progress[phase]?.values.reduce(0, +) ?? 0) }
        let fraction = all / (networks * Double(max(phases.count, 1)))
        lock.unlock()
        line.update(p.phase.rawValue, done: finished, total: networks, unit: networks == 1 ? "network" : "networks",
                    fraction: fraction)
    }
}
