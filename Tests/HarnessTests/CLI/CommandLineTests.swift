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
