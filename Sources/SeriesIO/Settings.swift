/// Which vocabulary an error message uses for the setting that fixes it.
///
/// The same error reaches two kinds of reader: an app developer, who changes a Swift
/// property, and a command-line user, who changes a flag. A message that says
/// `--missing` to the first is guesswork; one that says `CSVReadOptions.missing` to
/// the second is noise. So library errors name settings symbolically and each reader
/// asks for its own words: `description` speaks Swift, the `forecast` tool asks for
/// ``commandLine``.
public enum SettingNames: Sendable, Hashable {
    case swift
    case commandLine
}

/// A setting (or a way of using it) spelled in both vocabularies of ``SettingNames``.
public struct Setting: Sendable, Hashable {
    public let swift: String
    public let flag: String

    public init(swift: String, flag: String) {
        self.swift = swift
        self.flag = flag
    }

    public func named(_ names: SettingNames) -> String {
        names == .swift ? swift : flag
    }
}

extension Setting {
    public static let missing = Setting(swift: "CSVReadOptions.missing", flag: "--missing")
    public static let missingAccepting = Setting(
        swift: "CSVReadOptions.missing = .drop, .interpolate or .ffill", flag: "--missing drop|interpolate|ffill")
    public static let missingFilling = Setting(
        swift: "CSVReadOptions.missing = .interpolate or .ffill", flag: "--missing interpolate or ffill")
    public static let decimalComma = Setting(
        swift: "CSVReadOptions.decimalSeparator = UInt8(ascii: \",\")", flag: "--decimal ,")
    public static let thousandsDot = Setting(
        swift: "CSVReadOptions.thousandsSeparator = UInt8(ascii: \".\")", flag: "--thousands .")
    public static let decimal = Setting(swift: "CSVReadOptions.decimalSeparator", flag: "--decimal")
    public static let thousands = Setting(swift: "CSVReadOptions.thousandsSeparator", flag: "--thousands")
    public static let valueColumn = Setting(swift: "CSVReadOptions.valueColumn", flag: "--column")
    public static let allValueColumns = Setting(swift: "CSVReadOptions.allValueColumns", flag: "--all-columns")
    public static let idColumn = Setting(swift: "CSVReadOptions.idColumn", flag: "--id-column")
    public static let dateFormat = Setting(swift: "CSVReadOptions.dateFormat", flag: "--date-format")
    public static let header = Setting(swift: "CSVReadOptions.hasHeader = true", flag: "--header")
    public static let noHeader = Setting(swift: "CSVReadOptions.hasHeader = false", flag: "--no-header")
    // The settings of the layers above, named here so every layer shares one vocabulary.
    public static let anotherMethod = Setting(swift: "another ForecastSettings.method", flag: "another --method")
    public static let transform = Setting(swift: "NeuralForecaster.Configuration.transform", flag: "--transform")
    public static let noIntervals = Setting(swift: "ask for no interval levels", flag: "drop --interval")
    public static let localPooling = Setting(swift: "ForecastSettings.pooling = .local", flag: "--pooling local")
    public static let globalPooling = Setting(swift: "ForecastSettings.pooling = .global", flag: "--pooling global")
    public static let refitEvery = Setting(swift: "BacktestSpec.refitEvery", flag: "--refit-every")
    public static let backtestSize = Setting(
        swift: "BacktestSpec.size or the sliding training window", flag: "--test-size, --folds or --train-size")
    public static let metric = Setting(swift: "metric", flag: "--metric")
}

/// A message with settings in it, rendered in either vocabulary of ``SettingNames``.
///
/// Written as a string literal with settings interpolated:
/// `"use \(Setting.missingAccepting) to accept missing values"`.
public struct Phrase: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Part: Sendable, Hashable {
        case text(String)
        case setting(Setting)
    }

    var parts: [Part]

    public init(stringLiteral value: String) {
        parts = [.text(value)]
    }

    public init(stringInterpolation: StringInterpolation) {
        parts = stringInterpolation.parts
    }

    public func text(_ names: SettingNames) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .setting(let s): out += s.named(names)
            }
        }
        return out
    }

    public var description: String { text(.swift) }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            parts.reserveCapacity(2 * interpolationCount + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            appendText(literal)
        }

        // Adjacent text is merged, so a phrase without settings equals its literal.
        mutating func appendText(_ text: String) {
            guard !text.isEmpty else { return }
            if case .text(let previous)? = parts.last {
                parts[parts.count - 1] = .text(previous + text)
            } else {
                parts.append(.text(text))
            }
        }

        public mutating func appendInterpolation(_ setting: Setting) {
            parts.append(.setting(setting))
        }

        public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            appendText(value.description)
        }
    }
}

/// An error whose message can name settings in either vocabulary (see ``SettingNames``).
/// `description` is the Swift wording.
public protocol NamingSettings: CustomStringConvertible {
    func message(naming names: SettingNames) -> String
}

extension NamingSettings {
    public var description: String { message(naming: .swift) }
}

/// The message of any error in the words of `names`: ``NamingSettings`` errors choose
/// their wording, the rest have one.
public func errorMessage(_ error: any Error, naming names: SettingNames) -> String {
    if let named = error as? any NamingSettings { return named.message(naming: names) }
    return String(describing: error)
}
