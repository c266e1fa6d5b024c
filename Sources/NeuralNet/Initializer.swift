/// How a layer's weights start. Biases start at zero (as in Keras).
public enum Initializer: Sendable, Hashable, Codable {
    /// `U(−a, a)` with `a = √(6 / (fanIn + fanOut))`.
    case glorotUniform
    /// `N(0, 2 / fanIn)`.
    case heNormal
    /// `N(0, σ²)`.
    case normal(sigma: Double)

    func draw(fanIn: Int, fanOut: Int, into weights: UnsafeMutableBufferPointer<Float>, random: inout RandomStream) {
        switch self {
        case .glorotUniform:
            let a = (6 / Double(fanIn + fanOut)).squareRoot()
            for i in weights.indices { weights[i] = Float(-a + 2 * a * random.uniform()) }
        case .heNormal:
            let sigma = (2 / Double(fanIn)).squareRoot()
            for i in weights.indices { weights[i] = Float(sigma * random.normal()) }
        case .normal(let sigma):
            for i in weights.indices { weights[i] = Float(sigma * random.normal()) }
        }
    }
}
