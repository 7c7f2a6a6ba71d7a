/// Where a notebook cell's line is in the `.ipynb` file, so an annotation on a failed
/// notebook lands on the failing line in the pull request's diff of the notebook.
///
/// The file is JSON; the parser keeps each key's byte offset, so the cell's `"source"` key
/// gives its line. Jupyter writes `source` as a list with one element per line, each on its
/// own line, so line N of the cell is N lines below the key; when the list is not laid out
/// that way (compact JSON, one string), the key's own line is the answer.
enum NotebookCellLocation {
    /// - Parameters: `cell` is 1-based among all cells (markdown included), `line` 1-based
    ///   in the cell. Returns the notebook alone when it cannot be read or has no such cell.
    static func locate(notebook path: String, cell: Int?, line: Int?) -> SourceLocation {
        guard let cell, let bytes = try? FileBytes.read(path), let document = try? JSONParser.parse(bytes, path: path),
              let cells = document["cells"]?.arrayValue, cells.indices.contains(cell - 1),
              let members = cells[cell - 1].objectMembers,
              let index = members.firstIndex(where: { $0.key == "source" })
        else { return SourceLocation(path: path) }
        let lines = LineIndex(bytes)
        let sourceLine = lines.location(of: members[index].offset, in: bytes, path: path).line ?? 1
        guard let line, let elements = members[index].value.arrayValue, line <= elements.count else {
            return SourceLocation(path: path, line: sourceLine)
        }
        // One element per line when the next key after the list (in this cell, the next
        // cell, or the notebook's own) is at least that many lines below.
        let after = [members.dropFirst(index + 1).first, cells.dropFirst(cell).first?.objectMembers?.first,
                     document.objectMembers?.first { $0.offset > members[index].offset }].compactMap { $0?.offset }
        let end = after.min().map { lines.location(of: $0, in: bytes, path: path).line ?? 0 } ?? 0
        let laidOut = end > sourceLine + elements.count
        return SourceLocation(path: path, line: laidOut ? sourceLine + line : sourceLine)
    }
}
