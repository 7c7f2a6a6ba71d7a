import Foundation

/// A contract `harness init` drafted, checked against the file it came from before it is
/// written: some files fail every contract (pandas' `to_csv` writes its unnamed index under a
/// blank label, which Table Schema rejects), and a contract its own golden breaks would make
/// the new case fail and its goldens unrecorded.
enum DraftedContract {
    /// Nil when `text` validates `data`; otherwise what breaks it, as the validator counts it.
    static func problem(_ text: String, data: String) -> String? {
        let path = NSTemporaryDirectory() + "/harness-init-contract-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            try AtomicFile.write(text, to: path)
            let report = try ContractValidator.validate(data: data, contract: path, options: ValidateOptions(maxErrors: 1))
            if report.valid { return nil }
            let counts = report.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            return "the file breaks any contract drafted from it (\(counts))"
                + (report.counts.keys.contains("blank-label") ? "; name the index (to_csv(..., index_label=\"id\")) or write index=False" : "")
        } catch {
            return "the drafted contract could not be checked (\(error))"
        }
    }
}
