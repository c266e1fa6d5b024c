import Foundation

/// Runs the built `forecast` binary as a user would and captures what it prints.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The `forecast` executable next to the test bundle (SwiftPM builds it first because
/// this test target depends on it).
let forecastBinary: String = {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var directory = executable.deletingLastPathComponent()
    // The test runner lives inside `<build>/debug/<name>.xctest` on Linux.
    while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("forecast").path),
        directory.path != "/"
    {
        directory.deleteLastPathComponent()
    }
    return directory.appendingPathComponent("forecast").path
}()

func forecast(_ arguments: String...) throws -> CLIResult {
    try forecast(arguments)
}

/// Runs the CLI; `environment` adds to (or overrides) the test's own environment, and
/// the variables in `removing` are left out of it.
func forecast(_ arguments: [String], environment: [String: String] = [:], removing: [String] = []) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: forecastBinary)
    process.arguments = arguments
    if !environment.isEmpty || !removing.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            .filter { !removing.contains($0.key) }
    }
    process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
    // Files, not pipes: a pipe read all at once can be interrupted by the signals of
    // the many processes tests run in parallel (Foundation then traps), and a child
    // that fills one pipe while the other is being read would deadlock.
    let base = NSTemporaryDirectory() + "cli-output-" + UUID().uuidString
    _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
    _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
    defer {
        try? FileManager.default.removeItem(atPath: base + ".out")
        try? FileManager.default.removeItem(atPath: base + ".err")
    }
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return CLIResult(status: process.terminationStatus,
                     stdout: String(decoding: try Data(contentsOf: URL(fileURLWithPath: base + ".out")), as: UTF8.self),
                     stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: base + ".err")), as: UTF8.self))
}

/// Everything a pipe delivers until its writer closes it, retrying reads that a
/// signal interrupted (`readDataToEndOfFile` traps on those).
func readToEnd(_ handle: FileHandle) -> Data {
    var data = Data()
    var failures = 0
    while failures < 100 {
        do {
            guard let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty else { return data }
            data.append(chunk)
        } catch {
            failures += 1
        }
    }
    return data
}
