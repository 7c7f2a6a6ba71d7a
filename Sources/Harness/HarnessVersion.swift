/// The version `harness --version` prints.
public enum HarnessVersion {
    public static let current = "0.1.0"
}
