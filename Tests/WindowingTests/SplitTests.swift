import SeriesIO
import Testing
@testable import Windowing

@Suite struct SplitTests {
    let ten = Series(name: "ten", values: (0..<10).map(Double.init))

    @Test("The worked example: train, validation and test with overlapping targets left out")
    func workedExample() throws {
        let data = try PreparedData(
            series: [ten], window: WindowSpec(lags: 3, horizon: 2),
            transform: TransformSpec(scaler: .none),
            split: SplitSpec(validation: .count(1), test: .count(1)))
        #expect(data.splits[0] == SeriesSplit(train: 0..<2, validation: 3..<4, test: 5..<6))
        #expect((0..<data.train.count).map { data.train.location($0).targetIndex } == [3, 4])
        #expect(data.validation.location(0).targetIndex == 6)
        #expect(data.test.location(0).targetIndex == 8)
    }

    @Test("Fractions count windows; a gap leaves more steps out")
    func fractionsAndGap() throws {
        let series = Series(name: "s", values: (0..<100).map(Double.init))
        let window = try WindowSpec(lags: 10)  // 90 windows, first targets 10…99
        let plain = try PreparedData(series: [series], window: window, transform: TransformSpec(scaler: .none),
                                     split: SplitSpec(validation: .fraction(0.2), test: .fraction(0.1)))
        #expect(plain.splits[0] == SeriesSplit(train: 0..<63, validation: 63..<81, test: 81..<90))
        let gapped = try PreparedData(series: [series], window: window, transform: TransformSpec(scaler: .none),
                                      split: SplitSpec(validation: .fraction(0.2), test: .fraction(0.1), gap: 2))
        #expect(gapped.splits[0] == SeriesSplit(train: 0..<59, validation: 61..<79, test: 81..<90))
    }

    @Test("Split specs out of range are refused")
    func invalid() {
        #expect(throws: WindowingError.invalidFraction(part: "validation", value: 1.2)) {
            try SplitSpec(validation: .fraction(1.2))
        }
        #expect(throws: WindowingError.invalidFraction(part: "test", value: 0)) { try SplitSpec(test: .fraction(0)) }
        #expect(throws: WindowingError.fractionsTooLarge(total: 1.0)) {
            try SplitSpec(validation: .fraction(0.5), test: .fraction(0.5))
        }
        #expect(throws: WindowingError.invalidCount(part: "test", value: 0)) { try SplitSpec(test: .count(0)) }
        #expect(throws: WindowingError.invalidGap(-1)) { try SplitSpec(gap: -1) }
    }

    @Test("A series too short names its length and the minimum it needs")
    func tooShort() throws {
        #expect(throws: WindowingError.tooShort(series: "ten", length: 10, minimum: 13)) {
            try PreparedData(series: [ten], window: WindowSpec(lags: 12), transform: TransformSpec())
        }
        // 12 lags, three one-window parts: 15 values. With differencing, one more.
        #expect(throws: WindowingError.tooShort(series: "ten", length: 10, minimum: 16)) {
            try PreparedData(series: [ten], window: WindowSpec(lags: 12), transform: TransformSpec(difference: 1),
                             split: SplitSpec(validation: .count(1), test: .count(1)))
        }
        let message = WindowingError.tooShort(series: "ten", length: 10, minimum: 13).description
        #expect(message.contains("10") && message.contains("13"))
    }

    @Test("The scaler sees only what the training windows cover")
    func scalerFitOnTrainingOnly() throws {
        // 20 values; lags 2, validation 5 windows: train windows 0..<13, targets 2…14.
        var values = (0..<20).map(Double.init)
        let data = try PreparedData(series: [Series(name: "s", values: values)], window: WindowSpec(lags: 2),
                                    transform: TransformSpec(), split: SplitSpec(validation: .count(5)))
        #expect(data.splits[0].train == 0..<13)
        // Values 0…14: mean 7, population std sqrt((15² − 1) / 12).
        #expect(data.transforms[0].scaler.center == 7)
        #expect(abs(data.transforms[0].scaler.scale - ((225.0 - 1) / 12).squareRoot()) < 1e-12)
        values[15...] = [1e6, -1e6, 3, 4, 5][...]
        let changed = try PreparedData(series: [Series(name: "s", values: values)], window: WindowSpec(lags: 2),
                                       transform: TransformSpec(), split: SplitSpec(validation: .count(5)))
        #expect(changed.transforms == data.transforms)
    }
}
