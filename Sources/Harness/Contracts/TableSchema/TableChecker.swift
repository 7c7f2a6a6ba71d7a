// Design note. One pass, one row at a time: the checker keeps no rows, only per-field
// counters and fingerprint sets for uniqueness, so memory is bounded by the number of
// distinct keys (8 bytes each), not by the file. Errors inside a row are reported in
// frictionless's order: per field its type or constraint errors, then extra cells, then
// missing cells, then duplicates and primary key. A blank row is one `blank-row` error.

/// Checks the rows of one table against a compiled contract and keeps the results.
struct TableChecker {
    /// A field in data order: which schema field, read from which column.
    struct Slot {
        var field: Int
        var column: Int
    }

    struct FieldState {
        var nulls = 0
        var missing = 0
        var invalid = 0
        var duplicates = 0
        var seen: FingerprintSet?
    }

    private(set) var fields: [TableField]
    let contract: TableContract
    private(set) var slots: [Slot] = []
    let log: ViolationLog
    var rowsChecked = 0
    var states: [FieldState]
    var inKey: [Bool]
    var rowFingerprints: [UInt64]
    var rowNulls: [Bool]
    var primarySet: FingerprintSet?
    var uniqueKeySets: [FingerprintSet]
    var referenceSets: [FingerprintSet]
    var pendingReferences: [[(row: Int, fingerprint: UInt64)]]
    var uniqueHits: [Int] = []
    var missingSlots: [Int] = []
    private let nullSequence: [UInt8]?

    init(contract: TableContract, maxErrors: Int, expectedRows: Int) {
        self.contract = contract
        fields = contract.schema.fields
        log = ViolationLog(limit: maxErrors)
        nullSequence = contract.dialect.nullSequence
        let expected = max(expectedRows, 1024)
        states = fields.map { field in
            var state = FieldState()
            let needsSet = field.constraints.unique || field.quality.contains { $0.metric == .duplicateValues }
            if needsSet { state.seen = FingerprintSet(expectedCount: expected) }
            return state
        }
        let schema = contract.schema
        inKey = Array(repeating: false, count: fields.count)
        for index in schema.primaryKey + schema.uniqueKeys.flatMap({ $0 }) + schema.foreignKeys.flatMap({ $0.fields + $0.reference }) {
            inKey[index] = true
        }
        rowFingerprints = Array(repeating: 0, count: fields.count)
        rowNulls = Array(repeating: true, count: fields.count)
        primarySet = schema.primaryKey.isEmpty ? nil : FingerprintSet(expectedCount: expected)
        uniqueKeySets = schema.uniqueKeys.map { _ in FingerprintSet(expectedCount: expected) }
        referenceSets = schema.foreignKeys.map { _ in FingerprintSet(expectedCount: expected) }
        pendingReferences = schema.foreignKeys.map { _ in [] }
        slots = fields.indices.map { Slot(field: $0, column: $0) }
    }

    /// The severity of a check on a field: the field's own setting, else the contract's
    /// for the error type, else error.
    func severity(_ type: String, field: Int? = nil, check: String? = nil) -> ContractViolation.Severity {
        if let field, let check, let level = fields[field].severities[check] { return level }
        return contract.severity(of: type)
    }

    func add(_ type: String, row: Int?, field: String?, severity: ContractViolation.Severity,
                      cell: @autoclosure () -> String? = nil, message: @autoclosure () -> String) {
        log.add(type, row: row, field: field, severity: severity, cell: cell(), message: message())
    }

    /// Appends a field of type `any` for a label the schema does not name (name-matching
    /// modes read such columns without checking them, as frictionless does).
    mutating func addUntypedField(named name: String) -> Int {
        var field = TableField(name: name, caster: CellCaster(type: .any))
        field.missingValues = [[]]
        fields.append(field)
        states.append(FieldState())
        inKey.append(false)
        rowFingerprints.append(0)
        rowNulls.append(true)
        return fields.count - 1
    }

    mutating func setSlots(_ slots: [Slot]) {
        self.slots = slots
    }

    @inline(__always)
    private func isNull(_ bytes: UnsafeRawBufferPointer, _ field: TableField) -> Bool {
        if let nullSequence, CellCaster.equal(bytes, nullSequence) { return true }
        return field.isMissing(bytes)
    }
}
