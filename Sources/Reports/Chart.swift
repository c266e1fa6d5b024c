/// A line chart laid out in a rectangle of an SVG document: title, legend row, axes with
/// ticks and titles, and layers drawn in order. The building block of every plot here.
struct Chart {
    enum XAxis {
        /// Seconds since 1970: calendar ticks; `finest` is the data's step in seconds.
        case time(finest: Int64, quarters: Bool)
        /// Plain numbers; `integers` keeps ticks on whole numbers (positions, window sizes).
        case number(integers: Bool)
        /// One tick per category at x = 0, 1, 2, …
        case categories([String])
    }

    enum Layer {
        case line([(x: Double, y: Double)], color: String, width: Double, dash: String? = nil, opacity: Double = 1)
        case band(x: [Double], lower: [Double], upper: [Double], color: String, opacity: Double)
        case dots([(x: Double, y: Double)], color: String, radius: Double)
        /// A horizontal reference line across the plot area.
        case level(Double, color: String, dash: String)
        /// A vertical marker (where the forecast starts), with a small label.
        case marker(x: Double, label: String)
    }

    enum Swatch { case line(dash: String?), band }

    struct LegendItem {
        var label: String
        var color: String
        var swatch: Swatch
    }

    var title: String
    var xAxis: XAxis
    var xTitle: String?
    var yTitle: String?
    var layers: [Layer] = []
    var legend: [LegendItem] = []

    static let characterWidth = 6.8

    /// A legend item's width: swatch, gap, label, space before the next.
    static func width(of item: LegendItem) -> Double { 30 + Double(item.label.count) * characterWidth + 16 }

    /// The data's extent: layers' finite values, the reference levels included.
    func extent() -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        var xs: [Double] = [], ys: [Double] = []
        for layer in layers {
            switch layer {
            case .line(let points, _, _, _, _), .dots(let points, _, _):
                for p in points where p.x.isFinite && p.y.isFinite {
                    xs.append(p.x)
                    ys.append(p.y)
                }
            case .band(let x, let lower, let upper, _, _):
                xs += x.filter(\.isFinite)
                ys += (lower + upper).filter(\.isFinite)
            case .level(let v, _, _):
                if v.isFinite { ys.append(v) }
            case .marker(let x, _):
                if x.isFinite { xs.append(x) }
            }
        }
        if case .categories(let names) = xAxis, !names.isEmpty {
            xs += [0, Double(names.count - 1)]
        }
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return nil }
        return (x0...x1, y0...y1)
    }

    /// Draws the chart into `svg` within `frame` (x, y, width, height in pixels).
    func render(into svg: inout SVGDocument, frame: (x: Double, y: Double, width: Double, height: Double)) {
        svg.text(title, x: frame.x + frame.width / 2, y: frame.y + 18, anchor: "middle", size: 14, weight: "bold")
        var top = frame.y + 28
        // The legend sits in its own row(s) above the plot, never on the data.
        if !legend.isEmpty {
            var rows: [[LegendItem]] = [[]]
            var used = 0.0
            for item in legend {
                let w = Self.width(of: item)
                if used + w > frame.width - 20 && !(rows.last?.isEmpty ?? true) {
                    rows.append([])
                    used = 0
                }
                rows[rows.count - 1].append(item)
                used += w
            }
            for row in rows {
                let total = row.reduce(0.0) { $0 + Self.width(of: $1) } - 16
                var lx = frame.x + max(10, (frame.width - total) / 2)
                let ly = top + 8
                for item in row {
                    switch item.swatch {
                    case .line(let dash):
                        svg.line(x1: lx, y1: ly, x2: lx + 22, y2: ly, color: item.color, width: 2.5, dash: dash)
                    case .band:
                        svg.rect(x: lx, y: ly - 5, width: 22, height: 10, fill: item.color, opacity: 1)
                    }
                    svg.text(item.label, x: lx + 28, y: ly + 4, anchor: "start")
                    lx += Self.width(of: item)
                }
                top += 18
            }
            top += 4
        }
        guard let extent = extent() else {
            svg.text("no data", x: frame.x + frame.width / 2, y: frame.y + frame.height / 2, anchor: "middle")
            return
        }
        let plotHeight = frame.y + frame.height - top - (xTitle == nil ? 26 : 42)
        let yTicks = ValueTicks(lower: extent.y.lowerBound, upper: extent.y.upperBound,
                                maxCount: max(2, min(6, Int(plotHeight / 45))))
        let labelChars = yTicks.labels.map(\.count).max() ?? 1
        // Axes on pixel centres (x.5), so a one-pixel line is one crisp pixel wide.
        func crisp(_ v: Double) -> Double { v.rounded(.down) + 0.5 }
        let left = crisp(frame.x + Double(labelChars) * Self.characterWidth + 14 + (yTitle == nil ? 0 : 18))
        let right = crisp(frame.x + frame.width - 16)
        top = crisp(top)
        let bottom = crisp(top + plotHeight)
        let plotWidth = right - left
        guard plotWidth > 20, plotHeight > 20 else { return }

        var x0 = extent.x.lowerBound, x1 = extent.x.upperBound
        if case .categories = xAxis {
            x0 -= 0.5
            x1 += 0.5
        }
        if x1 == x0 {
            x0 -= 1
            x1 += 1
        }
        func px(_ x: Double) -> Double { left + plotWidth * (x - x0) / (x1 - x0) }
        func py(_ y: Double) -> Double { top + plotHeight * (yTicks.upper - y) / (yTicks.upper - yTicks.lower) }

        // Grid and value ticks.
        for (v, label) in zip(yTicks.values, yTicks.labels) {
            svg.line(x1: left, y1: py(v), x2: right, y2: py(v), color: "#e6e6e6", width: 1)
            svg.text(label, x: left - 6, y: py(v) + 4, anchor: "end", color: "#444")
        }
        if let yTitle {
            svg.text(yTitle, x: frame.x + 12, y: (top + bottom) / 2, anchor: "middle", color: "#444", rotate: -90)
        }
        // x ticks: calendar, numeric or categorical; a label that would run past the
        // chart's edge is anchored to stay inside it.
        var xTicks: [(Double, String)] = []
        switch xAxis {
        case .time(let finest, let quarters):
            let ticks = TimeTicks(first: Int64(x0.rounded(.up)), last: Int64(x1.rounded(.down)), pixels: plotWidth,
                                  characterWidth: Self.characterWidth, finest: finest, quarters: quarters)
            xTicks = zip(ticks.values, ticks.labels).map { (Double($0), $1) }
        case .number(let integers):
            var ticks = ValueTicks(lower: x0, upper: x1, maxCount: max(2, min(10, Int(plotWidth / 70))))
            if integers && ticks.step < 1 { ticks = ValueTicks(lower: x0, upper: max(x1, x0 + 1), maxCount: 1) }
            xTicks = zip(ticks.values, ticks.labels).filter { $0.0 >= x0 - 1e-9 && $0.0 <= x1 + 1e-9 }
        case .categories(let names):
            let every = max(1, Int((Double(names.map(\.count).max() ?? 1) * Self.characterWidth + 12)
                / max(1, plotWidth / Double(max(names.count, 1)))) + 1)
            xTicks = names.enumerated().filter { $0.offset % every == 0 }.map { (Double($0.offset), $0.element) }
        }
        for (v, label) in xTicks {
            let x = px(v)
            svg.line(x1: x, y1: bottom, x2: x, y2: bottom + 5, color: "#444", width: 1)
            svg.line(x1: x, y1: top, x2: x, y2: bottom, color: "#f0f0f0", width: 1)
            let half = Double(label.count) * Self.characterWidth / 2
            let anchor = x - half < frame.x + 2 ? "start" : x + half > frame.x + frame.width - 2 ? "end" : "middle"
            let tx = anchor == "start" ? max(x - 4, frame.x + 2) : anchor == "end" ? min(x + 4, frame.x + frame.width - 2) : x
            svg.text(label, x: tx, y: bottom + 19, anchor: anchor, color: "#444")
        }
        if let xTitle {
            svg.text(xTitle, x: (left + right) / 2, y: bottom + 36, anchor: "middle", color: "#444")
        }

        svg.clip(id: svg.nextClipID(), x: left, y: top, width: plotWidth, height: plotHeight) { svg in
            for layer in layers {
                switch layer {
                case .band(let x, let lower, let upper, let color, let opacity):
                    let up = x.indices.map { (px(x[$0]), py(upper[$0])) }
                    let down = x.indices.reversed().map { (px(x[$0]), py(lower[$0])) }
                    svg.polygon(up + down, fill: color, opacity: opacity)
                case .line(let points, let color, let width, let dash, let opacity):
                    svg.polyline(points.map { (px($0.x), py($0.y)) }, color: color, width: width, dash: dash, opacity: opacity)
                case .dots(let points, let color, let radius):
                    for p in points { svg.circle(x: px(p.x), y: py(p.y), radius: radius, fill: color) }
                case .level(let v, let color, let dash):
                    svg.line(x1: left, y1: py(v), x2: right, y2: py(v), color: color, width: 1.5, dash: dash)
                case .marker(let x, let label):
                    svg.line(x1: px(x), y1: top, x2: px(x), y2: bottom, color: "#999", width: 1, dash: "4 3")
                    let anchor = px(x) + 6 + Double(label.count) * Self.characterWidth > right ? "end" : "start"
                    svg.text(label, x: px(x) + (anchor == "start" ? 4 : -4), y: top + 12, anchor: anchor, color: "#555")
                }
            }
        }
        svg.line(x1: left, y1: top, x2: left, y2: bottom, color: "#444", width: 1)
        svg.line(x1: left, y1: bottom, x2: right, y2: bottom, color: "#444", width: 1)
    }
}

/// The few SVG elements the charts use, written as text: no dependency, no scripts.
struct SVGDocument {
    var width: Double
    var height: Double
    private var body = ""
    private var clips = 0

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func f(_ v: Double) -> String { TextFormatting.fixed(v, digits: 1) }

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

    mutating func nextClipID() -> String {
        clips += 1
        return "plot\(clips)"
    }

    mutating func clip(id: String, x: Double, y: Double, width: Double, height: Double, _ draw: (inout SVGDocument) -> Void) {
        body += "<clipPath id=\"\(id)\"><rect x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\"/></clipPath>\n"
        body += "<g clip-path=\"url(#\(id))\">\n"
        draw(&self)
        body += "</g>\n"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, color: String, width: Double, dash: String? = nil) {
        let d = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        body += "<line x1=\"\(Self.f(x1))\" y1=\"\(Self.f(y1))\" x2=\"\(Self.f(x2))\" y2=\"\(Self.f(y2))\" stroke=\"\(color)\" stroke-width=\"\(Self.f(width))\"\(d)/>\n"
    }

    mutating func polyline(_ points: [(Double, Double)], color: String, width: Double, dash: String? = nil, opacity: Double = 1) {
        let finite = points.filter { $0.0.isFinite && $0.1.isFinite }
        guard !finite.isEmpty else { return }
        let d = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        let o = opacity < 1 ? " stroke-opacity=\"\(TextFormatting.fixed(opacity, digits: 2))\"" : ""
        body += "<polyline points=\"\(finite.map { "\(Self.f($0.0)),\(Self.f($0.1))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(Self.f(width))\" stroke-linejoin=\"round\"\(d)\(o)/>\n"
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double) {
        let finite = points.filter { $0.0.isFinite && $0.1.isFinite }
        guard finite.count >= 3 else { return }
        body += "<polygon points=\"\(finite.map { "\(Self.f($0.0)),\(Self.f($0.1))" }.joined(separator: " "))\" fill=\"\(fill)\" fill-opacity=\"\(TextFormatting.fixed(opacity, digits: 2))\"/>\n"
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double) {
        body += "<rect x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\" fill=\"\(fill)\" fill-opacity=\"\(TextFormatting.fixed(opacity, digits: 2))\"/>\n"
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
        guard x.isFinite && y.isFinite else { return }
        body += "<circle cx=\"\(Self.f(x))\" cy=\"\(Self.f(y))\" r=\"\(Self.f(radius))\" fill=\"\(fill)\"/>\n"
    }

    mutating func text(_ s: String, x: Double, y: Double, anchor: String, size: Double = 12, weight: String? = nil,
                       color: String = "#222", rotate: Double? = nil) {
        let w = weight.map { " font-weight=\"\($0)\"" } ?? ""
        let r = rotate.map { " transform=\"rotate(\(Self.f($0)) \(Self.f(x)) \(Self.f(y)))\"" } ?? ""
        let sz = size == 12 ? "" : " font-size=\"\(Self.f(size))\""
        body += "<text x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" text-anchor=\"\(anchor)\" fill=\"\(color)\"\(sz)\(w)\(r)>\(Self.escape(s))</text>\n"
    }

    var rendered: String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
        viewBox="0 0 \(Int(width)) \(Int(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>

        """ + body + "</svg>\n"
    }
}
