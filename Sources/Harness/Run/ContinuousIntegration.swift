/// Whether harness runs on a CI machine: `CI` set to anything but "", "0" or "false" (any
/// case), as CI services set it (`true`, `1`, `yes`, a service name), or
/// `GITHUB_ACTIONS=true`. The one answer for every "under CI" rule: no pending goldens are
/// kept there, and `--update-golden` there says so loudly.
public enum ContinuousIntegration {
    public static func isActive(_ environment: [String: String]) -> Bool {
        let ci = environment["CI"]?.lowercased() ?? ""
        return !["", "0", "false"].contains(ci) || environment["GITHUB_ACTIONS"] == "true"
    }
}
