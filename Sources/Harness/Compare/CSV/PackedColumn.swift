/// A growable array of fixed-size values in one malloc'd block, for the keyed index.
///
/// Why not `Array`: an array that outgrows its estimate copies itself into a buffer twice
/// its size, so both are resident for a moment and the peak memory doubles. `realloc`
/// moves a large block by remapping its pages, and grows it by a quarter, so the index
/// stays at its bytes per row even when the row estimate was low.
final class PackedColumn<Element: BitwiseCopyable> {
    private var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = Self.allocate(nil, self.capacity)
    }

    /// A column of `count` copies of `value`.
    convenience init(repeating value: Element, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    deinit { RawMemory.free(base) }

    /// Element `index`; stops the program when `index` is outside `0..<count`.
    subscript(index: Int) -> Element {
        @inline(__always) get {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "column index out of range")
            return base[index]
        }
        @inline(__always) set {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "column index out of range")
            base[index] = newValue
        }
    }

    @inline(__always)
    func append(_ value: Element) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = value
        count += 1
    }

    /// Makes the column `count` elements long when it is shorter, growing it as `append`
    /// does. The new elements hold whatever the memory held: write each before reading it
    /// (a later part of a file fills its rows while an earlier part is still filling its own;
    /// pages nobody has written yet take no memory).
    func extend(to count: Int) {
        guard count > self.count else { return }
        if count > capacity { grow(toHold: count) }
        self.count = count
    }

    private var elements: UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(start: base, count: count)
    }

    /// Calls `body` with the first `count` elements as a bounds-checked span, for passes
    /// that read many of them (one check of the column's count, not one per access).
    func withSpan<Result>(_ body: (Span<Element>) throws -> Result) rethrows -> Result {
        let buffer = UnsafeBufferPointer(elements)
        return try body(buffer.span)
    }

    /// Calls `body` with the first `count` elements as a bounds-checked mutable span, for
    /// passes that rearrange them in place.
    func withElements<Result>(_ body: (inout MutableSpan<Element>) throws -> Result) rethrows -> Result {
        let buffer = elements
        var span = buffer.mutableSpan
        return try body(&span)
    }

    /// Grows by a quarter at a time until `count` elements fit, in one reallocation.
    private func grow(toHold count: Int) {
        while capacity < count { capacity += capacity / 4 + 16 }
        base = Self.allocate(base, capacity)
    }

    private static func allocate(_ old: UnsafeMutablePointer<Element>?, _ capacity: Int) -> UnsafeMutablePointer<Element> {
        guard let raw = RawMemory.resize(old, to: capacity * MemoryLayout<Element>.stride) else {
            fatalError("out of memory for the keyed index (\(capacity) rows)")
        }
        return raw.assumingMemoryBound(to: Element.self)
    }
}
