import PropertyBased
import SeriesIO
import Testing
@testable import Windowing

/// For random lengths, lags, horizons, strides and split sizes: no validation or test
/// target is earlier than a training target, and no fitted statistic depends on the
/// values after the training part.
@Suite struct LeakageProperties {
    @Test("Parts are in time order and the future never reaches the scaler")
    func noLeakage() async {
        await propertyCheck(
            count: 300,
            input: Gen.int(in: 20...400), Gen.int(in: 1...24), Gen.int(in: 1...12), Gen.int(in: 1...4),
            Gen.int(in: 1...30), Gen.int(in: 0...25), Gen.int(in: 0...3)
        ) { length, lags, horizon, stride, validationPercent, testPercent, gap in
            guard let window = try? WindowSpec(lags: lags, horizon: horizon, stride: stride),
                let split = try? SplitSpec(
                    validation: .fraction(Double(validationPercent) / 100),
                    test: testPercent == 0 ? nil : .fraction(Double(testPercent) / 100), gap: gap)
            else { return }
            var values = (0..<length).map { t in Double((t * 37) % 101) + 0.5 * Double(t) }
            let make = { (values: [Double]) in
                try PreparedData(series: [Series(name: "s", values: values)], window: window,
                                 transform: TransformSpec(difference: 1, scaler: .robust), split: split)
            }
            guard let data = try? make(values) else { return }
            let targets = { (part: WindowedDataset) -> [Int] in
                (0..<part.count).flatMap { i in
                    let t = part.location(i).targetIndex
                    return Array(t..<(t + horizon))
                }
            }
            let train = targets(data.train)
            let validation = targets(data.validation)
            let test = targets(data.test)
            #expect(!train.isEmpty)
            if let lastTrain = train.max() {
                #expect(validation.allSatisfy { $0 > lastTrain + gap })
                #expect(test.allSatisfy { $0 > lastTrain + gap })
            }
            if let lastValidation = validation.max() {
                #expect(test.allSatisfy { $0 > lastValidation + gap })
            }
            // Change every value after the last training target: the fit must not move.
            let lastTrainingValue = (train.max() ?? 0)
            for i in (lastTrainingValue + 1)..<max(length, lastTrainingValue + 1) { values[i] = values[i] * 7 - 1000 }
            if let changed = try? make(values) {
                #expect(changed.transforms == data.transforms)
            }
        }
    }
}
