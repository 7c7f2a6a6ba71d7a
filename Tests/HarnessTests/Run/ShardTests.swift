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

    @Test func aCaseStaysInItsShardWhenCasesAreAdded() throws {
        let shard = try Shard(parsing: "2/4")
        let before = ["sales", "churn", "forecast"].filter(shard.contains)
        let after = ["sales", "churn", "forecast", "new-one", "another"].filter(shard.contains)
        #expect(before.allSatisfy(after.contains))
    }
}
