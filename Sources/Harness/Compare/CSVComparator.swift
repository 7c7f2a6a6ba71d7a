/// Placeholder until the streaming CSV comparator lands (issue 2).
public enum CSVComparator {
    public static func compare(expected: String, actual: String, options: CompareOptions) throws -> DiffReport {
        throw HarnessError.usage("CSV comparison is not available in this build yet")
    }
}
