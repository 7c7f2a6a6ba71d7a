/// One field's constraints, compiled: bounds and enum members cast with the field's own
/// type so they compare with cell values as logical values.
struct FieldConstraints: Sendable {
    enum Name: String, CaseIterable, Sendable {
        case required, unique, minimum, maximum, exclusiveMinimum, exclusiveMaximum
        case minLength, maxLength, pattern, `enum`, jsonSchema
        /// The field's `categories` (not a constraint key, but checked like `enum`).
        case categories
    }

    var required = false
    var unique = false
    var minimum: CellValue?
    var maximum: CellValue?
    var exclusiveMinimum: CellValue?
    var exclusiveMaximum: CellValue?
    var minLength: Int?
    var maxLength: Int?
    var pattern: CellPattern?
    var enumValues: [CellValue]? {
        didSet { enumTexts = FieldConstraints.texts(of: enumValues) }
    }
    /// The enum's members when they are texts, for a lookup without reference counting.
    private(set) var enumTexts: TextSet?
    var categories: [CellValue]?
    /// Each declared constraint's value as written, for messages.
    var declared: [Name: String] = [:]

    /// Whether any constraint besides `required` and `unique` applies to non-null values
    /// (stored, as the checker asks it for every cell).
    private(set) var checksValues = false

    mutating func updateChecksValues() {
        checksValues = minimum != nil || maximum != nil || exclusiveMinimum != nil || exclusiveMaximum != nil
            || minLength != nil || maxLength != nil || pattern != nil || enumValues != nil || categories != nil
    }

    /// Calls `failed` for each constraint a non-null value breaks, in declaration order
    /// of the spec (frictionless reports them in that order too).
    func check(_ value: CellValue, bytes: ByteRun, failed: (Name) -> Void) {
        if let minimum, let order = CellValue.compare(value, minimum), order < 0 { failed(.minimum) }
        if let maximum, let order = CellValue.compare(value, maximum), order > 0 { failed(.maximum) }
        if let exclusiveMinimum, let order = CellValue.compare(value, exclusiveMinimum), order <= 0 { failed(.exclusiveMinimum) }
        if let exclusiveMaximum, let order = CellValue.compare(value, exclusiveMaximum), order >= 0 { failed(.exclusiveMaximum) }
        if minLength != nil || maxLength != nil {
            let length = FieldConstraints.length(of: value, bytes: bytes)
            if let minLength, length < minLength { failed(.minLength) }
            if let maxLength, length > maxLength { failed(.maxLength) }
        }
        if let pattern, !pattern.matches(bytes) { failed(.pattern) }
        if let enumTexts, case .text = value {
            if !enumTexts.contains(bytes) { failed(.enum) }
        } else if let enumValues, !FieldConstraints.contains(enumValues, value, bytes: bytes) {
            failed(.enum)
        }
        if let categories, !FieldConstraints.contains(categories, value, bytes: bytes) { failed(.categories) }
    }

    static func texts(of values: [CellValue]?) -> TextSet? {
        guard let values else { return nil }
        var set = TextSet()
        for value in values {
            guard case .ownedText(let text) = value else { return nil }
            set.insert(text)
        }
        return set
    }

    /// Characters of a string (Unicode scalars), items of a list, array or object.
    static func length(of value: CellValue, bytes: ByteRun) -> Int {
        switch value {
        case .list(let items): return items.count
        case .json(.array(let items)): return items.count
        case .json(.object(let members)): return members.count
        default:
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    static func contains(_ members: [CellValue], _ value: CellValue, bytes: ByteRun) -> Bool {
        if case .text = value {
            for member in members {
                if case .ownedText(let text) = member, bytes.same(as: text) { return true }
            }
            return false
        }
        for member in members where member == value || CellValue.compare(member, value) == 0 { return true }
        return false
    }
}
