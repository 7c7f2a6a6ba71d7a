import Testing
@testable import Harness

@Suite("leading zeros of bare numbers")
struct CellCasterLeadingZeroTests {
    /// The in-place reading (cells) must answer as the collection one (rewritten copies).
    @Test(arguments: ["0", "00", "01", "007", "0.5", "00.5", " 01", "01 ", " 0 ", "0 ", " 0.5", "0\t1", "  ", "",
                      "10", "-01", "+01", "0x", "0e5", "\t007\n"])
    func inPlaceAgreesWithTheCollectionReading(text: String) {
        let bytes = Array(text.utf8)
        let inPlace = bytes.withUnsafeBytes { CellCaster.hasLeadingZero($0) }
        #expect(inPlace == CellCaster.hasLeadingZero(bytes), "\(text.debugDescription)")
    }

    @Test func knownAnswers() {
        let answer = { (text: String) in Array(text.utf8).withUnsafeBytes { CellCaster.hasLeadingZero($0) } }
        #expect(answer("007") && answer(" 01 ") && answer("00"))
        #expect(!answer("0") && !answer("0.5") && !answer(" 0 ") && !answer("10") && !answer(""))
    }
}
