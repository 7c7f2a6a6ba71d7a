import Foundation

/// A mutex around a closure; the few shared mutable values (console buffers, progress
/// counters) go through it.
public final class Lock: @unchecked Sendable {
    private let lock = NSLock()
    public init() {}

    public func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
