extension String {
    /// Every line prefixed with `prefix` (blank lines left blank).
    func indented(_ prefix: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : prefix + $0 }
            .joined(separator: "\n")
    }
}
