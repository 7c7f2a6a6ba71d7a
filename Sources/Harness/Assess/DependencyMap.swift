/// The cells' data flow, as text and as a Mermaid flowchart (files → cells → files, and
/// the names each cell takes from earlier ones) that GitHub renders in Markdown.
public enum DependencyMap {
    public static func text(_ assessment: NotebookAssessment) -> String {
        var out = ""
        for cell in assessment.cells {
            var parts: [String] = []
            if !cell.defines.isEmpty { parts.append("defines " + cell.defines.joined(separator: ", ")) }
            if !cell.uses.isEmpty { parts.append("uses " + cell.uses.map { "\($0.name) (cell \($0.cell))" }.joined(separator: ", ")) }
            if !cell.reads.isEmpty { parts.append("reads " + cell.reads.joined(separator: ", ")) }
            if !cell.writes.isEmpty { parts.append("writes " + cell.writes.joined(separator: ", ")) }
            out += "  cell \(cell.cell): " + (parts.isEmpty ? "(no names or files)" : parts.joined(separator: "; ")) + "\n"
        }
        return out
    }

    public static func mermaid(_ assessment: NotebookAssessment) -> String {
        var lines = ["flowchart LR"]
        var files: [String: String] = [:]
        func fileNode(_ path: String) -> String {
            if let id = files[path] { return id }
            let id = "f\(files.count + 1)"
            files[path] = id
            lines.append("  \(id)[(\"\(escape(path))\")]")
            return id
        }
        for cell in assessment.cells where !(cell.defines.isEmpty && cell.uses.isEmpty && cell.reads.isEmpty && cell.writes.isEmpty) {
            lines.append("  c\(cell.cell)[\"cell \(cell.cell)\"]")
        }
        for cell in assessment.cells {
            for path in cell.reads { lines.append("  \(fileNode(path)) --> c\(cell.cell)") }
            var fromCells: [Int: [String]] = [:]
            for use in cell.uses { fromCells[use.cell, default: []].append(use.name) }
            for (source, names) in fromCells.sorted(by: { $0.key < $1.key }) {
                let label = names.count > 3 ? names.prefix(3).joined(separator: ", ") + ", …" : names.joined(separator: ", ")
                lines.append("  c\(source) -- \"\(escape(label))\" --> c\(cell.cell)")
            }
            for path in cell.writes { lines.append("  c\(cell.cell) --> \(fileNode(path))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Mermaid labels are quoted: a quote becomes its HTML entity.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;")
    }
}
