/// Text from data made safe for GitHub-flavoured Markdown (the job summary): it can only
/// ever be shown as the text it is.
///
/// HTML is allowed in a job summary, so `<`, `>` and `&` become entities (a cell holding
/// `<img src=x onerror=...>` or `<details>` shows as text), and the punctuation Markdown
/// reads inline is escaped with a backslash. Line breaks and other controls are spelled out
/// (`TerminalText.visible`), so a value stays inside its table cell or bullet.
public enum MarkdownText {
    /// What Markdown reads inline: emphasis, code, links and images (no `[`, no link), tables,
    /// strikethrough, mentions. Escaped with a backslash, which CommonMark allows before any
    /// ASCII punctuation; other punctuation is left alone so the summary's source stays readable.
    private static let punctuation: Set<Character> = ["\\", "`", "*", "_", "[", "]", "|", "~", "@", "#"]

    /// `value` as inline Markdown text, cut to `limit` characters (an ellipsis marks the cut).
    public static func escaped(_ value: String, limit: Int = .max) -> String {
        var value = TerminalText.visible(value)
        if value.count > limit { value = String(value.prefix(max(0, limit - 3))) + "..." }
        var text = ""
        text.reserveCapacity(value.utf8.count + 8)
        for character in value {
            switch character {
            case "<": text += "&lt;"
            case ">": text += "&gt;"
            case "&": text += "&amp;"
            default:
                if punctuation.contains(character) { text += "\\" }
                text.append(character)
            }
        }
        return text
    }

    /// `value` as inline code: shown in a code font, with nothing in it read as Markdown.
    /// (A backtick code span cannot hold every text safely; an HTML `<code>` with escaped
    /// content can.)
    public static func code(_ value: String) -> String {
        "<code>" + escaped(value) + "</code>"
    }
}
