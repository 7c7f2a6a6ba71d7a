import Foundation

/// A `pattern` constraint: the regular expression must match the whole value, as XML
/// Schema patterns do (frictionless anchors it the same way).
///
/// Matching goes through `NSRegularExpression`; results for repeated values are kept in a
/// small memo (columns with a pattern are mostly codes with few distinct values).
final class CellPattern: @unchecked Sendable {
    let source: String
    private let expression: NSRegularExpression
    /// The DFA for ASCII cells, when the pattern is in the subset it compiles.
    let automaton: PatternAutomaton?
    // Guarded by `lock`: a validator may be shared between runs on several threads.
    private let lock = Lock()
    private var memo: [UInt64: Bool] = [:]
    private static let memoLimit = 4096

    /// - Throws: the regular expression engine's complaint, when the pattern is invalid.
    init(_ source: String) throws {
        self.source = source
        expression = try NSRegularExpression(pattern: "^(?:" + source + ")$", options: [])
        automaton = PatternAutomaton(source)
    }

    func matches(_ bytes: ByteRun) -> Bool {
        if let automaton, let result = automaton.plan.matches(bytes) { return result }
        return generalMatch(bytes)
    }

    /// The general engine, for patterns or cells outside the automaton's subset.
    func generalMatch(_ bytes: ByteRun) -> Bool {
        let key = Fingerprint.of(bytes: bytes, seed: 99)
        if let known = lock.withLock({ memo[key] }) { return known }
        let text = String(decoding: bytes, as: UTF8.self)
        let range = NSRange(text.startIndex..., in: text)
        let result = expression.firstMatch(in: text, options: [.anchored], range: range) != nil
        lock.withLock {
            if memo.count >= CellPattern.memoLimit { memo.removeAll(keepingCapacity: true) }
            memo[key] = result
        }
        return result
    }
}
