import Foundation
import Testing
@testable import Harness

/// Issue 14, item 4: data (column names, JSON keys, cells, exception messages, file names)
/// never becomes a command, for the terminal or for the GitHub Actions runner.
@Suite struct HostileOutputTests {
    static let forged = "x\n::stop-commands::pwned\n  ::add-mask::secret\n##[error]v1"
    static let escape = "t\u{1B}]0;title\u{07}\u{1B}[2J\u{9B}31m\u{202E}"

    /// Whether a line is one the runner would read as a workflow command.
    static func isCommand(_ line: Substring) -> Bool {
        line.drop { $0.isWhitespace }.hasPrefix("::") || line.contains("##[")
    }

    static func expectNoCommandOrControl(_ text: String, allowing annotations: Bool = false,
                                         sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for line in text.split(separator: "\n") where isCommand(line) {
            let ours = annotations && (line.hasPrefix("::error ") || line.hasPrefix("::warning "))
            #expect(ours, "a data line reads as a workflow command: \(line)", sourceLocation: sourceLocation)
        }
        for byte in text.utf8 where (byte < 0x20 && byte != 0x0A) || byte == 0x7F {
            Issue.record("raw control byte \(byte) reached the output", sourceLocation: sourceLocation)
            return
        }
        #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0 == "\u{202E}" },
                sourceLocation: sourceLocation)
    }

    @Test func terminalTextSpellsOutControlsAndKeepsOnlyOurOwnColours() {
        #expect(TerminalText.visible("a\u{1B}]0;x\u{07}b\u{0}\n\r\t\u{9B}\u{202E}")
                == "a\\x1b]0;x\\x07b\\x00\\n\\r\\t\\x9b\\u{202e}")
        #expect(TerminalText.visible("plain é 数") == "plain é 数")
        #expect(TerminalText.lines("a\nb\u{1B}c") == "a\nb\\x1bc")
        let ours = TerminalStyle(color: true).red("bad") + "\n"
        #expect(TerminalText.guarded(ours) == ours)
        #expect(TerminalText.guarded("\u{1B}]52;c;cHdu\u{07}\u{1B}[8m") == "\\x1b]52;c;cHdu\\x07\\x1b[8m")
    }

    @Test func workflowCommandsInDataAreNeutralisedAndAnnotationDataIsEscaped() {
        let neutral = WorkflowCommandText.neutralised("ok\n" + Self.forged + "\r\n::a\r::b\nmid :: line")
        #expect(neutral == "ok\nx\n%3A:stop-commands::pwned\n  %3A:add-mask::secret\n#%23[error]v1\r\n%3A:a\r%3A:b\nmid :: line")
        #expect(WorkflowCommandText.data("50%\r\n::x") == "50%25%0D%0A::x")
        #expect(WorkflowCommandText.property("a:b,c\n") == "a%3Ab%2Cc%0A")
    }

    @Test func markdownTextShowsHTMLAndMarkdownAsText() {
        let text = MarkdownText.escaped("<img src=x onerror=alert(1)> **b** [l](http://e) | @team :x: &amp;\n# h")
        #expect(!text.contains("<") && !text.contains(">"))
        #expect(text.contains("&lt;img") && text.contains("&amp;amp;"))
        #expect(text.contains("\\*\\*b\\*\\*") && text.contains("\\[l\\](http://e)") && text.contains("\\|"))
        #expect(text.contains("\\@team") && !text.contains("\n"))
        #expect(MarkdownText.code("a`b") == "<code>a\\`b</code>")
    }

    /// GitHub annotations and the step summary of a run whose data is hostile.
    @Test func runReportUnderGitHubActionsHasOnlyOurAnnotations() {
        var report = SampleRunReports.failing
        report.cases[1].name = "sales" + Self.forged
        report.cases[1].checks = report.cases[1].checks.map { check in
            var check = check
            check.output = (check.output ?? "") + Self.forged + Self.escape
            if case .goldenDiffers(var diff, let drift, let rerun) = check.finding {
                diff.diffs = diff.diffs.map { difference in
                    var difference = difference
                    difference.column = Self.forged
                    difference.expected = "<img src=x onerror=alert(1)>" + Self.escape
                    return difference
                }
                check.finding = .goldenDiffers(diff, drift: drift, rerun: rerun)
            }
            return check
        }
        let annotations = GitHubRenderer.annotations(report)
        for line in annotations.split(separator: "\n") {
            #expect(line.hasPrefix("::error ") || line.hasPrefix("::warning "), "\(line)")
        }
        let summary = GitHubRenderer.stepSummary(report)
        #expect(!summary.contains("<img"))
        #expect(!summary.contains("\u{1B}"))
        let console = BufferConsole()
        console.out(RunTerminalRenderer.details(report, color: false))
        Self.expectNoCommandOrControl(TerminalText.guarded(WorkflowCommandText.neutralised(console.output)))
        #expect(!RunTerminalRenderer.details(report, color: false).contains("\u{1B}"), "the renderer escapes data itself")
    }

    func harness(_ files: [String: String], _ arguments: [String]) throws -> TestSupport.Result {
        let folder = try TestSupport.temporaryFolder("hostile-out")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, text) in files { try TestSupport.write(text, to: folder + "/" + name) }
        return try TestSupport.runHarness(arguments, in: folder, environment: ["GITHUB_ACTIONS": "true"])
    }

    static func quoted(_ text: String) -> String { "\"" + text.replacing("\"", with: "\"\"") + "\"" }

    @Test func diffOfHostileColumnsValuesAndKeysPrintsNoCommandAndNoControl() throws {
        let columns = [Self.quoted("id"), Self.quoted(Self.forged), Self.quoted(Self.escape)].joined(separator: ",")
        let expected = columns + ",gone\n1," + Self.quoted(Self.forged) + "," + Self.quoted(Self.escape) + ",x\n"
        let actual = columns + "," + Self.quoted("new\n::error::x") + "\n1," + Self.quoted("b\n::add-mask::s") + ",\u{1B}[5m,y\n"
        let csv = try harness(["a.csv": expected, "b.csv": actual], ["diff", "a.csv", "b.csv", "--key", "id"])
        #expect(csv.status == 1, "\(csv.stderr)")
        Self.expectNoCommandOrControl(csv.stdout + csv.stderr)
        #expect(csv.stdout.contains("\\x1b"), "controls are shown, not dropped")

        let key = JSONValue.string(Self.forged + Self.escape + "\u{0}").compactText
        let json = try harness(["a.json": "{\(key): 1, \"v\": \(key)}", "b.json": "{\(key): 2, \"v\": 1}"],
                               ["diff", "a.json", "b.json"])
        #expect(json.status == 1, "\(json.stderr)")
        Self.expectNoCommandOrControl(json.stdout + json.stderr)

        let unknown = try harness(["a.csv": expected], ["diff", "a.csv", "a.csv", "--key", Self.forged + Self.escape])
        #expect(unknown.status == 2)
        Self.expectNoCommandOrControl(unknown.stdout + unknown.stderr)

        let name = "n\n::error::f\u{1B}x.csv"
        let missing = try harness([:], ["diff", name, "a.csv"])
        #expect(missing.status == 2)
        Self.expectNoCommandOrControl(missing.stdout + missing.stderr)
    }
}
