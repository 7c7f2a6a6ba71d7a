/// Placeholder until the JSON comparator lands (issue 3).
public enum JSONComparator {
    public static func compare(expected: String, actual: String, options: CompareOptions) throws -> DiffReport {
        throw HarnessError.usage("JSON comparison is not available in this build yet")
    }
}
