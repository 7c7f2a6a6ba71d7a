#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells a recursive evaluation when the current thread's stack is nearly used up, so a
/// schema that recurses without end (`{"$ref": "#"}`) or absurdly deep data ends in an
/// error message instead of a crash, whatever the thread's stack size (8 MiB on the main
/// thread, far less on a worker thread) and whatever the build's frame sizes.
struct StackGuard {
    /// The lowest stack address evaluation may reach; below it, it stops.
    let floor: UInt

    /// Space kept free below the floor for what runs after the check (regex matching,
    /// building a message).
    static let reserve: UInt = 128 << 10

    /// The guard for the calling thread, or nil when the platform does not say where its
    /// stack is (then only the depth limit applies).
    static func forCurrentThread() -> StackGuard? {
        #if canImport(Glibc)
        // Glibc's module map hides the GNU extension pthread_getattr_np; it is looked up by
        // name and called with the C convention it has.
        typealias GetAttributes = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
        guard let symbol = dlsym(nil, "pthread_getattr_np") else { return nil }
        let getAttributes = unsafeBitCast(symbol, to: GetAttributes.self)  // unsafe: the C signature from <pthread.h>
        var attributes = pthread_attr_t()
        guard getAttributes(pthread_self(), &attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        var lowest: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &lowest, &size) == 0, let lowest, size > Int(reserve) * 2 else { return nil }
        return StackGuard(floor: UInt(bitPattern: lowest) + reserve)
        #elseif canImport(Darwin)
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        let size = UInt(pthread_get_stacksize_np(pthread_self()))
        guard size > reserve * 2, top > size else { return nil }
        return StackGuard(floor: top - size + reserve)
        #else
        return nil
        #endif
    }

    /// The thread the guard was measured on: reading the bounds is slow on Linux's main
    /// thread (it parses /proc/self/maps), so a guard is kept while the thread is the same.
    let thread = pthread_self()

    func belongsToCurrentThread() -> Bool {
        pthread_equal(thread, pthread_self()) != 0
    }

    /// Whether the caller's frame is already below the floor (stacks grow down on every
    /// platform Swift supports here).
    @inline(__always)
    func isExhausted() -> Bool {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) } < floor
    }
}
