import SeriesIO

/// Series turned into training, validation and test windows, with the transforms
/// fitted on the training part only.
///
/// ```swift
/// let data = try PreparedData(
///     series: [airline],
///     window: WindowSpec(lags: 12),
///     transform: TransformSpec(scaler: .standard),
///     split: SplitSpec(validation: .fraction(0.2)))
/// data.train.count        // windows to train on
/// data.transforms[0]      // the fitted scaler, to save with a model
/// ```
///
/// Per series: the split is computed from the series' length alone, the scaler is
/// fitted on the values the training windows cover (nothing later), and only then is
/// the whole series transformed. Changing any value after the training part cannot
/// change a fitted statistic.
public struct PreparedData: Sendable {
    public let window: WindowSpec
    public let train: WindowedDataset
    public let validation: WindowedDataset
    public let test: WindowedDataset
    public let transforms: [FittedTransform]
    public let splits: [SeriesSplit]

    /// `transforms`, when given (one per series), are used as they are instead of being
    /// fitted: windows of other lookbacks over the same series then share one scaling.
    ///
    /// With `skipShort`, a series too short for one window contributes none (its
    /// transform is fitted on all of it) instead of failing the whole set, as a pooled
    /// model needs: it still forecasts that series. At least one series must have windows.
    public init(series: [Series], window: WindowSpec, transform: TransformSpec, split: SplitSpec = .none,
                transforms given: [FittedTransform]? = nil, skipShort: Bool = false)
        throws(WindowingError)
    {
        guard !series.isEmpty else { throw .noSeries }
        let lookback = transform.lookback
        var transforms: [FittedTransform] = []
        var splits: [SeriesSplit] = []
        var values: [[Float]] = []
        for (index, s) in series.enumerated() {
            let length = s.count - lookback
            let count = window.windowCount(length: max(length, 0))
            // The split, and the transformed values the training windows touch: from
            // the first window's oldest input to the last training window's last
            // target. A skipped short series fits its transform on all of it.
            let parts: SeriesSplit
            let trainingRange: Range<Int>
            if count > 0, let made = SeriesSplit.make(count: count, window: window, split: split) {
                parts = made
                let first = max(window.targetIndex(0, count: count, length: length) - window.maxLag, 0)
                let last = window.targetIndex(made.train.upperBound - 1, count: count, length: length) + window.horizon
                trainingRange = first..<last
            } else if skipShort {
                parts = SeriesSplit(train: 0..<0, validation: 0..<0, test: 0..<0)
                trainingRange = 0..<max(length, 0)
            } else {
                throw .tooShort(series: s.label, length: s.count,
                                minimum: SeriesSplit.minimumLength(window: window, split: split, lookback: lookback))
            }
            do {
                let fitted: FittedTransform
                if let given {
                    fitted = given[index]
                } else {
                    fitted = try FittedTransform.fit(transform, values: s.values, trainingRange: trainingRange,
                                                     series: s.label)
                }
                values.append(try fitted.transform(s.values, series: s.label))
                transforms.append(fitted)
            } catch {
                throw Self.located(error, in: s)
            }
            splits.append(parts)
        }
        if skipShort, splits.allSatisfy({ $0.train.isEmpty }), let s = series.first {
            throw .tooShort(series: s.label, length: s.count,
                            minimum: SeriesSplit.minimumLength(window: window, split: split, lookback: lookback))
        }
        let all = WindowedDataset(spec: window, values: values, offsets: series.map { _ in lookback })
        func part(_ range: KeyPath<SeriesSplit, Range<Int>>) -> WindowedDataset {
            all.subset(splits.indices.map { WindowedDataset.Segment(series: $0, windows: splits[$0][keyPath: range]) })
        }
        self.window = window
        self.transforms = transforms
        self.splits = splits
        self.train = part(\.train)
        self.validation = part(\.validation)
        self.test = part(\.test)
    }

    /// Replaces a `#i` position with the series' own timestamp.
    private static func located(_ error: WindowingError, in series: Series) -> WindowingError {
        func position(_ p: String) -> String {
            guard p.hasPrefix("#"), let i = Int(p.dropFirst()), i >= 1, i <= series.count else { return p }
            return series.position(i - 1)
        }
        switch error {
        case .nonPositiveForLog(let name, let p, let value):
            return .nonPositiveForLog(series: name, position: position(p), value: value)
        case .nonFinite(let name, let p):
            return .nonFinite(series: name, position: position(p))
        default:
            return error
        }
    }
}
