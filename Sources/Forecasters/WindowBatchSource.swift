import NeuralNet
import Windowing

/// Windows as the trainer's batch source: where the time-series layers meet the
/// general network engine (neither knows the other). Public so that an app can train
/// a network of its own on `PreparedData` windows.
public struct WindowBatchSource: BatchSource, Sendable {
    public let windows: WindowedDataset
    public var count: Int { windows.count }
    public var inputWidth: Int { windows.spec.featureCount }
    public var outputWidth: Int { windows.spec.horizon }

    public init(windows: WindowedDataset) { self.windows = windows }

    public func gather(_ indices: UnsafeBufferPointer<Int32>, inputs: UnsafeMutablePointer<Float>,
                targets: UnsafeMutablePointer<Float>) {
        windows.gather(indices, features: inputs, targets: targets)
    }
}
