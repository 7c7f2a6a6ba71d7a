import Testing
@testable import Harness

/// The keyed indexes' in-place sort (BucketSort), with several cycles of moves in flight.
@Suite struct BucketSortTests {
    /// Values whose bucket is their top bits, and where each came from.
    struct Values: BucketSortable {
        let values: PackedColumn<UInt64>
        let origins: PackedColumn<Int>
        let shift: UInt64

        func entry(at position: Int) -> UInt64 { values[position] }
        func place(_ entry: UInt64, from origin: Int, at position: Int) {
            values[position] = entry
            origins[position] = origin
        }
        func bucket(of entry: UInt64) -> Int { shift >= 64 ? 0 : Int(entry >> shift) }
    }

    /// Sorts `input` into `buckets` (a power of two) and checks that every bucket holds
    /// its values and each value lies once, with the position it came from.
    static func check(_ input: [UInt64], buckets: Int) {
        let shift = UInt64(64 - buckets.trailingZeroBitCount)
        let values = PackedColumn<UInt64>(capacity: input.count)
        for value in input { values.append(value) }
        let origins = PackedColumn<Int>(repeating: -1, count: input.count)
        let sorted = Values(values: values, origins: origins, shift: shift)
        let directory = PackedColumn<UInt32>(repeating: 0, count: buckets + 1)
        for value in input { directory[sorted.bucket(of: value) + 1] += 1 }
        for bucket in 0..<buckets { directory[bucket + 1] += directory[bucket] }
        BucketSort.sort(sorted, directory: directory, buckets: buckets)

        var seen = [Bool](repeating: false, count: input.count)
        for bucket in 0..<buckets {
            for position in Int(directory[bucket])..<Int(directory[bucket + 1]) {
                #expect(sorted.bucket(of: values[position]) == bucket, "position \(position) holds another bucket's value")
                let origin = origins[position]
                guard origin >= 0 && origin < input.count else {
                    Issue.record("position \(position) was never written")
                    continue
                }
                #expect(!seen[origin], "value from \(origin) placed twice")
                seen[origin] = true
                #expect(values[position] == input[origin], "position \(position) holds \(values[position]), not the value from \(origin)")
            }
        }
        #expect(seen.allSatisfy { $0 }, "some values were lost")
    }

    @Test func everyValueLandsOnceInItsBucket() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 17, 1000, 40_000] {
            for buckets in [1, 2, 16, 1024] {
                Self.check((0..<count).map { _ in UInt64.random(in: .min ... .max, using: &generator) }, buckets: buckets)
            }
        }
    }

    /// Skewed inputs: one bucket only, most in one bucket, few buckets used, already in order
    /// and in reverse (cycles that end at once, cycles joining each other's holes).
    @Test func skewedAndOrderedInputs() {
        var generator = SystemRandomNumberGenerator()
        let top: (Int) -> UInt64 = { UInt64($0) << 54 }  // bucket $0 of 1024
        let random = { (count: Int, buckets: [Int], generator: inout SystemRandomNumberGenerator) in
            (0..<count).map { _ in top(buckets.randomElement(using: &generator) ?? 0) | UInt64.random(in: 0..<(1 << 54), using: &generator) }
        }
        Self.check(random(5000, [7], &generator), buckets: 1024)
        Self.check(random(5000, [3, 3, 3, 3, 3, 3, 3, 900], &generator), buckets: 1024)
        Self.check(random(5000, [0, 1023], &generator), buckets: 1024)
        Self.check(random(5000, Array(0..<20), &generator), buckets: 1024)
        let ordered = (0..<8000).map { top($0 / 8) }
        Self.check(ordered, buckets: 1024)
        Self.check(ordered.reversed(), buckets: 1024)
        // Pairs swapped across buckets: many two-move cycles, started together.
        Self.check((0..<8000).map { top(($0 / 8) ^ 1) }, buckets: 1024)
    }
}
