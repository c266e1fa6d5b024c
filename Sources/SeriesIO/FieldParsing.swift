#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How numbers are written: the decimal separator and an optional thousands separator.
public struct NumberFormat: Sendable, Hashable {
    public var decimal: UInt8
    public var thousands: UInt8?

    public init(decimal: UInt8 = 0x2E, thousands: UInt8? = nil) {
        self.decimal = decimal
        self.thousands = thousands
    }

    /// `1234.5`: the fast path.
    public static let plain = NumberFormat()

    var isPlain: Bool { decimal == 0x2E && thousands == nil }
}

/// Field-level parsing for the CSV reader's hot path: no allocation, no locale.
enum FieldParsing {
    /// Empty, `NA`, `NaN` or `null` in any case: the spellings of a missing value.
    static func isMissing(_ b: UnsafeRawBufferPointer) -> Bool {
        let t = trimmed(b)
        switch t.count {
        case 0: return true
        case 2: return lower(t[0]) == 0x6E && lower(t[1]) == 0x61
        case 3: return lower(t[0]) == 0x6E && lower(t[1]) == 0x61 && lower(t[2]) == 0x6E
        case 4:
            return lower(t[0]) == 0x6E && lower(t[1]) == 0x75 && lower(t[2]) == 0x6C && lower(t[3]) == 0x6C
        default: return false
        }
    }

    /// A finite decimal number (`-2`, `+3.25`, `1.5e3`, `.5`), or `nil` for anything else:
    /// thousands separators, trailing text, `inf`, hexadecimal.
    ///
    /// Up to 15 significant digits and a power of ten up to 22 take the exact fast path
    /// (both operands are exact doubles, so one division or multiplication rounds
    /// correctly, Clinger 1990); longer numbers go to `strtod`, which the C locale of a
    /// Swift program keeps locale-independent.
    static func number(_ raw: UnsafeRawBufferPointer) -> Double? {
        let b = trimmed(raw)
        let n = b.count
        var i = 0
        var negative = false
        if i < n, b[i] == 0x2B || b[i] == 0x2D {
            negative = b[i] == 0x2D
            i += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var digitCount = 0
        var fractionDigits = 0
        while i < n, b[i] &- 0x30 < 10 {
            if mantissa != 0 || b[i] != 0x30 { significant += 1 }
            if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(b[i] &- 0x30) }
            digitCount += 1
            i += 1
        }
        if i < n, b[i] == 0x2E {
            i += 1
            while i < n, b[i] &- 0x30 < 10 {
                if mantissa != 0 || b[i] != 0x30 { significant += 1 }
                if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(b[i] &- 0x30) }
                digitCount += 1
                fractionDigits += 1
                i += 1
            }
        }
        guard digitCount > 0 else { return nil }
        var exponent = 0
        if i < n, b[i] == 0x65 || b[i] == 0x45 {
            i += 1
            var expNegative = false
            if i < n, b[i] == 0x2B || b[i] == 0x2D {
                expNegative = b[i] == 0x2D
                i += 1
            }
            var expDigits = 0
            while i < n, b[i] &- 0x30 < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(b[i] &- 0x30) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == n else { return nil }
        let power = exponent - fractionDigits
        if significant <= 15, abs(power) <= 22 {
            let m = Double(mantissa)
            let value = power < 0 ? m / powersOfTen[-power] : m * powersOfTen[power]
            return negative ? -value : value
        }
        return slowPath(b)
    }

    /// A number written with `format`'s separators (`1.234,5` with a decimal comma and
    /// thousands dots), rewritten in a stack buffer to the plain form and parsed as one.
    /// Thousands separators must sit between groups of three digits in the integer part,
    /// so `1.5` with thousands dots is not silently fifteen.
    static func number(_ raw: UnsafeRawBufferPointer, format: NumberFormat) -> Double? {
        if format.isPlain { return number(raw) }
        let b = trimmed(raw)
        return withUnsafeTemporaryAllocation(byteCount: max(b.count, 1), alignment: 1) { out -> Double? in
            var n = 0
            var groupDigits = -1  // digits since the last thousands separator; -1 before any
            var integerDigits = 0
            var inFraction = false
            var inExponent = false
            for byte in b {
                if byte &- 0x30 < 10 {
                    if !inFraction && !inExponent {
                        integerDigits += 1
                        if groupDigits >= 0 { groupDigits += 1 }
                    }
                    out[n] = byte
                } else if !inFraction && !inExponent, let thousands = format.thousands, byte == thousands {
                    // The first group has 1–3 digits, every later one exactly 3.
                    guard integerDigits >= 1, groupDigits == -1 ? integerDigits <= 3 : groupDigits == 3 else { return nil }
                    groupDigits = 0
                    continue
                } else if byte == format.decimal, !inFraction, !inExponent {
                    out[n] = 0x2E
                    inFraction = true
                } else if byte == 0x2E {
                    return nil  // a dot that is neither the decimal nor the thousands separator
                } else {
                    if byte == 0x65 || byte == 0x45 { inExponent = true }
                    out[n] = byte
                }
                if !inFraction && !inExponent, groupDigits > 3 { return nil }
                n += 1
            }
            if groupDigits >= 0 && groupDigits != 3 { return nil }
            return number(UnsafeRawBufferPointer(rebasing: out[0..<n]))
        }
    }

    private static func slowPath(_ b: UnsafeRawBufferPointer) -> Double? {
        var text = [CChar](repeating: 0, count: b.count + 1)
        for (k, byte) in b.enumerated() { text[k] = CChar(bitPattern: byte) }
        let value = strtod(text, nil)
        return value.isFinite ? value : nil
    }

    private static let powersOfTen: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    @inline(__always)
    private static func lower(_ c: UInt8) -> UInt8 { c | 0x20 }

    /// `b` without leading and trailing spaces (libcsv trims unquoted fields itself;
    /// quoted ones keep theirs, and `" 141"` is still a number).
    @inline(__always)
    static func trimmed(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = b.count
        while start < end, b[start] == 0x20 { start += 1 }
        while end > start, b[end - 1] == 0x20 { end -= 1 }
        if start == 0 && end == b.count { return b }
        return UnsafeRawBufferPointer(rebasing: b[start..<end])
    }

    static func string(_ b: UnsafeRawBufferPointer) -> String {
        String(decoding: b, as: UTF8.self)
    }
}
