/// Anything a trainer can draw mini-batches from: `count` samples, each an input row
/// and a target row, copied out by index on demand (so a source need not hold every
/// sample as a matrix).
public protocol BatchSource {
    var count: Int { get }
    var inputWidth: Int { get }
    var outputWidth: Int { get }
    /// Copies the samples `indices` into row-major `inputs` and `targets`.
    func gather(_ indices: UnsafeBufferPointer<Int32>, inputs: UnsafeMutablePointer<Float>,
                targets: UnsafeMutablePointer<Float>)
}

/// Samples held as two row-major matrices.
public struct MatrixDataset: BatchSource, Sendable {
    public let inputs: [Float]
    public let targets: [Float]
    public let count: Int
    public let inputWidth: Int
    public let outputWidth: Int

    public init(inputs: [Float], targets: [Float], inputWidth: Int, outputWidth: Int) throws(NeuralNetError) {
        guard inputWidth >= 1, outputWidth >= 1 else {
            throw .invalidConfiguration("sample widths must be at least 1")
        }
        let rows = inputs.count / inputWidth
        guard inputs.count == rows * inputWidth else {
            throw .shapeMismatch(expected: rows * inputWidth, found: inputs.count, what: "inputs")
        }
        guard targets.count == rows * outputWidth else {
            throw .shapeMismatch(expected: rows * outputWidth, found: targets.count, what: "targets")
        }
        self.inputs = inputs
        self.targets = targets
        self.count = rows
        self.inputWidth = inputWidth
        self.outputWidth = outputWidth
    }

    public func gather(_ indices: UnsafeBufferPointer<Int32>, inputs x: UnsafeMutablePointer<Float>,
                       targets y: UnsafeMutablePointer<Float>) {
        inputs.withUnsafeBufferPointer { source in
            targets.withUnsafeBufferPointer { target in
                for (row, index) in indices.enumerated() {
                    let i = Int(index)
                    (x + row * inputWidth).update(from: source.baseAddress! + i * inputWidth, count: inputWidth)
                    (y + row * outputWidth).update(from: target.baseAddress! + i * outputWidth, count: outputWidth)
                }
            }
        }
    }
}
