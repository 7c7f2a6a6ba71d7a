import Foundation
import Testing
@testable import Harness

/// The progress line on a terminal names each running job with its elapsed seconds.
@Suite struct RunProgressTests {
    /// The last redraw of the line (after the last clear-line sequence).
    static func lastLine(_ console: BufferConsole) -> String {
        String(console.output.components(separatedBy: "\r\u{1B}[K").last ?? "")
    }

    @Test func eachRunningJobShowsItsElapsedTime() throws {
        let console = BufferConsole(isTerminal: true)
        let progress = RunProgress(console: console, total: 3)
        progress.started("sales/notebook")
        progress.started("sales/pipeline")
        let both = Self.lastLine(console)
        #expect(both.range(of: #"^\[0/3\] running sales/notebook \d+s, sales/pipeline \d+s$"#, options: .regularExpression) != nil, "\(both)")
        progress.finished("sales/notebook")
        let one = Self.lastLine(console)
        #expect(one.range(of: #"^\[1/3\] running sales/pipeline \d+s$"#, options: .regularExpression) != nil, "\(one)")
        progress.finished("sales/pipeline")
        progress.started("churn/notebook")
        progress.finished("churn/notebook")
        progress.clear()
        #expect(console.output.hasSuffix("\r\u{1B}[K"))
    }

    @Test func offATerminalNothingIsDrawn() {
        let console = BufferConsole(isTerminal: false)
        let progress = RunProgress(console: console, total: 1)
        progress.started("sales/notebook")
        progress.finished("sales/notebook")
        progress.clear()
        #expect(console.output.isEmpty)
    }
}
