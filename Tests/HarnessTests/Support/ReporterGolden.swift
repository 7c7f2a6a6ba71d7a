import Foundation
import Testing

/// Reporter output checked against golden files, re-recorded only with
/// `HARNESS_RECORD_FIXTURES=1` (never set in CI).
enum ReporterGolden {
    /// Compares `text` with the file at `path` and names the first differing line.
    static func expect(_ text: String, matches path: String, suite: String) throws {
        if ProcessInfo.processInfo.environment["HARNESS_RECORD_FIXTURES"] == "1" {
            try TestSupport.write(text, to: path)
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        guard text != golden else { return }
        let rendered = text.split(separator: "\n", omittingEmptySubsequences: false)
        let recorded = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(rendered, recorded).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(rendered.count, recorded.count)
        let got = line < rendered.count ? String(rendered[line]) : "<end of text>"
        let want = line < recorded.count ? String(recorded[line]) : "<end of file>"
        Issue.record("""
            \((path as NSString).lastPathComponent) differs from the golden file at line \(line + 1):
              rendered: \(got.prefix(300))
              golden:   \(want.prefix(300))
            If the change is intended: HARNESS_RECORD_FIXTURES=1 swift test --filter \(suite)
            """)
    }
}
