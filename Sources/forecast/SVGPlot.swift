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
