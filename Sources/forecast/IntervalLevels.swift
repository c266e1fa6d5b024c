import ArgumentParser

/// `--interval 80,95`: prediction-interval levels in percent.
enum IntervalLevels {
    static func parse(_ text: String?) throws(ValidationError) -> [Double] {
        guard let text else { return [] }
        let parts = text.split(separator: ",").map { Double($0.trimmedOfSpaces) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 && ($0 ?? 100) < 100 }) else {
            throw ValidationError("--interval expects percentages between 0 and 100, e.g. 80,95; got '\(text)'")
        }
        return parts.compactMap { $0 }
    }
}
