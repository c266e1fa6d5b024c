import SeriesIO

/// Text forms of ``/SeriesIO/SeriesSummary`` for `forecast inspect`.
public enum SummaryRendering {
    package static let columns = ["id", "name", "rows", "start", "end", "frequency", "season", "missing",
                          "gaps", "min", "mean", "max", "std"]

    package static func fields(_ s: SeriesSummary, digits: Int?) -> [String] {
        func number(_ v: Double) -> String { TextFormatting.cell(v, digits: digits) }
        return [s.id ?? "", s.name, String(s.rows), s.start ?? "", s.end ?? "",
                s.frequency?.description ?? "", String(s.seasonalPeriod), String(s.missing),
                String(s.gaps), number(s.min), number(s.mean), number(s.max), number(s.std)]
    }

    public static func csv(_ summaries: [SeriesSummary]) -> String {
        CSVWriter().table(header: columns, rows: summaries.map { fields($0, digits: nil) })
    }

    package static func table(_ summaries: [SeriesSummary]) -> String {
        let hasIds = summaries.contains { $0.id != nil }
        let keep = hasIds ? columns.indices.map { $0 } : Array(columns.indices.dropFirst())
        let rows = summaries.map { s in fields(s, digits: 2) }
        return TextFormatting.table(header: keep.map { columns[$0] }, rows: rows.map { r in keep.map { r[$0] } })
    }

    public static func json(_ summaries: [SeriesSummary]) -> String {
        let items = summaries.map { s -> String in
            let pairs: [(String, String)] = [
                ("id", s.id.map(JSON.string) ?? "null"),
                ("name", JSON.string(s.name)),
                ("rows", String(s.rows)),
                ("start", s.start.map(JSON.string) ?? "null"),
                ("end", s.end.map(JSON.string) ?? "null"),
                ("frequency", s.frequency.map { JSON.string($0.description) } ?? "null"),
                ("season", String(s.seasonalPeriod)),
                ("missing", String(s.missing)),
                ("gaps", String(s.gaps)),
                ("min", JSON.number(s.min)),
                ("mean", JSON.number(s.mean)),
                ("max", JSON.number(s.max)),
                ("std", JSON.number(s.std)),
            ]
            return JSON.object(pairs)
        }
        return JSON.object([("series", "[" + items.joined(separator: ",") + "]")])
    }
}
