import Testing
@testable import Harness

@Suite struct ShardTests {
    @Test func shardsPartitionTheCases() throws {
        let names = (0..<200).map { "case-\($0)" }
        for count in 1...5 {
            var seen: [String: Int] = [:]
            for index in 1...count {
                let shard = try Shard(parsing: "\(index)/\(count)")
                for name in names where shard.contains(name) { seen[name, default: 0] += 1 }
            }
            #expect(seen.count == names.count)
            #expect(seen.values.allSatisfy { $0 == 1 })
        }
    }

    @Test(arguments: ["0/3", "4/3", "1/0", "a/b", "2", "1/2/3"])
    func badShardsAreUsageErrors(text: String) {
        #expect(throws: HarnessError.self) { try Shard(parsing: text) }
    }

    /// The shard of a name is fixed (FNV-1a of its bytes), so CI jobs split by `--shard` keep
    /// their cases when cases are added and across harness versions. Pinned values: a change
    /// of hash would move cases between CI jobs, which users would notice.
    @Test(arguments: [("sales", 4, 1), ("churn", 2, 3), ("forecast", 1, 3), ("new-one", 1, 1), ("case-1", 4, 2)])
    func aCaseStaysInItsShardWhenCasesAreAdded(name: String, shardOfFour: Int, shardOfThree: Int) throws {
        for (count, expected) in [(4, shardOfFour), (3, shardOfThree)] {
            let holders = try (1...count).filter { try Shard(parsing: "\($0)/\(count)").contains(name) }
            #expect(holders == [expected], "\(name) in shards of \(count)")
        }
    }
}
