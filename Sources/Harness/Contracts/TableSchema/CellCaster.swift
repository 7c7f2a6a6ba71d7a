// Design note. Casting reads the cell's bytes in place and returns a `CellValue`, or nil
// when the text is not of the field's type (a `type-error`). Rules follow the Table
// Schema v2 spec where frictionless-py agrees with it, and frictionless-py's readers
// where the spec leaves room (leading zeros rejected on bare numbers, ISO forms of the
// default temporal formats, `bareNumber: false` stripping non-digits at both ends).

/// Turns a cell's text into its logical value for one field's type and format.
struct CellCaster: Sendable {
    var type: FieldType
    var format = "default"
    var pattern: TemporalPattern?
    var decimalChar: [UInt8] = [ASCII.period]
    var groupChar: [UInt8] = []
    var bareNumber = true
    /// frictionless only rewrites number text when one of these options is declared.
    var numberOptionsDeclared = false
    var trueValues = TextSet(["true", "True", "TRUE", "1"].map { Array($0.utf8) })
    var falseValues = TextSet(["false", "False", "FALSE", "0"].map { Array($0.utf8) })
    var listDelimiter: [UInt8] = [ASCII.comma]
    /// The list's item caster (an array so that the struct can hold its own type).
    var itemCaster: [CellCaster] = []

    init(type: FieldType) {
        self.type = type
    }

    /// The logical value, or nil when the text is not a valid value of the type.
    func cast(_ bytes: ByteRun) -> CellValue? {
        switch type {
        case .any: return .text
        case .string: return castString(bytes)
        case .integer: return castInteger(bytes)
        case .number: return castNumber(bytes)
        case .boolean:
            if trueValues.contains(bytes) { return .boolean(true) }
            if falseValues.contains(bytes) { return .boolean(false) }
            return nil
        case .date, .time, .datetime: return castTemporal(bytes)
        case .year: return castYear(bytes)
        case .yearmonth: return castYearMonth(bytes)
        case .duration: return DurationText.parse(bytes).map { .duration(months: $0.months, seconds: $0.seconds) }
        case .object:
            guard let json = CellCaster.json(bytes), case .object = json else { return nil }
            return .json(json)
        case .array:
            guard let json = CellCaster.json(bytes), case .array = json else { return nil }
            return .json(json)
        case .list: return castList(bytes)
        case .geopoint: return castGeopoint(bytes)
        case .geojson: return castGeoJSON(bytes)
        }
    }

    /// Casts text written in a contract (an enum member, a bound) with this field's rules.
    func cast(text: String) -> CellValue? {
        ByteRun.with(Array(text.utf8)) { bytes in
            guard let value = cast(bytes) else { return nil }
            if case .text = value { return .ownedText(Array(text.utf8)) }
            return value
        }
    }

    /// The spec's default boolean words, without a lookup table.
    @inline(__always)
    static func defaultBoolean(_ bytes: ByteRun) -> Bool? {
        switch bytes.count {
        case 1:
            if bytes[0] == UInt8(ascii: "1") { return true }
            if bytes[0] == UInt8(ascii: "0") { return false }
        case 4:
            let word = UInt32(truncatingIfNeeded: bytes.paddedWord(at: 0))
            // "true", "True", "TRUE" in little-endian byte order.
            if word == 0x6575_7274 || word == 0x6575_7254 || word == 0x4555_5254 { return true }
        case 5:
            let word = UInt32(truncatingIfNeeded: bytes.paddedWord(at: 0))
            let last = bytes[4]
            if (word == 0x736c_6166 || word == 0x736c_6146) && last == UInt8(ascii: "e") { return false }
            if word == 0x534c_4146 && last == UInt8(ascii: "E") { return false }
        default:
            break
        }
        return nil
    }

    static func json(_ bytes: ByteRun) -> JSONValue? {
        try? JSONParser.parse(bytes, path: "", lineNumber: 1)
    }

    private func castList(_ bytes: ByteRun) -> CellValue? {
        guard let item = itemCaster.first else { return nil }
        var items: [CellValue] = []
        var start = 0
        var index = 0
        let delimiter = listDelimiter
        let count = bytes.count
        while index <= count {
            let atEnd = index == count
            if atEnd || (index + delimiter.count <= count
                         && bytes.run(index..<index + delimiter.count).same(as: delimiter)) {
                let part = bytes.run(start..<index)
                guard let value = item.cast(part) else { return nil }
                if case .text = value {
                    items.append(.ownedText(Array(part)))
                } else {
                    items.append(value)
                }
                if atEnd { break }
                index += delimiter.count
                start = index
            } else {
                index += 1
            }
        }
        return .list(items)
    }
}
