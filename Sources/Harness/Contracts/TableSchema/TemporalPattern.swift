/// A strptime-style format (`%d/%m/%Y %H:%M`), compiled once and matched against cell
/// bytes as Python's `datetime.strptime` does: numbers take one or two digits (`%Y` four,
/// `%f` one to six), names match without regard to case, whitespace matches a run of
/// whitespace, and the whole text must be used.
struct TemporalPattern: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case literal(UInt8)
        case whitespace
        case directive(Character)
    }

    let pieces: [Piece]
    static let directives: Set<Character> = ["Y", "y", "m", "d", "H", "I", "M", "S", "f", "p", "b", "B", "h", "a", "A", "j", "z", "Z", "%"]

    /// The broken-down value a match produces; Python's defaults (1900-01-01 00:00).
    struct Fields {
        var year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0
        var dayOfYear: Int?
        var offsetSeconds: Int?
        var pm: Bool?
    }

    /// - Throws: the first directive it does not know, as its letter.
    init(_ format: String) throws(TemporalPatternError) {
        var pieces: [Piece] = []
        var iterator = Array(format.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let next = iterator.next() else { throw TemporalPatternError(directive: "%") }
                let letter = Character(Unicode.Scalar(next))
                guard TemporalPattern.directives.contains(letter) else { throw TemporalPatternError(directive: "%" + String(letter)) }
                pieces.append(letter == "%" ? .literal(next) : .directive(letter))
            } else if CellCaster.isSpace(byte) {
                if pieces.last != .whitespace { pieces.append(.whitespace) }
            } else {
                pieces.append(.literal(byte))
            }
        }
        self.pieces = pieces
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july",
                             "august", "september", "october", "november", "december"]
    static let dayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// Matches the whole text; nil when it does not fit or names an impossible date.
    func match(_ bytes: ByteRun) -> Fields? {
        var fields = Fields()
        var index = 0
        let count = bytes.count
        func number(_ minDigits: Int, _ maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while digits < maxDigits && index < count, bytes[index] >= ASCII.zero, bytes[index] <= ASCII.nine {
                value = value * 10 + Int(bytes[index] - ASCII.zero)
                digits += 1
                index += 1
            }
            return digits >= minDigits ? value : nil
        }
        func name(_ names: [String], abbreviated: Bool?) -> Int? {
            // Longest first, so "march" wins over "mar".
            var best: (Int, Int)?
            for (position, full) in names.enumerated() {
                let candidates = abbreviated == true ? [String(full.prefix(3))] : abbreviated == false ? [full] : [full, String(full.prefix(3))]
                for candidate in candidates {
                    let utf8 = Array(candidate.utf8)
                    guard index + utf8.count <= count else { continue }
                    var same = true
                    for offset in 0..<utf8.count where bytes[index + offset] | 0x20 != utf8[offset] {
                        same = false
                        break
                    }
                    if same, best == nil || utf8.count > best!.1 { best = (position, utf8.count) }  // `!`: checked on the left
                }
            }
            guard let (position, length) = best else { return nil }
            index += length
            return position
        }
        for piece in pieces {
            switch piece {
            case .literal(let byte):
                guard index < count, bytes[index] | 0x20 == byte | 0x20 else { return nil }
                index += 1
            case .whitespace:
                guard index < count, CellCaster.isSpace(bytes[index]) else { return nil }
                while index < count && CellCaster.isSpace(bytes[index]) { index += 1 }
            case .directive(let letter):
                switch letter {
                case "Y": guard let value = number(4, 4) else { return nil }; fields.year = value
                case "y":
                    guard let value = number(2, 2) else { return nil }
                    fields.year = value < 69 ? 2000 + value : 1900 + value
                case "m": guard let value = number(1, 2), (1...12).contains(value) else { return nil }; fields.month = value
                case "d": guard let value = number(1, 2), (1...31).contains(value) else { return nil }; fields.day = value
                case "H": guard let value = number(1, 2), value < 24 else { return nil }; fields.hour = value
                case "I": guard let value = number(1, 2), (1...12).contains(value) else { return nil }; fields.hour = value
                case "M": guard let value = number(1, 2), value < 60 else { return nil }; fields.minute = value
                case "S": guard let value = number(1, 2), value <= 61 else { return nil }; fields.second = min(value, 59)
                case "f":
                    let start = index
                    guard let value = number(1, 6) else { return nil }
                    var nanos = value
                    for _ in 0..<(9 - (index - start)) { nanos *= 10 }
                    fields.nanos = nanos
                case "j": guard let value = number(1, 3), (1...366).contains(value) else { return nil }; fields.dayOfYear = value
                case "p":
                    guard let value = name(["am", "pm"], abbreviated: false) else { return nil }
                    fields.pm = value == 1
                case "b", "h": guard let value = name(TemporalPattern.monthNames, abbreviated: true) else { return nil }; fields.month = value + 1
                case "B": guard let value = name(TemporalPattern.monthNames, abbreviated: false) else { return nil }; fields.month = value + 1
                case "a": guard name(TemporalPattern.dayNames, abbreviated: true) != nil else { return nil }
                case "A": guard name(TemporalPattern.dayNames, abbreviated: false) != nil else { return nil }
                case "z":
                    guard let offset = TemporalText.offset(bytes, &index) else { return nil }
                    fields.offsetSeconds = offset
                case "Z":
                    guard name(["utc", "gmt"], abbreviated: false) != nil else { return nil }
                    fields.offsetSeconds = 0
                default: return nil
                }
            }
        }
        guard index == count else { return nil }
        if let pm = fields.pm, pieces.contains(.directive("I")) {
            fields.hour = fields.hour % 12 + (pm ? 12 : 0)
        }
        if let dayOfYear = fields.dayOfYear, !pieces.contains(.directive("m")) {
            let days = TemporalText.daysFromCivil(fields.year, 1, 1) + dayOfYear - 1
            let (year, month, day) = TemporalText.civil(fromDays: days)
            guard year == fields.year else { return nil }
            (fields.month, fields.day) = (month, day)
        }
        guard fields.day <= TemporalText.daysInMonth(fields.year, fields.month) else { return nil }
        return fields
    }
}

/// A strptime directive that `TemporalPattern` does not know.
struct TemporalPatternError: Error {
    var directive: String
}
