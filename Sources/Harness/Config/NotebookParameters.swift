// Design note. papermill injects parameters after the cell tagged `parameters`, and a name
// that cell does not assign is a mistake (a typo would silently leave the default in
// place). The driver checks this with Python's `ast` when the notebook runs; reading the
// cell here lets the config loader refuse the typo before anything runs. Only "plain"
// cells are read: statements at the top level that are assignments (`a = 1`,
// `a: int = 1`, `a, b = 1, 2`, `a += 1`), comments and blank lines, with brackets and
// strings spanning lines. Anything else (an `if`, a `def`, an import) makes the answer
// unknown, and the check is left to the driver at run time, so a cell this reader does
// not understand never refuses a valid config.

import Foundation

/// The names a notebook's parameters cell assigns.
struct NotebookParameters {
    /// The cell's number as Jupyter users count it (1-based, every cell).
    let cell: Int
    /// Names assigned at top level, in order of first assignment.
    let names: [String]

    /// Reads the first code cell tagged `parameters` of the notebook at `path`.
    /// - Returns: nil when the notebook has no such cell, cannot be read, or the cell is
    ///   not plain assignments.
    static func read(notebook path: String) -> NotebookParameters? {
        guard let document = try? JSONParser.parse(fileAt: path), let cells = document["cells"]?.arrayValue else { return nil }
        for (index, cell) in cells.enumerated() where cell["cell_type"]?.stringValue == "code" {
            let tags = cell["metadata"]?["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard tags.contains("parameters") else { continue }
            let source: String
            if let text = cell["source"]?.stringValue {
                source = text
            } else {
                source = (cell["source"]?.arrayValue ?? []).compactMap(\.stringValue).joined()
            }
            guard let names = assignedNames(source) else { return nil }
            return NotebookParameters(cell: index + 1, names: names)
        }
        return nil
    }

    /// Names assigned at the top level of `source`, or nil when it holds anything but
    /// assignments.
    static func assignedNames(_ source: String) -> [String]? {
        var names: [String] = []
        for statement in statements(source) {
            guard let targets = targets(of: statement) else { return nil }
            for name in targets where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The source split into logical lines: newlines inside brackets and strings, and
    /// after a backslash, join lines; comments are dropped. Nil-free: an unterminated
    /// string simply runs to the end (the target check then refuses it).
    static func statements(_ source: String) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        var quote: [Character]? = nil
        let characters = Array(source)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                current.append(character)
                if character == "\\", index + 1 < characters.count {
                    current.append(characters[index + 1])
                    index += 2
                    continue
                }
                if character == open[0], index + open.count <= characters.count,
                   Array(characters[index..<(index + open.count)]) == open {
                    current.append(contentsOf: open.dropFirst())
                    index += open.count
                    quote = nil
                    continue
                }
                index += 1
                continue
            }
            switch character {
            case "\"", "'":
                let triple = index + 2 < characters.count && characters[index + 1] == character && characters[index + 2] == character
                quote = triple ? [character, character, character] : [character]
                current.append(contentsOf: quote!)  // `!`: set on the line above
                index += triple ? 3 : 1
                continue
            case "#":
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth = max(0, depth - 1)
            case "\\" where index + 1 < characters.count && characters[index + 1] == "\n":
                index += 2
                current.append(" ")
                continue
            case "\n", ";":
                if depth == 0 {
                    if !current.allSatisfy(\.isWhitespace) { result.append(current) }
                    current = ""
                    index += 1
                    continue
                }
            default: break
            }
            current.append(character)
            index += 1
        }
        if !current.allSatisfy(\.isWhitespace) { result.append(current) }
        return result
    }

    /// The names a statement assigns, or nil when it is not an assignment at the top level.
    static func targets(of statement: String) -> [String]? {
        // Leading blanks come after a `;`; an indented block after a compound statement is
        // refused with that statement.
        let statement = statement.drop { $0 == " " || $0 == "\t" }
        guard !statement.isEmpty else { return nil }
        // The target list ends at the first `=` that is not part of `==`, `<=`, `>=`, `!=`.
        let characters = Array(statement)
        var equals: Int?
        var depth = 0
        for (index, character) in characters.enumerated() {
            if character == "\"" || character == "'" { return nil }  // a string before `=`: not a plain target
            if "([{".contains(character) { depth += 1 }
            if ")]}".contains(character) { depth -= 1 }
            guard character == "=", depth == 0 else { continue }
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            let previous = index > 0 ? characters[index - 1] : " "
            if next == "=" || "<>!=".contains(previous) { return nil }
            equals = index
            break
        }
        guard let equals else { return nil }
        var target = String(characters[..<equals])
        if let last = target.last, "+-*/%&|^@".contains(last) {
            target.removeLast()  // augmented assignment
            if target.hasSuffix("*") || target.hasSuffix("/") || target.hasSuffix(">") || target.hasSuffix("<") { target.removeLast() }
        }
        if let colon = target.firstIndex(of: ":") { target = String(target[..<colon]) }  // annotation
        target = target.trimmingCharacters(in: .whitespaces)
        if (target.hasPrefix("(") && target.hasSuffix(")")) || (target.hasPrefix("[") && target.hasSuffix("]")) {
            target = String(target.dropFirst().dropLast())
        }
        var names: [String] = []
        for part in target.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let head = name.first, head == "_" || head.isLetter,
                  name.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) else { return nil }
            names.append(name)
        }
        return names.isEmpty ? nil : names
    }
}
