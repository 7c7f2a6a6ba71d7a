import Foundation

/// A one-line progress indicator on a terminal (`[3/8] running sales/notebook, churn/pipeline`),
/// redrawn in place and cleared before other output; silent when not on a terminal.
final class RunProgress: @unchecked Sendable {
    private let console: Console
    private let total: Int
    private let lock = Lock()
    private var done = 0
    private var running: [String] = []
    private var shown = false

    init(console: Console, total: Int) {
        self.console = console
        self.total = total
    }

    func started(_ label: String) {
        lock.withLock {
            running.append(label)
            draw()
        }
    }

    func finished(_ label: String) {
        lock.withLock {
            if let index = running.firstIndex(of: label) { running.remove(at: index) }
            done += 1
            draw()
        }
    }

    func clear() {
        lock.withLock {
            guard shown else { return }
            console.out("\r\u{1B}[K")
            shown = false
        }
    }

    private func draw() {
        guard console.isTerminal else { return }
        var line = "[\(done)/\(total)] running " + running.joined(separator: ", ")
        if line.count > 100 { line = String(line.prefix(97)) + "..." }
        console.out("\r\u{1B}[K" + line)
        shown = true
    }
}
