/// Calendar arithmetic and the ISO 8601 forms of the default temporal formats, on bytes.
enum TemporalText {
    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days in `month` (1-12) of `year`, proleptic Gregorian.
    @inline(__always)
    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        // 31 days but in April, June, September, November (30) and February.
        if month == 2 { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28 }
        return 30 + ((0b1_0101_1010_1010 >> month) & 1)
    }

    @inline(__always)
    static func digits(_ bytes: ByteRun, _ at: Int, _ count: Int) -> Int? {
        guard at + count <= bytes.count else { return nil }
        var value = 0
        for index in at..<at + count {
            let digit = bytes[index] &- ASCII.zero
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// `Z`, `±HH`, `±HHMM` or `±HH:MM` at `index`; advances past it. Seconds east of UTC.
    static func offset(_ bytes: ByteRun, _ index: inout Int) -> Int? {
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") {
            index += 1
            return 0
        }
        guard bytes[index] == ASCII.plus || bytes[index] == ASCII.minus else { return nil }
        let sign = bytes[index] == ASCII.minus ? -1 : 1
        guard let hours = digits(bytes, index + 1, 2), hours < 24 else { return nil }
        index += 3
        var minutes = 0
        if index < bytes.count && bytes[index] == ASCII.colon {
            guard let value = digits(bytes, index + 1, 2) else { return nil }
            minutes = value
            index += 3
        } else if let value = digits(bytes, index, 2) {
            minutes = value
            index += 2
        }
        guard minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// `HH:MM:SS[.fraction][offset]` from `start` to the end (dateutil's isoparse time).
    /// Returns nanoseconds since midnight and the offset.
    static func isoTime(_ bytes: ByteRun, from start: Int) -> (nanos: Int, offset: Int?)? {
        guard let hour = digits(bytes, start, 2), start + 2 < bytes.count, bytes[start + 2] == ASCII.colon,
              let minute = digits(bytes, start + 3, 2), start + 5 < bytes.count, bytes[start + 5] == ASCII.colon,
              let second = digits(bytes, start + 6, 2) else { return nil }
        guard hour < 24 || (hour == 24 && minute == 0 && second == 0), minute < 60, second < 60 else { return nil }
        var index = start + 8
        var nanos = 0
        if index < bytes.count && (bytes[index] == ASCII.period || bytes[index] == ASCII.comma) {
            index += 1
            var scale = 100_000_000
            let first = index
            while index < bytes.count, bytes[index] >= ASCII.zero, bytes[index] <= ASCII.nine {
                nanos += Int(bytes[index] - ASCII.zero) * scale
                scale /= 10
                index += 1
            }
            guard index > first else { return nil }
        }
        var offset: Int?
        if index < bytes.count {
            guard let value = TemporalText.offset(bytes, &index), index == bytes.count else { return nil }
            offset = value
        }
        return ((hour * 3600 + minute * 60 + second) * 1_000_000_000 + nanos, offset)
    }
}
