import CZlib
import Foundation
import Testing
import Backtesting
import Forecasters
@testable import Reports
import SeriesIO

/// An RGB(A) image decoded from a PNG: what a reader of the plot sees.
struct Image {
    var width: Int
    var height: Int
    var pixels: [UInt8]  // RGBA, row-major

    subscript(x: Int, y: Int) -> (r: Int, g: Int, b: Int) {
        let i = 4 * (y * width + x)
        // Composited on white, as a viewer shows a transparent pixel.
        let a = Int(pixels[i + 3])
        func on(_ c: UInt8) -> Int { (Int(c) * a + 255 * (255 - a)) / 255 }
        return (on(pixels[i]), on(pixels[i + 1]), on(pixels[i + 2]))
    }

    func isWhite(_ x: Int, _ y: Int) -> Bool {
        let p = self[x, y]
        return p.r > 245 && p.g > 245 && p.b > 245
    }

    func isDark(_ x: Int, _ y: Int) -> Bool {
        let p = self[x, y]
        return p.r < 120 && p.g < 120 && p.b < 120
    }

    /// Near `#d62728`, the forecast's red.
    func isRed(_ x: Int, _ y: Int) -> Bool {
        let p = self[x, y]
        return p.r > 180 && p.g < 90 && p.b < 90
    }

    /// Runs of consecutive indices where `hit` holds, at least `gap` apart: labels on an axis.
    static func clusters(_ range: Range<Int>, gap: Int, _ hit: (Int) -> Bool) -> Int {
        var count = 0, last = Int.min / 2
        for i in range where hit(i) {
            if i - last > gap { count += 1 }
            last = i
        }
        return count
    }

    /// Decodes 8-bit RGB or RGBA PNGs, non-interlaced: what rsvg-convert writes.
    init(png data: [UInt8]) throws {
        struct Bad: Error { var why: String }
        guard data.count > 8, data[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Bad(why: "not a PNG") }
        func be32(_ i: Int) -> Int { Int(data[i]) << 24 | Int(data[i + 1]) << 16 | Int(data[i + 2]) << 8 | Int(data[i + 3]) }
        var i = 8, width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        while i + 8 <= data.count {
            let length = be32(i)
            let type = String(decoding: data[(i + 4)..<(i + 8)], as: UTF8.self)
            let body = Array(data[(i + 8)..<(i + 8 + length)])
            if type == "IHDR" {
                width = be32(i + 8)
                height = be32(i + 12)
                guard body[8] == 8, body[12] == 0 else { throw Bad(why: "bit depth \(body[8]), interlace \(body[12])") }
                channels = body[9] == 6 ? 4 : body[9] == 2 ? 3 : 0
                guard channels > 0 else { throw Bad(why: "colour type \(body[9])") }
            } else if type == "IDAT" {
                compressed += body
            }
            i += 12 + length
        }
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: height * (stride + 1))
        var size = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { uncompress(out.baseAddress, &size, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK, Int(size) == raw.count else { throw Bad(why: "zlib status \(status)") }
        // Undo the per-row filters (PNG spec, section 9).
        var rows = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let v = Int(raw[y * (stride + 1) + 1 + x])
                let a = x >= channels ? Int(rows[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(rows[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(rows[(y - 1) * stride + x - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Bad(why: "filter \(filter)")
                }
                rows[y * stride + x] = UInt8((v + predicted) & 0xFF)
            }
        }
        self.width = width
        self.height = height
        if channels == 4 {
            pixels = rows
        } else {
            pixels = []
            pixels.reserveCapacity(width * height * 4)
            for k in 0..<(width * height) { pixels += [rows[3 * k], rows[3 * k + 1], rows[3 * k + 2], 255] }
        }
    }
}

/// Plots rendered to PNG by rsvg-convert (Debian librsvg2-bin) and checked as an image:
/// the axes carry labels, the legend is drawn apart from the data, nothing reaches the
/// image's edges, the forecast is where it should be.
@Suite struct PlotPixelTests {
    static func render(_ svg: String) throws -> Image {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("plot.svg"), output = directory.appendingPathComponent("plot.png")
        try svg.write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["rsvg-convert", input.path, "-o", output.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "rsvg-convert failed or is missing: apt-get install librsvg2-bin")
        return try Image(png: Array(try Data(contentsOf: output)))
    }

    static func airline() throws -> Series {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("datasets/air_passengers.csv").path
        return try CSVReader().read(path: path)[0]
    }

    @Test("A forecast plot: labelled axes, the legend above the data, the forecast right of the history")
    func forecastPlot() throws {
        let series = try Self.airline()
        let forecast = try SeasonalNaiveForecaster(period: 12).forecast(series, horizon: 24, levels: [80, 95])
        let image = try Self.render(ForecastPlot.svg(history: series, forecast: forecast))
        #expect(image.width == 900 && image.height == 440)

        // Nothing is drawn on the outermost columns: no label is clipped at the edges.
        for y in 0..<image.height {
            #expect(image.isWhite(0, y) && image.isWhite(image.width - 1, y), "ink at the edge, row \(y)")
            if !(image.isWhite(0, y) && image.isWhite(image.width - 1, y)) { break }
        }
        // Locate the plot area by its axes: the long dark vertical line (y axis) and the
        // long dark horizontal one (x axis).
        let axisX = try #require((0..<image.width / 3).first { x in (0..<image.height).filter { image.isDark(x, $0) }.count > 250 })
        let axisY = try #require((image.height / 2..<image.height).first { y in (0..<image.width).filter { image.isDark($0, y) }.count > 600 })
        let top = try #require((0..<image.height).first { image.isDark(axisX, $0) })

        // The x axis has its labels: several separate clusters of dark pixels below it.
        let xLabels = Image.clusters(axisX..<image.width, gap: 12) { x in (axisY + 8..<min(axisY + 24, image.height)).contains { image.isDark(x, $0) } }
        #expect(xLabels >= 6, "\(xLabels) x labels")
        // The y axis too: clusters of rows with ink left of the axis.
        let yLabels = Image.clusters(top..<axisY + 6, gap: 6) { y in (0..<axisX - 3).contains { image.isDark($0, y) } }
        #expect(yLabels >= 4, "\(yLabels) y labels")

        // The legend's red swatch is above the plot area, and only the swatch is red there.
        let legendRed = (0..<top).flatMap { y in (0..<image.width).filter { image.isRed($0, y) }.map { (x: $0, y: y) } }
        let columns = Set(legendRed.map(\.x))
        #expect(!columns.isEmpty && columns.count <= 24, "red above the plot area in \(columns.count) columns")
        // The forecast (red) is in the plot area, right of the history's last point: the
        // history ends at 1960-12, about three quarters across for 96 + 24 points.
        let red = (top..<axisY).flatMap { y in (axisX..<image.width).filter { image.isRed($0, y) } }
        let plotWidth = Double(image.width - axisX)
        #expect(!red.isEmpty)
        #expect(Double((red.min() ?? 0) - axisX) > 0.75 * plotWidth, "red starts at \(red.min() ?? 0)")
    }

    @Test("A grid of series: one panel each, every panel with its axis labels")
    func grid() throws {
        let series = try Self.airline()
        let parts = [series.slice(0..<48), series.slice(48..<96), series.slice(96..<144)].enumerated().map { k, s -> Series in
            var s = s
            s.id = "part\(k)"
            return s
        }
        let items = try parts.map { (history: $0, forecast: try NaiveForecaster().forecast($0, horizon: 6, levels: [80])) }
        let image = try Self.render(ForecastPlot.grid(items, columns: 3, title: "three"))
        #expect(image.width == 1200)
        // Three y axes side by side: three long dark vertical lines.
        let axes = Image.clusters(0..<image.width, gap: 50) { x in (0..<image.height).filter { image.isDark(x, $0) }.count > 150 }
        #expect(axes == 3, "\(axes) axes")
    }

    @Test("A backtest plot has a metric panel with labelled axes and the seasonal-naive reference line")
    func backtestPlot() throws {
        let series = try Self.airline()
        let spec = try BacktestSpec(horizon: 12, size: .folds(2))
        let configurations = [ForecastSettings(method: .seasonalNaive), ForecastSettings(method: .naive), ForecastSettings(method: .drift)]
        let entries = try spec.sweep(series, configurations: configurations, levels: [80])
        let image = try Self.render(BacktestPlot.svg(series: series, entries: entries, metric: .mase, levels: [80]))
        #expect(image.height == 780)
        // The bottom panel (below 450 px) has its own y axis with labels on its left.
        let axisX = try #require((0..<image.width / 3).first { x in (460..<image.height).filter { image.isDark(x, $0) }.count > 150 })
        let yLabels = Image.clusters(470..<image.height, gap: 6) { y in (0..<axisX - 3).contains { image.isDark($0, y) } }
        #expect(yLabels >= 3, "\(yLabels) y labels in the metric panel")
        // The reference line: a dashed grey row across most of the panel.
        let dashed = (470..<image.height - 40).contains { y in
            let grey = (axisX..<image.width).filter { x in let p = image[x, y]; return p.r < 140 && abs(p.r - p.b) < 10 && p.r > 40 }
            return grey.count > 300 && grey.count < image.width - axisX - 20
        }
        #expect(dashed, "no dashed reference line")
        // The best configuration's forecasts are drawn in red in the top panel.
        #expect((0..<440).contains { y in (0..<image.width).contains { image.isRed($0, y) } })
    }
}
