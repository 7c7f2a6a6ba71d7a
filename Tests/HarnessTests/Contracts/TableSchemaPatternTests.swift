import Foundation
import Testing
@testable import Harness

/// The pattern DFA must agree with the general engine on every value it answers for, and
/// decline (nil) what it does not cover.
@Suite("Table Schema patterns")
struct TableSchemaPatternTests {
    static let patterns = [
        "[A-Z]{2}-[0-9]{4}", "^a.*$", "a|b|cd", "(ab)+c?", "\\d{3}-\\d{2,}", "[^,;]*", "x{0,3}y", "[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}",
        "(?:EU|US|APAC)", "\\w+\\s\\w+", "[\\d.]+", "colou?r", "", "a{2}|b{3,4}", "[-a]z", "\\.\\*\\+",
    ]
    static let values = ["AB-1234", "ab-1234", "A-12", "AB-12345", "abc", "a", "", "b", "cd", "abab", "ababc", "123-45", "123-4",
                         "x,y", "xxy", "xxxxy", "y", "ana@example.org", "ana@ex", "EU", "APAC", "USA", "hello world", "hello  world",
                         "1.5", "color", "colour", "aa", "bbbb", "bb", "-z", "az", ".*+", "abc\nabc"]

    @Test(arguments: patterns)
    func automatonAgreesWithTheGeneralEngine(_ source: String) throws {
        let pattern = try CellPattern(source)
        let automaton = try #require(pattern.automaton, "pattern \"\(source)\" should compile to a DFA")
        for value in Self.values {
            ByteRun.with(value) { raw in
                let fast = automaton.plan.matches(raw)
                #expect(fast == pattern.generalMatch(raw), "\(source) on \(value.debugDescription)")
            }
        }
    }

    @Test(arguments: ["(a)\\1", "\\p{L}+", "(?=a)a", "é+", "[a-z-[aeiou]]+", "\\bword"])
    func constructsOutsideTheSubsetFallBack(_ source: String) {
        #expect(PatternAutomaton(source) == nil)
    }

    @Test func nonASCIICellsGoToTheGeneralEngine() throws {
        let pattern = try CellPattern("[a-zé]+")
        ByteRun.with("café") { buffer in
            #expect(pattern.automaton == nil || pattern.automaton?.plan.matches(buffer) == nil)
            #expect(pattern.matches(buffer))
        }
        let ascii = try CellPattern("c.f.")
        ByteRun.with("café") { buffer in
            // "." is one character, not one byte: the general engine must decide.
            #expect(ascii.matches(buffer))
        }
    }
}
