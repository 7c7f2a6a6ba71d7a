/// Renders reports as one self-contained HTML page a reviewer opens from a CI artifact:
/// inline CSS, a few lines of inline script (the page works without it), no external assets.
/// A pure function from the report model to text, like every other reporter; everything
/// taken from data goes through `HTML`'s escaping interpolation.
public enum HTMLRenderer {
    /// At most this many differences are drawn per output; the totals are always shown.
    static let maximumDifferencesShown = 200
    /// At most this many sample rows are drawn per field and error type.
    static let maximumSamplesPerGroup = 8

    /// The page for `harness run`: verdict, an overview of the cases (failed first, with a
    /// "show only failures" toggle), then each case's runs, checks, differences and violations.
    public static func render(_ report: RunReport) -> String {
        let verdict = runVerdict(report)
        let body = header(verdict, stats: runStats(report), meta: runMeta(report))
            + "<main>\n" + overview(report) + cases(report) + goldenSection(report.golden) + "</main>\n"
        return page(title: "harness run: " + verdict.title, filter: true, body: body)
    }

    /// The page for `harness diff`.
    public static func render(diff: DiffReport) -> String {
        let verdict = Verdict(
            passed: diff.equal,
            title: diff.equal ? "Same within tolerance" : "Files differ",
            detail: diff.equal ? "\(grouped(diff.rowsCompared)) rows compared" : "\(grouped(diff.totalDiffs)) \(plural(diff.totalDiffs, "difference"))")
        let meta: HTML = "<span>expected <code>\(diff.expectedPath)</code></span><span>actual <code>\(diff.actualPath)</code></span><span>\(formatSeconds(diff.seconds))</span>"
        let body = header(verdict, stats: [], meta: meta)
            + "<main>\n<section class=\"panel\">\n" + diffBlock(diff, paths: false) + "</section>\n</main>\n"
        return page(title: "harness diff: " + verdict.title, filter: false, body: body)
    }

    /// The page for `harness validate`.
    public static func render(validation: ValidationReport) -> String {
        let count = validation.errorCount
        let verdict = Verdict(
            passed: validation.valid,
            title: validation.valid ? "Valid" : "Contract violated",
            detail: validation.valid
                ? "\(grouped(validation.rowsChecked)) \(plural(validation.rowsChecked, "row")) checked"
                : "\(grouped(count)) \(plural(count, "error")) in \(grouped(validation.rowsChecked)) \(plural(validation.rowsChecked, "row"))")
        let meta: HTML = "<span>data <code>\(validation.dataPath)</code></span><span>contract <code>\(validation.contractPath)</code></span><span>\(formatSeconds(validation.seconds))</span>"
        let body = header(verdict, stats: [], meta: meta)
            + "<main>\n<section class=\"panel\">\n" + validationBlock(validation, paths: false) + "</section>\n</main>\n"
        return page(title: "harness validate: " + verdict.title, filter: false, body: body)
    }

    struct Verdict {
        var passed: Bool
        var title: String
        var detail: String
    }

    static func page(title: String, filter: Bool, body: HTML) -> String {
        // The toggle must come before <main> as a sibling, so CSS alone can filter (`:checked ~`).
        let toggle: HTML = filter ? "<input type=\"checkbox\" id=\"only-failures\" class=\"visually-hidden\">\n" : .empty
        let document: HTML = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(title)</title>
        <style>\(HTML(trusted: HTMLStylesheet.css))</style>
        </head>
        <body>
        \(toggle)\(body)<script>\(HTML(trusted: HTMLScript.source))</script>
        </body>
        </html>

        """
        return document.markup
    }

    static func header(_ verdict: Verdict, stats: [HTML], meta: HTML) -> HTML {
        let status = verdict.passed ? "passed" : "failed"
        let icon = verdict.passed ? "✓" : "✗"
        let statList: HTML = stats.isEmpty ? .empty : "<dl class=\"stats\">\(stats)</dl>\n"
        return """
        <header class="top" data-verdict="\(status)">
        <div class="verdict"><span class="verdict-icon" aria-hidden="true">\(icon)</span><div><h1>\(verdict.title)</h1><p>\(verdict.detail)</p><p class="meta">\(meta)</p></div></div>
        \(statList)</header>

        """
    }

    static func stat(_ label: String, _ value: String, status: String? = nil) -> HTML {
        let attribute: HTML = status.map { " class=\"stat-\($0)\"" } ?? .empty
        return "<div\(attribute)><dt>\(label)</dt><dd>\(value)</dd></div>"
    }
}
