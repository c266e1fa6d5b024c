#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the learning rate changes from epoch to epoch (0-based epochs).
public enum LearningRateSchedule: Sendable, Hashable, Codable {
    case constant
    /// Multiply by `factor` every `every` epochs.
    case stepDecay(every: Int, factor: Double)
    /// Multiply by `rate` every epoch.
    case exponential(rate: Double)
    /// Cosine from the base rate down to `minimum` over `epochs` epochs.
    case cosine(epochs: Int, minimum: Double = 0)
    /// Multiply by `factor` when the monitored loss has not improved for `patience`
    /// epochs, never below `minimum` (Keras' ReduceLROnPlateau).
    case reduceOnPlateau(factor: Double = 0.5, patience: Int = 5, minimum: Double = 1e-6)

    /// The rate for `epoch`; `current` is the rate of the previous epoch and
    /// `epochsWithoutImprovement` the monitor's count, both for reduce-on-plateau.
    func rate(epoch: Int, base: Double, current: Double, epochsWithoutImprovement: Int) -> Double {
        switch self {
        case .constant:
            return base
        case .stepDecay(let every, let factor):
            return base * pow(factor, Double(epoch / max(every, 1)))
        case .exponential(let rate):
            return base * pow(rate, Double(epoch))
        case .cosine(let epochs, let minimum):
            let progress = min(Double(epoch) / Double(max(epochs, 1)), 1)
            return minimum + (base - minimum) * 0.5 * (1 + cos(Double.pi * progress))
        case .reduceOnPlateau(let factor, let patience, let minimum):
            if epochsWithoutImprovement > 0 && epochsWithoutImprovement % max(patience, 1) == 0 {
                return max(current * factor, minimum)
            }
            return current
        }
    }
}
