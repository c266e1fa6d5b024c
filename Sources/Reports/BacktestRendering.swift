import Backtesting
import Forecasters
import SeriesIO

/// Text forms of backtest sweeps. CSV always has the `id` column (see
/// ``ForecastRendering``); tables show it when some series has an id.
public enum BacktestRendering {
    package static func header(_ reports: [BacktestReport], levels: [Double], ids: Bool) -> [String] {
        var h = ids ? ["id"] : []
        h += ["method", "window", "hidden", "learning_rate", "mae", "rmse", "mape", "smape", "mase", "bias"]
        for level in levels {
            let l = ForecastRendering.levelName(level)
            h += ["coverage_\(l)", "width_\(l)"]
        }
        return h + ["seconds"]
    }

    package static func rows(_ reports: [BacktestReport], levels: [Double], digits: Int?, ids withIds: Bool) -> [[String]] {
        func number(_ v: Double?) -> String { v.map { TextFormatting.cell($0, digits: digits) } ?? "" }
        return reports.flatMap { report in
            report.entries.sorted { $0.rank < $1.rank }.map { e -> [String] in
                let d = e.labels(for: report.series)
                let m = e.result.overall
                var row = withIds ? [report.series.id ?? ""] : []
                row += d.columns + [number(m.mae), number(m.rmse), number(m.mape),
                        number(m.smape), number(m.mase), number(m.bias)]
                for level in levels { row += [number(m.coverage[level]), number(m.width[level])] }
                return row + [number(e.result.seconds)]
            }
        }
    }

    public static func csv(_ reports: [BacktestReport], levels: [Double], ids: Bool = true) -> String {
        CSVWriter().table(header: header(reports, levels: levels, ids: ids),
                          rows: rows(reports, levels: levels, digits: nil, ids: ids))
    }

    package static func table(_ reports: [BacktestReport], levels: [Double], metric: RankingMetric) -> String {
        let ids = reports.contains { $0.series.id != nil }
        var header = ["rank"] + header(reports, levels: levels, ids: ids)
        header[header.count - 1] = "seconds"
        var rows: [[String]] = []
        for report in reports {
            let sorted = report.entries.sorted { $0.rank < $1.rank }
            let body = self.rows([BacktestReport(series: report.series, entries: sorted)], levels: levels, digits: 3, ids: ids)
            for (k, row) in body.enumerated() {
                rows.append([k == 0 ? "1 *" : String(k + 1)] + row)
            }
        }
        let folds = reports.first?.entries.first?.result.folds.count ?? 0
        var text = TextFormatting.table(header: header, rows: rows)
            + "* best by \(metric.rawValue) over \(folds) folds; seconds = fitting and forecasting, all folds\n"
        if reports.contains(where: { $0.entries.contains { $0.result.overall.mape == nil } }) {
            text += "mape is missing where an actual value is zero (it would divide by zero)\n"
        }
        return text
    }

    public static func json(_ reports: [BacktestReport], levels: [Double]) -> String {
        func metrics(_ m: Metrics) -> String {
            var pairs: [(String, String)] = [
                ("mae", JSON.number(m.mae)), ("rmse", JSON.number(m.rmse)), ("mape", m.mape.map(JSON.number) ?? "null"),
                ("smape", JSON.number(m.smape)), ("mase", JSON.number(m.mase)), ("bias", JSON.number(m.bias)),
            ]
            for level in levels {
                let l = ForecastRendering.levelName(level)
                pairs.append(("coverage_\(l)", m.coverage[level].map(JSON.number) ?? "null"))
                pairs.append(("width_\(l)", m.width[level].map(JSON.number) ?? "null"))
            }
            return JSON.object(pairs)
        }
        let items = reports.flatMap { report in
            report.entries.sorted { $0.rank < $1.rank }.map { e -> String in
                let d = e.labels(for: report.series)
                let folds = e.result.folds.map { f in
                    JSON.object([("origin", JSON.string(f.originLabel)), ("metrics", metrics(f.metrics)),
                                 ("forecast", "[" + f.forecast.map(JSON.number).joined(separator: ",") + "]"),
                                 ("actual", "[" + f.actual.map(JSON.number).joined(separator: ",") + "]")])
                }
                return JSON.object([
                    ("id", report.series.id.map(JSON.string) ?? "null"), ("rank", String(e.rank)),
                    ("method", JSON.string(d.method)), ("window", d.window.isEmpty ? "null" : JSON.string(d.window)),
                    ("hidden", d.hidden.isEmpty ? "null" : JSON.string(d.hidden)),
                    ("learning_rate", d.learningRate.isEmpty ? "null" : d.learningRate),
                    ("seconds", JSON.number(e.result.seconds)), ("overall", metrics(e.result.overall)),
                    ("per_step", "[" + e.result.perStep.map(metrics).joined(separator: ",") + "]"),
                    ("folds", "[" + folds.joined(separator: ",") + "]"),
                ])
            }
        }
        return JSON.object([("configurations", "[" + items.joined(separator: ",") + "]")]) + "\n"
    }

    /// Per-fold rows: configuration, fold, origin and the fold's metrics.
    public static func detail(_ reports: [BacktestReport], ids withIds: Bool = true) -> String {
        var header = withIds ? ["id"] : []
        header += ["method", "window", "hidden", "learning_rate", "fold", "origin", "mae", "rmse", "mape", "smape", "mase", "bias"]
        var rows: [[String]] = []
        for report in reports {
            for e in report.entries.sorted(by: { $0.rank < $1.rank }) {
                let d = e.labels(for: report.series)
                for f in e.result.folds {
                    let m = f.metrics
                    var row = withIds ? [report.series.id ?? ""] : []
                    row += d.columns + [String(f.index + 1), f.originLabel,
                            CSVWriter.number(m.mae), CSVWriter.number(m.rmse), m.mape.map(CSVWriter.number) ?? "",
                            CSVWriter.number(m.smape), CSVWriter.number(m.mase), CSVWriter.number(m.bias)]
                    rows.append(row)
                }
            }
        }
        return CSVWriter().table(header: header, rows: rows)
    }
}

/// One series' sweep: what a backtest of a file prints per series.
public struct BacktestReport: Sendable {
    public var series: Series
    public var entries: [SweepEntry]

    public init(series: Series, entries: [SweepEntry]) {
        self.series = series
        self.entries = entries
    }
}
