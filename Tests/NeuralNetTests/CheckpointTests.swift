import Foundation
import Testing
@testable import NeuralNet

@Suite struct CheckpointTests {
    func trained() throws -> Network {
        var network = try Network(inputs: 3, hidden: [7, 5], outputs: 2, activation: .gelu, dropout: 0.1, seed: 9)
        var config = TrainingConfig()
        config.epochs = 3
        let data = try MatrixDataset(inputs: (0..<30).map { Float($0) / 7 }, targets: (0..<20).map { Float($0) / 3 },
                                     inputWidth: 3, outputWidth: 2)
        _ = try Trainer(config).fit(&network, training: data)
        return network
    }

    @Test("A checkpoint round-trips exactly, through a file")
    func roundTrip() throws {
        let network = try trained()
        let path = NSTemporaryDirectory() + "ckpt-\(UUID().uuidString).json"
        let checkpoint = Checkpoint(network: network, optimizer: .adam(), metadata: ["epochs": "3"])
        try checkpoint.save(path: path)
        let loaded = try Checkpoint.load(path: path)
        #expect(loaded == checkpoint)
        let restored = try loaded.network(path: path)
        #expect(restored == network)
        #expect(restored.parameters.map(\.bitPattern) == network.parameters.map(\.bitPattern))
        #expect(loaded.optimizer == "adam")
        #expect(loaded.metadata["epochs"] == "3")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"formatVersion\":1"))
    }

    @Test("Broken files get a clear error, never a crash")
    func broken() throws {
        let good = String(decoding: try Checkpoint(network: try trained()).encoded(), as: UTF8.self)
        let newer = good.replacingOccurrences(of: "\"formatVersion\":1", with: "\"formatVersion\":7")
        let wrongCount = good.replacingOccurrences(of: "\"parameters\":[", with: "\"parameters\":[0.5,")
        let badActivation = good.replacingOccurrences(of: "\"gelu\"", with: "\"swish\"")
        let cases: [(String, NeuralNetError)] = [
            (String(good.prefix(good.count / 2)), .checkpointCorrupted(path: "m.json", detail: "no format version (truncated or not a model file)")),
            ("", .checkpointCorrupted(path: "m.json", detail: "no format version (truncated or not a model file)")),
            ("\u{00}\u{ff}garbage", .checkpointCorrupted(path: "m.json", detail: "no format version (truncated or not a model file)")),
            (newer, .checkpointTooNew(path: "m.json", version: 7, supported: 1)),
        ]
        for (text, expected) in cases {
            #expect(throws: expected) { try Checkpoint.decode(Data(text.utf8), path: "m.json") }
        }
        #expect(throws: NeuralNetError.self) { try Checkpoint.decode(Data(wrongCount.utf8), path: "m.json") }
        let wrongData = Data(wrongCount.utf8)
        let badData = Data(badActivation.utf8)
        do {
            _ = try Checkpoint.decode(wrongData, path: "m.json")
        } catch {
            #expect(error.description.hasPrefix("m.json: not a valid model file: parameters: expected"))
        }
        do {
            _ = try Checkpoint.decode(badData, path: "m.json")
            Issue.record("an unknown activation must not load")
        } catch {
            #expect(error.description.hasPrefix("m.json: not a valid model file"))
        }
        #expect(throws: NeuralNetError.self) { try Checkpoint.load(path: "/nonexistent/m.json") }
    }
}
