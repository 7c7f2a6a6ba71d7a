import Foundation

/// ISO 8601 durations (`PnYnMnDTnHnMnS`, `PnW`), as XML Schema's `duration` defines them.
enum DurationText {
    static func parse(_ bytes: ByteRun) -> (months: Int, seconds: Double)? {
        var index = 0
        let count = bytes.count
        var negative = false
        if index < count && bytes[index] == ASCII.minus {
            negative = true
            index += 1
        }
        guard index < count, bytes[index] == UInt8(ascii: "P") else { return nil }
        index += 1
        var months = 0
        var seconds = 0.0
        var inTime = false
        var components = 0
        var designators: [UInt8] = []
        while index < count {
            if bytes[index] == UInt8(ascii: "T") {
                guard !inTime else { return nil }
                inTime = true
                index += 1
                guard index < count else { return nil }
                continue
            }
            let start = index
            while index < count, (bytes[index] >= ASCII.zero && bytes[index] <= ASCII.nine) || bytes[index] == ASCII.period || bytes[index] == ASCII.comma {
                index += 1
            }
            guard index > start, index < count else { return nil }
            let text = String(decoding: bytes.run(start..<index), as: UTF8.self)
                .replacingOccurrences(of: ",", with: ".")
            guard let value = Double(text), value.isFinite else { return nil }
            let designator = bytes[index]
            // Minutes ("TnM") and months ("nM") share a letter; remember them apart.
            let key = inTime && designator == UInt8(ascii: "M") ? UInt8(ascii: "m") : designator
            guard !designators.contains(key) else { return nil }
            switch (designator, inTime) {
            case (UInt8(ascii: "Y"), false): months += Int(value) * 12
            case (UInt8(ascii: "M"), false): months += Int(value)
            case (UInt8(ascii: "W"), false): seconds += value * 7 * 86_400
            case (UInt8(ascii: "D"), false): seconds += value * 86_400
            case (UInt8(ascii: "H"), true): seconds += value * 3600
            case (UInt8(ascii: "M"), true): seconds += value * 60
            case (UInt8(ascii: "S"), true): seconds += value
            default: return nil
            }
            designators.append(key)
            components += 1
            index += 1
        }
        guard components > 0 else { return nil }
        return negative ? (-months, -seconds) : (months, seconds)
    }
}
