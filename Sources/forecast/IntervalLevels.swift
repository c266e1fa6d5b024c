import ArgumentParser

/// `--interval 80,95`: prediction-interval levels in percent.
enum IntervalLevels {
    static func parse(_ text: String?) throws(ValidationError) -> [Double] {
        guard let text else { return [] }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmedOfSpaces) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 && ($0 ?? 100) < 100 }) else {
            throw ValidationError("--interval expects percentages between 0 and 100, e.g. 80,95; got '\(text)'")
        }
        let levels = parts.compactMap { $0 }
        if let twice = levels.first(where: { level in levels.filter { $0 == level }.count > 1 }) {
            throw ValidationError("--interval lists \(twice == twice.rounded() ? String(Int(twice)) : String(twice)) twice: '\(text)'")
        }
        return levels
    }
}
