import SeriesIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exponential smoothing state-space models (Hyndman et al. 2008), chosen by AICc as
/// statsforecast's `AutoETS(season_length: m)` chooses them: errors additive or (for
/// positive data) multiplicative; trend none, additive or damped; season none,
/// additive or multiplicative; fifteen models, each fitted by maximum likelihood with
/// a bounded Nelder–Mead over the smoothing parameters and the initial states. The
/// equations, starting values, bounds, likelihood and the order of the candidates are
/// statsforecast's, so the same model and parameters give the same forecasts.
///
/// ``deseasonalize``: `auto` puts the season in the state (AutoETS); `on` fits the
/// non-seasonal models to the classically adjusted series (the M4 benchmarks' way);
/// `off` fits the non-seasonal models to the series as it is. Seasons longer than 24
/// are adjusted classically (a state per position would be dozens of parameters).
///
/// Like Theta it fits on the history it forecasts.
public struct ETSForecaster: Forecaster, Codable {
    /// The season length; `nil` takes it from the series' frequency.
    public var period: Int?
    public var deseasonalize: Deseasonalize

    public init(period: Int? = nil, deseasonalize: Deseasonalize = .auto) {
        self.period = period
        self.deseasonalize = deseasonalize
    }

    public mutating func fit(_ series: [Series]) throws {}

    public func predict(_ series: Series, horizon: Int) throws -> [Double] {
        try Limits.check(horizon: horizon)
        let m = period ?? series.frequency?.seasonalPeriod ?? 1
        let tooShort = ForecastError.tooShort(series: series.label, length: series.count, minimum: 7)
        if deseasonalize == .auto && m <= 24 {
            guard let model = Self.select(series.values, period: m) else { throw tooShort }
            return model.forecast(horizon)
        }
        return try SeasonalAdjustment.forecast(series, period: m, mode: deseasonalize, horizon: horizon) { adjusted in
            guard let model = Self.select(adjusted, period: 1) else { throw tooShort }
            return model.forecast(horizon)
        }
    }

    /// The components of one model.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        public enum Trend: Sendable, Hashable { case none, additive, damped }
        public enum Season: Sendable, Hashable { case none, additive, multiplicative }
        public var multiplicativeError: Bool
        public var trend: Trend
        public var season: Season = .none

        public init(multiplicativeError: Bool, trend: Trend, season: Season = .none) {
            self.multiplicativeError = multiplicativeError
            self.trend = trend
            self.season = season
        }

        public var description: String {
            let t = trend == .none ? "N" : trend == .additive ? "A" : "Ad"
            let s = season == .none ? "N" : season == .additive ? "A" : "M"
            return "ETS(\(multiplicativeError ? "M" : "A"),\(t),\(s))"
        }
        var hasTrend: Bool { trend != .none }
        var hasSeason: Bool { season != .none }
    }

    /// A fitted model: parameters, final states, and its criteria.
    struct Model {
        let kind: Kind
        let alpha: Double
        let beta: Double
        let gamma: Double
        let phi: Double
        let period: Int
        let level: Double
        let slope: Double
        /// The seasonal states after the last value, the most recent first.
        let seasonal: [Double]
        /// `−2 log L` up to a constant: `n·log Σe²` (plus `2·Σ log|ŷ|` for M errors).
        let likelihood: Double
        let parameters: Int
        let count: Int

        var aicc: Double {
            let k = Double(parameters + 1), n = Double(count)
            let aic = likelihood + 2 * k
            return n - k - 1 != 0 ? aic + 2 * k * (k + 1) / (n - k - 1) : .infinity
        }

        /// statsforecast's forecast: the damped slope's weight starts at φ and grows by
        /// φ^k after step k, so step 2 weighs it 2φ where the textbook damped trend has
        /// φ + φ² (at most φ − φ^h of a slope apart). Kept, so that the same model and
        /// parameters forecast the same.
        func forecast(_ horizon: Int) -> [Double] {
            var phiStar = phi
            return (0..<horizon).map { i in
                var f = kind.hasTrend ? level + phiStar * slope : level
                if kind.hasSeason {
                    let s = seasonal[((period - 1 - i) % period + period) % period]
                    f = kind.season == .additive ? f + s : f * s
                }
                phiStar += abs(phi - 1) < 1e-10 ? 1 : pow(phi, Double(i + 1))
                return f
            }
        }
    }

    /// Filters `y` through one model from its initial states (`seasonal`: m values,
    /// the state for the first value last).
    static func run(_ y: [Double], kind: Kind, alpha: Double, beta: Double, gamma: Double = 0, phi: Double,
                    level l0: Double, slope b0: Double, seasonal s0: [Double] = [], parameters: Int) -> Model {
        let m = max(s0.count, 1)
        var ring = s0.isEmpty ? [0] : s0
        let state = ring.withUnsafeMutableBufferPointer {
            filter(y, kind: kind, alpha: alpha, beta: beta, gamma: gamma, phi: phi, level: l0, slope: b0, ring: $0)
        }
        let season = kind.hasSeason ? (0..<m).map { ring[(state.head + $0) % m] } : s0
        return Model(kind: kind, alpha: alpha, beta: beta, gamma: gamma, phi: phi, period: m, level: state.level,
                     slope: state.slope, seasonal: season, likelihood: state.likelihood, parameters: parameters,
                     count: y.count)
    }

    /// The state equations over `y`. `ring` holds the seasonal states, state k (0 the
    /// most recent) at `(head + k) mod m`, starting with head 0; it is updated in place
    /// (a buffer, so that the optimiser's thousands of evaluations allocate nothing).
    static func filter(_ y: [Double], kind: Kind, alpha: Double, beta: Double, gamma: Double, phi: Double,
                       level l0: Double, slope b0: Double, ring: UnsafeMutableBufferPointer<Double>)
        -> (level: Double, slope: Double, head: Int, likelihood: Double)
    {
        let m = max(ring.count, 1)
        var level = l0, slope = kind.hasTrend ? b0 : 0
        var head = 0
        var squares = 0.0, logs = 0.0
        // Σ log|ŷ| as the log of running products, flushed before they leave 1e±100:
        // one logarithm per many steps instead of one per step.
        var product = 1.0
        for v in y {
            let phiB = kind.hasTrend ? phi * slope : 0
            let q = level + phiB
            let oldest = head == 0 ? m - 1 : head - 1
            let last = kind.hasSeason ? ring[oldest] : 0
            let f = kind.season == .additive ? q + last : kind.season == .multiplicative ? q * last : q
            let e: Double
            if kind.multiplicativeError {
                e = (v - f) / (abs(f) < 1e-10 ? f + 1e-10 : f)
                product *= abs(f) > 0 ? abs(f) : abs(f) + 1e-8
                if !(product > 1e-100 && product < 1e100) {
                    logs += log(product)
                    product = 1
                }
            } else {
                e = v - f
            }
            squares += e * e
            let p: Double
            switch kind.season {
            case .none: p = v
            case .additive: p = v - last
            case .multiplicative: p = abs(last) < 1e-10 ? 1e10 : v / last
            }
            let old = level
            level = q + alpha * (p - q)
            if kind.hasTrend { slope = phiB + (beta / alpha) * (level - old - phiB) }
            if kind.hasSeason {
                let t = kind.season == .additive ? v - q : (abs(q) < 1e-10 ? 1e10 : v / q)
                // The oldest state's slot becomes the newest.
                head = oldest
                ring[head] = last + gamma * (t - last)
            }
        }
        logs += log(product)
        let n = Double(y.count)
        var likelihood = n * log(squares > 0 ? squares : squares + 1e-8)
        if kind.multiplicativeError { likelihood += 2 * logs }
        return (level, slope, head, likelihood)
    }

    /// statsforecast's starting states: the season from a classical decomposition (or,
    /// under three seasons, a one-harmonic Fourier regression), then the mean of the
    /// first max(10, 2m) adjusted values, or the least-squares line through them.
    /// `nil` when the season cannot start (a multiplicative one on a history that
    /// is not positive).
    static func initialStates(_ y: [Double], trend: Bool, season: Kind.Season = .none, period m: Int = 1)
        -> (level: Double, slope: Double, seasonal: [Double])?
    {
        let n = y.count
        var adjusted = y
        var initialSeason: [Double] = []
        if season != .none {
            let multiplicative = season == .multiplicative
            var component: [Double]
            if n < 3 * m {
                guard let c = fourierLine(y, period: m) else { return nil }
                component = (0..<n).map { t in
                    let line = c.0 + c.1 * Double(t + 1)
                    return multiplicative ? y[t] / line : y[t] - line
                }
            } else {
                guard let d = SeasonalAdjustment.decompose(y, period: m, kind: multiplicative ? .multiplicative : .additive)
                else { return nil }
                component = (0..<n).map { d.indices[$0 % m] }
            }
            initialSeason = (1..<m).reversed().map { component[$0] }
            if multiplicative {
                initialSeason = initialSeason.map { max($0, 1e-2) }
                let sum = initialSeason.reduce(0, +)
                if sum > Double(m) {
                    let scale = initialSeason.reduce(0) { $0 + $1 + 1e-2 }
                    initialSeason = initialSeason.map { $0 / scale }
                }
                adjusted = (0..<n).map { y[$0] / max(component[$0], 1e-2) }
            } else {
                adjusted = (0..<n).map { y[$0] - component[$0] }
            }
        }
        let k = min(max(10, 2 * (season == .none ? 1 : m)), n)
        let head = Array(adjusted.prefix(k))
        guard trend else { return (head.reduce(0, +) / Double(k), 0, initialSeason) }
        var (l, b) = ThetaForecaster.trend(head)
        if abs(l + b) < 1e-8 {
            l *= 1 + 1e-3
            b *= 1 - 1e-3
        }
        return (l, b, initialSeason)
    }

    /// Least squares of `y` on `[1, t, cos(2πt/m), sin(2πt/m)]`, t = 1…n (statsforecast's
    /// start for a short seasonal history); the intercept and slope.
    static func fourierLine(_ y: [Double], period m: Int) -> (Double, Double)? {
        let n = y.count
        let hasSine = m != 2  // sin(πt) is 0 at every integer t
        let columns: [(Int) -> Double] = [{ _ in 1 }, { Double($0) }, { cos(2 * Double.pi * Double($0) / Double(m)) }]
            + (hasSine ? [{ sin(2 * Double.pi * Double($0) / Double(m)) }] : [])
        let p = columns.count
        var a = [[Double]](repeating: [Double](repeating: 0, count: p + 1), count: p)
        for t in 1...n {
            let x = columns.map { $0(t) }
            for i in 0..<p {
                for j in 0..<p { a[i][j] += x[i] * x[j] }
                a[i][p] += x[i] * y[t - 1]
            }
        }
        // Gaussian elimination with partial pivoting on the normal equations.
        for c in 0..<p {
            guard let pivot = (c..<p).max(by: { abs(a[$0][c]) < abs(a[$1][c]) }), abs(a[pivot][c]) > 1e-300 else {
                return nil
            }
            a.swapAt(c, pivot)
            for r in 0..<p where r != c {
                let factor = a[r][c] / a[c][c]
                for j in c...p { a[r][j] -= factor * a[c][j] }
            }
        }
        return (a[0][p] / a[0][0], a[1][p] / a[1][1])
    }

    /// Fits one model, or `nil` when it cannot be fitted. `upper` is the bounds of
    /// α, β, γ, φ, narrowed as statsforecast narrows them while it goes through the
    /// candidates (β below the starting α, γ below 1 − α), which later models inherit.
    static func fit(_ y: [Double], kind: Kind, period: Int = 1, upper: inout [Double]) -> Model? {
        let m = kind.hasSeason ? period : 1
        let lower = [1e-4, 1e-4, 1e-4, 0.8]
        let alpha0 = lower[0] + 0.2 * (upper[0] - lower[0]) / Double(m)
        var start: [Double] = [alpha0], low = [lower[0]], high = [upper[0]]
        if kind.hasTrend {
            upper[1] = min(upper[1], alpha0)
            start.append(lower[1] + 0.1 * (upper[1] - lower[1]))
            low.append(lower[1]); high.append(upper[1])
        }
        if kind.hasSeason {
            upper[2] = min(upper[2], 1 - alpha0)
            start.append(lower[2] + 0.05 * (upper[2] - lower[2]))
            low.append(lower[2]); high.append(upper[2])
        }
        if kind.trend == .damped {
            start.append(lower[3] + 0.99 * (upper[3] - lower[3]))
            low.append(lower[3]); high.append(upper[3])
        }
        guard let states = initialStates(y, trend: kind.hasTrend, season: kind.season, period: m) else { return nil }
        start.append(states.level)
        if kind.hasTrend { start.append(states.slope) }
        start += states.seasonal
        while low.count < start.count { low.append(-.infinity); high.append(.infinity) }
        let parameters = start.count
        // statsforecast's AutoETS refuses 6 values or fewer ("tiny datasets") and
        // never fits n − 1 parameters or more.
        guard y.count > 6, parameters < y.count - 1 else { return nil }

        let seasonTotal = kind.season == .multiplicative ? Double(m) : 0
        /// The smoothing parameters and first states in `p`, and where its seasonal states start.
        func scalars(_ p: [Double]) -> (alpha: Double, beta: Double, gamma: Double, phi: Double, level: Double,
                                        slope: Double, seasonStart: Int) {
            var j = 0
            func next() -> Double { defer { j += 1 }; return p[j] }
            let alpha = next()
            let beta = kind.hasTrend ? next() : 0
            let gamma = kind.hasSeason ? next() : 0
            let phi = kind.trend == .damped ? next() : 1
            let level = next()
            let slope = kind.hasTrend ? next() : 0
            return (alpha, beta, gamma, phi, level, slope, j)
        }
        func unpack(_ p: [Double]) -> (alpha: Double, beta: Double, gamma: Double, phi: Double, level: Double,
                                       slope: Double, seasonal: [Double]) {
            let (alpha, beta, gamma, phi, level, slope, j) = scalars(p)
            var seasonal = Array(p[j...])
            // The last seasonal state makes them sum to m (multiplicative) or 0.
            if kind.hasSeason { seasonal.append(seasonTotal - seasonal.reduce(0, +)) }
            return (alpha, beta, gamma, phi, level, slope, seasonal)
        }
        let seasons = kind.hasSeason ? m : 0
        func evaluate(_ p: [Double]) -> Double {
            let (alpha, beta, gamma, phi, level, slope, j) = scalars(p)
            let likelihood = withUnsafeTemporaryAllocation(of: Double.self, capacity: max(seasons, 1)) { ring in
                if seasons == 0 {
                    ring[0] = 0
                } else {
                    var sum = 0.0
                    for k in 0..<(seasons - 1) {
                        ring[k] = p[j + k]
                        sum += p[j + k]
                    }
                    ring[seasons - 1] = seasonTotal - sum
                    if kind.season == .multiplicative && ring.contains(where: { $0 < 0 }) { return Double.infinity }
                }
                return filter(y, kind: kind, alpha: alpha, beta: beta, gamma: gamma, phi: phi, level: level,
                              slope: slope, ring: ring).likelihood
            }
            // statsforecast reads a failed (NaN) evaluation as −∞.
            return likelihood.isNaN ? -.infinity : max(likelihood, -1e10)
        }
        let best = NelderMead().minimize(evaluate, start: start, lower: low, upper: high)
        let u = unpack(best.x)
        let model = run(y, kind: kind, alpha: u.alpha, beta: u.beta, gamma: u.gamma, phi: u.phi, level: u.level,
                        slope: u.slope, seasonal: u.seasonal, parameters: parameters)
        return model.likelihood.isFinite ? model : nil
    }

    /// AutoETS's candidates, in its order: errors A then M (M only for positive data),
    /// trends N then A (damped first), seasons N, A, M (M only with M errors and
    /// positive data, and only with a season to fit).
    static func candidates(_ y: [Double], period m: Int) -> [Kind] {
        let positive = y.allSatisfy { $0 > 0 }
        let seasonal = m > 1 && y.count > m
        var kinds: [Kind] = []
        for multiplicative in [false, true] where !multiplicative || positive {
            for trend in [false, true] {
                for season in [Kind.Season.none, .additive, .multiplicative] {
                    if season != .none && !seasonal { continue }
                    if season == .multiplicative && (!multiplicative || !positive) { continue }
                    for trendKind in trend ? [Kind.Trend.damped, .additive] : [.none] {
                        kinds.append(Kind(multiplicativeError: multiplicative, trend: trendKind, season: season))
                    }
                }
            }
        }
        return kinds
    }

    /// The candidate with the lowest AICc (the first of equals, in statsforecast's order).
    static func select(_ y: [Double], period: Int = 1) -> Model? {
        // A constant history is its own forecast (statsforecast fits ANN with α fixed
        // at 0.9999 there, which is the same).
        if y.count > 6, let first = y.first, y.allSatisfy({ $0 == first }) {
            return run(y, kind: Kind(multiplicativeError: false, trend: .none), alpha: 0.9999, beta: 0, phi: 1,
                       level: first, slope: 0, parameters: 2)
        }
        var upper = [0.9999, 0.9999, 0.9999, 0.98]
        var best: Model?
        for kind in candidates(y, period: period) {
            guard let model = fit(y, kind: kind, period: period, upper: &upper), !model.aicc.isNaN else { continue }
            if model.aicc < (best?.aicc ?? .infinity) { best = model }
        }
        return best
    }
}
