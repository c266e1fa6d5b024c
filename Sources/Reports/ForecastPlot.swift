import Forecasters
import SeriesIO

/// SVG plots of forecasts: the history's recent past, the forecast and its interval
/// bands on a calendar axis. What `forecast predict --plot` writes; an app can write
/// the same file, or serve it.
public enum ForecastPlot {
    /// The most panels a grid draws: more than this is no longer readable on one page.
    public static let maximumPanels = 24

    /// One chart of `forecast` after `history`.
    ///
    /// The history is cut to its last `max(4 × horizon, 60)` values so the forecast is
    /// not a sliver at the right edge.
    public static func svg(history: Series, forecast: Forecast, title: String? = nil) -> String {
        var svg = SVGDocument(width: 900, height: 440)
        chart(history: history, forecast: forecast, title: title ?? "\(history.label): \(forecast.horizon)-step forecast")
            .render(into: &svg, frame: (0, 0, 900, 440))
        return svg.rendered
    }

    /// Small multiples: one panel per series, `columns` across, at most
    /// ``maximumPanels`` (the caller says which; a long file's first ones by default).
    public static func grid(_ items: [(history: Series, forecast: Forecast)], columns: Int = 3, title: String? = nil) -> String {
        let shown = Array(items.prefix(maximumPanels))
        guard shown.count > 1 else {
            guard let only = shown.first else { return SVGDocument(width: 300, height: 100).rendered }
            return svg(history: only.history, forecast: only.forecast, title: title)
        }
        let cols = max(1, min(columns, shown.count))
        let rows = (shown.count + cols - 1) / cols
        let cellWidth = 1200.0 / Double(cols), cellHeight = 300.0
        let header = title == nil ? 0.0 : 34.0
        var svg = SVGDocument(width: 1200, height: header + Double(rows) * cellHeight)
        if let title { svg.text(title, x: 600, y: 22, anchor: "middle", size: 16, weight: "bold") }
        for (k, item) in shown.enumerated() {
            let frame = (x: Double(k % cols) * cellWidth, y: header + Double(k / cols) * cellHeight,
                         width: cellWidth - 6, height: cellHeight - 8)
            // Each panel keeps its own short legend: panels are read one at a time.
            chart(history: item.history, forecast: item.forecast, title: item.history.label, compact: true)
                .render(into: &svg, frame: frame)
        }
        return svg.rendered
    }

    static func chart(history: Series, forecast: Forecast, title: String, compact: Bool = false) -> Chart {
        let tail = min(history.count, max(4 * forecast.horizon, 60))
        let start = history.count - tail
        let dated = history.timestamps != nil && forecast.timestamps != nil
        let hx: [Double] = (start..<history.count).map { i in
            if dated, let t = history.timestamps { return Double(t[i]) }
            return Double(i + 1)
        }
        let fx: [Double] = (0..<forecast.horizon).map { i in
            if dated, let t = forecast.timestamps { return Double(t[i]) }
            return Double(history.count + i + 1)
        }
        let hy = Array(history.values[start...])
        var chart = Chart(title: title, xAxis: dated ? .time(finest: finestStep(history.timestamps ?? []), quarters: history.dateFormat == .quarter) : .number(integers: true),
                          xTitle: dated ? nil : "position")
        let shades = ["#c6dbef", "#9ecae1", "#6baed6"]
        let intervals = forecast.intervals.sorted { $0.level > $1.level }
        for (k, interval) in intervals.enumerated() {
            chart.layers.append(.band(x: fx, lower: interval.lower, upper: interval.upper, color: shades[k % shades.count], opacity: 0.9))
        }
        chart.layers.append(.line(zip(hx, hy).map { ($0, $1) }, color: "#222", width: 1.5))
        var fpoints = zip(fx, forecast.values).map { (x: $0, y: $1) }
        if let lx = hx.last, let ly = hy.last { fpoints.insert((lx, ly), at: 0) }
        chart.layers.append(.line(fpoints, color: "#d62728", width: 2))
        if let first = fx.first { chart.layers.append(.marker(x: first, label: dated ? forecast.label(0) : String(history.count + 1))) }
        chart.legend = [Chart.LegendItem(label: "history", color: "#222", swatch: .line(dash: nil)),
                        Chart.LegendItem(label: "forecast", color: "#d62728", swatch: .line(dash: nil))]
        for (k, interval) in intervals.enumerated() {
            chart.legend.append(Chart.LegendItem(label: "\(ForecastRendering.levelName(interval.level))%\(compact ? "" : " interval")", color: shades[k % shades.count], swatch: .band))
        }
        return chart
    }

    /// The smallest step between timestamps: ticks are never finer than the data.
    static func finestStep(_ timestamps: [Int64]) -> Int64 {
        var step = Int64.max
        for i in timestamps.indices.dropFirst() where timestamps[i] > timestamps[i - 1] {
            step = min(step, timestamps[i] - timestamps[i - 1])
        }
        return step == .max ? 1 : step
    }

}
