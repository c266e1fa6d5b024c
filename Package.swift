// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swift-forecasting",
    platforms: [.macOS(.v13)],
    products: [
        // MARK: - Public API
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "SeriesIO", targets: ["SeriesIO"]),
        .library(name: "Windowing", targets: ["Windowing"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
        .library(name: "Forecasters", targets: ["Forecasters"]),
        .library(name: "Backtesting", targets: ["Backtesting"]),
        .library(name: "Reports", targets: ["Reports"]),
        .executable(name: "forecast", targets: ["forecast"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // MARK: - Public API
        .target(name: "SeriesIO", dependencies: ["CLibCSV"]),
        .target(name: "Windowing", dependencies: ["SeriesIO"]),
        .target(name: "NeuralNet", dependencies: ["CBLAS"]),
        .target(name: "Forecasters", dependencies: ["SeriesIO", "Windowing", "NeuralNet"]),
        .target(name: "Backtesting", dependencies: ["SeriesIO", "Forecasters"]),
        .target(name: "Reports", dependencies: ["SeriesIO", "Forecasters", "Backtesting"]),
        .target(name: "Forecasting", dependencies: ["SeriesIO", "Windowing", "NeuralNet", "Forecasters", "Backtesting", "Reports"]),
        .executableTarget(
            name: "forecast",
            dependencies: [
                "Forecasting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Examples (built with the package, so CI compiles them)
        .executableTarget(name: "forecast-app", dependencies: ["Forecasting"], path: "Examples/forecast-app"),
        .executableTarget(name: "custom-forecaster", dependencies: ["Forecasting"], path: "Examples/custom-forecaster"),
        .executableTarget(name: "backtest-and-save", dependencies: ["Forecasting"], path: "Examples/backtest-and-save"),

        // MARK: - Implementation details
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        // OpenBLAS is loaded at run time (dlopen), after its kernels are chosen: see CBLAS.h.
        .target(name: "CBLAS", linkerSettings: [.linkedLibrary("dl")]),

        // MARK: - Unit test bundles
        .testTarget(name: "SeriesIOTests", dependencies: ["SeriesIO"]),
        .testTarget(
            name: "WindowingTests",
            dependencies: ["Windowing", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "CBLAS"]),
        .testTarget(name: "ForecastersTests", dependencies: ["Forecasters"]),
        .testTarget(name: "BacktestingTests", dependencies: ["Backtesting"]),
        .testTarget(name: "ForecastCLITests", dependencies: ["forecast", "CBLAS"]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "SeriesIO", "Forecasters", "Backtesting", "CZlib"]),
        // zlib (Debian zlib1g-dev) decodes rendered PNGs in ReportsTests; the library never links it.
        .systemLibrary(name: "CZlib", path: "Tests/CZlib", providers: [.apt(["zlib1g-dev"])]),
    ],
    swiftLanguageModes: [.v6]
)
