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
    var trueValues: [[UInt8]] = ["true", "True", "TRUE", "1"].map { Array($0.utf8) }
    var falseValues: [[UInt8]] = ["false", "False", "FALSE", "0"].map { Array($0.utf8) }
    var listDelimiter: [UInt8] = [ASCII.comma]
    /// The list's item caster (an array so that the struct can hold its own type).
    var itemCaster: [CellCaster] = []

    init(type: FieldType) {
        self.type = type
    }

    /// The logical value, or nil when the text is not a valid value of the type.
    func cast(_ bytes: UnsafeRawBufferPointer) -> CellValue? {
        switch type {
        case .any: return .text
        case .string: return castString(bytes)
        case .integer: return castInteger(bytes)
        case .number: return castNumber(bytes)
        case .boolean:
            if trueValues.contains(where: { CellCaster.equal(bytes, $0) }) { return .boolean(true) }
            if falseValues.contains(where: { CellCaster.equal(bytes, $0) }) { return .boolean(false) }
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
        var copy = Array(text.utf8)
        return copy.withUnsafeMutableBytes { buffer in
            guard let value = cast(UnsafeRawBufferPointer(buffer)) else { return nil }
            if case .text = value { return .ownedText(Array(text.utf8)) }
            return value
        }
    }

    @inline(__always)
    static func equal(_ bytes: UnsafeRawBufferPointer, _ other: [UInt8]) -> Bool {
        guard bytes.count == other.count else { return false }
        return other.withUnsafeBytes { $0.elementsEqual(bytes) }
    }

    static func json(_ bytes: UnsafeRawBufferPointer) -> JSONValue? {
        let buffer = bytes.assumingMemoryBound(to: UInt8.self)
        return try? JSONParser.parse(buffer, path: "", lineNumber: 1)
    }

    private func castList(_ bytes: UnsafeRawBufferPointer) -> CellValue? {
        guard let item = itemCaster.first else { return nil }
        var items: [CellValue] = []
        var start = 0
        var index = 0
        let delimiter = listDelimiter
        let count = bytes.count
        while index <= count {
            let atEnd = index == count
            if atEnd || (index + delimiter.count <= count
                         && CellCaster.equal(UnsafeRawBufferPointer(rebasing: bytes[index..<index + delimiter.count]), delimiter)) {
                let part = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
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
