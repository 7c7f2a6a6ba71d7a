/// `--shard K/N`: a stable partition of case names, every case in exactly one shard.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    /// Parses `K/N` with 1 <= K <= N.
    /// - Throws: `HarnessError.usage` saying what a shard looks like.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 1, index <= count else {
            throw HarnessError.usage("--shard expects K/N with 1 <= K <= N, got \"\(text)\"", hint: "for example --shard 2/4")
        }
        self.index = index
        self.count = count
    }

    /// Whether `name` belongs to this shard: FNV-1a of the name, so a case stays in its shard
    /// however many other cases are added.
    public func contains(_ name: String) -> Bool {
        Int(FNV1a.hash(name.utf8) % UInt64(count)) == index - 1
    }

    public var description: String { "\(index)/\(count)" }
}
