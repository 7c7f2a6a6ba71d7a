// Design note. One pass, one row at a time: the checker keeps no rows, only per-field
// counters and fingerprint sets for uniqueness, so memory is bounded by the number of
// distinct keys (8 bytes each), not by the file. Errors inside a row are reported in
// frictionless's order: per field its type or constraint errors, then extra cells, then
// missing cells, then duplicates and primary key. A blank row is one `blank-row` error.
//
// The per-cell path reads fields and counters through pointers to storage the checker
// owns, so checking a cell copies no field descriptor and touches no reference count.

/// Checks the rows of one table against a compiled contract and keeps the results.
///
/// `@unchecked Sendable`: a checker is used by one thread at a time; in a parallel check,
/// later stretches only read earlier checkers' sets after every stretch has finished
/// (`concurrentPerform` returns only then), so there is no concurrent write.
final class TableChecker: @unchecked Sendable {
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
        /// Dense integer values of a unique integer field (the rest go to `seen`).
        var bitmap: IntegerBitmap?
        /// Whether the field is part of a primary, unique or foreign key.
        var inKey = false
        /// This row's fingerprint of the field's value, and whether it is null (keys only).
        var fingerprint: UInt64 = 0
        var isNull = true
    }

    @exclusivity(unchecked) private(set) var fields: [TableField]
    let contract: TableContract
    @exclusivity(unchecked) private(set) var slots: [Slot] = []
    let log: ViolationLog
    @exclusivity(unchecked) var rowsChecked = 0
    @exclusivity(unchecked) var primarySet: FingerprintSet?
    @exclusivity(unchecked) var uniqueKeySets: [FingerprintSet]
    @exclusivity(unchecked) var referenceSets: [FingerprintSet]
    @exclusivity(unchecked) var pendingReferences: [[(row: Int, fingerprint: UInt64)]]
    @exclusivity(unchecked) var uniqueHits: [Int] = []
    var missingSlots: [Int] = []
    private let expectedRows: Int

    // `@exclusivity(unchecked)`: the properties the per-row path reads and bumps skip the
    // runtime's access tracking (three calls a row); a checker has one thread at a time.
    // Tables made by `prepare()` once the fields are final (after the header), freed in
    // deinit; their indices are checked.
    @exclusivity(unchecked) private(set) var fieldStore: ElementTable<TableField>?
    @exclusivity(unchecked) private(set) var states: ElementTable<FieldState>?
    @exclusivity(unchecked) private(set) var slotStore: ElementTable<Slot>?
    @exclusivity(unchecked) private(set) var plans: ElementTable<CellPlan>?
    private let planStorage = PlanStorage()

    /// Whether cells take their plans' fast paths; false sends every cell through the
    /// field's caster and constraints (tests compare the two reports).
    let usesPlans: Bool

    init(contract: TableContract, maxErrors: Int, expectedRows: Int, usesPlans: Bool = true) {
        self.usesPlans = usesPlans
        self.contract = contract
        fields = contract.schema.fields
        log = ViolationLog(limit: maxErrors)
        let expected = max(expectedRows, 1024)
        self.expectedRows = expected
        let schema = contract.schema
        primarySet = schema.primaryKey.isEmpty ? nil : FingerprintSet(expectedCount: expected)
        uniqueKeySets = schema.uniqueKeys.map { _ in FingerprintSet(expectedCount: expected) }
        referenceSets = schema.foreignKeys.map { _ in FingerprintSet(expectedCount: expected) }
        pendingReferences = schema.foreignKeys.map { _ in [] }
        slots = fields.indices.map { Slot(field: $0, column: $0) }
    }

    /// A checker for another stretch of the same table: the template's fields and slots
    /// (as its header set them), its own counters, sets and violations.
    /// Foreign keys are not checked by stretches (the parallel check refuses them).
    convenience init(template: TableChecker, maxErrors: Int, expectedRows: Int) {
        self.init(contract: template.contract, maxErrors: maxErrors, expectedRows: expectedRows, usesPlans: template.usesPlans)
        fields = template.fields
        slots = template.slots
        referenceSets = []
        pendingReferences = []
    }

    deinit {
        release()
    }

    private func release() {
        fieldStore?.deallocate()
        states?.deallocate()
        slotStore?.deallocate()
        plans?.deallocate()
        plans = nil
        fieldStore = nil
        states = nil
        slotStore = nil
    }

    /// Moves fields and counters into the checker's own storage; called before the first
    /// row, after the header has added any untyped fields.
    func prepare() {
        guard fieldStore == nil else { return }
        let schema = contract.schema
        var keyed = Set(schema.primaryKey + schema.uniqueKeys.flatMap { $0 })
        for key in schema.foreignKeys { keyed.formUnion(key.fields + key.reference) }
        let nullSequence = contract.dialect.nullSequence
        var store: [TableField] = [], stateStore: [FieldState] = [], planStore: [CellPlan] = []
        for (index, field) in fields.enumerated() {
            var compiled = field
            let missing = field.missingValues + (nullSequence.map { [$0] } ?? [])
            compiled.missing = TextSet(missing)
            store.append(compiled)
            var state = FieldState()
            if field.constraints.unique || field.quality.contains(where: { $0.metric == .duplicateValues }) {
                if field.type == .integer {
                    // Most values land in the bitmap; the set starts small and grows if not.
                    state.bitmap = IntegerBitmap(expectedRows: expectedRows)
                    state.seen = FingerprintSet(expectedCount: 1024)
                } else {
                    state.seen = FingerprintSet(expectedCount: expectedRows)
                }
            }
            state.inKey = keyed.contains(index)
            stateStore.append(state)
            var plan = TableChecker.plan(for: compiled, missing: missing, fingerprints: state.inKey || state.seen != nil, storage: planStorage)
            if !usesPlans {
                plan = CellPlan(kind: .general, missing: plan.missing, required: plan.required, fingerprints: plan.fingerprints,
                                generalConstraints: true)
            }
            planStore.append(plan)
        }
        plans = ElementTable(planStore)
        fieldStore = ElementTable(store)
        states = ElementTable(stateStore)
        // The per-cell path indexes the field tables by `slot.field` without a check: this
        // is the check, once.
        precondition(slots.allSatisfy { $0.field >= 0 && $0.field < fields.count }, "a slot names a field that does not exist")
        slotStore = ElementTable(slots)
    }

    /// The severity of a check on a field: the field's own setting, else the contract's
    /// for the error type, else error.
    func severity(_ type: ViolationType, field: Int? = nil, check: String? = nil) -> ContractViolation.Severity {
        if let field, let check, let level = fields[field].severities[check] { return level }
        return contract.severity(of: type)
    }

    func add(_ type: ViolationType, row: Int?, field: String?, severity: ContractViolation.Severity,
             cell: @autoclosure () -> String? = nil, message: @autoclosure () -> String) {
        log.add(type, row: row, field: field, severity: severity, cell: cell(), message: message())
    }

    /// Appends a field of type `any` for a label the schema does not name (name-matching
    /// modes read such columns without checking them, as frictionless does).
    func addUntypedField(named name: String) -> Int {
        precondition(fieldStore == nil, "fields are fixed once rows are checked")
        var field = TableField(name: name, caster: CellCaster(type: .any))
        field.missingValues = [[]]
        fields.append(field)
        return fields.count - 1
    }

    func setSlots(_ slots: [Slot]) {
        precondition(fieldStore == nil, "slots are fixed once rows are checked")
        self.slots = slots
    }
}
