#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's byte routines, which it vectorises (`memcmp`, `memchr`, `memmove`) and
/// its allocator (`realloc`, `free`): the one place outside the system calls that reaches
/// the C library, so the readers and comparators import nothing platform-specific.
enum RawMemory {
    /// Whether `count` bytes at `a` and at `b` are equal (`memcmp`).
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        memcmp(a, b, count) == 0
    }

    /// The position (from `base`) of the first `byte` in `base[start..<end]`, or nil
    /// (`memchr`).
    @inline(__always)
    static func firstIndex(of byte: UInt8, in base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        guard start < end, let found = memchr(base + start, Int32(byte), end - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Moves `count` bytes from `base + from` to `base` (ranges may overlap: `memmove`).
    @inline(__always)
    static func moveToFront(_ base: UnsafeMutableRawPointer, from: Int, count: Int) {
        memmove(base, base + from, count)
    }

    /// `old` resized to `bytes` (a new block for nil), its contents kept; nil when memory
    /// runs out (`realloc`, which moves a large block by remapping its pages).
    static func resize(_ old: UnsafeMutableRawPointer?, to bytes: Int) -> UnsafeMutableRawPointer? {
        realloc(old, bytes)
    }

    /// Frees a block from `resize`.
    static func free(_ block: UnsafeMutableRawPointer?) {
        #if canImport(Glibc)
        Glibc.free(block)
        #elseif canImport(Darwin)
        Darwin.free(block)
        #endif
    }
}
