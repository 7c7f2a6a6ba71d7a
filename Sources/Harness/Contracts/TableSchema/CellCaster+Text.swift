/// String formats (email, uri, uuid, binary) and the geographic types.
extension CellCaster {
    func castString(_ bytes: ByteRun) -> CellValue? {
        switch format {
        case "email": return CellCaster.isEmail(bytes) ? .text : nil
        case "uri": return CellCaster.isURI(bytes) ? .text : nil
        case "uuid": return CellCaster.isUUID(bytes) ? .text : nil
        case "binary": return CellCaster.isBase64(bytes) ? .text : nil
        default: return .text
        }
    }

    /// `local@domain.tld`: a non-empty local part without spaces, a domain of dot-separated
    /// labels (letters, digits, hyphens) whose last label has two letters or more.
    static func isEmail(_ bytes: ByteRun) -> Bool {
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else { return false }
        for index in 0..<at {
            let byte = bytes[index]
            if byte <= ASCII.space || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: ",") { return false }
        }
        let domain = Array(bytes[(at + 1)...])
        let labels = domain.split(separator: ASCII.period, omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.first != ASCII.minus, label.last != ASCII.minus else { return false }
            for byte in label where !(isAlphanumeric(byte) || byte == ASCII.minus || byte >= 0x80) { return false }
        }
        return last.allSatisfy { isLetter($0) || $0 >= 0x80 }
    }

    /// RFC 3986 URI with a scheme (`scheme:rest`), and no spaces or characters a URI
    /// cannot hold.
    static func isURI(_ bytes: ByteRun) -> Bool {
        guard let colon = bytes.firstIndex(of: ASCII.colon), colon > 0, isLetter(bytes[0]) else { return false }
        for index in 1..<colon {
            let byte = bytes[index]
            guard isAlphanumeric(byte) || byte == ASCII.plus || byte == ASCII.minus || byte == ASCII.period else { return false }
        }
        let forbidden: Set<UInt8> = Set("<>\"{}|\\^`".utf8)
        for index in (colon + 1)..<bytes.count {
            let byte = bytes[index]
            if byte <= ASCII.space || byte == 0x7F || forbidden.contains(byte) { return false }
        }
        return true
    }

    /// What Python's `uuid.UUID()` accepts: 32 hex digits, with optional hyphens, braces
    /// and `urn:uuid:` prefix.
    static func isUUID(_ bytes: ByteRun) -> Bool {
        var text = Array(bytes)
        if text.count >= 9, String(decoding: text[0..<9], as: UTF8.self).lowercased() == "urn:uuid:" { text.removeFirst(9) }
        if text.first == UInt8(ascii: "{") && text.last == UInt8(ascii: "}") && text.count >= 2 { text = Array(text.dropFirst().dropLast()) }
        let hex = text.filter { $0 != ASCII.minus }
        return hex.count == 32 && hex.allSatisfy { isHexDigit($0) }
    }

    /// Base64 as Python's non-strict `b64decode` reads it: other characters are ignored and
    /// the alphabet's characters must come in groups of four.
    static func isBase64(_ bytes: ByteRun) -> Bool {
        var count = 0
        for byte in bytes where isAlphanumeric(byte) || byte == ASCII.plus || byte == ASCII.slash || byte == UInt8(ascii: "=") {
            count += 1
        }
        return count % 4 == 0
    }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || (byte >= ASCII.zero && byte <= ASCII.nine) }
    @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= ASCII.zero && byte <= ASCII.nine) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }

    /// `default`: "lon, lat"; `array`: `[lon, lat]`; `object`: `{"lon": …, "lat": …}`.
    func castGeopoint(_ bytes: ByteRun) -> CellValue? {
        var longitude: Double?, latitude: Double?
        switch format {
        case "array":
            guard let json = CellCaster.json(bytes), let items = json.arrayValue, items.count == 2 else { return nil }
            (longitude, latitude) = (items[0].doubleValue, items[1].doubleValue)
        case "object":
            guard let json = CellCaster.json(bytes), let members = json.objectMembers, members.count == 2 else { return nil }
            (longitude, latitude) = (json["lon"]?.doubleValue, json["lat"]?.doubleValue)
        default:
            let parts = Array(bytes).split(separator: ASCII.comma, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            let numbers = parts.map { part in ByteRun.with(Array(part)) { CellCaster.parseDecimal($0) } }
            (longitude, latitude) = (numbers[0], numbers[1])
        }
        guard let longitude, let latitude, (-180...180).contains(longitude), (-90...90).contains(latitude) else { return nil }
        return .geopoint(longitude: longitude, latitude: latitude)
    }

    static let geometryTypes: Set<String> = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"]

    /// GeoJSON (RFC 7946) objects by their `type` and the member that type requires;
    /// `topojson`: a `Topology` with `objects`.
    func castGeoJSON(_ bytes: ByteRun) -> CellValue? {
        guard let json = CellCaster.json(bytes), case .object = json, let kind = json["type"]?.stringValue else { return nil }
        if format == "topojson" {
            return kind == "Topology" && json["objects"]?.objectMembers != nil ? .json(json) : nil
        }
        let valid: Bool
        if CellCaster.geometryTypes.contains(kind) {
            valid = json["coordinates"]?.arrayValue != nil
        } else if kind == "GeometryCollection" {
            valid = json["geometries"]?.arrayValue != nil
        } else if kind == "Feature" {
            valid = json["geometry"] != nil && json["properties"] != nil
        } else if kind == "FeatureCollection" {
            valid = json["features"]?.arrayValue != nil
        } else {
            valid = false
        }
        return valid ? .json(json) : nil
    }
}
