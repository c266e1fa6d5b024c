import NeuralNet

/// What a fit reports while its networks train, so that a caller can draw one honest
/// progress line: which phase, which network of how many, how far into its budget.
///
/// A neural fit trains every ensemble member (one per lookback × loss × seed) up to
/// three times: once for ``Phase/fitting`` with early stopping on held-out windows, then
/// for ``Phase/refit`` on every window for the epochs the first found best; a pooled
/// model measured for intervals trains once more first (``Phase/calibrating``).
public struct TrainingProgress: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable {
        case calibrating, fitting, refit
    }

    public var phase: Phase
    /// The ensemble member, `0 ..< members`.
    public var member: Int
    public var members: Int
    /// The most epochs this training may run (early stopping can end it sooner).
    public var epochLimit: Int
    public var record: EpochRecord
    /// The member's last report in this phase: it has finished training.
    public var finished: Bool

    public init(phase: Phase, member: Int, members: Int, epochLimit: Int, record: EpochRecord, finished: Bool) {
        self.phase = phase
        self.member = member
        self.members = members
        self.epochLimit = epochLimit
        self.record = record
        self.finished = finished
    }
}

/// Receives ``TrainingProgress`` from whichever thread trains the member.
public typealias TrainingObserver = @Sendable (TrainingProgress) -> Void
