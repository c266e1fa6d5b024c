/// One dense layer's shape: `outputs = activation(inputs · W + b)`, then dropout of
/// the outputs while training.
public struct LayerSpec: Sendable, Hashable, Codable {
    public var inputs: Int
    public var outputs: Int
    public var activation: Activation
    /// Fraction of this layer's outputs dropped while training (inverted dropout).
    public var dropout: Double

    public init(inputs: Int, outputs: Int, activation: Activation, dropout: Double = 0) {
        self.inputs = inputs
        self.outputs = outputs
        self.activation = activation
        self.dropout = dropout
    }

    private enum CodingKeys: String, CodingKey { case inputs, outputs, activation, dropout }

    /// Refuses a layer no constructor makes: no units, or dropout outside [0, 1).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inputs = try c.decode(Int.self, forKey: .inputs)
        outputs = try c.decode(Int.self, forKey: .outputs)
        activation = try c.decode(Activation.self, forKey: .activation)
        dropout = try c.decode(Double.self, forKey: .dropout)
        guard inputs >= 1, outputs >= 1, dropout >= 0, dropout < 1 else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "a layer needs at least one input and one output and dropout in [0, 1) (inputs \(inputs), outputs \(outputs), dropout \(dropout))"))
        }
    }

    var weightCount: Int { inputs * outputs }
    var parameterCount: Int { inputs * outputs + outputs }
}

/// A stack of dense layers with all parameters in one flat Float32 vector: each
/// layer's weights (`inputs × outputs`, row-major) then its bias. One vector makes the
/// optimizer a single loop and a checkpoint a single array.
///
/// ```swift
/// var net = try Network(inputs: 24, hidden: [64, 64], outputs: 1, seed: 7)
/// let y = net.predict(x, rows: 10)          // 10 × 1
/// ```
public struct Network: Sendable, Equatable {
    public let layers: [LayerSpec]
    public var parameters: [Float]
    /// Where each layer's weights start in ``parameters``.
    public let offsets: [Int]
    /// The most weights and biases a network may hold (200 MB of Float32): a guard
    /// against a mistyped size exhausting memory, far above any forecasting network.
    public static let maximumParameters = 50_000_000

    /// A fully connected network `inputs → hidden… → outputs`.
    ///
    /// Hidden layers use `activation` and `dropout`; the output layer is linear by
    /// default (regression). Weights come from `initializer` (default: He normal for
    /// ReLU-like activations, Glorot uniform otherwise) drawn from `seed`; biases start at 0.
    public init(
        inputs: Int, hidden: [Int], outputs: Int, activation: Activation = .relu,
        outputActivation: Activation = .linear, dropout: Double = 0,
        initializer: Initializer? = nil, seed: UInt64 = 0
    ) throws(NeuralNetError) {
        guard inputs >= 1, outputs >= 1, hidden.allSatisfy({ $0 >= 1 }) else {
            throw .invalidArchitecture("every layer needs at least one unit (inputs \(inputs), hidden \(hidden), outputs \(outputs))")
        }
        guard dropout >= 0, dropout < 1 else {
            throw .invalidArchitecture("dropout must be in [0, 1), got \(dropout)")
        }
        let widths = [inputs] + hidden + [outputs]
        let layers = (0..<(widths.count - 1)).map { l in
            let last = l == widths.count - 2
            return LayerSpec(inputs: widths[l], outputs: widths[l + 1],
                             activation: last ? outputActivation : activation, dropout: last ? 0 : dropout)
        }
        try self.init(layers: layers, parameters: nil)
        var random = RandomStream(seed: seed)
        parameters.withUnsafeMutableBufferPointer { p in
            for (l, layer) in layers.enumerated() {
                let weights = UnsafeMutableBufferPointer(rebasing: p[offsets[l]..<(offsets[l] + layer.weightCount)])
                (initializer ?? layer.activation.defaultInitializer)
                    .draw(fanIn: layer.inputs, fanOut: layer.outputs, into: weights, random: &random)
            }
        }
    }

    /// Layers with given parameters (or zeros).
    public init(layers: [LayerSpec], parameters: [Float]?) throws(NeuralNetError) {
        guard !layers.isEmpty else { throw .invalidArchitecture("no layers") }
        for (a, b) in zip(layers, layers.dropFirst()) where a.outputs != b.inputs {
            throw .invalidArchitecture("a layer with \(a.outputs) outputs feeds a layer with \(b.inputs) inputs")
        }
        var offsets: [Int] = []
        var total = 0
        for layer in layers {
            guard layer.inputs >= 1, layer.outputs >= 1 else { throw .invalidArchitecture("a layer has no units") }
            offsets.append(total)
            let (weights, o1) = layer.inputs.multipliedReportingOverflow(by: layer.outputs)
            let (sum, o2) = total.addingReportingOverflow(weights)
            guard !o1, !o2, sum + layer.outputs <= Self.maximumParameters else {
                throw .invalidArchitecture("the network would hold more than \(Self.maximumParameters) parameters")
            }
            total = sum + layer.outputs
        }
        if let parameters, parameters.count != total {
            throw .shapeMismatch(expected: total, found: parameters.count, what: "parameters")
        }
        self.layers = layers
        self.offsets = offsets
        self.parameters = parameters ?? [Float](repeating: 0, count: total)
    }

    public var inputWidth: Int { layers[0].inputs }
    public var outputWidth: Int { layers[layers.count - 1].outputs }

    /// The ranges of ``parameters`` holding weights (not biases): where weight decay applies.
    public var weightRanges: [Range<Int>] {
        zip(layers, offsets).map { layer, offset in offset..<(offset + layer.weightCount) }
    }

    /// Predictions for `rows` inputs (row-major `rows × inputWidth`), without dropout.
    public func predict(_ inputs: [Float], rows: Int) -> [Float] {
        precondition(inputs.count == rows * inputWidth, "predict: \(rows) rows need \(rows * inputWidth) inputs")
        guard rows > 0 else { return [] }
        let chunk = min(rows, 1024)
        let workspace = Workspace(network: self, batchSize: chunk, training: false)
        var output = [Float](repeating: 0, count: rows * outputWidth)
        var random = RandomStream(seed: 0)
        inputs.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { out in
                var start = 0
                while start < rows {
                    let r = min(chunk, rows - start)
                    let y = forward(x.baseAddress! + start * inputWidth, rows: r, workspace: workspace,
                                    training: false, random: &random)
                    (out.baseAddress! + start * outputWidth).update(from: y, count: r * outputWidth)
                    start += r
                }
            }
        }
        return output
    }

    /// The forward pass of `rows` inputs into the workspace; returns the output rows.
    /// While training, dropout masks are drawn from `random`.
    func forward(
        _ x: UnsafePointer<Float>, rows: Int, workspace ws: Workspace, training: Bool,
        random: inout RandomStream
    ) -> UnsafePointer<Float> {
        _ = BLAS.configured
        return parameters.withUnsafeBufferPointer { p -> UnsafePointer<Float> in
            var input = x
            for (l, layer) in layers.enumerated() {
                let w = p.baseAddress! + offsets[l]
                let b = w + layer.weightCount
                let n = layer.outputs
                let z = ws.z[l]
                BLAS.gemm(m: rows, n: n, k: layer.inputs, a: input, lda: layer.inputs, b: w, ldb: n, c: z, ldc: n)
                Kernels.addRow(b, to: z, rows: rows, n: n)
                let a = ws.a[l]
                layer.activation.forward(z, a, count: rows * n)
                ws.dropped[l] = false
                if training && layer.dropout > 0 {
                    Self.dropout(a, mask: ws.mask[l], into: ws.d[l], count: rows * n, rate: layer.dropout, random: &random)
                    ws.dropped[l] = true
                    input = UnsafePointer(ws.d[l])
                } else {
                    input = UnsafePointer(a)
                }
            }
            return input
        }
    }

    /// Inverted dropout: keep each value with probability `1 − rate` and scale the kept
    /// ones by `1 / (1 − rate)`, so expected activations match evaluation's.
    private static func dropout(
        _ a: UnsafeMutablePointer<Float>, mask: UnsafeMutablePointer<Float>, into d: UnsafeMutablePointer<Float>,
        count: Int, rate: Double, random: inout RandomStream
    ) {
        let scale = Float(1 / (1 - rate))
        for i in 0..<count {
            mask[i] = random.uniform() >= rate ? scale : 0
            d[i] = a[i] * mask[i]
        }
    }

    /// Backpropagation of `ws.outputGradient` (∂loss/∂output for `rows` rows) into
    /// `ws.gradients`, laid out like ``parameters``.
    func backward(_ x: UnsafePointer<Float>, rows: Int, workspace ws: Workspace) {
        parameters.withUnsafeBufferPointer { p in
            var g = ws.gradientA
            var other = ws.gradientB
            for l in stride(from: layers.count - 1, through: 0, by: -1) {
                let layer = layers[l]
                let n = layer.outputs
                let count = rows * n
                if ws.dropped[l] { Kernels.multiply(g, by: ws.mask[l], count: count) }
                layer.activation.backward(ws.z[l], ws.a[l], g, count: count)
                let input: UnsafePointer<Float> = l == 0 ? x : UnsafePointer(ws.dropped[l - 1] ? ws.d[l - 1] : ws.a[l - 1])
                let gw = ws.gradients + offsets[l]
                let gb = gw + layer.weightCount
                BLAS.gemm(transposeA: true, m: layer.inputs, n: n, k: rows, a: input, lda: layer.inputs,
                          b: g, ldb: n, c: gw, ldc: n)
                Kernels.columnSums(g, rows: rows, n: n, into: gb)
                if l > 0 {
                    BLAS.gemm(transposeB: true, m: rows, n: layer.inputs, k: n, a: g, lda: n,
                              b: p.baseAddress! + offsets[l], ldb: n, c: other, ldc: layer.inputs)
                    swap(&g, &other)
                }
            }
        }
    }
}
