/// Repeated predictions with one network and reused buffers: for recursive forecasting,
/// which calls the network once per step with a single row.
public final class Predictor {
    public let network: Network
    private let workspace: Workspace
    private var random = RandomStream(seed: 0)

    public init(_ network: Network, batchSize: Int = 1) {
        self.network = network
        self.workspace = Workspace(network: network, batchSize: max(batchSize, 1), training: false)
    }

    public var batchSize: Int { workspace.batchSize }

    /// The outputs of `rows` (≤ `batchSize`) input rows, valid until the next call.
    public func predict(_ inputs: UnsafePointer<Float>, rows: Int) -> UnsafeBufferPointer<Float> {
        precondition(rows <= workspace.batchSize, "Predictor: \(rows) rows exceed the batch size \(workspace.batchSize)")
        let out = network.forward(inputs, rows: rows, workspace: workspace, training: false, random: &random)
        return UnsafeBufferPointer(start: out, count: rows * network.outputWidth)
    }
}
