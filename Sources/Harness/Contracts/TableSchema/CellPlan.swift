/// What the per-cell path needs to know about a field, as a trivial value: flags, numeric
/// bounds and pointers to tables the checker owns. Copying it costs no reference count,
/// so the common cases (text, plain integers and numbers, default booleans and dates,
/// numeric bounds, text enums, ASCII patterns, lengths) never touch the `TableField`.
/// Anything else takes the general path through the field's `CellCaster` and
/// `FieldConstraints`, which gives the same answers more slowly.
struct CellPlan {
    enum Kind: UInt8 { case text, integer, number, boolean, date, datetime, time, general }
    /// What the per-cell path does, decided once: one switch per cell instead of a test
    /// of each flag. `other` is the general path (casting through the field's caster).
    enum Operation: UInt8 { case text, checkedText, integer, number, date, other }

    var kind = Kind.general
    var operation = Operation.other
    var missing: TextPlan
    var required = false
    /// Whether the field needs a fingerprint (unique, quality duplicates, or a key).
    var fingerprints = false
    /// Constraints beyond what the plan checks itself: take the general path.
    var generalConstraints = false
    var numericBounds = false
    var minimum = -Double.infinity
    var maximum = Double.infinity
    var exclusiveMinimum = -Double.infinity
    var exclusiveMaximum = Double.infinity
    var hasMinimum = false, hasMaximum = false, hasExclusiveMinimum = false, hasExclusiveMaximum = false
    /// The numeric bounds as one closed interval (an exclusive bound moved one double
    /// inwards), infinite when absent: a value inside breaks none of them.
    var low = -Double.infinity
    var high = Double.infinity
    /// An interval inside `low...high` by a relative 1e-12, so that a number read within
    /// a few units in the last place (`quickDecimal`) is surely inside the bounds too.
    var safeLow = -Double.infinity
    var safeHigh = Double.infinity
    var minLength = -1
    var maxLength = Int.max
    var enumTexts: TextLookup?
    var pattern: PatternAutomaton.Plan?
    /// The pattern's general engine, for cells the automaton does not cover.
    var patternIndex = -1

    /// Whether the plan checks any constraint at all besides `required`.
    var checksValues: Bool {
        generalConstraints || numericBounds || minLength >= 0 || maxLength < Int.max || enumTexts != nil || pattern != nil
    }
}

/// A `TextSet` copied into tables the checker owns (one word each, copied freely).
struct TextPlan {
    let bytes: ElementTable<UInt8>
    let ends: ElementTable<Int>
    let count: Int
    let containsEmpty: Bool
    let onlyEmpty: Bool

    @inline(__always)
    func contains(_ cell: ByteRun) -> Bool {
        let length = cell.count
        if length == 0 { return containsEmpty }
        if onlyEmpty { return false }
        var start = 0
        for index in 0..<count {
            let end = ends[index]
            if end - start == length {
                var same = true
                for offset in 0..<length where bytes[start + offset] != cell[offset] {
                    same = false
                    break
                }
                if same { return true }
            }
            start = end
        }
        return false
    }
}

/// Owns the tables behind the plans of one checker, freed with it.
final class PlanStorage {
    private var releases: [() -> Void] = []

    deinit {
        for release in releases { release() }
    }

    /// A table of `elements`, freed with the plans.
    func table<Element>(_ elements: [Element]) -> ElementTable<Element> {
        let table = ElementTable(elements)
        releases.append { table.deallocate() }
        return table
    }

    func textPlan(_ texts: [[UInt8]]) -> TextPlan {
        let total = texts.reduce(0) { $0 + $1.count }
        var ends: [Int] = []
        var offset = 0
        for text in texts {
            offset += text.count
            ends.append(offset)
        }
        let containsEmpty = texts.contains(where: \.isEmpty)
        return TextPlan(bytes: table(Array(texts.joined())), ends: table(ends), count: texts.count,
                        containsEmpty: containsEmpty, onlyEmpty: total == 0)
    }
}
