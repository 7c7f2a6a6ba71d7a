import Foundation

/// Two jobs side by side: the second on a thread of its own, started first, the first on the
/// calling thread. A thread made for the purpose starts within about 0.1 ms; the first
/// `DispatchQueue.concurrentPerform` of a process started its worker 0.4-5 ms late, which on
/// a 25 ms job (a byte-equal 50 MB document) left one half waiting for the other.
enum SecondThread {
    /// Runs `second` on a new thread and `first` here; returns when both have.
    static func run(_ second: @escaping @Sendable () -> Void, alongside first: () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            second()
            done.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
        first()
        done.wait()
    }
}
