import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// How many tasks `parallelMap` runs at once: `FORECAST_THREADS` when it is a positive
/// integer, else every active core. Read once. Results never depend on it (each task
/// writes its own slot, and BLAS runs single-threaded inside a task), which is what
/// lets a test compare one thread with two.
package let workerCount: Int = {
    if let text = getenv("FORECAST_THREADS").map({ String(cString: $0) }), let n = Int(text), n >= 1 {
        return min(n, 256)
    }
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}()

/// Runs `body(i)` for `0..<count` on up to `workers` threads and returns the results in
/// order. Tasks are handed out one at a time (members and series differ in cost), and
/// each writes only its own slot, so the results do not depend on scheduling.
package func parallelMap<T: Sendable>(
    _ count: Int, workers: Int = workerCount, _ body: @Sendable (Int) throws -> T
) throws -> [T] {
    let slots = Slots<T>(count)
    DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
        while let i = slots.claim() {
            slots.set(i, Result { try body(i) })
        }
    }
    return try slots.values().map { try $0.get() }
}

/// Result slots written by concurrent tasks, one slot per task.
private final class Slots<T: Sendable>: @unchecked Sendable {
    private var storage: [Result<T, any Error>?]
    private var next = 0
    private let lock = Lock()

    init(_ count: Int) { storage = Array(repeating: nil, count: count) }

    /// The next task index not yet handed out, or nil when all are.
    func claim() -> Int? {
        lock.withLock {
            guard next < storage.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func set(_ i: Int, _ value: Result<T, any Error>) {
        lock.withLock { storage[i] = value }
    }

    func values() -> [Result<T, any Error>] {
        lock.withLock { storage.compactMap { $0 } }
    }
}

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
