import SeriesIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a method removes the season before it forecasts (`--deseasonalize`).
public enum Deseasonalize: String, Sendable, Hashable, Codable, CaseIterable {
    /// When the autocorrelation test at lag m says the series is seasonal.
    case auto
    /// Whenever the history holds two full seasons.
    case on
    case off
}

/// A classical decomposition's seasonal indices: one per position within the season,
/// divided out (multiplicative) or subtracted (additive) before a method forecasts,
/// and put back on its forecasts.
///
/// The indices are R's `decompose` (and statsmodels' `seasonal_decompose`): the
/// series over its centred moving average of one season (a 2×m average when m is
/// even), averaged per position, then normalised to mean 1 (or 0).
public struct SeasonalAdjustment: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case multiplicative, additive
    }

    public let period: Int
    public let kind: Kind
    /// Index of position `t mod period`, `t` counted from the first value of the history.
    public let indices: [Double]

    /// Which seasonality test and fallbacks: the M4 competition's benchmark (Naive2,
    /// and `score.py`), or statsforecast's Theta.
    public enum Rule: Sendable, Hashable {
        /// Tested when the history holds 3 seasons, `m > 1`, critical value 1.645;
        /// always multiplicative.
        case m4
        /// Tested when `m ≥ 4` and the history holds 2 seasons, critical value
        /// Φ⁻¹(0.95); additive when a value is not positive or an index falls below 0.01.
        case statsforecast
    }

    /// The adjustment `mode` and `rule` call for on `values`, or `nil` for none.
    public static func choose(_ values: [Double], period m: Int, mode: Deseasonalize = .auto,
                              rule: Rule = .statsforecast) -> SeasonalAdjustment? {
        let n = values.count
        guard mode != .off, m > 1, n >= 2 * m else { return nil }
        if mode == .auto {
            switch rule {
            case .m4:
                guard n >= 3 * m, isSeasonal(values, period: m, critical: 1.645) else { return nil }
            case .statsforecast:
                guard m >= 4, isSeasonal(values, period: m, critical: 1.6448536269514722) else { return nil }
            }
        }
        let positive = values.allSatisfy { $0 > 0 }
        if rule == .m4 || positive {
            if let multiplicative = decompose(values, period: m, kind: .multiplicative),
                rule == .m4 || multiplicative.indices.allSatisfy({ $0 >= 0.01 })
            {
                return multiplicative
            }
            if rule == .m4 { return nil }
        }
        return decompose(values, period: m, kind: .additive)
    }

    /// The 90% one-sided test of the M4 benchmarks: seasonal when
    /// `|r_m| > critical · √((1 + 2·Σ_{k<m} r_k²) / n)`, `r_k` the lag-k autocorrelation.
    public static func isSeasonal(_ values: [Double], period m: Int, critical: Double = 1.645) -> Bool {
        let n = values.count
        guard m > 1, n > m else { return false }
        let mean = values.reduce(0, +) / Double(n)
        let centred = values.map { $0 - mean }
        let denominator = centred.reduce(0) { $0 + $1 * $1 }
        guard denominator > 0 else { return false }
        func r(_ k: Int) -> Double {
            var s = 0.0
            for t in k..<n { s += centred[t] * centred[t - k] }
            return s / denominator
        }
        var squares = 0.0
        for k in 1..<m { squares += r(k) * r(k) }
        let limit = critical * ((1 + 2 * squares) / Double(n)).squareRoot()
        return abs(r(m)) > limit
    }

    /// The classical decomposition's indices, or `nil` when the history is shorter
    /// than two seasons (or, multiplicative, its moving average touches zero).
    public static func decompose(_ values: [Double], period m: Int, kind: Kind) -> SeasonalAdjustment? {
        let n = values.count
        guard m > 1, n >= 2 * m else { return nil }
        let weights = m % 2 == 0
            ? [0.5 / Double(m)] + [Double](repeating: 1 / Double(m), count: m - 1) + [0.5 / Double(m)]
            : [Double](repeating: 1 / Double(m), count: m)
        let half = weights.count / 2
        var sums = [Double](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: m)
        for t in half..<(n - half) {
            var trend = 0.0
            for (j, w) in weights.enumerated() { trend += w * values[t - half + j] }
            switch kind {
            case .multiplicative:
                guard trend != 0 else { return nil }
                sums[t % m] += values[t] / trend
            case .additive:
                sums[t % m] += values[t] - trend
            }
            counts[t % m] += 1
        }
        let raw = (0..<m).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : (kind == .multiplicative ? 1 : 0) }
        let mean = raw.reduce(0, +) / Double(m)
        if kind == .multiplicative && !(mean > 0) { return nil }
        let indices = raw.map { kind == .multiplicative ? $0 / mean : $0 - mean }
        return SeasonalAdjustment(period: m, kind: kind, indices: indices)
    }

    public init(period: Int, kind: Kind, indices: [Double]) {
        self.period = period
        self.kind = kind
        self.indices = indices
    }

    /// The history with the season removed; `offset` is the position of the first value.
    public func adjust(_ values: [Double], offset: Int = 0) -> [Double] {
        values.enumerated().map { t, v in
            let index = indices[(offset + t) % period]
            return kind == .multiplicative ? v / index : v - index
        }
    }

    /// `forecasts` of the steps after a history of `length` values, with the season
    /// put back.
    public func reseasonalize(_ forecasts: [Double], after length: Int) -> [Double] {
        forecasts.enumerated().map { j, f in
            let index = indices[(length + j) % period]
            return kind == .multiplicative ? f * index : f + index
        }
    }
}

extension SeasonalAdjustment {
    /// `method`'s forecast of `series` made on its seasonally adjusted values (the
    /// statsforecast rule, as `mode` says) with the season put back: how Theta and
    /// ETS handle seasons.
    static func forecast(_ series: Series, period: Int?, mode: Deseasonalize, horizon: Int,
                         _ method: ([Double]) throws -> [Double]) throws -> [Double] {
        try Limits.check(horizon: horizon)
        let y = series.values
        let m = period ?? series.frequency?.seasonalPeriod ?? 1
        let adjustment = choose(y, period: m, mode: mode, rule: .statsforecast)
        let forecasts = try method(adjustment?.adjust(y) ?? y)
        return adjustment?.reseasonalize(forecasts, after: y.count) ?? forecasts
    }
}
