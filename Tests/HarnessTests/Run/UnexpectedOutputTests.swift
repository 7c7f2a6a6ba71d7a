import Foundation
import Testing
@testable import Harness

/// Data files a run writes beside its declared outputs that no output declares.
@Suite(.tags(.python)) struct UnexpectedOutputTests {
    /// The fixture with a pipeline that also writes out/debug.csv (and a log, not data).
    func fixture(policy: String?) throws -> RunFixture {
        let fixture = try RunFixture()
        try fixture.replace("pipeline/totals/__main__.py", "main()\n", with: """
        main()
        with open("out/debug.csv", "w") as handle:
            handle.write("x\\n1\\n")
        with open("out/debug.log", "w") as handle:
            handle.write("not data")

        """)
        if let policy {
            try fixture.replace("harness.json", "\"notebook\": \"notebook.ipynb\",", with: "\"notebook\": \"notebook.ipynb\", \"unexpected_outputs\": \"\(policy)\",")
        }
        return fixture
    }

    @Test func anUndeclaredDataFileIsAWarningThatSaysHowToDeclareIt() throws {
        let fixture = try fixture(policy: nil)
        let (result, report) = try fixture.run()
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("warning: basic: the pipeline wrote out/debug.csv, which no output declares"))
        #expect(result.stdout.contains(#"cases.basic.outputs "debug.csv": {"path": "out/debug.csv"}"#))
        #expect(!result.stdout.contains("debug.log"))
        let found = report?["cases"]?.arrayValue?.first?["unexpected_outputs"]?.arrayValue
        #expect(found?.count == 1)
        #expect(found?.first?["side"] == .string("pipeline"))
        #expect(found?.first?["path"] == .string("out/debug.csv"))
    }

    @Test func unexpectedOutputsFailMakesThemAFailure() throws {
        let fixture = try fixture(policy: "fail")
        let (result, report) = try fixture.run()
        #expect(result.status == 1, "\(result.stdout)")
        let failed = RunFixture.checks(report).filter { $0.status == "failed" }
        #expect(failed.map(\.kind) == ["unexpected_output"])
        #expect(failed.first?.output == "out/debug.csv")
        #expect(failed.first?.side == "pipeline")
    }

    @Test func ignoreLooksNoFurther() throws {
        let fixture = try fixture(policy: "ignore")
        let (result, _) = try fixture.run()
        #expect(result.status == 0)
        #expect(!result.stdout.contains("debug.csv"))
    }
}
