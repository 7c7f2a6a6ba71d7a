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

/// Goldens written as one batch, only inside the golden folder, by one writer at a time.
@Suite struct GoldenBatchTests {
    @Test func aGoldenThatCannotBeStagedMeansNoneIsWritten() throws {
        let folder = try TestSupport.temporaryFolder("golden-batch")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = GoldenStore(folder: folder + "/golden")
        try TestSupport.write("old\n", to: store.path(case: "a", output: "o.csv"))
        try TestSupport.write("new\n", to: folder + "/new.csv")
        let batch = GoldenBatch(store: store)
        try batch.stage(folder + "/new.csv", case: "a", output: "o.csv")
        try batch.stage(folder + "/new.csv", case: "b", output: "p.csv")
        #expect(batch.stagedPath(of: store.path(case: "a", output: "o.csv")) != nil)
        #expect(throws: HarnessError.self) { try batch.stage(folder + "/missing.csv", case: "c", output: "q.csv") }
        #expect(throws: HarnessError.self) { try batch.commit() }
        #expect(try String(contentsOfFile: store.path(case: "a", output: "o.csv"), encoding: .utf8) == "old\n")
        #expect(!store.exists(case: "b", output: "p.csv"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/golden/a") == ["o.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/golden/b") == [])
    }

    @Test func aStagedBatchIsWrittenWhole() throws {
        let folder = try TestSupport.temporaryFolder("golden-batch")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = GoldenStore(folder: folder + "/golden")
        try TestSupport.write("new\n", to: folder + "/new.csv")
        let batch = GoldenBatch(store: store)
        try batch.stage(folder + "/new.csv", case: "a", output: "o.csv")
        try batch.stage(folder + "/new.csv", case: "b", output: "sub/p.csv")
        #expect(!store.exists(case: "a", output: "o.csv"))
        try batch.commit()
        #expect(store.files(of: "a") == ["o.csv"])
        #expect(store.files(of: "b") == ["sub/p.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/golden/a") == ["o.csv"])
    }

    @Test func staleTemporaryFilesOfAKilledRunAreRemoved() throws {
        let folder = try TestSupport.temporaryFolder("golden-stale")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = GoldenStore(folder: folder)
        try TestSupport.write("a\n", to: store.path(case: "c", output: "o.csv"))
        try TestSupport.write("torn", to: folder + "/c/.o.csv.tmp-123-456")
        #expect(store.files(of: "c") == ["o.csv"])
        #expect(store.removeStaleTemporaries() == [folder + "/c/.o.csv.tmp-123-456"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/c") == ["o.csv"])
    }

    @Test func aSymlinkedCaseFolderLeadingOutsideIsRefused() throws {
        let folder = try TestSupport.temporaryFolder("golden-link")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/golden", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/outside", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/golden/sales", withDestinationPath: folder + "/outside")
        try TestSupport.write("x\n", to: folder + "/new.csv")
        try TestSupport.write("keep\n", to: folder + "/outside/old.csv")
        let store = GoldenStore(folder: folder + "/golden")
        #expect {
            try store.record(folder + "/new.csv", case: "sales", output: "o.csv")
        } throws: { error in
            DiagnosticRenderer.render(error).contains("outside the golden folder")
        }
        #expect(throws: HarnessError.self) { try store.prune(case: "sales", files: ["old.csv"]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/outside") == ["old.csv"])
        #expect(throws: HarnessError.self) { try store.record(folder + "/new.csv", case: "..", output: "o.csv") }
        // A link that stays inside the golden folder is fine.
        try FileManager.default.createDirectory(atPath: folder + "/golden/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/golden/alias", withDestinationPath: folder + "/golden/real")
        try store.record(folder + "/new.csv", case: "alias", output: "o.csv")
        #expect(FileBytes.exists(folder + "/golden/real/o.csv"))
    }

    @Test func aSecondWriterIsToldWhoHoldsTheLock() throws {
        let folder = try TestSupport.temporaryFolder("golden-lock")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try GoldenLock(folder: folder, holder: "harness run --update-golden")
        #expect {
            _ = try GoldenLock(folder: folder, holder: "harness run --update-golden")
        } throws: { error in
            let text = DiagnosticRenderer.render(error)
            return text.contains("pid \(getpid())") && text.contains("harness run --update-golden")
        }
        first.unlock()
        #expect(!FileManager.default.fileExists(atPath: folder + "/" + GoldenLock.fileName))
        let second = try GoldenLock(folder: folder, holder: "again")
        second.unlock()
    }
}
