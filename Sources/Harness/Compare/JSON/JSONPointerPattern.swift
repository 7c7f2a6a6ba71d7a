/// A JSON Pointer given to `--ignore`, where a `*` segment stands for any array index or
/// member name (`/runs/*/started_at`). A pattern also covers everything below the place
/// it names.
struct JSONPointerPattern: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        /// `*`: any index, any member name.
        case any
        /// A member name (unescaped bytes), and the array index it also names when it is
        /// a canonical decimal (`0`, `17`; not `01`), as RFC 6901 reads it.
        case name([UInt8], index: Int?)
    }

    let text: String
    let segments: [Segment]

    /// Reads `text`.
    /// - Throws: `HarnessError.usage` when it is not a JSON Pointer (no leading `/`, or a
    ///   `~` not followed by `0` or `1`), saying how to write it.
    init(_ text: String) throws {
        self.text = text
        if text.isEmpty {
            segments = []
            return
        }
        guard text.hasPrefix("/") else {
            throw HarnessError.usage("--ignore \"\(text)\" is not a JSON Pointer; JSON and JSON Lines files take pointers",
                                     hint: "write \"/\(text)\" for a top-level member, \"/runs/*/\(text)\" for one in every element of an array")
        }
        var parsed: [Segment] = []
        for raw in text.utf8.dropFirst().split(separator: ASCII.slash, omittingEmptySubsequences: false) {
            let bytes = Array(raw)
            if bytes == [UInt8(ascii: "*")] {
                parsed.append(.any)
                continue
            }
            var name: [UInt8] = []
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                guard byte == UInt8(ascii: "~") else {
                    name.append(byte)
                    continue
                }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "0") || bytes[index] == UInt8(ascii: "1") else {
                    throw HarnessError.usage("--ignore \"\(text)\": '~' must be followed by 0 or 1 in a JSON Pointer",
                                             hint: "write ~0 for '~' and ~1 for '/' inside a member name")
                }
                name.append(bytes[index] == UInt8(ascii: "0") ? UInt8(ascii: "~") : ASCII.slash)
                index += 1
            }
            parsed.append(.name(name, index: JSONPointerPattern.arrayIndex(name)))
        }
        segments = parsed
    }

    private static func arrayIndex(_ name: [UInt8]) -> Int? {
        guard !name.isEmpty, name.count <= 18, name.allSatisfy({ $0 >= ASCII.zero && $0 <= ASCII.nine }) else { return nil }
        if name.count > 1 && name[0] == ASCII.zero { return nil }
        return name.reduce(0) { $0 * 10 + Int($1 - ASCII.zero) }
    }
}
