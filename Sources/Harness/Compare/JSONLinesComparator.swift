/// Placeholder until the JSON Lines comparator lands (issue 3).
public enum JSONLinesComparator {
    public static func compare(expected: String, actual: String, options: CompareOptions) throws -> DiffReport {
        throw HarnessError.usage("JSON Lines comparison is not available in this build yet")
    }
}
