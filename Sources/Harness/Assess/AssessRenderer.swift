/// Renders a notebook assessment for people (terminal) and for machines (`--json`).
public enum AssessRenderer {
    public static func terminal(_ assessment: NotebookAssessment) -> String {
        var out = "assess: \(assessment.notebook): \(assessment.findings.count) finding(s) in \(assessment.cells.count) code cell(s)\n"
        for finding in assessment.findings {
            out += "  cell \(finding.cell), line \(finding.line) [\(finding.rule)]: \(finding.message)\n"
            out += "      fix: \(finding.fix)\n"
        }
        out += "\ndependency map:\n" + DependencyMap.text(assessment)
        out += "\nmermaid (paste into Markdown between ```mermaid fences):\n" + DependencyMap.mermaid(assessment)
        return out
    }

    public static func json(_ assessment: NotebookAssessment) -> JSONValue {
        let findings: [JSONValue] = assessment.findings.map { finding in
            .object([JSONMember("rule", .string(finding.rule)), JSONMember("cell", .number("\(finding.cell)")),
                     JSONMember("line", .number("\(finding.line)")), JSONMember("message", .string(finding.message)),
                     JSONMember("fix", .string(finding.fix))])
        }
        let strings = { (list: [String]) in JSONValue.array(list.map { .string($0) }) }
        let cells: [JSONValue] = assessment.cells.map { cell in
            .object([JSONMember("cell", .number("\(cell.cell)")),
                     JSONMember("execution_count", cell.executionCount.map { .number("\($0)") } ?? .null),
                     JSONMember("lines", .number("\(cell.lines)")), JSONMember("defines", strings(cell.defines)),
                     JSONMember("uses", .object(cell.uses.map { JSONMember($0.name, .number("\($0.cell)")) })),
                     JSONMember("reads", strings(cell.reads)), JSONMember("writes", strings(cell.writes))])
        }
        return .object([JSONMember("notebook", .string(assessment.notebook)),
                        JSONMember("finding_count", .number("\(assessment.findings.count)")),
                        JSONMember("findings", .array(findings)), JSONMember("cells", .array(cells)),
                        JSONMember("mermaid", .string(DependencyMap.mermaid(assessment)))])
    }
}
