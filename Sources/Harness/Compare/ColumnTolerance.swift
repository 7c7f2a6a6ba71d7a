/// A tolerance of its own for one CSV column, or for the JSON values under one pointer
/// pattern (`/runs/*/score`), used instead of the output's `rtol`/`atol` there.
///
/// A JSON pattern covers everything below the place it names, like `ignore`; where
/// several patterns cover a value, the longest one wins (the first written, on a tie).
public struct ColumnTolerance: Sendable, Equatable {
    /// The column name (CSV) or JSON Pointer pattern (JSON, JSON Lines).
    public var name: String
    public var rtol: Double
    public var atol: Double

    public init(name: String, rtol: Double, atol: Double) {
        self.name = name
        self.rtol = rtol
        self.atol = atol
    }

    /// Reads the `--tolerance` spelling: `COL=rtol:X`, `COL=atol:X` or both,
    /// `COL=rtol:X,atol:Y`; a value it leaves out is the comparison's own.
    /// - Throws: `HarnessError.usage` saying how to write it.
    public static func parse(_ text: String, rtol: Double, atol: Double) throws -> ColumnTolerance {
        let hint = "write --tolerance COLUMN=rtol:1e-6 or --tolerance /json/pointer=atol:0.01,rtol:1e-9"
        guard let equals = text.lastIndex(of: "="), equals != text.startIndex else {
            throw HarnessError.usage("--tolerance \"\(text)\" needs a column or pointer, '=', then rtol:X and/or atol:X", hint: hint)
        }
        var tolerance = ColumnTolerance(name: String(text[..<equals]), rtol: rtol, atol: atol)
        let settings = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
        for setting in settings {
            let parts = setting.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let value = Double(parts[1]), value.isFinite, value >= 0 else {
                throw HarnessError.usage("--tolerance \"\(text)\": \"\(setting)\" is not rtol:X or atol:X with X a number 0 or more", hint: hint)
            }
            switch parts[0] {
            case "rtol": tolerance.rtol = value
            case "atol": tolerance.atol = value
            default:
                throw HarnessError.unknownName(nil, kind: "tolerance in --tolerance \"\(text)\"", name: String(parts[0]),
                                               known: ["rtol", "atol"], hint: hint)
            }
        }
        return tolerance
    }
}
