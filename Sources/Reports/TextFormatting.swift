import SeriesIO

/// Small text helpers for terminal tables and JSON: the CLI's output, kept out of
/// the library.
public enum TextFormatting {
    /// `v` with exactly `digits` decimals, without Foundation's `String(format:)`.
    package static func fixed(_ v: Double, digits: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "" : (v > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 9e18 else { return String(v) }
        let whole = Int64(scaled)
        var text = String(whole / Int64(scale))
        if digits > 0 {
            let fraction = String(whole % Int64(scale))
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return (v < 0 && scaled != 0 ? "-" : "") + text
    }

    /// A number for a CSV cell (`digits` nil: as many digits as it takes) or a table
    /// cell (exactly `digits` decimals); empty for NaN either way.
    package static func cell(_ v: Double, digits: Int?) -> String {
        guard let digits else { return CSVWriter.number(v) }
        return fixed(v, digits: digits)
    }

    /// Left-aligned text columns, right-aligned numbers, two spaces apart.
    package static func table(header: [String], rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, field) in row.enumerated() { widths[i] = max(widths[i], field.count) }
        }
        func isNumber(_ s: String) -> Bool { Double(s) != nil }
        func render(_ row: [String], numeric: [Bool]) -> String {
            row.enumerated().map { i, field in
                let pad = String(repeating: " ", count: widths[i] - field.count)
                return numeric[i] ? pad + field : field + pad
            }.joined(separator: "  ").replacingTrailingSpaces + "\n"
        }
        let numeric = header.indices.map { i in !rows.isEmpty && rows.allSatisfy { $0[i].isEmpty || isNumber($0[i]) } }
        return render(header, numeric: numeric) + rows.map { render($0, numeric: numeric) }.joined()
    }
}

public enum JSON {
    package static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A number as the shortest round-tripping text; `null` for NaN and infinities.
    package static func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded(), abs(v) < 1e17 { return String(Int64(v)) }
        return String(v)
    }

    package static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}

extension String {
    var replacingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
