import Forecasting

/// A self-contained SVG line chart: the history's tail, the forecast, interval bands,
/// dated x axis and a legend. Readable in any browser, no scripts.
enum SVGPlot {
    static let width = 900.0, height = 420.0
    static let left = 70.0, right = 20.0, top = 40.0, bottom = 50.0

    static func render(history: Series, forecast: Forecast, title: String) -> String {
        let tailCount = min(history.count, max(4 * forecast.horizon, 60))
        let start = history.count - tailCount
        let historyValues = Array(history.values[start...])
        let total = tailCount + forecast.horizon
        var all = historyValues + forecast.values
        for interval in forecast.intervals { all += interval.lower + interval.upper }
        let finite = all.filter(\.isFinite)
        var lo = finite.min() ?? 0
        var hi = finite.max() ?? 1
        if hi == lo { hi += 1; lo -= 1 }
        let pad = (hi - lo) * 0.05
        lo -= pad
        hi += pad
        func x(_ i: Int) -> Double { left + (width - left - right) * Double(i) / Double(max(total - 1, 1)) }
        func y(_ v: Double) -> Double { top + (height - top - bottom) * (hi - v) / (hi - lo) }
        func label(_ i: Int) -> String {
            i < tailCount ? history.position(start + i) : forecast.label(i - tailCount)
        }
        func point(_ i: Int, _ v: Double) -> String { "\(fmt(x(i))),\(fmt(y(v)))" }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(fmt(width / 2))" y="22" text-anchor="middle" font-size="15">\(escape(title))</text>

            """
        // Horizontal grid and value labels.
        for k in 0...5 {
            let v = lo + (hi - lo) * Double(k) / 5
            svg += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(width - right))\" y1=\"\(fmt(y(v)))\" y2=\"\(fmt(y(v)))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y(v) + 4))\" text-anchor=\"end\" fill=\"#555\">\(TextFormatting.fixed(v, digits: abs(hi - lo) < 10 ? 2 : 0))</text>\n"
        }
        // Date labels: about eight, evenly spaced.
        let every = max(1, total / 8)
        for i in stride(from: 0, to: total, by: every) {
            svg += "<line x1=\"\(fmt(x(i)))\" x2=\"\(fmt(x(i)))\" y1=\"\(fmt(height - bottom))\" y2=\"\(fmt(height - bottom + 5))\" stroke=\"#555\"/>\n"
            svg += "<text x=\"\(fmt(x(i)))\" y=\"\(fmt(height - bottom + 20))\" text-anchor=\"middle\" fill=\"#555\">\(escape(label(i)))</text>\n"
        }
        // Where the forecast starts: a dashed line, labelled with the first forecast date.
        svg += "<line x1=\"\(fmt(x(tailCount)))\" x2=\"\(fmt(x(tailCount)))\" y1=\"\(fmt(top))\" y2=\"\(fmt(height - bottom))\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n"
        svg += "<text x=\"\(fmt(x(tailCount) + 4))\" y=\"\(fmt(top + 12))\" fill=\"#555\">\(escape(label(tailCount)))</text>\n"
        // Interval bands, widest first.
        let shades = ["#c6dbef", "#9ecae1", "#6baed6"]
        for (k, interval) in forecast.intervals.sorted(by: { $0.level > $1.level }).enumerated() {
            let upper = (0..<forecast.horizon).map { point(tailCount + $0, interval.upper[$0]) }
            let lower = (0..<forecast.horizon).reversed().map { point(tailCount + $0, interval.lower[$0]) }
            svg += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(shades[k % shades.count])\" fill-opacity=\"0.8\"/>\n"
        }
        let historyPoints = historyValues.indices.map { point($0, historyValues[$0]) }
        svg += "<polyline points=\"\(historyPoints.joined(separator: " "))\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\"/>\n"
        let forecastPoints = [point(tailCount - 1, historyValues.last ?? 0)]
            + forecast.values.indices.map { point(tailCount + $0, forecast.values[$0]) }
        svg += "<polyline points=\"\(forecastPoints.joined(separator: " "))\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\"/>\n"
        svg += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(left))\" y1=\"\(fmt(top))\" y2=\"\(fmt(height - bottom))\" stroke=\"#555\"/>\n"
        svg += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(width - right))\" y1=\"\(fmt(height - bottom))\" y2=\"\(fmt(height - bottom))\" stroke=\"#555\"/>\n"
        // Legend.
        var legend: [(String, String, Bool)] = [("history", "#222", false), ("forecast", "#d62728", false)]
        for (k, interval) in forecast.intervals.sorted(by: { $0.level > $1.level }).enumerated() {
            legend.append(("\(ForecastRendering.levelName(interval.level))% interval", shades[k % shades.count], true))
        }
        for (k, item) in legend.enumerated() {
            let ly = top + 8 + Double(k) * 18
            let lx = left + 12
            if item.2 {
                svg += "<rect x=\"\(fmt(lx))\" y=\"\(fmt(ly - 6))\" width=\"22\" height=\"10\" fill=\"\(item.1)\"/>\n"
            } else {
                svg += "<line x1=\"\(fmt(lx))\" x2=\"\(fmt(lx + 22))\" y1=\"\(fmt(ly))\" y2=\"\(fmt(ly))\" stroke=\"\(item.1)\" stroke-width=\"2\"/>\n"
            }
            svg += "<text x=\"\(fmt(lx + 28))\" y=\"\(fmt(ly + 4))\">\(escape(item.0))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func fmt(_ v: Double) -> String { TextFormatting.fixed(v, digits: 1) }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}

extension SVGPlot {
    /// Actual values over the test region with the best configuration's forecast from
    /// every origin, and (for a window sweep) the metric against the window size.
    static func backtest(_ report: BacktestReport, metric: RankingMetric) -> String {
        guard let best = report.entries.min(by: { $0.rank < $1.rank }), let first = best.result.folds.first else {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"
        }
        let series = report.series
        let start = max(0, first.origin - 3 * (best.result.folds.first?.actual.count ?? 1))
        let end = (best.result.folds.last.map { $0.origin + $0.actual.count } ?? series.count)
        let values = Array(series.values[start..<end])
        let all = values + best.result.folds.flatMap(\.forecast)
        let lo = (all.min() ?? 0), hi = (all.max() ?? 1) + (all.max() == all.min() ? 1 : 0)
        let panel = 300.0
        let sweepWindows = report.entries.filter { $0.settings.method == .neural }
        let withSweep = sweepWindows.count >= 2
        let total = withSweep ? 2 * panel + 60 : panel + 40
        func x(_ i: Int) -> Double { left + (width - left - right) * Double(i - start) / Double(max(end - start - 1, 1)) }
        func y(_ v: Double) -> Double { top + (panel - top - 10) * (hi - v) / (hi - lo) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(total))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(fmt(width / 2))" y="22" text-anchor="middle" font-size="15">\(escape(series.label)): backtest of the best configuration (\(escape(BacktestRendering.describe(best, of: series).method)) \(escape(BacktestRendering.describe(best, of: series).window)))</text>

            """
        for k in 0...4 {
            let v = lo + (hi - lo) * Double(k) / 4
            svg += "<line x1=\"\(fmt(left))\" x2=\"\(fmt(width - right))\" y1=\"\(fmt(y(v)))\" y2=\"\(fmt(y(v)))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y(v) + 4))\" text-anchor=\"end\" fill=\"#555\">\(TextFormatting.fixed(v, digits: abs(hi - lo) < 10 ? 2 : 0))</text>\n"
        }
        let every = max(1, (end - start) / 8)
        for i in Swift.stride(from: start, to: end, by: every) {
            svg += "<text x=\"\(fmt(x(i)))\" y=\"\(fmt(panel + 8))\" text-anchor=\"middle\" fill=\"#555\">\(escape(series.position(i)))</text>\n"
        }
        svg += "<polyline points=\"\(values.indices.map { "\(fmt(x(start + $0))),\(fmt(y(values[$0])))" }.joined(separator: " "))\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\"/>\n"
        for fold in best.result.folds {
            let points = fold.forecast.indices.map { "\(fmt(x(fold.origin + $0))),\(fmt(y(fold.forecast[$0])))" }
            svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\"/>\n"
            svg += "<circle cx=\"\(fmt(x(fold.origin)))\" cy=\"\(fmt(y(fold.forecast[0])))\" r=\"2.5\" fill=\"#d62728\"/>\n"
        }
        svg += "<line x1=\"\(fmt(left + 12))\" x2=\"\(fmt(left + 34))\" y1=\"\(fmt(top + 8))\" y2=\"\(fmt(top + 8))\" stroke=\"#222\" stroke-width=\"2\"/><text x=\"\(fmt(left + 40))\" y=\"\(fmt(top + 12))\">actual</text>\n"
        svg += "<line x1=\"\(fmt(left + 12))\" x2=\"\(fmt(left + 34))\" y1=\"\(fmt(top + 26))\" y2=\"\(fmt(top + 26))\" stroke=\"#d62728\" stroke-width=\"2\"/><text x=\"\(fmt(left + 40))\" y=\"\(fmt(top + 30))\">forecast from each origin</text>\n"
        if withSweep {
            // Metric against window size, neural configurations only.
            let points = sweepWindows.compactMap { e -> (Double, Double)? in
                guard case .count(let w) = e.settings.neural.lags, let v = metric.value(e.result.overall) else { return nil }
                return (Double(w), v)
            }.sorted { $0.0 < $1.0 }
            if let wMin = points.first?.0, let wMax = points.last?.0 {
                let vMin = points.map(\.1).min() ?? 0, vMax = points.map(\.1).max() ?? 1
                let top2 = panel + 60, bottom2 = total - 40
                func px(_ w: Double) -> Double { left + (width - left - right) * (wMax > wMin ? (w - wMin) / (wMax - wMin) : 0.5) }
                func py(_ v: Double) -> Double { top2 + (bottom2 - top2) * (vMax > vMin ? (vMax - v) / (vMax - vMin) : 0.5) }
                svg += "<text x=\"\(fmt(width / 2))\" y=\"\(fmt(top2 - 12))\" text-anchor=\"middle\" font-size=\"14\">\(metric.rawValue) against window size</text>\n"
                svg += "<polyline points=\"\(points.map { "\(fmt(px($0.0))),\(fmt(py($0.1)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>\n"
                for p in points {
                    svg += "<circle cx=\"\(fmt(px(p.0)))\" cy=\"\(fmt(py(p.1)))\" r=\"3.5\" fill=\"#1f77b4\"/>\n"
                    svg += "<text x=\"\(fmt(px(p.0)))\" y=\"\(fmt(bottom2 + 18))\" text-anchor=\"middle\" fill=\"#555\">\(Int(p.0))</text>\n"
                    svg += "<text x=\"\(fmt(px(p.0)))\" y=\"\(fmt(py(p.1) - 8))\" text-anchor=\"middle\" fill=\"#555\">\(TextFormatting.fixed(p.1, digits: 3))</text>\n"
                }
            }
        }
        return svg + "</svg>\n"
    }
}
