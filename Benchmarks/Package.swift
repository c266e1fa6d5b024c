// swift-tools-version: 6.0
// Benchmark programs: a package of their own, so library users never build them.
// Build with `swift build -c release` here (or `make benchmarks` at the root).
import PackageDescription

let package = Package(
    name: "swift-forecasting-benchmarks",
    dependencies: [
        .package(name: "swift-forecasting", path: ".."),
    ],
    targets: [
        .target(name: "BenchmarkSupport"),
        .executableTarget(
            name: "csv-speed",
            dependencies: ["BenchmarkSupport", .product(name: "SeriesIO", package: "swift-forecasting")]
        ),
        .executableTarget(
            name: "windows-speed",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "SeriesIO", package: "swift-forecasting"),
                .product(name: "Windowing", package: "swift-forecasting"),
            ]
        ),
        .executableTarget(
            name: "mlp-speed",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "SeriesIO", package: "swift-forecasting"),
                .product(name: "Windowing", package: "swift-forecasting"),
                .product(name: "NeuralNet", package: "swift-forecasting"),
                .product(name: "Forecasters", package: "swift-forecasting"),
            ]
        ),
        .executableTarget(
            name: "backtest-speed",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "SeriesIO", package: "swift-forecasting"),
                .product(name: "Forecasters", package: "swift-forecasting"),
                .product(name: "NeuralNet", package: "swift-forecasting"),
                .product(name: "Backtesting", package: "swift-forecasting"),
            ]
        ),
        .executableTarget(
            name: "long-series-speed",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "SeriesIO", package: "swift-forecasting"),
                .product(name: "Forecasters", package: "swift-forecasting"),
                .product(name: "NeuralNet", package: "swift-forecasting"),
            ]
        ),
        .executableTarget(
            name: "pooled-speed",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "SeriesIO", package: "swift-forecasting"),
                .product(name: "Forecasters", package: "swift-forecasting"),
                .product(name: "NeuralNet", package: "swift-forecasting"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
