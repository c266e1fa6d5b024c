import Backtesting
import Forecasters
import SeriesIO

/// Text forms of forecasts: CSV (`id,date,forecast,lower_80,upper_80,…`), JSON, tables.
///
/// CSV always has the `id` column (empty for a file of one series), so one command
/// gives one schema whatever the file; `--no-id` drops it for a single series. A table
/// is for reading, and shows the column only when some series has an id.
public enum ForecastRendering {
    package static func header(_ forecasts: [Forecast], ids: Bool) -> [String] {
        var header: [String] = []
        if ids { header.append("id") }
        header += ["date", "forecast"]
        for interval in forecasts.first?.intervals ?? [] {
            let level = levelName(interval.level)
            header += ["lower_\(level)", "upper_\(level)"]
        }
        return header
    }

    package static func levelName(_ level: Double) -> String {
        level == level.rounded() ? String(Int(level)) : String(level)
    }

    package static func rows(_ forecasts: [Forecast], digits: Int?, ids withIds: Bool) -> [[String]] {
        func number(_ v: Double) -> String { TextFormatting.cell(v, digits: digits) }
        return forecasts.flatMap { f in
            (0..<f.horizon).map { i -> [String] in
                var row: [String] = withIds ? [f.id ?? ""] : []
                row += [f.label(i), number(f.values[i])]
                for interval in f.intervals { row += [number(interval.lower[i]), number(interval.upper[i])] }
                return row
            }
        }
    }

    public static func csv(_ forecasts: [Forecast], ids: Bool = true) -> String {
        CSVWriter().table(header: header(forecasts, ids: ids), rows: rows(forecasts, digits: nil, ids: ids))
    }

    package static func table(_ forecasts: [Forecast], ids: Bool = true) -> String {
        let ids = ids && forecasts.contains { $0.id != nil }
        return TextFormatting.table(header: header(forecasts, ids: ids), rows: rows(forecasts, digits: 2, ids: ids))
    }

    public static func json(_ forecasts: [Forecast]) -> String {
        let series = forecasts.map { f -> String in
            let steps = (0..<f.horizon).map { i -> String in
                var pairs: [(String, String)] = [("date", JSON.string(f.label(i))), ("forecast", JSON.number(f.values[i]))]
                for interval in f.intervals {
                    let level = levelName(interval.level)
                    pairs.append(("lower_\(level)", JSON.number(interval.lower[i])))
                    pairs.append(("upper_\(level)", JSON.number(interval.upper[i])))
                }
                return JSON.object(pairs)
            }
            return JSON.object([
                ("id", f.id.map(JSON.string) ?? "null"), ("name", JSON.string(f.name)),
                ("forecast", "[" + steps.joined(separator: ",") + "]"),
                ("warnings", "[" + f.warnings.map(JSON.string).joined(separator: ",") + "]"),
            ])
        }
        return JSON.object([("series", "[" + series.joined(separator: ",") + "]")]) + "\n"
    }
}
