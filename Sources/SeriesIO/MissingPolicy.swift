/// What to do with missing values (empty fields, `NA`, `NaN`, `null`) and with missing
/// steps in the timestamps.
public enum MissingPolicy: String, Sendable, CaseIterable {
    /// Refuse them, naming the line: the default, so nothing is silently invented.
    case error
    /// Remove rows whose value is missing; the remaining rows are then treated as
    /// consecutive observations (gaps are accepted, not filled).
    case drop
    /// Put missing steps back on the grid and fill every hole linearly between its
    /// neighbours (linear in grid steps). Leading holes take the first observed value,
    /// trailing ones the last.
    case interpolate
    /// Put missing steps back on the grid and carry the last observed value forward.
    /// Leading holes take the first observed value.
    case ffill
}
