/// What the network engine refuses or runs into.
public enum NeuralNetError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidArchitecture(String)
    case invalidConfiguration(String)
    case shapeMismatch(expected: Int, found: Int, what: String)
    case emptyTrainingSet
    /// The loss became NaN or infinite; the best weights so far are kept.
    case nonFiniteLoss(epoch: Int, batch: Int, learningRate: Double)
    case checkpointUnreadable(path: String, reason: String)
    case checkpointCorrupted(path: String, detail: String)
    case checkpointTooNew(path: String, version: Int, supported: Int)

    public var description: String {
        switch self {
        case .invalidArchitecture(let why): return "invalid network: \(why)"
        case .invalidConfiguration(let why): return "invalid training configuration: \(why)"
        case .shapeMismatch(let expected, let found, let what):
            return "\(what): expected \(expected) values, found \(found)"
        case .emptyTrainingSet: return "no training samples"
        case .nonFiniteLoss(let epoch, let batch, let lr):
            return "the loss became non-finite at epoch \(epoch + 1), batch \(batch + 1) (learning rate \(lr)); try a lower learning rate (the best weights so far were kept)"
        case .checkpointUnreadable(let path, let reason): return "\(path): cannot read the model: \(reason)"
        case .checkpointCorrupted(let path, let detail): return "\(path): not a valid model file: \(detail)"
        case .checkpointTooNew(let path, let version, let supported):
            return "\(path): model format version \(version) is newer than this program reads (\(supported)); upgrade swift-forecasting"
        }
    }
}
