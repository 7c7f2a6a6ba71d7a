/// Dates, times and datetimes (default ISO forms, `any`, strptime patterns), years and
/// year-months.
extension CellCaster {
    func castTemporal(_ bytes: ByteRun) -> CellValue? {
        if let pattern {
            guard let fields = pattern.match(bytes) else { return nil }
            return value(of: fields)
        }
        if format == "any" {
            return CellCaster.anyTemporalPatterns(for: type).lazy.compactMap { $0.match(bytes) }.first.map(value(of:))
                ?? CellCaster.defaultTemporal(type, bytes)
        }
        return CellCaster.defaultTemporal(type, bytes)
    }

    /// A date, time or datetime in its default ISO form (nil for other types); describe
    /// calls it directly for its default-format candidates.
    @inline(__always)
    static func defaultTemporal(_ type: FieldType, _ bytes: ByteRun) -> CellValue? {
        switch type {
        case .date: return CellCaster.isoDate(bytes).map { .date($0) }
        case .time: return CellCaster.isoTime(bytes).map { .time($0) }
        case .datetime: return CellCaster.isoDatetime(bytes).map { .datetime(seconds: $0.seconds, nanos: $0.nanos) }
        default: return nil
        }
    }

    /// `YYYY-M-D` as strptime's `%Y-%m-%d` reads it (one or two digits for month and day),
    /// as days since 1970-01-01.
    @inline(__always)
    static func isoDate(_ bytes: ByteRun) -> Int? {
        isoDateParts(bytes).map { TemporalText.daysFromCivil($0.year, $0.month, $0.day) }
    }

    /// The year, month and day of a valid `YYYY-M-D` date; nil for anything else.
    @inline(__always)
    static func isoDateParts(_ bytes: ByteRun) -> (year: Int, month: Int, day: Int)? {
        let count = bytes.count
        guard count >= 8, count <= 10, let year = TemporalText.digits(bytes, 0, 4), bytes[4] == ASCII.minus else { return nil }
        let month: Int, day: Int
        if count == 10 && bytes[7] == ASCII.minus {
            // `YYYY-MM-DD`, nearly every date: fixed places.
            let m1 = bytes[5] &- ASCII.zero, m2 = bytes[6] &- ASCII.zero, d1 = bytes[8] &- ASCII.zero, d2 = bytes[9] &- ASCII.zero
            guard m1 < 10, m2 < 10, d1 < 10, d2 < 10 else { return nil }
            month = Int(m1) * 10 + Int(m2)
            day = Int(d1) * 10 + Int(d2)
        } else {
            var index = 5
            func part() -> Int? {
                var value = 0
                var digits = 0
                while index < count, digits < 2, bytes[index] &- ASCII.zero < 10 {
                    value = value * 10 + Int(bytes[index] &- ASCII.zero)
                    digits += 1
                    index += 1
                }
                return digits > 0 ? value : nil
            }
            guard let first = part(), index < count, bytes[index] == ASCII.minus else { return nil }
            index += 1
            guard let second = part(), index == count else { return nil }
            month = first
            day = second
        }
        guard month >= 1, month <= 12, day >= 1, day <= TemporalText.daysInMonth(year, month) else { return nil }
        return (year, month, day)
    }

    /// `HH:MM:SS[.f][offset]` (frictionless guards dateutil's shorter forms away).
    @inline(__always)
    static func isoTime(_ bytes: ByteRun) -> Int? {
        guard bytes.count >= 8, bytes[5] == ASCII.colon, let (nanos, offset) = TemporalText.isoTime(bytes, from: 0) else { return nil }
        return normalisedTime(nanos, offset)
    }

    /// `YYYY-MM-DD?HH:MM:SS[.f][offset]`, as seconds since 1970 (UTC when an offset is given).
    @inline(__always)
    static func isoDatetime(_ bytes: ByteRun) -> (seconds: Int, nanos: Int)? {
        guard bytes.count >= 19, bytes[16] == ASCII.colon,
              let year = TemporalText.digits(bytes, 0, 4), bytes[4] == ASCII.minus,
              let month = TemporalText.digits(bytes, 5, 2), bytes[7] == ASCII.minus,
              let day = TemporalText.digits(bytes, 8, 2),
              (1...12).contains(month), day >= 1, day <= TemporalText.daysInMonth(year, month),
              let (nanos, offset) = TemporalText.isoTime(bytes, from: 11) else { return nil }
        let seconds = TemporalText.daysFromCivil(year, month, day) * 86_400 + nanos / 1_000_000_000 - (offset ?? 0)
        return (seconds, nanos % 1_000_000_000)
    }

    private func value(of fields: TemporalPattern.Fields) -> CellValue {
        let days = TemporalText.daysFromCivil(fields.year, fields.month, fields.day)
        let nanos = ((fields.hour * 60 + fields.minute) * 60 + fields.second) * 1_000_000_000 + fields.nanos
        switch type {
        case .date: return .date(days)
        case .time: return .time(CellCaster.normalisedTime(nanos, fields.offsetSeconds))
        default:
            let seconds = days * 86_400 + nanos / 1_000_000_000 - (fields.offsetSeconds ?? 0)
            return .datetime(seconds: seconds, nanos: fields.nanos)
        }
    }

    static func normalisedTime(_ nanos: Int, _ offset: Int?) -> Int {
        let day = 86_400 * 1_000_000_000
        let shifted = nanos - (offset ?? 0) * 1_000_000_000
        return ((shifted % day) + day) % day
    }

    /// The forms `format: any` tries after the ISO one: the common day-first, month-first
    /// and written-month layouts (a bounded stand-in for dateutil's guessing parser).
    static func anyTemporalPatterns(for type: FieldType) -> [TemporalPattern] {
        let dates = ["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y%m%d",
                     "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%b %d, %Y", "%B %d, %Y"]
        let times = ["%H:%M:%S", "%H:%M", "%H:%M:%S.%f", "%I:%M %p", "%I:%M:%S %p", "%H:%M:%S%z"]
        let forms: [String]
        switch type {
        case .date: forms = dates
        case .time: forms = times
        default: forms = dates.flatMap { date in ["T", " "].flatMap { sep in times.map { date + sep + $0 } } } + dates
        }
        return forms.compactMap { try? TemporalPattern($0) }
    }

    /// `YYYY`: four digits (frictionless's reading of XML Schema's gYear).
    func castYear(_ bytes: ByteRun) -> CellValue? {
        CellCaster.year(bytes).map { .year($0) }
    }

    @inline(__always)
    static func year(_ bytes: ByteRun) -> Int? {
        guard bytes.count == 4, let year = TemporalText.digits(bytes, 0, 4) else { return nil }
        return year
    }

    func castYearMonth(_ bytes: ByteRun) -> CellValue? {
        CellCaster.yearMonth(bytes).map { .yearmonth($0) }
    }

    /// `YYYY-MM` with a month from 1 to 12, as months since year 0.
    @inline(__always)
    static func yearMonth(_ bytes: ByteRun) -> Int? {
        guard bytes.count == 7 || bytes.count == 6, let year = TemporalText.digits(bytes, 0, 4), bytes[4] == ASCII.minus,
              let month = TemporalText.digits(bytes, 5, bytes.count - 5), (1...12).contains(month) else { return nil }
        return year * 12 + month - 1
    }
}
