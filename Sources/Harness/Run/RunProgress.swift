import Foundation

/// A one-line progress indicator on a terminal
/// (`[3/8] running sales/notebook 12s, churn/pipeline 3s`), redrawn in place about once a
/// second so a long job shows it is alive, and cleared before other output; silent when
/// not on a terminal.
final class RunProgress: @unchecked Sendable {
    private let console: Console
    private let total: Int
    private let lock = Lock()
    private var done = 0
    /// Running jobs in the order they started, with when they started.
    private var running: [(label: String, started: Date)] = []
    private var shown = false
    private var ticking = false
    private var stopped = false

    init(console: Console, total: Int) {
        self.console = console
        self.total = total
    }

    func started(_ label: String) {
        lock.withLock {
            running.append((label, Date()))
            draw()
        }
        startTicking()
    }

    func finished(_ label: String) {
        lock.withLock {
            if let index = running.firstIndex(where: { $0.label == label }) { running.remove(at: index) }
            done += 1
            if done >= total { stopped = true }
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

    /// Prints `text` on a line of its own: the progress line is cleared first, under the
    /// lock, so a redraw can never land in the middle of it.
    func interject(_ text: String) {
        lock.withLock {
            if shown {
                console.out("\r\u{1B}[K")
                shown = false
            }
            console.out(text)
        }
    }

    /// One thread that redraws the line every second while jobs run, so the elapsed times
    /// move; it ends when every job has finished.
    private func startTicking() {
        guard console.isTerminal else { return }
        let start: Bool = lock.withLock {
            if ticking { return false }
            ticking = true
            return true
        }
        guard start else { return }
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 1)
                let more: Bool = lock.withLock {
                    if stopped { return false }
                    if !running.isEmpty { draw() }
                    return true
                }
                if !more { break }
            }
        }
        thread.start()
    }

    /// Called with the lock held.
    private func draw() {
        guard console.isTerminal, !stopped || !running.isEmpty else { return }
        let now = Date()
        let jobs = running.map { "\($0.label) \(Int(now.timeIntervalSince($0.started)))s" }
        var line = "[\(done)/\(total)] running " + jobs.joined(separator: ", ")
        if line.count > 100 { line = String(line.prefix(97)) + "..." }
        console.out("\r\u{1B}[K" + line)
        shown = true
    }
}
