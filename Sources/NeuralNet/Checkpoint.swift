#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A network saved as versioned JSON: format version, layers (shapes, activations,
/// dropout), the flat parameters, the optimizer's name and training metadata.
///
/// Parameters are written as JSON numbers with enough digits to read back to the same
/// Float32, so a round trip is exact.
public struct Checkpoint: Sendable, Codable, Equatable {
    /// The version this program writes; it reads this one and older.
    public static let currentVersion = 1

    public var formatVersion: Int
    public var layers: [LayerSpec]
    public var parameters: [Float]
    public var optimizer: String?
    public var metadata: [String: String]

    public init(network: Network, optimizer: Optimizer? = nil, metadata: [String: String] = [:]) {
        formatVersion = Self.currentVersion
        layers = network.layers
        parameters = network.parameters
        self.optimizer = optimizer?.name
        self.metadata = metadata
    }

    /// The network it holds, checked against its own architecture.
    public func network(path: String = "checkpoint") throws(NeuralNetError) -> Network {
        do {
            return try Network(layers: layers, parameters: parameters)
        } catch {
            throw .checkpointCorrupted(path: path, detail: error.description)
        }
    }

    /// The checkpoint as JSON; throws when a parameter is not finite (JSON has no
    /// NaN), rather than giving an empty file.
    public func encoded() throws(NeuralNetError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return try encoder.encode(self)
        } catch {
            throw .invalidConfiguration("the checkpoint cannot be saved: a parameter is not a finite number")
        }
    }

    public static func decode(_ data: Data, path: String = "checkpoint") throws(NeuralNetError) -> Checkpoint {
        struct Version: Decodable { var formatVersion: Int }
        let version: Int
        do {
            version = try JSONDecoder().decode(Version.self, from: data).formatVersion
        } catch {
            throw .checkpointCorrupted(path: path, detail: "no format version (truncated or not a model file)")
        }
        guard version <= currentVersion else {
            throw .checkpointTooNew(path: path, version: version, supported: currentVersion)
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try JSONDecoder().decode(Checkpoint.self, from: data)
        } catch let error as DecodingError {
            throw .checkpointCorrupted(path: path, detail: Self.describe(error))
        } catch {
            throw .checkpointCorrupted(path: path, detail: "\(error)")
        }
        _ = try checkpoint.network(path: path)
        return checkpoint
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): return "missing field '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "bad value at '\(path)'"
        @unknown default: return "unreadable"
        }
    }
}

extension Checkpoint {
    /// Reads a checkpoint file.
    public static func load(path: String) throws(NeuralNetError) -> Checkpoint {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .checkpointUnreadable(path: path, reason: "no such file or not readable")
        }
        return try decode(data, path: path)
    }

    /// Writes the checkpoint atomically (a temporary file, then a rename): an
    /// interrupted save leaves the previous file or none, never half of one.
    public func save(path: String) throws(NeuralNetError) {
        let data = try encoded()
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .checkpointUnreadable(path: path, reason: "cannot write: \(error)")
        }
    }
}
