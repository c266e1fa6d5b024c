#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where CSV bytes come from: a file read in chunks, or bytes in memory (tests, pipes
/// already read). Reading never holds more than one chunk of the file.
enum ChunkSource {
    case file(path: String)
    case bytes([UInt8], name: String)
    /// Bytes `start..<end` of a file: one part of a file read on several threads.
    case fileRange(path: String, start: Int, end: Int)

    var name: String {
        switch self {
        case .file(let path), .fileRange(let path, _, _): return path
        case .bytes(_, let name): return name
        }
    }

    func open() throws(SeriesIOError) -> ChunkReader {
        switch self {
        case .file(let path): return try FileChunkReader(path: path)
        case .fileRange(let path, let start, let end): return try FileChunkReader(path: path, start: start, end: end)
        case .bytes(let bytes, _): return MemoryChunkReader(bytes)
        }
    }
}

protocol ChunkReader: AnyObject {
    /// Fills `buffer` from the start; returns the byte count, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SeriesIOError) -> Int
}

final class FileChunkReader: ChunkReader {
    private let fd: Int32
    private let path: String
    /// Bytes left to read in a range; `Int.max` for the whole file.
    private var remaining = Int.max

    convenience init(path: String, start: Int, end: Int) throws(SeriesIOError) {
        try self.init(path: path)
        if lseek(fd, off_t(start), SEEK_SET) < 0 {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        remaining = max(0, end - start)
    }

    init(path: String) throws(SeriesIOError) {
        self.path = path
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw .notAFile(path: path)
        }
        self.fd = fd
    }

    deinit { close(fd) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SeriesIOError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let wanted = min(buffer.count, remaining)
        var filled = 0
        defer { if remaining != .max { remaining -= filled } }
        while filled < wanted {
            let n = Glibc.read(fd, base + filled, wanted - filled)
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                if code == EISDIR { throw .notAFile(path: path) }
                throw .unreadable(path: path, reason: String(cString: strerror(code)))
            }
            if n == 0 { break }
            filled += n
        }
        return filled
    }
}

final class MemoryChunkReader: ChunkReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(SeriesIOError) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + n)]))
        }
        offset += n
        return n
    }
}
