import Testing
@testable import Windowing

/// Windows over `0, 1, …, 9`, whose values name their own positions.
@Suite struct WindowTests {
    let ten: [Float] = (0..<10).map(Float.init)

    func windows(_ spec: WindowSpec, _ values: [Float]? = nil) -> [([Float], [Float])] {
        let data = WindowedDataset(spec: spec, values: [values ?? ten])
        let (f, t) = data.materialize()
        return (0..<data.count).map { i in
            (Array(f[(i * spec.featureCount)..<((i + 1) * spec.featureCount)]),
             Array(t[(i * spec.horizon)..<((i + 1) * spec.horizon)]))
        }
    }

    @Test("Three lags, one step: seven windows, oldest input first")
    func countLags() throws {
        let w = windows(try WindowSpec(lags: 3))
        #expect(w.count == 7)
        #expect(w[0].0 == [0, 1, 2] && w[0].1 == [3])
        #expect(w[6].0 == [6, 7, 8] && w[6].1 == [9])
    }

    @Test("A horizon of two: six windows with two targets each")
    func horizon() throws {
        let w = windows(try WindowSpec(lags: 3, horizon: 2))
        #expect(w.map(\.1) == [[3, 4], [4, 5], [5, 6], [6, 7], [7, 8], [8, 9]])
        #expect(w[5].0 == [5, 6, 7])
    }

    @Test("An explicit lag set picks exactly those past values")
    func lagSet() throws {
        let spec = try WindowSpec(lagSet: [3, 1])
        #expect(spec.lags == [1, 3])
        let w = windows(spec)
        #expect(w.count == 7)
        #expect(w[0].0 == [0, 2] && w[0].1 == [3])
        #expect(w[6].0 == [6, 8] && w[6].1 == [9])
    }

    @Test("A stride skips window origins counting back from the end")
    func stride() throws {
        let w = windows(try WindowSpec(lags: 3, horizon: 2, stride: 2))
        #expect(w.map(\.1) == [[4, 5], [6, 7], [8, 9]])
        #expect(w.map(\.0) == [[1, 2, 3], [3, 4, 5], [5, 6, 7]])
        #expect(try WindowSpec(lags: 3, stride: 3).windowCount(length: 10) == 3)  // targets 3, 6, 9
    }

    @Test("Per-window normalisation is relative to the last input or the inputs' mean")
    func normalisation() throws {
        let last = windows(try WindowSpec(lags: 3, normalization: .lastValue))
        #expect(last[0].0 == [-2, -1, 0] && last[0].1 == [1])
        #expect(last[4].0 == [-2, -1, 0] && last[4].1 == [1])
        let mean = windows(try WindowSpec(lags: 3, horizon: 2, normalization: .mean))
        #expect(mean[0].0 == [-1, 0, 1] && mean[0].1 == [2, 3])
        // With the level kept, the subtracted value comes along as a fourth input.
        let level = windows(try WindowSpec(lags: 3, normalization: .lastValueAndLevel))
        #expect(try WindowSpec(lags: 3, normalization: .lastValueAndLevel).featureCount == 4)
        #expect(level[0].0 == [-2, -1, 0, 2] && level[0].1 == [1])
        #expect(level[6].0 == [-2, -1, 0, 8] && level[6].1 == [1])
    }

    @Test("Gathering a batch by index matches materialising, across several series")
    func gatherAcrossSeries() throws {
        let spec = try WindowSpec(lagSet: [1, 2, 5], horizon: 2)
        let a: [Float] = (0..<10).map { Float($0) }
        let b: [Float] = (0..<8).map { Float(100 + $0) }
        let data = WindowedDataset(spec: spec, values: [a, b])
        #expect(data.count == 4 + 2)
        let (f, t) = data.materialize()
        var features = [Float](repeating: 0, count: 3 * 3)
        var targets = [Float](repeating: 0, count: 3 * 2)
        let batch = [5, 0, 3]
        features.withUnsafeMutableBufferPointer { fp in
            targets.withUnsafeMutableBufferPointer { tp in
                data.gather(batch, features: fp.baseAddress!, targets: tp.baseAddress!)
            }
        }
        for (row, i) in batch.enumerated() {
            #expect(Array(features[(row * 3)..<(row * 3 + 3)]) == Array(f[(i * 3)..<(i * 3 + 3)]))
            #expect(Array(targets[(row * 2)..<(row * 2 + 2)]) == Array(t[(i * 2)..<(i * 2 + 2)]))
        }
        // Window 5 is b's last: inputs b[1], b[4], b[5], targets b[6], b[7].
        #expect(Array(features[0..<3]) == [101, 104, 105])
        #expect(Array(targets[0..<2]) == [106, 107])
        #expect(data.location(5) == WindowedDataset.Location(series: 1, targetIndex: 6))
        #expect(data.location(0) == WindowedDataset.Location(series: 0, targetIndex: 5))
    }

    @Test("Invalid specs are refused with their reason")
    func invalid() {
        #expect(throws: WindowingError.invalidLagCount(0)) { try WindowSpec(lags: 0) }
        #expect(throws: WindowingError.emptyLagSet) { try WindowSpec(lagSet: []) }
        #expect(throws: WindowingError.invalidLag(0)) { try WindowSpec(lagSet: [1, 0]) }
        #expect(throws: WindowingError.duplicateLag(12)) { try WindowSpec(lagSet: [12, 1, 12]) }
        #expect(throws: WindowingError.invalidHorizon(0)) { try WindowSpec(lags: 3, horizon: 0) }
        #expect(throws: WindowingError.invalidStride(-1)) { try WindowSpec(lags: 3, stride: -1) }
    }

    @Test("Padded windows start with one real value and repeat the first value for older lags")
    func paddedWindows() throws {
        let spec = try WindowSpec(lags: 3, horizon: 2, minimumHistory: 1)
        let data = WindowedDataset(spec: spec, values: [(0..<10).map(Float.init)])
        // Targets may start at 1…8: eight windows instead of the unpadded five.
        #expect(data.count == 8)
        let (features, targets) = data.materialize()
        #expect(Array(features.prefix(9)) == [0, 0, 0, 0, 0, 1, 0, 1, 2])
        #expect(Array(targets.prefix(6)) == [1, 2, 2, 3, 3, 4])
        #expect(Array(features.suffix(3)) == [5, 6, 7])
        #expect(throws: WindowingError.invalidMinimumHistory(4, maxLag: 3)) {
            try WindowSpec(lags: 3, minimumHistory: 4)
        }
    }
}
