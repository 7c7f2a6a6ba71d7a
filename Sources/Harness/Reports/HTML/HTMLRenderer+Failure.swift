/// A notebook or pipeline that did not complete: where it broke (cell, line, exception), the
/// cell's source with the failing line highlighted, the traceback, and the output tails.
extension HTMLRenderer {
    static func runFailure(_ run: RunRecord, failure: RunFailure?, name: String, id: String, fix: String?) -> HTML {
        let outcome = run.outcome.rawValue
        var body = HTML.empty
        if let failure {
            body += "<p class=\"message\">\(failure.summary)</p>\n"
            if let type = failure.exceptionType {
                let message: HTML = failure.message.map { ": \($0)" } ?? .empty
                body += "<p class=\"exception\"><code><strong>\(type)</strong>\(message)</code></p>\n"
            }
            var place: [HTML] = []
            if let file = failure.file { place.append("<span><code>\(file)</code></span>") }
            if let cell = failure.cellNumber { place.append("<span>cell \(cell)</span>") }
            if let line = failure.lineInCell { place.append("<span>line \(line)</span>") }
            if let first = failure.cellFirstLine { place.append("<span>cell starts <code>\(first)</code></span>") }
            if let code = failure.exitCode { place.append("<span>exit code \(Int(code))</span>") }
            if !place.isEmpty { body += "<p class=\"where\">\(place)</p>\n" }
            if let excerpt = failure.sourceExcerpt, !excerpt.isEmpty {
                body += sourceTable(excerpt, failingLine: failure.lineInCell)
            }
            if let hint = failure.hint {
                body += "<p class=\"hint\"><span class=\"label\">Hint</span>\(hint)</p>\n"
            }
            if let traceback = failure.traceback, !traceback.isEmpty {
                body += outputBlock("Traceback", traceback, open: true)
            }
        }
        body += outputBlock("stderr (last lines)", run.stderrTail, open: true)
        body += outputBlock("stdout (last lines)", run.stdoutTail, open: false)
        body += keptFiles(run)
        if let fix { body += fixLine(fix) }
        return """
        <article class="check run-failure" id="\(id)" data-status="error">
        <h3>\(badge(runBadge(run.outcome), label: outcome.replacingUnderscores()))\(name) \(outcome.replacingUnderscores()) after \(formatSeconds(run.seconds))</h3>
        \(body)</article>

        """
    }

    /// Output tails of runs that completed, closed: useful, but not what broke.
    static func runOutputs(_ runs: [RunRecord], repeated: Bool) -> HTML {
        var out = HTML.empty
        for run in runs where !run.stdoutTail.isEmpty || !run.stderrTail.isEmpty || run.keptSandbox != nil {
            let name = runName(run, repeated: repeated)
            out += outputBlock("\(name) stdout (last lines)", run.stdoutTail, open: false)
            out += outputBlock("\(name) stderr (last lines)", run.stderrTail, open: false)
            out += keptFiles(run)
        }
        return out.isEmpty ? .empty : "<h3>Output of completed runs</h3>\n" + out
    }

    static func outputBlock(_ title: String, _ text: String, open: Bool) -> HTML {
        guard !text.isEmpty else { return .empty }
        let attribute: HTML = open ? " open" : .empty
        return "<details class=\"output\"\(attribute)><summary>\(title)</summary><pre>\(HTML.terminalText(text))</pre></details>\n"
    }

    static func keptFiles(_ run: RunRecord) -> HTML {
        var parts: [HTML] = []
        if let sandbox = run.keptSandbox { parts.append("<span>sandbox kept <code>\(sandbox)</code></span>") }
        if let notebook = run.executedNotebook { parts.append("<span>executed notebook <code>\(notebook)</code></span>") }
        return parts.isEmpty ? .empty : "<p class=\"files\">\(parts)</p>\n"
    }

    /// One line of a source excerpt: `  12 | code`, `> 12 | code`, `----> 12 code`.
    struct SourceLine {
        var number: Int?
        var marked: Bool
        var code: String
    }

    /// Reads the numbered, marked excerpt the runner writes. The exact shape is the runner's;
    /// this accepts a leading marker (`>`, `-->`, `→`, `*`), a number, and `|` or `:` before
    /// the code, and shows any line it does not recognise as it is.
    static func sourceLines(_ excerpt: String) -> [SourceLine] {
        excerpt.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var rest = Substring(line.hasSuffix("\r") ? line.dropLast() : line)
            let markers: Set<Character> = [">", "-", "=", "→", "▶", "»", "*"]
            let leading = rest.prefix { $0 == " " || markers.contains($0) }
            let marked = leading.contains { $0 != " " }
            rest = rest.dropFirst(leading.count)
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let number = Int(digits) else {
                return SourceLine(number: nil, marked: false, code: String(line))
            }
            rest = rest.dropFirst(digits.count)
            let spaces = rest.prefix { $0 == " " }
            if let separator = rest.dropFirst(spaces.count).first, separator == "|" || separator == ":" {
                rest = rest.dropFirst(spaces.count + 1)
                if rest.first == " " { rest = rest.dropFirst() }
            } else if rest.isEmpty || rest.first == " " {
                rest = rest.dropFirst(min(1, spaces.count))
            } else {
                return SourceLine(number: nil, marked: false, code: String(line))
            }
            return SourceLine(number: number, marked: marked, code: String(rest))
        }
    }

    static func sourceTable(_ excerpt: String, failingLine: Int?) -> HTML {
        var lines = sourceLines(excerpt)
        while lines.last?.code.isEmpty == true && lines.last?.number == nil { lines.removeLast() }
        // The model's line number wins; the excerpt's own marker is the fallback.
        let hasNumber = failingLine.map { line in lines.contains { $0.number == line } } ?? false
        var rows = HTML.empty
        for line in lines {
            let failing = hasNumber ? line.number == failingLine : line.marked
            let number: HTML = line.number.map { "\($0)" } ?? .empty
            let marker: HTML = failing ? "<span class=\"marker\" aria-label=\"failing line\">▶</span>" : .empty
            let attribute: HTML = failing ? " class=\"failing\"" : .empty
            rows += "<tr\(attribute)><td class=\"ln\">\(marker)\(number)</td><td class=\"src\">\(line.code)</td></tr>\n"
        }
        return "<div class=\"table-wrap source\"><table class=\"code\">\n<tbody>\n\(rows)</tbody>\n</table></div>\n"
    }
}
