/// Renders a `ValidationReport` for a person at a terminal.
public enum ValidationTerminalRenderer {
    public static func render(_ report: ValidationReport, color: Bool) -> String {
        report.valid ? "valid: \(report.rowsChecked) rows checked\n" : "invalid: \(report.errorCount) errors\n"
    }
}
