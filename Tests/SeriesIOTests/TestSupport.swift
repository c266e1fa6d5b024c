import Foundation
@testable import SeriesIO

/// The repository's root, found from this file's path, for the bundled datasets.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

func dataset(_ name: String) -> String { repositoryRoot + "/datasets/" + name }

/// Reads CSV text given as a Swift string.
func read(_ text: String, _ options: CSVReadOptions = CSVReadOptions(), name: String = "t.csv")
    throws(SeriesIOError) -> [Series]
{
    try CSVReader(options: options).read(bytes: Array(text.utf8), name: name)
}

/// The error that reading `text` throws, or `nil` when it reads.
func readError(_ text: String, _ options: CSVReadOptions = CSVReadOptions(), name: String = "t.csv")
    -> SeriesIOError?
{
    do {
        _ = try read(text, options, name: name)
        return nil
    } catch {
        return error
    }
}

/// A fresh temporary directory for files a test writes.
func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "seriesio-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
