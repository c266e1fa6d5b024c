#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The range a forecast of a history can plausibly reach, step by step, and the rule
/// that keeps a forecast inside it.
///
/// For a positive history with largest value `M`, smallest `m` and fastest growth
/// `g` (the largest mean log-growth per step over any span of `min(H, n − 1)` steps,
/// at least 0) and fastest decline `d` likewise, step `h` (1-based) may reach
///
///     upper(h) = M · clamp(1.5·e^(g·h), 2, 10)
///     lower(h) = m · clamp(e^(−d·h) / 1.5, 0.1, 0.5)
///
/// so a series may keep growing at its own best pace, with a margin, but never past
/// ten times its record. A history with values ≤ 0 gets `max + 2R` and `min − 2R`
/// (`R` its range). A non-negative history's forecast is never below 0.
///
/// ``combine(_:series:)`` takes the median of the member paths that stay inside at
/// every step, and says how many it left out; when none does, it clamps the median
/// of all of them to the envelope and says so in the warnings. A final value beyond
/// three times the history's largest absolute value is always reported.
public struct Envelope: Sendable, Equatable {
    public var lower: [Double]
    public var upper: [Double]
    /// The largest absolute value of the history.
    public var largest: Double
    /// Whether the history has no negative value (forecasts are then clamped at 0).
    public var nonNegative: Bool

    public init(history: [Double], horizon: Int) {
        let n = history.count
        let high = history.max() ?? 0
        let low = history.min() ?? 0
        largest = history.reduce(0) { max($0, abs($1)) }
        nonNegative = low >= 0
        if low > 0, n >= 2 {
            let span = max(1, min(horizon, n - 1))
            let logs = history.map { log($0) }
            var growth = 0.0
            var decline = 0.0
            for t in span..<n {
                let rate = (logs[t] - logs[t - span]) / Double(span)
                growth = max(growth, rate)
                decline = max(decline, -rate)
            }
            upper = (1...max(horizon, 1)).map { h in high * min(max(1.5 * exp(growth * Double(h)), 2), 10) }
            lower = (1...max(horizon, 1)).map { h in low * min(max(exp(-decline * Double(h)) / 1.5, 0.1), 0.5) }
        } else {
            let range = high - low > 0 ? high - low : max(abs(high), 1)
            upper = [Double](repeating: high + 2 * range, count: max(horizon, 1))
            lower = [Double](repeating: low - 2 * range, count: max(horizon, 1))
        }
    }

    /// Whether every step of `path` lies inside.
    public func contains(_ path: [Double]) -> Bool {
        path.indices.allSatisfy { h in
            let k = min(h, upper.count - 1)
            return path[h].isFinite && path[h] <= upper[k] && path[h] >= lower[k]
        }
    }

    /// The median of the member paths inside the envelope, per step (see the type's
    /// documentation for what happens when none is inside).
    public func combine(_ paths: [[Double]], series: String) -> Prediction {
        guard let steps = paths.first?.count else { return Prediction(values: [], warnings: []) }
        let inside = paths.filter(contains)
        var warnings: [String] = []
        var values: [Double]
        if !inside.isEmpty {
            values = (0..<steps).map { h in NeuralForecaster.median(inside.map { $0[h] }) }
            if inside.count < paths.count {
                warnings.append(
                    "series '\(series)': \(paths.count - inside.count) of \(paths.count) networks left the plausible range of its history and were left out of the median")
            }
        } else {
            values = (0..<steps).map { h in
                let k = min(h, upper.count - 1)
                let finite = paths.map { $0[h] }.filter(\.isFinite)
                let middle = finite.isEmpty ? (lower[k] + upper[k]) / 2 : NeuralForecaster.median(finite)
                return min(max(middle, lower[k]), upper[k])
            }
            warnings.append(
                "series '\(series)': every network's forecast left the plausible range of its history; the forecast was clamped to it")
        }
        if nonNegative { values = values.map { max($0, 0) } }
        if let note = Envelope.farBeyond(values, largest: largest, series: series) { warnings.append(note) }
        return Prediction(values: values, warnings: warnings)
    }

    /// A warning when a forecast goes past three times the history's largest absolute value.
    static func farBeyond(_ values: [Double], largest: Double, series: String) -> String? {
        guard largest > 0, let peak = values.map(abs).max(), peak > 3 * largest else { return nil }
        let ratio = (peak / largest * 10).rounded() / 10
        return "series '\(series)': the forecast reaches \(ratio)× the largest value of its history"
    }
}
