/// The Table Schema v2 field types. A field without `type` is `any`.
enum FieldType: String, CaseIterable, Sendable {
    case string, number, integer, boolean, object, array, list
    case datetime, date, time, year, yearmonth, duration
    case geopoint, geojson, any

    /// The formats the spec names for this type; date and time types also take a
    /// strptime pattern (any format containing `%`).
    var formats: [String] {
        switch self {
        case .string: return ["default", "email", "uri", "binary", "uuid"]
        case .datetime, .date, .time: return ["default", "any"]
        case .geopoint: return ["default", "array", "object"]
        case .geojson: return ["default", "topojson"]
        default: return ["default"]
        }
    }

    var takesPattern: Bool { self == .datetime || self == .date || self == .time }

    /// Whether values have an order, so `minimum`/`maximum` apply.
    var isOrdered: Bool {
        switch self {
        case .integer, .number, .date, .time, .datetime, .duration, .year, .yearmonth: return true
        default: return false
        }
    }

    /// Whether values have a length, so `minLength`/`maxLength` apply.
    var hasLength: Bool {
        switch self {
        case .string, .array, .object, .list: return true
        default: return false
        }
    }

    /// Field properties that only this type takes (beyond the common ones).
    var ownProperties: [String] {
        switch self {
        case .number: return ["decimalChar", "groupChar", "bareNumber", "floatNumber"]
        case .integer: return ["groupChar", "bareNumber", "categories", "categoriesOrdered"]
        case .string: return ["categories", "categoriesOrdered"]
        case .boolean: return ["trueValues", "falseValues"]
        case .list: return ["delimiter", "itemType"]
        default: return []
        }
    }

    /// Every type-specific property of any type, to tell "wrong type" from "unknown".
    static let allOwnProperties: Set<String> = Set(allCases.flatMap(\.ownProperties))
}
