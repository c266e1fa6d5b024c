/// How many windows go to validation and test, at the end of each series.
public struct SplitSpec: Sendable, Hashable, Codable {
    public enum Size: Sendable, Hashable, Codable {
        /// A fraction of the series' windows, in (0, 1); at least one window.
        case fraction(Double)
        /// A number of windows.
        case count(Int)
    }

    public var validation: Size?
    public var test: Size?
    /// Extra steps left out between consecutive parts, on top of what keeps their
    /// targets apart.
    public var gap: Int

    public init(validation: Size? = nil, test: Size? = nil, gap: Int = 0) throws(WindowingError) {
        var total = 0.0
        for (part, size) in [("validation", validation), ("test", test)] {
            switch size {
            case .fraction(let f)?:
                guard f > 0, f < 1 else { throw .invalidFraction(part: part, value: f) }
                total += f
            case .count(let n)?:
                guard n >= 1 else { throw .invalidCount(part: part, value: n) }
            case nil: break
            }
        }
        guard total < 1 else { throw .fractionsTooLarge(total: total) }
        guard gap >= 0 else { throw .invalidGap(gap) }
        self.validation = validation
        self.test = test
        self.gap = gap
    }

    /// Everything trains.
    public static let none = SplitSpec(uncheckedValidation: nil)

    private init(uncheckedValidation: Size?) {
        validation = uncheckedValidation
        test = nil
        gap = 0
    }

    func windows(_ size: Size?, of total: Int) -> Int {
        switch size {
        case nil: return 0
        case .count(let n): return n
        case .fraction(let f): return max(1, Int((f * Double(total)).rounded(.down)))
        }
    }
}

/// One series' windows cut into chronological parts: ranges of window positions
/// (0 is the oldest window).
///
/// The rule: every validation target is later than every training target, and every
/// test target later than every validation target. Windows of horizon `H` share
/// targets with their neighbours, so the windows between two parts whose targets
/// would overlap are left out (with `gap` more steps). Inputs of a validation window
/// may reach back into the training period, as a real forecast's would; the reverse
/// never happens.
///
/// Ten values, `lags: 3, horizon: 2, stride: 1` (six windows, first targets 3…8),
/// `validation: .count(1), test: .count(1)`:
///
/// | part | windows | first targets | targets |
/// |---|---|---|---|
/// | train | 0 ..< 2 | 3, 4 | 3…5 |
/// | (left out) | 2 | 5 | |
/// | validation | 3 ..< 4 | 6 | 6, 7 |
/// | (left out) | 4 | 7 | |
/// | test | 5 ..< 6 | 8 | 8, 9 |
public struct SeriesSplit: Sendable, Hashable {
    public var train: Range<Int>
    public var validation: Range<Int>
    public var test: Range<Int>

    /// Splits `count` windows; `nil` when a part asked for would be empty.
    static func make(count: Int, window: WindowSpec, split: SplitSpec) -> SeriesSplit? {
        // Windows between parts: the next part's first target must come after the
        // previous part's last target plus the gap.
        let step = window.stride
        let apart = (window.horizon + split.gap + step - 1) / step
        let nTest = split.windows(split.test, of: count)
        let nValidation = split.windows(split.validation, of: count)

        let testStart = count - nTest
        let validationEnd = nTest > 0 ? testStart - apart + 1 : testStart
        let validationStart = validationEnd - nValidation
        let trainEnd = nValidation > 0 ? validationStart - apart + 1 : validationEnd
        guard trainEnd >= 1, validationStart >= 0, validationEnd >= validationStart else { return nil }
        return SeriesSplit(train: 0..<trainEnd, validation: validationStart..<validationEnd,
                           test: testStart..<count)
    }

    /// The shortest series for which `make` succeeds, for the too-short error.
    static func minimumLength(window: WindowSpec, split: SplitSpec, lookback: Int) -> Int {
        var length = lookback + window.minimumHistory + window.horizon
        while length < 1 << 40 {
            let count = window.windowCount(length: length - lookback)
            if count > 0, make(count: count, window: window, split: split) != nil { return length }
            length += 1
        }
        return length
    }
}
