import Foundation
import Testing
@testable import Harness

/// Issue 14, item 8: a report path that is not a regular file is refused (exit 2, nothing
/// replaced); a link to a regular file is written through and stays a link.
@Suite struct ReportFileTests {
    static func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    func diff(in folder: String, _ option: String, _ path: String) throws -> TestSupport.Result {
        try TestSupport.write("x\n1\n", to: folder + "/a.csv")
        return try TestSupport.runHarness(["diff", "a.csv", "a.csv", option, path], in: folder)
    }

    @Test(arguments: ["--json", "--html"])
    func aFIFOAFolderAndALinkToADeviceAreRefusedAndLeftAsTheyAre(option: String) throws {
        let folder = try TestSupport.temporaryFolder("report-path")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        mkfifo(folder + "/pipe", 0o644)
        try FileManager.default.createDirectory(atPath: folder + "/dir", withIntermediateDirectories: true)
        symlink("/dev/null", folder + "/null-link")
        for (name, type, words) in [("pipe", FileAttributeType.typeUnknown, "FIFO"), ("dir", .typeDirectory, "folder"),
                                    ("null-link", .typeSymbolicLink, "device")] {
            let result = try diff(in: folder, option, name)
            #expect(result.status == 2, "\(name): \(result.stderr)")
            #expect(result.stderr.contains(words) && result.stderr.contains("regular file"), "\(result.stderr)")
            if type != .typeUnknown { #expect(Self.fileType(folder + "/" + name) == type) }
        }
        var info = stat()
        #expect(lstat(folder + "/pipe", &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO is still a FIFO")
    }

    @Test func aDeviceNodeIsNeverReplaced() throws {
        let folder = try TestSupport.temporaryFolder("report-path")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try diff(in: folder, "--json", "/dev/full")
        #expect(result.status == 2)
        #expect(result.stderr.contains("/dev/full: error: is a device"), "\(result.stderr)")
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test func aLinkToARegularFileIsWrittenThroughAndStaysALink() throws {
        let folder = try TestSupport.temporaryFolder("report-path")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestSupport.write("old\n", to: folder + "/reports/target.json")
        symlink("reports/target.json", folder + "/link.json")
        symlink("reports/new.json", folder + "/dangling.json")
        for name in ["link.json", "dangling.json"] {
            let result = try diff(in: folder, "--json", name)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Self.fileType(folder + "/" + name) == .typeSymbolicLink)
        }
        #expect(ExecutionFixtures.read(folder + "/reports/target.json").contains("\"equal\""))
        #expect(ExecutionFixtures.read(folder + "/reports/new.json").contains("\"equal\""))
    }
}
