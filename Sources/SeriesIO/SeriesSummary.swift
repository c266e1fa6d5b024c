/// What `forecast inspect` prints about a series: size, span, frequency, holes and
/// the distribution of the values present.
public struct SeriesSummary: Sendable, Equatable {
    public var id: String?
    public var name: String
    public var rows: Int
    /// First and last timestamps as written in the file, `nil` without dates.
    public var start: String?
    public var end: String?
    public var frequency: Frequency?
    public var seasonalPeriod: Int
    public var missing: Int
    /// Missing steps between timestamps plus places that are off the grid.
    public var gaps: Int
    public var min: Double
    public var mean: Double
    public var max: Double
    /// Sample standard deviation (n − 1 in the denominator, as pandas' `std()`).
    public var std: Double

    public init(_ series: Series) {
        id = series.id
        name = series.name
        rows = series.count
        start = series.timestamps?.isEmpty == false ? series.position(0) : nil
        end = series.timestamps?.isEmpty == false ? series.position(series.count - 1) : nil
        let grid = series.grid
        frequency = grid?.frequency ?? series.frequency
        seasonalPeriod = frequency?.seasonalPeriod ?? 1
        missing = series.missingCount
        let regularity = grid?.regularity
        gaps = (regularity?.missingSteps ?? 0) + (regularity?.irregular ?? 0)

        // Welford's update: one pass, no cancellation on large levels.
        var count = 0.0
        var mean = 0.0
        var m2 = 0.0
        var lo = Double.infinity
        var hi = -Double.infinity
        for v in series.values where !v.isNaN {
            count += 1
            let delta = v - mean
            mean += delta / count
            m2 += delta * (v - mean)
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        self.min = count > 0 ? lo : .nan
        self.max = count > 0 ? hi : .nan
        self.mean = count > 0 ? mean : .nan
        self.std = count > 1 ? (m2 / (count - 1)).squareRoot() : .nan
    }
}
