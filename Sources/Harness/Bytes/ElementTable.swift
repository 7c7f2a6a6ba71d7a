// Design: fixed tables of structs read and updated in place, with checked indices.
//
// The table checker keeps one entry per field (its plan, its caster and constraints, its
// counters) and touches several of them for every cell. Swift arrays of such structs cost
// a uniqueness check on every write and, held by a class, an exclusivity check on every
// access; copying an entry out retains every reference it holds. An `ElementTable` is the
// alternative without pointer code at the call site: memory allocated once by its owner,
// whose elements are read and written where they lie through subscripts that check the
// index (in release builds too). An `ElementRef` is one element of a table, its index
// checked once when it is taken.
//
// Neither owns its memory: the owner calls `deallocate()` once, when nothing uses the
// table any more (the table checker, in its deinit).

/// A fixed number of elements read and written in place, with bounds-checked indices.
///
/// One word, like the pointer it replaces: the count lives in the allocation, just before
/// the elements, so that a checker's hot calls pass a table in one register.
// `@unchecked Sendable`: a checker's tables are used by one thread at a time (each stretch
// of a parallel validation has its own checker); automata's tables are read-only once built.
struct ElementTable<Element>: @unchecked Sendable {
    // `unsafe`: `count` initialised elements after a header that holds `count`, allocated
    // by `init(_:)`, freed by `deallocate()`.
    private let base: UnsafeMutablePointer<Element>

    /// Bytes before the elements: room for the count, keeping the elements aligned.
    private static var header: Int { max(MemoryLayout<Int>.stride, MemoryLayout<Element>.alignment) }

    /// A table holding `elements`, to be freed with `deallocate()`.
    init(_ elements: [Element]) {
        let header = Self.header
        let block = UnsafeMutableRawPointer.allocate(byteCount: header + max(elements.count, 1) * MemoryLayout<Element>.stride,
                                                     alignment: max(MemoryLayout<Int>.alignment, MemoryLayout<Element>.alignment))
        (block + header - MemoryLayout<Int>.stride).storeBytes(of: elements.count, as: Int.self)
        base = (block + header).bindMemory(to: Element.self, capacity: max(elements.count, 1))
        base.initialize(from: elements, count: elements.count)
    }

    /// How many elements the table holds.
    @inline(__always)
    var count: Int { (UnsafeRawPointer(base) - MemoryLayout<Int>.stride).load(as: Int.self) }

    /// Ends the elements' lives and frees their memory; the table is not used after it.
    func deallocate() {
        base.deinitialize(count: count)
        (UnsafeMutableRawPointer(base) - Self.header).deallocate()
    }

    /// Element `index`, read and written where it lies; stops the program when `index` is
    /// outside `0..<count`.
    subscript(index: Int) -> Element {
        @inline(__always) unsafeAddress {
            // One unsigned comparison: a negative index is a huge unsigned one.
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "table index out of range")
            return UnsafePointer(base + index)
        }
        @inline(__always) nonmutating unsafeMutableAddress {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "table index out of range")
            return base + index
        }
    }

    /// Element `index` where its caller has already proved `index` in range (as
    /// `Span.subscript(unchecked:)`): each use says, beside it, where that proof is. For the
    /// per-cell loops, whose indices are checked once when their tables are built.
    @inline(__always)
    subscript(unchecked index: Int) -> Element {
        @inline(__always) unsafeAddress { UnsafePointer(base + index) }
        @inline(__always) nonmutating unsafeMutableAddress { base + index }
    }

    /// Element `index` as a reference, without a check (see `subscript(unchecked:)`).
    @inline(__always)
    func ref(unchecked index: Int) -> ElementRef<Element> {
        ElementRef(base + index)
    }

    /// Element `index` as a reference, its index checked now.
    @inline(__always)
    func ref(_ index: Int) -> ElementRef<Element> {
        precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "table index out of range")
        return ElementRef(base + index)
    }
}

/// One element of an `ElementTable`, read and written in place.
struct ElementRef<Element> {
    // `unsafe`: an element of a live table (`ElementTable.ref` checked the index).
    private let pointer: UnsafeMutablePointer<Element>

    @inline(__always)
    fileprivate init(_ pointer: UnsafeMutablePointer<Element>) {
        self.pointer = pointer
    }

    /// The element.
    var value: Element {
        @inline(__always) unsafeAddress { UnsafePointer(pointer) }
        @inline(__always) nonmutating unsafeMutableAddress { pointer }
    }
}

extension ElementTable where Element == UInt8 {
    /// The bytes as a run, valid while the table is.
    var bytes: ByteRun { ByteRun(start: UnsafePointer(base), count: count) }
}

/// A value for each of the 256 bytes: indexed by a byte, it cannot be indexed outside, so
/// its reads need no check (the byte classes of a pattern automaton).
// `@unchecked Sendable`: read-only once built.
struct ByteMap: @unchecked Sendable {
    // `unsafe`: 256 bytes, allocated by `init(_:)`, freed by `deallocate()`.
    private let base: UnsafeMutablePointer<UInt8>

    /// A map from `values`, which holds 256 entries; to be freed with `deallocate()`.
    init(_ values: [UInt8]) {
        precondition(values.count == 256, "a byte map has 256 entries")
        base = .allocate(capacity: 256)
        base.initialize(from: values, count: 256)
    }

    func deallocate() { base.deallocate() }

    @inline(__always)
    subscript(byte: UInt8) -> UInt8 { base[Int(byte)] }
}
