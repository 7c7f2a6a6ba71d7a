/// Durations as people read them: `0.42s`, `12.3s`, `2m05s`.
func formatSeconds(_ seconds: Double) -> String {
    if seconds < 10 { return String(format2: seconds) + "s" }
    if seconds < 60 { return String(format1: seconds) + "s" }
    let whole = Int(seconds.rounded())
    let rest = whole % 60
    return "\(whole / 60)m" + (rest < 10 ? "0" : "") + "\(rest)s"
}

extension String {
    init(format2 value: Double) {
        let scaled = (value * 100).rounded() / 100
        var text = "\(scaled)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < 2 { text += String(repeating: "0", count: 2 - decimals) }
        }
        self = text
    }

    init(format1 value: Double) {
        let scaled = (value * 10).rounded() / 10
        self = "\(scaled)"
    }
}
