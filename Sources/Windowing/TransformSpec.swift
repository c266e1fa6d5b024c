/// The value transforms applied before windowing, in this order: log, seasonal
/// differencing, differencing, scaling. Inverse transforms run in reverse order.
///
/// Differencing shortens the series: the transformed value `i` belongs to original
/// index `i + lookback`.
public struct TransformSpec: Sendable, Hashable, Codable {
    /// Natural logarithm first (refuses values ≤ 0).
    public var log: Bool
    /// Under ``log``, a series with values ≤ 0 in its training part is first shifted up
    /// by `mean|y| − min(y)` (fitted on that part), instead of being refused: tourism
    /// counts with closed-season zeros still get a multiplicative, scale-free model.
    public var shiftNonPositive: Bool
    /// Seasonal differencing `y[t] − y[t − m]` at this period, applied once.
    public var seasonalPeriod: Int?
    /// Ordinary differencing order: 0, 1 or 2.
    public var difference: Int
    public var scaler: ScalerKind

    public init(log: Bool = false, shiftNonPositive: Bool = false, seasonalPeriod: Int? = nil, difference: Int = 0,
                scaler: ScalerKind = .standard) throws(WindowingError) {
        guard (0...2).contains(difference) else { throw .invalidDifference(difference) }
        if let m = seasonalPeriod, m < 2 { throw .invalidSeasonalPeriod(m) }
        self.log = log
        self.shiftNonPositive = shiftNonPositive
        self.seasonalPeriod = seasonalPeriod
        self.difference = difference
        self.scaler = scaler
    }

    /// Values lost at the start of the series to differencing.
    public var lookback: Int { difference + (seasonalPeriod ?? 0) }

    private enum CodingKeys: String, CodingKey { case log, shiftNonPositive, seasonalPeriod, difference, scaler }

    /// Decodes through the validating initialiser (a model file is input like any other).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                log: try c.decode(Bool.self, forKey: .log), shiftNonPositive: try c.decode(Bool.self, forKey: .shiftNonPositive),
                seasonalPeriod: try c.decodeIfPresent(Int.self, forKey: .seasonalPeriod),
                difference: try c.decode(Int.self, forKey: .difference), scaler: try c.decode(ScalerKind.self, forKey: .scaler))
        } catch let error as WindowingError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }
}

/// How values are scaled, always with statistics of the training part only.
public enum ScalerKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `(x − mean) / std` (population std).
    case standard
    /// `(x − min) / (max − min)`: training values land in [0, 1].
    case minMax = "minmax"
    /// `(x − median) / IQR`, robust to outliers (IQR by linear interpolation, as NumPy).
    case robust
    case none
}

/// A fitted scaler: `scaled = (x − center) / scale`.
public struct FittedScaler: Sendable, Hashable, Codable {
    public var kind: ScalerKind
    public var center: Double
    /// Never 0: a constant training part scales by 1, so it maps to 0 instead of NaN.
    public var scale: Double

    public init(kind: ScalerKind, center: Double, scale: Double) {
        self.kind = kind
        self.center = center
        self.scale = scale == 0 || !scale.isFinite ? 1 : scale
    }

    private enum CodingKeys: String, CodingKey { case kind, center, scale }

    /// Refuses what fitting never produces: a scale that is not positive and finite
    /// (a scale of 0 would print empty forecasts), a centre that is not finite.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(ScalerKind.self, forKey: .kind)
        let center = try c.decode(Double.self, forKey: .center)
        let scale = try c.decode(Double.self, forKey: .scale)
        guard center.isFinite, scale.isFinite, scale > 0 else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "a scaler needs a finite centre and a positive, finite scale (centre \(center), scale \(scale))"))
        }
        self.init(kind: kind, center: center, scale: scale)
    }

    /// Fits `kind` on `values` (the training part, already log-transformed and differenced).
    public static func fit(_ kind: ScalerKind, _ values: some Collection<Double>) -> FittedScaler {
        switch kind {
        case .none:
            return FittedScaler(kind: kind, center: 0, scale: 1)
        case .standard:
            var count = 0.0
            var mean = 0.0
            var m2 = 0.0
            for v in values {
                count += 1
                let delta = v - mean
                mean += delta / count
                m2 += delta * (v - mean)
            }
            return FittedScaler(kind: kind, center: mean, scale: count > 0 ? (m2 / count).squareRoot() : 1)
        case .minMax:
            let lo = values.min() ?? 0
            let hi = values.max() ?? 1
            return FittedScaler(kind: kind, center: lo, scale: hi - lo)
        case .robust:
            let sorted = values.sorted()
            let median = quantile(sorted, 0.5)
            return FittedScaler(kind: kind, center: median, scale: quantile(sorted, 0.75) - quantile(sorted, 0.25))
        }
    }

    /// NumPy's default (linear) quantile of sorted values.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] + weight * (sorted[upper] - sorted[lower])
    }

    @inline(__always) public func apply(_ x: Double) -> Double { (x - center) / scale }
    @inline(__always) public func invert(_ z: Double) -> Double { z * scale + center }
}
