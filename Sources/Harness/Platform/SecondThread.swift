import Foundation

/// Two jobs side by side: the second on a thread of its own, started first, the first on the
/// calling thread (a split CSV comparison, the byte-equal JSON halves). The first
/// `DispatchQueue.concurrentPerform` of a process went through Dispatch's pool start-up (two
/// threads made, the worker running up to 5 ms late); a thread made here runs 0.15-3.5 ms
/// after `start` on this machine (an idle virtual CPU waking), and the byte-equal 50 MB
/// document took 26.0 ms against 27.1 ms.
enum SecondThread {
    /// Runs `second` on a new thread and `first` here; returns when both have.
    static func run(_ second: @escaping @Sendable () -> Void, alongside first: () -> Void) {
        let done = DispatchSemaphore(value: 0)
        start(second, done: done)
        first()
        done.wait()
    }

    /// Runs `body(1)` … `body(count - 1)` on threads of their own and `body(0)` here;
    /// returns when all have. Each runs on a thread, never queued behind another, so the
    /// jobs may wait on one another (a pool could run them one after the other).
    static func run(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let done = DispatchSemaphore(value: 0)
        for job in 1..<max(count, 1) { start({ body(job) }, done: done) }
        body(0)
        for _ in 1..<max(count, 1) { done.wait() }
    }

    /// `run(count:)` for jobs that each give a value: the values, in job order.
    static func map<Value: Sendable>(count: Int, _ body: @escaping @Sendable (Int) -> Value) -> [Value] {
        let results = JobResults<Value>(count: max(count, 1))
        run(count: count) { job in results.set(job, body(job)) }
        return results.values
    }

    /// Starts `job` on a new thread with a 4 MiB stack; `done` is signalled after it.
    private static func start(_ job: @escaping @Sendable () -> Void, done: DispatchSemaphore) {
        let thread = Thread {
            job()
            done.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }
}

/// What `SecondThread.map`'s jobs give, one slot each.
private final class JobResults<Value: Sendable>: @unchecked Sendable {
    // Guarded by `lock`.
    private var slots: [Value?]
    private let lock = Lock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ job: Int, _ value: Value) { lock.withLock { slots[job] = value } }

    /// Every slot's value (each job has set its own by the time `run` returns).
    var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}
