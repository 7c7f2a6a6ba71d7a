/// `text` quoted for a POSIX shell when it needs to be.
func shellQuoted(_ text: String) -> String {
    let safe = text.unicodeScalars.allSatisfy { scalar in
        (scalar.properties.isAlphabetic && scalar.isASCII) || ("0"..."9").contains(scalar) || "-_./,=:@%+".unicodeScalars.contains(scalar)
    }
    if safe && !text.isEmpty { return text }
    return "'" + text.replacing("'", with: "'\\''") + "'"
}
