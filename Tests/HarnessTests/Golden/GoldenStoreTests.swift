import Foundation
import Testing
@testable import Harness

@Suite struct GoldenStoreTests {
    @Test func recordsAtomicallyAndListsUnused() throws {
        let folder = try TestSupport.temporaryFolder("golden")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = GoldenStore(folder: folder + "/golden")
        try TestSupport.write("a,b\n1,2\n", to: folder + "/produced.csv")
        #expect(!store.exists(case: "sales", output: "monthly.csv"))
        try store.record(folder + "/produced.csv", case: "sales", output: "monthly.csv")
        #expect(try String(contentsOfFile: store.path(case: "sales", output: "monthly.csv"), encoding: .utf8) == "a,b\n1,2\n")
        try TestSupport.write("{}", to: store.path(case: "sales", output: "old/stale.json"))
        #expect(store.files(of: "sales") == ["monthly.csv", "old/stale.json"])
        #expect(store.unused(case: "sales", declared: ["monthly.csv"]) == ["old/stale.json"])
        try store.prune(case: "sales", files: ["old/stale.json"])
        #expect(store.files(of: "sales") == ["monthly.csv"])
        // No temporary files are left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder + "/golden/sales")
        #expect(left == ["monthly.csv", "old"] || left.sorted() == ["monthly.csv", "old"])
    }

    @Test func aFailedCopyLeavesTheOldGoldenIntact() throws {
        let folder = try TestSupport.temporaryFolder("golden")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = GoldenStore(folder: folder)
        try TestSupport.write("old\n", to: store.path(case: "c", output: "o.csv"))
        #expect(throws: HarnessError.self) { try store.record(folder + "/does-not-exist.csv", case: "c", output: "o.csv") }
        #expect(try String(contentsOfFile: store.path(case: "c", output: "o.csv"), encoding: .utf8) == "old\n")
    }
}
