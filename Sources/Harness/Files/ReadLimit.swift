/// The most bytes harness holds in memory for one file read whole (a JSON document, a
/// contract, a config) or for one JSON Lines record, so that `/dev/zero`-like input, or a
/// file far larger than meant, ends with a clear error instead of exhausting memory.
///
/// 512 MiB unless `HARNESS_MAX_DOCUMENT_BYTES` says otherwise: a number of bytes, or with
/// `K`, `M` or `G` (binary units), e.g. `2G`. Streamed data (CSV, JSON Lines) is not
/// limited as a whole; only what must sit in memory at once is.
public enum ReadLimit {
    public static let environmentName = "HARNESS_MAX_DOCUMENT_BYTES"
    public static let defaultBytes = 512 << 20

    /// The limit in force (read from the environment once).
    public static let bytes: Int = ProcessEnvironment.current[environmentName].flatMap(parse) ?? defaultBytes

    /// `"1048576"`, `"64K"`, `"512M"`, `"2G"`; nil for anything else (zero included).
    public static func parse(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text.uppercased())
        var unit = 1
        if let last = digits.last, let scale = units[last] {
            unit = scale
            digits = digits.dropLast()
        }
        guard let value = Int(digits), value > 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: unit)
        return overflow ? nil : product
    }

    /// "512 MiB": the limit as people read it.
    static func shown(_ bytes: Int) -> String {
        for (unit, name) in [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")] where bytes >= unit && bytes % unit == 0 {
            return "\(bytes / unit) \(name)"
        }
        return "\(bytes) bytes"
    }

    /// The error for `path` going over the limit; `what` says what was too large.
    static func exceeded(_ path: String, _ what: String) -> HarnessError {
        .io(path: path, reason: "\(what) is larger than the \(shown(bytes)) harness holds in memory",
            hint: "if the file is meant to be this large, raise the limit: \(environmentName)=\(max(1, (bytes >> 20) * 4))M (bytes, or with K, M or G)")
    }
}
