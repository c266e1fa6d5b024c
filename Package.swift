// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swift-forecasting",
    platforms: [.macOS(.v13)],
    products: [
        // MARK: - Public API
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "SeriesIO", targets: ["SeriesIO"]),
        .executable(name: "forecast", targets: ["forecast"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: - Public API
        .target(name: "SeriesIO", dependencies: ["CLibCSV"]),
        .target(name: "Forecasting", dependencies: ["SeriesIO"]),
        .executableTarget(
            name: "forecast",
            dependencies: [
                "Forecasting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Implementation details
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),

        // MARK: - Unit test bundles
        .testTarget(name: "SeriesIOTests", dependencies: ["SeriesIO"]),
        .testTarget(name: "ForecastCLITests", dependencies: ["forecast"]),
    ],
    swiftLanguageModes: [.v6]
)
