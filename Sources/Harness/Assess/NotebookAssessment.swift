/// The refactoring checklist of one notebook: findings and the facts of each code cell.
public struct NotebookAssessment: Sendable {
    public var notebook: String
    public var cells: [CellFacts]
    public var findings: [AssessFinding]

    /// What one code cell defines, uses, reads and writes.
    public struct CellFacts: Sendable, Equatable {
        public var cell: Int
        public var executionCount: Int?
        public var lines: Int
        public var defines: [String]
        /// Names read from earlier cells, with the cell that last defined each.
        public var uses: [(name: String, cell: Int)]
        public var reads: [String]
        public var writes: [String]

        public static func == (a: CellFacts, b: CellFacts) -> Bool {
            a.cell == b.cell && a.defines == b.defines && a.reads == b.reads && a.writes == b.writes
                && a.uses.map(\.name) == b.uses.map(\.name) && a.uses.map(\.cell) == b.uses.map(\.cell)
        }
    }

    /// Reads the assessment script's JSON.
    init(json: JSONValue, notebook: String) {
        self.notebook = notebook
        let strings = { (value: JSONValue?) in value?.arrayValue?.compactMap(\.stringValue) ?? [] }
        cells = (json["cells"]?.arrayValue ?? []).map { item in
            CellFacts(cell: item["cell"]?.intValue ?? 0, executionCount: item["execution_count"]?.intValue,
                      lines: item["lines"]?.intValue ?? 0, defines: strings(item["defines"]),
                      uses: (item["uses"]?.objectMembers ?? []).map { ($0.key, $0.value.intValue ?? 0) },
                      reads: strings(item["reads"]), writes: strings(item["writes"]))
        }
        findings = (json["findings"]?.arrayValue ?? []).compactMap(AssessFinding.init)
            .sorted { ($0.cell, $0.line) < ($1.cell, $1.line) }
    }
}
