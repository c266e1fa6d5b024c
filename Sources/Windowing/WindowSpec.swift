/// Which past values feed a window, how many future values it predicts, and how far
/// apart consecutive windows start.
///
/// A window whose first target is `y[t]` has the features `y[t - lag]` for every lag,
/// oldest first, and the targets `y[t] … y[t + horizon - 1]`. On the ten values
/// `0…9` with `lags: 3, horizon: 2`:
///
/// | window | features | targets |
/// |---|---|---|
/// | 0 | 0 1 2 | 3 4 |
/// | 1 | 1 2 3 | 4 5 |
/// | … | | |
/// | 4 | 4 5 6 | 7 8 |
/// | 5 | 5 6 7 | 8 9 |
///
/// Windows are anchored at the end of the series: the last window always ends on
/// the last value, and with `stride: 2` the windows are 5, 3 and 1, so the most
/// recent data is never skipped.
///
/// With `minimumHistory` below the largest lag, windows may also start earlier, with
/// fewer past values than the lags ask for: the missing oldest inputs repeat the
/// series' first value (after normalisation relative to the last input, a flat
/// stretch), as N-BEATS pads short histories. On `0…9` with `lags: 3, horizon: 2,
/// minimumHistory: 1` the first window is `0 0 0 → 1 2`, then `0 0 1 → 2 3`. This is
/// how a pooled network learns from, and forecasts, series shorter than its lookback.
public struct WindowSpec: Sendable, Hashable, Codable {
    /// The lags, increasing (`[1, 2, 3]` for a count of 3).
    public let lags: [Int]
    public let horizon: Int
    public let stride: Int
    /// Per-window normalisation of features and targets.
    public let normalization: WindowNormalization
    /// The fewest real past values a window needs (1 … ``maxLag``); older inputs are padded.
    public let minimumHistory: Int

    /// Lags 1…`lags`.
    public init(lags: Int, horizon: Int = 1, stride: Int = 1,
                normalization: WindowNormalization = .none, minimumHistory: Int? = nil) throws(WindowingError) {
        guard lags >= 1 else { throw .invalidLagCount(lags) }
        try self.init(lagSet: Array(1...lags), horizon: horizon, stride: stride, normalization: normalization,
                      minimumHistory: minimumHistory)
    }

    /// An explicit set of lags such as `[1, 2, 12, 24]`; the order given does not matter.
    public init(lagSet: [Int], horizon: Int = 1, stride: Int = 1,
                normalization: WindowNormalization = .none, minimumHistory: Int? = nil) throws(WindowingError) {
        guard !lagSet.isEmpty else { throw .emptyLagSet }
        if let bad = lagSet.first(where: { $0 < 1 }) { throw .invalidLag(bad) }
        let sorted = lagSet.sorted()
        if let duplicate = zip(sorted, sorted.dropFirst()).first(where: { $0 == $1 }) {
            throw .duplicateLag(duplicate.0)
        }
        guard horizon >= 1 else { throw .invalidHorizon(horizon) }
        guard stride >= 1 else { throw .invalidStride(stride) }
        let maxLag = sorted[sorted.count - 1]
        let minimum = minimumHistory ?? maxLag
        guard (1...maxLag).contains(minimum) else { throw .invalidMinimumHistory(minimum, maxLag: maxLag) }
        self.lags = sorted
        self.horizon = horizon
        self.stride = stride
        self.normalization = normalization
        self.minimumHistory = minimum
    }

    private enum CodingKeys: String, CodingKey { case lags, horizon, stride, normalization, minimumHistory }

    /// Decodes through the validating initialiser, so a model file cannot hold a window
    /// that a constructed one could not.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            lagSet: try c.decode([Int].self, forKey: .lags), horizon: try c.decode(Int.self, forKey: .horizon),
            stride: try c.decode(Int.self, forKey: .stride),
            normalization: try c.decode(WindowNormalization.self, forKey: .normalization),
            minimumHistory: try c.decodeIfPresent(Int.self, forKey: .minimumHistory))
    }

    public var maxLag: Int { lags[lags.count - 1] }
    /// Inputs per window: the lags, plus the level itself with ``WindowNormalization/lastValueAndLevel``.
    public var featureCount: Int { lags.count + (normalization == .lastValueAndLevel ? 1 : 0) }
    /// Lags 1…L with nothing missing: features are one contiguous slice.
    var isContiguous: Bool { lags.count == maxLag }

    /// How many windows fit in `length` values.
    public func windowCount(length: Int) -> Int {
        let last = length - horizon
        return last < minimumHistory ? 0 : (last - minimumHistory) / stride + 1
    }

    /// The index of window `k`'s first target, among `count` windows in `length` values.
    @inline(__always)
    func targetIndex(_ k: Int, count: Int, length: Int) -> Int {
        length - horizon - (count - 1 - k) * stride
    }

    /// Writes the features of the window whose first target is `values[t]` into
    /// `features` (oldest first) and returns the normalisation reference that was
    /// subtracted (0 without normalisation). `t` may be `values.count`: the features
    /// of the next, unknown value, for forecasting.
    @inline(__always)
    public func writeFeatures(
        _ values: UnsafeBufferPointer<Float>, target t: Int, into features: UnsafeMutablePointer<Float>
    ) -> Float {
        let n = lags.count
        if t >= maxLag {
            if isContiguous {
                features.update(from: values.baseAddress! + (t - n), count: n)
            } else {
                for j in 0..<n { features[j] = values[t - lags[n - 1 - j]] }
            }
        } else {
            for j in 0..<n { features[j] = values[max(t - lags[n - 1 - j], 0)] }
        }
        let reference = normalization.reference(UnsafeBufferPointer(start: features, count: n))
        if reference != 0 {
            for j in 0..<n { features[j] -= reference }
        }
        if normalization == .lastValueAndLevel { features[n] = reference }
        return reference
    }
}

/// Per-window normalisation: each window is expressed relative to its own level, so a
/// network trained on one level can forecast a series that has drifted past it.
public enum WindowNormalization: String, Sendable, Hashable, Codable, CaseIterable {
    case none
    /// Subtract the window's most recent input value from features and targets.
    case lastValue = "last"
    /// Subtract the mean of the window's inputs.
    case mean
    /// As ``lastValue``, and give the network the subtracted level as one more input, so
    /// it can still learn behaviour that depends on the level (mean reversion).
    case lastValueAndLevel = "last+level"

    @inline(__always)
    func reference(_ features: UnsafeBufferPointer<Float>) -> Float {
        switch self {
        case .none: return 0
        case .lastValue, .lastValueAndLevel: return features[features.count - 1]
        case .mean:
            var sum: Float = 0
            for v in features { sum += v }
            return sum / Float(features.count)
        }
    }
}
