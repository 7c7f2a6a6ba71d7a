import Testing
@testable import Harness

@Suite struct CommandLineTests {
    @Test func versionAndHelpExitZero() throws {
        let version = try TestSupport.runHarness(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "harness \(HarnessVersion.current)\n")
        for command in ["diff", "validate", "run"] {
            let help = try TestSupport.runHarness([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE: harness \(command)"))
            #expect(help.stdout.contains("EXAMPLE:\n  harness \(command)"))
        }
    }

    /// The usage line is what people copy: it names every option the help lists.
    @Test(arguments: ["diff", "validate", "run"])
    func theUsageLineNamesEveryOption(command: String) throws {
        let help = try TestSupport.runHarness([command, "--help"]).stdout
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let usage = try #require(lines.first { $0.hasPrefix("USAGE: ") })
        let start = try #require(lines.firstIndex(of: "OPTIONS:"))
        let options = lines[(start + 1)...].prefix { !$0.isEmpty }.compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(options.count >= 4)
        for option in options where option != "--help" {
            #expect(usage.contains(option), "\(command): \(option) is missing from \(usage)")
        }
        #expect(usage.contains("[--html PATH]"))
    }

    @Test func unknownCommandSuggestsTheNearestAndExitsTwo() throws {
        let result = try TestSupport.runHarness(["valdiate"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown command \"valdiate\""))
        #expect(result.stderr.contains("did you mean \"validate\"?"))
    }

    @Test func unknownFlagSuggestsTheNearestAndExitsTwo() throws {
        let result = try TestSupport.runHarness(["diff", "a.csv", "b.csv", "--rtoll", "1e-9"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did you mean \"--rtol\"?"))
    }

    @Test func badNumberIsAUsageError() throws {
        let result = try TestSupport.runHarness(["diff", "a.csv", "b.csv", "--rtol", "lots"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--rtol expects a number"))
    }
}
