/// Windows over one or several transformed series, gathered on demand.
///
/// Nothing is materialised: a window is a position in a series, and a mini-batch is
/// copied out of the series when asked for. Training on a 10-million-point series with
/// 168 lags costs the series (4 bytes a value) plus a batch, not 10M × 168 floats.
/// ``materialize()`` is there for small data, when one matrix is more convenient.
///
/// Train, validation and test parts are datasets too, sharing the same storage.
public struct WindowedDataset: Sendable {
    /// A run of consecutive windows of one series.
    public struct Segment: Sendable, Hashable {
        public var series: Int
        /// Window positions (0 = the series' oldest window).
        public var windows: Range<Int>

        public init(series: Int, windows: Range<Int>) {
            self.series = series
            self.windows = windows
        }
    }

    /// Where a window sits: its series and the original index of its first target.
    public struct Location: Sendable, Hashable {
        public var series: Int
        public var targetIndex: Int
    }

    public let spec: WindowSpec
    /// The transformed series, Float32.
    public let values: [[Float]]
    /// Transformed index `i` of series `s` is original index `i + offsets[s]`.
    public let offsets: [Int]
    public let segments: [Segment]
    private let starts: [Int]
    public let count: Int

    /// All windows of `values`.
    public init(spec: WindowSpec, values: [[Float]], offsets: [Int]? = nil) {
        let segments = values.indices.map {
            Segment(series: $0, windows: 0..<spec.windowCount(length: values[$0].count))
        }
        self.init(spec: spec, values: values, offsets: offsets ?? values.map { _ in 0 }, segments: segments)
    }

    init(spec: WindowSpec, values: [[Float]], offsets: [Int], segments: [Segment]) {
        self.spec = spec
        self.values = values
        self.offsets = offsets
        self.segments = segments.filter { !$0.windows.isEmpty }
        var starts: [Int] = []
        var total = 0
        for segment in self.segments {
            starts.append(total)
            total += segment.windows.count
        }
        self.starts = starts
        self.count = total
    }

    /// The windows of `segments` only, sharing storage.
    public func subset(_ segments: [Segment]) -> WindowedDataset {
        WindowedDataset(spec: spec, values: values, offsets: offsets, segments: segments)
    }

    /// The segment and position of window `i` (binary search over segment starts).
    @inline(__always)
    private func resolve(_ i: Int) -> (series: Int, t: Int) {
        var lo = 0
        var hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        let segment = segments[lo]
        let k = segment.windows.lowerBound + (i - starts[lo])
        let length = values[segment.series].count
        let t = spec.targetIndex(k, count: spec.windowCount(length: length), length: length)
        return (segment.series, t)
    }

    /// Where window `i` is.
    public func location(_ i: Int) -> Location {
        let (series, t) = resolve(i)
        return Location(series: series, targetIndex: t + offsets[series])
    }

    /// Copies the windows `indices` into row-major `features` (`indices.count ×
    /// featureCount`) and `targets` (`indices.count × horizon`), normalised per window
    /// when the spec says so; `references` (optional) receives what was subtracted.
    public func gather(
        _ indices: some Collection<Int>,
        features: UnsafeMutablePointer<Float>, targets: UnsafeMutablePointer<Float>,
        references: UnsafeMutablePointer<Float>? = nil
    ) {
        for (row, i) in indices.enumerated() {
            let reference = copy(window: i, features: features, targets: targets, row: row)
            references?[row] = reference
        }
    }

    /// The same for 32-bit indices (a trainer's shuffled order). Not generic, so a call
    /// from another module needs no runtime type metadata in the training loop.
    public func gather(
        _ indices: UnsafeBufferPointer<Int32>,
        features: UnsafeMutablePointer<Float>, targets: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<indices.count {
            _ = copy(window: Int(indices[row]), features: features, targets: targets, row: row)
        }
    }

    /// Writes window `i` into row `row` of both matrices; returns the reference subtracted.
    @inline(__always)
    private func copy(window i: Int, features: UnsafeMutablePointer<Float>, targets: UnsafeMutablePointer<Float>,
                      row: Int) -> Float {
        let (series, t) = resolve(i)
        let horizon = spec.horizon
        return values[series].withUnsafeBufferPointer { v in
            let reference = spec.writeFeatures(v, target: t, into: features + row * spec.featureCount)
            let out = targets + row * horizon
            for h in 0..<horizon { out[h] = v[t + h] - reference }
            return reference
        }
    }

    /// Every window as two row-major matrices.
    public func materialize() -> (features: [Float], targets: [Float]) {
        var features = [Float](repeating: 0, count: count * spec.featureCount)
        var targets = [Float](repeating: 0, count: count * spec.horizon)
        features.withUnsafeMutableBufferPointer { f in
            targets.withUnsafeMutableBufferPointer { t in
                gather(0..<count, features: f.baseAddress!, targets: t.baseAddress!)
            }
        }
        return (features, targets)
    }
}
