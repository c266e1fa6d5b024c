import Dispatch

/// Runs `body(i)` for `0..<count` on all cores and returns the results in order.
/// Each task writes only its own slot, so the results do not depend on scheduling.
package func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let slots = Slots<T>(count)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        slots.set(i, Result { try body(i) })
    }
    return try slots.values().map { try $0.get() }
}

/// Result slots written by concurrent tasks, one slot per task.
private final class Slots<T: Sendable>: @unchecked Sendable {
    private var storage: [Result<T, any Error>?]
    private let lock = Lock()

    init(_ count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Result<T, any Error>) {
        lock.withLock { storage[i] = value }
    }

    func values() -> [Result<T, any Error>] {
        lock.withLock { storage.compactMap { $0 } }
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A pthread mutex (no Foundation needed).
private final class Lock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    init() { pthread_mutex_init(mutex, nil) }
    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
