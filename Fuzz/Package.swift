// swift-tools-version: 6.0
// libFuzzer targets for the two parsers a user's bytes reach: the CSV reader and the
// model-file loader. A package of their own, built with the fuzzer sanitizer
// (`make fuzz` at the root):
//
//   swift build -c debug --sanitize fuzzer --sanitize address
//   .build/debug/fuzz-csv corpus/csv -max_total_time=60
import PackageDescription

let package = Package(
    name: "swift-forecasting-fuzz",
    dependencies: [
        .package(name: "swift-forecasting", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "fuzz-csv",
            dependencies: [.product(name: "SeriesIO", package: "swift-forecasting")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "fuzz-model",
            dependencies: [.product(name: "Forecasters", package: "swift-forecasting")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
