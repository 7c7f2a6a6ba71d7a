/// The files a traced run opened (`Python/open_trace.py`), relative to its sandbox.
struct OpenTrace: Equatable {
    /// Files read that the run had not written first, in first-read order.
    var reads: [String] = []
    /// Files written, in first-write order.
    var writes: [String] = []

    /// Reads the trace lines (`R<TAB>path` / `W<TAB>path`), keeping paths under `sandbox`.
    init(text: String, sandbox: String) {
        let root = sandbox.hasSuffix("/") ? sandbox : sandbox + "/"
        var written = Set<String>()
        var read = Set<String>()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, String(parts[1]).hasPrefix(root) else { continue }
            let relative = String(String(parts[1]).dropFirst(root.count))
            // Python's own caches and hidden files are not the notebook's data.
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") || $0 == "__pycache__" }) { continue }
            if parts[0] == "W" {
                if written.insert(relative).inserted { writes.append(relative) }
            } else if !written.contains(relative), read.insert(relative).inserted {
                reads.append(relative)
            }
        }
    }

    init(reads: [String], writes: [String]) {
        self.reads = reads
        self.writes = writes
    }

    /// Whether a written file is compared: CSV, JSON or JSON Lines.
    static func isComparable(_ path: String) -> Bool {
        let lower = path.lowercased()
        return [".csv", ".tsv", ".json", ".jsonl", ".ndjson"].contains { lower.hasSuffix($0) }
    }
}
