/// RFC 6901 JSON Pointers, as differences are located (`/runs/3/started_at`).
enum JSONPointer {
    /// Appends `/` and the member name or index text with `~` written `~0` and `/`
    /// written `~1`.
    static func appendSegment(_ name: some Sequence<UInt8>, to out: inout [UInt8]) {
        out.append(ASCII.slash)
        for byte in name {
            switch byte {
            case UInt8(ascii: "~"): out.append(contentsOf: [UInt8(ascii: "~"), UInt8(ascii: "0")])
            case ASCII.slash: out.append(contentsOf: [UInt8(ascii: "~"), UInt8(ascii: "1")])
            default: out.append(byte)
            }
        }
    }

    static func appendSegment(index: Int, to out: inout [UInt8]) {
        out.append(ASCII.slash)
        out.append(contentsOf: Array(String(index).utf8))
    }

    /// The pointer for member names given as text, e.g. `["a/b", "0"]` → `/a~1b/0`.
    static func pointer(_ names: [String]) -> String {
        var out: [UInt8] = []
        for name in names { appendSegment(Array(name.utf8), to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
