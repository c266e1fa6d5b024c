#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``TransformSpec`` with its scaler fitted on a training part: everything needed to
/// transform a series again later (a saved model) and to turn forecasts back into
/// the series' own units exactly.
public struct FittedTransform: Sendable, Hashable, Codable {
    public var spec: TransformSpec
    public var scaler: FittedScaler
    /// Added to every value before the log (0 unless ``TransformSpec/shiftNonPositive``
    /// met a value ≤ 0 in the training part).
    public var shift: Double

    public init(spec: TransformSpec, scaler: FittedScaler, shift: Double = 0) {
        self.spec = spec
        self.scaler = scaler
        self.shift = shift
    }

    private enum CodingKeys: String, CodingKey { case spec, scaler, shift }

    /// Refuses a shift that fitting never produces (negative or not finite).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let shift = try c.decode(Double.self, forKey: .shift)
        guard shift.isFinite, shift >= 0 else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "a transform's shift must be finite and 0 or more, got \(shift)"))
        }
        self.init(spec: try c.decode(TransformSpec.self, forKey: .spec),
                  scaler: try c.decode(FittedScaler.self, forKey: .scaler), shift: shift)
    }

    /// Fits the scaler on the transformed values `trainingRange` (indices of the
    /// transformed series, so original indices `trainingRange + lookback`). Only values
    /// up to the range's end are read: nothing later can change the fit.
    public static func fit(
        _ spec: TransformSpec, values: [Double], trainingRange: Range<Int>, series: String = "series"
    ) throws(WindowingError) -> FittedTransform {
        let lookback = spec.lookback
        let end = min(trainingRange.upperBound + lookback, values.count)
        let seen = values[0..<end]
        var shift = 0.0
        if spec.log && spec.shiftNonPositive, let low = seen.min(), low <= 0, low.isFinite {
            let meanAbs = seen.reduce(0) { $0 + abs($1) } / Double(seen.count)
            shift = -low + (meanAbs > 0 && meanAbs.isFinite ? meanAbs : 1)
        }
        try check(spec, seen, shift: shift, series: series)
        let unscaled = FittedTransform(spec: spec, scaler: FittedScaler(kind: .none, center: 0, scale: 1), shift: shift)
        let part = trainingRange.lazy.map { unscaled.unscaledValue(values, at: $0 + lookback) }
        return FittedTransform(spec: spec, scaler: FittedScaler.fit(spec.scaler, part), shift: shift)
    }

    /// Refuses values a transform cannot take (non-finite; ≤ 0 under a log, after the shift).
    static func check(_ spec: TransformSpec, _ values: ArraySlice<Double>, shift: Double, series: String)
        throws(WindowingError)
    {
        for i in values.indices {
            let v = values[i]
            guard v.isFinite else { throw .nonFinite(series: series, position: "#\(i + 1)") }
            if spec.log && v + shift <= 0 {
                throw .nonPositiveForLog(series: series, position: "#\(i + 1)", value: v)
            }
        }
    }

    /// Log (when asked) of the original value at `i`.
    @inline(__always)
    private func level(_ values: [Double], _ i: Int) -> Double {
        spec.log ? logarithm(values[i] + shift) : values[i]
    }

    /// The seasonally differenced level at original index `i`.
    @inline(__always)
    private func seasonal(_ values: [Double], _ i: Int) -> Double {
        guard let m = spec.seasonalPeriod else { return level(values, i) }
        return level(values, i) - level(values, i - m)
    }

    /// The log-transformed, differenced (not scaled) value at original index `i`
    /// (`i >= lookback`), computed from a few earlier values: no intermediate array,
    /// so transforming a 10-million-point series allocates only its result.
    @inline(__always)
    func unscaledValue(_ values: [Double], at i: Int) -> Double {
        switch spec.difference {
        case 0: return seasonal(values, i)
        case 1: return seasonal(values, i) - seasonal(values, i - 1)
        default: return seasonal(values, i) - 2 * seasonal(values, i - 1) + seasonal(values, i - 2)
        }
    }

    /// The fully transformed series in Float32, for training: element `i` belongs to
    /// original index `i + lookback`.
    public func transform(_ values: [Double], series: String = "series") throws(WindowingError) -> [Float] {
        try Self.check(spec, values[...], shift: shift, series: series)
        let lookback = spec.lookback
        guard values.count > lookback else { return [] }
        return [Float](unsafeUninitializedCapacity: values.count - lookback) { buffer, initialized in
            for i in lookback..<values.count {
                buffer[i - lookback] = Float(scaler.apply(unscaledValue(values, at: i)))
            }
            initialized = values.count - lookback
        }
    }

    /// The same in Double, for exact round trips.
    public func transformExact(_ values: [Double], series: String = "series") throws(WindowingError) -> [Double] {
        try Self.check(spec, values[...], shift: shift, series: series)
        let lookback = spec.lookback
        guard values.count > lookback else { return [] }
        return (lookback..<values.count).map { scaler.apply(unscaledValue(values, at: $0)) }
    }

    /// Turns transformed forecasts of the steps after `history` back into the series'
    /// units: unscale, undo differencing (each step builds on the one before, so
    /// multi-step forecasts invert exactly), undo seasonal differencing (steps past
    /// one season build on earlier forecasts), then exponentiate.
    ///
    /// `history` is the original series up to the forecast origin; it needs at least
    /// ``TransformSpec/lookback`` values.
    public func invert(_ forecast: [Double], history: [Double]) -> [Double] {
        let h = forecast.count
        var future = forecast.map(scaler.invert)
        // The seasonally differenced history: the level on which differencing sat.
        let m = spec.seasonalPeriod ?? 0
        let levels = spec.log ? history.map { logarithm($0 + shift) } : history
        if spec.difference > 0 {
            let seasonalTail = (max(m, history.count - spec.difference - 1)..<history.count).map { i in
                m > 0 ? levels[i] - levels[i - m] : levels[i]
            }
            if spec.difference == 2 {
                // Undo the second difference onto the first differences, then the first.
                let firstDifferences = zip(seasonalTail.dropFirst(), seasonalTail).map { $0 - $1 }
                var last = firstDifferences.last ?? 0
                for k in 0..<h {
                    last += future[k]
                    future[k] = last
                }
            }
            var last = seasonalTail.last ?? 0
            for k in 0..<h {
                last += future[k]
                future[k] = last
            }
        }
        if m > 0 {
            var extended = levels
            extended.reserveCapacity(levels.count + h)
            for k in 0..<h {
                let value = extended[extended.count - m] + future[k]
                extended.append(value)
                future[k] = value
            }
        }
        return spec.log ? future.map { exponential($0) - shift } : future
    }
}

// Free functions: inside the type, `log` would read as `TransformSpec.log`.
@inline(__always) private func logarithm(_ x: Double) -> Double { log(x) }
@inline(__always) private func exponential(_ x: Double) -> Double { exp(x) }
