/// Buffers for one batch size, allocated once and reused for every batch: pre-activations
/// `z`, activations `a`, dropout masks and outputs, two gradient buffers, and the
/// flat parameter gradient. Owned by one trainer (one thread). An inference workspace
/// (`training: false`) holds only the forward buffers: a predictor built per series
/// would otherwise zero a parameter-sized gradient every time.
final class Workspace {
    let batchSize: Int
    let z: [UnsafeMutablePointer<Float>]
    let a: [UnsafeMutablePointer<Float>]
    let mask: [UnsafeMutablePointer<Float>]
    let d: [UnsafeMutablePointer<Float>]
    var dropped: [Bool]
    let gradientA: UnsafeMutablePointer<Float>
    let gradientB: UnsafeMutablePointer<Float>
    let gradients: UnsafeMutablePointer<Float>
    let gradientCount: Int
    private var owned: [UnsafeMutablePointer<Float>] = []

    init(network: Network, batchSize: Int, training: Bool = true) {
        self.batchSize = batchSize
        var owned: [UnsafeMutablePointer<Float>] = []
        func buffer(_ count: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            p.initialize(repeating: 0, count: max(count, 1))
            owned.append(p)
            return p
        }
        var z: [UnsafeMutablePointer<Float>] = []
        var a: [UnsafeMutablePointer<Float>] = []
        var mask: [UnsafeMutablePointer<Float>] = []
        var d: [UnsafeMutablePointer<Float>] = []
        for layer in network.layers {
            let count = batchSize * layer.outputs
            let zl = buffer(count)
            z.append(zl)
            // A linear layer's activation is its pre-activation: no copy, no buffer.
            a.append(layer.activation == .linear ? zl : buffer(count))
            mask.append(training && layer.dropout > 0 ? buffer(count) : zl)
            d.append(training && layer.dropout > 0 ? buffer(count) : zl)
        }
        let widest = network.layers.map { max($0.inputs, $0.outputs) }.max() ?? 1
        self.z = z
        self.a = a
        self.mask = mask
        self.d = d
        self.dropped = network.layers.map { _ in false }
        gradientA = buffer(training ? batchSize * widest : 0)
        gradientB = buffer(training ? batchSize * widest : 0)
        gradientCount = training ? network.parameters.count : 0
        gradients = buffer(gradientCount)
        self.owned = owned
    }

    deinit {
        for p in owned { p.deallocate() }
    }
}
