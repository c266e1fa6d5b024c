import Backtesting
import Forecasters
import SeriesIO

/// How a backtested configuration is named in tables and plots.
public struct SweepLabels: Sendable, Equatable {
    public var method: String
    /// `auto` for a window selected in every fold; the default lookback as the README
    /// states it, `2m` (two seasons) or `12` without a season.
    public var window: String
    public var hidden: String
    public var learningRate: String

    /// The four columns of tables and CSV: method, window, hidden, learning_rate.
    public var columns: [String] { [method, window, hidden, learningRate] }

    /// One short name: `neural w12 h32`, `seasonal-naive`.
    public var name: String {
        method == "neural" ? "neural w\(window) h\(hidden)" : method
    }
}

extension SweepEntry {
    /// The names of this configuration's settings, as a reader of `series` sees them.
    public func labels(for series: Series) -> SweepLabels {
        let season = settings.seasonalPeriod ?? series.frequency?.seasonalPeriod ?? 1
        guard settings.method == .neural else {
            return SweepLabels(method: settings.method.rawValue, window: "", hidden: "", learningRate: "")
        }
        let n = settings.neural
        let window = selectsWindow ? "auto"
            : n.windows == [.auto] ? (season > 1 ? "2m" : "12") : n.windowDescription(lagSeparator: " ")
        return SweepLabels(method: "neural", window: window, hidden: n.hidden.map(String.init).joined(separator: "x"),
                           learningRate: String(n.learningRate))
    }

    /// The lookback as one number, when it is one (`--window 12`), for a metric-against-window chart.
    var windowSize: Int? {
        guard settings.method == .neural, !selectsWindow, settings.neural.windows.count == 1,
            case .count(let w) = settings.neural.windows[0] else { return nil }
        return w
    }
}

/// SVG plots of backtests: every configuration's rolling forecasts against what
/// happened, the best highlighted, and the ranking metric as a chart of its own.
public enum BacktestPlot {
    static let palette = ["#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#ff7f0e"]

    /// The plot of `entries` (a sweep's result, ranked) on `series`.
    ///
    /// The top panel shows the actual values from a little before the first origin, and
    /// each configuration's forecasts from every origin: the best (rank 1) in red with
    /// its intervals when the backtest asked for `levels`, up to eight others in colour,
    /// the rest in grey. The bottom panel, when there are several configurations, plots
    /// `metric` against the window size (one line per hidden size or learning rate) or,
    /// without a window dimension, per configuration; seasonal naive and the other
    /// baselines are reference lines.
    public static func svg(series: Series, entries: [SweepEntry], metric: RankingMetric, levels: [Double] = []) -> String {
        guard let best = entries.min(by: { $0.rank < $1.rank }), !best.result.folds.isEmpty else {
            var svg = SVGDocument(width: 900, height: 120)
            svg.text("\(series.label): no backtest to plot", x: 450, y: 60, anchor: "middle")
            return svg.rendered
        }
        let withMetric = entries.count >= 2
        var svg = SVGDocument(width: 900, height: withMetric ? 780 : 440)
        forecastsChart(series: series, entries: entries, best: best, levels: levels)
            .render(into: &svg, frame: (0, 0, 900, 440))
        if withMetric {
            metricChart(series: series, entries: entries, metric: metric).render(into: &svg, frame: (0, 450, 900, 330))
        }
        return svg.rendered
    }

    static func forecastsChart(series: Series, entries: [SweepEntry], best: SweepEntry, levels: [Double]) -> Chart {
        let folds = best.result.folds
        let horizon = folds.first?.actual.count ?? 1
        let start = max(0, (folds.map(\.origin).min() ?? 0) - 3 * horizon)
        let end = min(series.count, folds.map { $0.origin + $0.actual.count }.max() ?? series.count)
        let dated = series.timestamps != nil
        func x(_ i: Int) -> Double {
            if let t = series.timestamps { return Double(t[i]) }
            return Double(i + 1)
        }
        let name = best.labels(for: series).name
        var chart = Chart(title: "\(series.label): rolling forecasts, best \(name)",
                          xAxis: dated ? .time(finest: ForecastPlot.finestStep(series.timestamps ?? []), quarters: series.dateFormat == .quarter) : .number(integers: true),
                          xTitle: dated ? nil : "position")
        chart.layers.append(.line((start..<end).map { (x($0), series.values[$0]) }, color: "#222", width: 1.5))
        chart.legend.append(Chart.LegendItem(label: "actual", color: "#222", swatch: .line(dash: nil)))
        let others = entries.filter { $0.rank != best.rank || $0.settings != best.settings }.sorted { $0.rank < $1.rank }
        // A fold's forecast as points, cut where the series ends.
        func points(_ fold: Fold) -> [(x: Double, y: Double)] {
            (0..<min(fold.forecast.count, series.count - fold.origin)).map { (x(fold.origin + $0), fold.forecast[$0]) }
        }
        for (k, entry) in others.enumerated() {
            let color = k < palette.count ? palette[k] : "#bbbbbb"
            for fold in entry.result.folds {
                chart.layers.append(.line(points(fold), color: color, width: 1.1, opacity: 0.85))
            }
            if k < palette.count {
                chart.legend.append(Chart.LegendItem(label: entry.labels(for: series).name, color: color, swatch: .line(dash: nil)))
            } else if k == palette.count {
                chart.legend.append(Chart.LegendItem(label: "\(others.count - palette.count) more", color: "#bbbbbb", swatch: .line(dash: nil)))
            }
        }
        let shades = ["#fcbba1", "#fc9272", "#fb6a4a"]
        for (k, level) in levels.sorted(by: >).enumerated() {
            for fold in folds {
                guard let lower = fold.lower[level], let upper = fold.upper[level] else { continue }
                let n = min(lower.count, upper.count, series.count - fold.origin)
                guard n > 0 else { continue }
                chart.layers.append(.band(x: (0..<n).map { x(fold.origin + $0) }, lower: Array(lower[..<n]),
                                          upper: Array(upper[..<n]), color: shades[k % shades.count], opacity: 0.55))
            }
            chart.legend.append(Chart.LegendItem(label: "\(ForecastRendering.levelName(level))% interval (best)",
                                                 color: shades[k % shades.count], swatch: .band))
        }
        for fold in folds {
            let path = points(fold)
            chart.layers.append(.line(path, color: "#d62728", width: 2.2))
            if let first = path.first { chart.layers.append(.dots([first], color: "#d62728", radius: 2.5)) }
        }
        chart.legend.insert(Chart.LegendItem(label: "\(name) (best)", color: "#d62728", swatch: .line(dash: nil)), at: 1)
        return chart
    }

    static func metricChart(series: Series, entries: [SweepEntry], metric: RankingMetric) -> Chart {
        let byWindow = entries.filter { $0.windowSize != nil }
        let windows = Set(byWindow.compactMap(\.windowSize))
        var chart: Chart
        var references: [SweepEntry]
        if windows.count >= 2 {
            chart = Chart(title: "\(metric.rawValue) against window size", xAxis: .number(integers: true),
                          xTitle: "window (past values)", yTitle: metric.rawValue)
            // One line per combination of the other grid dimensions.
            var groups: [(key: String, entries: [SweepEntry])] = []
            let rates = Set(byWindow.map { $0.labels(for: series).learningRate })
            for entry in byWindow {
                let l = entry.labels(for: series)
                let key = "hidden \(l.hidden)" + (rates.count > 1 ? ", rate \(l.learningRate)" : "")
                if let i = groups.firstIndex(where: { $0.key == key }) {
                    groups[i].entries.append(entry)
                } else {
                    groups.append((key, [entry]))
                }
            }
            for (k, group) in groups.enumerated() {
                let color = palette[k % palette.count]
                let points = group.entries.compactMap { e -> (x: Double, y: Double)? in
                    guard let w = e.windowSize, let v = metric.value(e.result.overall) else { return nil }
                    return (Double(w), v)
                }.sorted { $0.x < $1.x }
                chart.layers.append(.line(points, color: color, width: 2))
                chart.layers.append(.dots(points, color: color, radius: 3.5))
                chart.legend.append(Chart.LegendItem(label: group.key, color: color, swatch: .line(dash: nil)))
            }
            references = entries.filter { $0.windowSize == nil }
        } else {
            let ordered = entries.sorted { $0.rank < $1.rank }
            chart = Chart(title: "\(metric.rawValue) per configuration (rank order)",
                          xAxis: .categories(ordered.map { $0.labels(for: series).name }),
                          xTitle: "configuration", yTitle: metric.rawValue)
            let points = ordered.enumerated().compactMap { k, e -> (x: Double, y: Double)? in
                metric.value(e.result.overall).map { (Double(k), $0) }
            }
            chart.layers.append(.dots(points, color: "#1f77b4", radius: 4))
            references = entries.filter { $0.settings.method == .seasonalNaive }
        }
        let dashes = ["6 4", "2 3", "8 3 2 3"]
        for (k, entry) in references.enumerated() {
            guard let v = metric.value(entry.result.overall) else { continue }
            let color = entry.settings.method == .seasonalNaive ? "#555555" : ["#999999", "#bf8f00", "#7f7f7f"][k % 3]
            let dash = dashes[k % dashes.count]
            chart.layers.append(.level(v, color: color, dash: dash))
            chart.legend.append(Chart.LegendItem(label: entry.labels(for: series).name, color: color, swatch: .line(dash: dash)))
        }
        return chart
    }
}
