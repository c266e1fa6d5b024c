import NeuralNet
import Windowing

/// Windows as the trainer's batch source: where the time-series layers meet the
/// general network engine (neither knows the other).
struct WindowBatchSource: BatchSource {
    let windows: WindowedDataset
    var count: Int { windows.count }
    var inputWidth: Int { windows.spec.featureCount }
    var outputWidth: Int { windows.spec.horizon }

    func gather(_ indices: UnsafeBufferPointer<Int32>, inputs: UnsafeMutablePointer<Float>,
                targets: UnsafeMutablePointer<Float>) {
        windows.gather(indices, features: inputs, targets: targets)
    }
}
