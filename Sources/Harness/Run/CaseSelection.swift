/// Which cases of a config a run takes: named ones (in config order), then the shard.
enum CaseSelection {
    /// - Throws: `HarnessError.unknownName` for a name that is not a case.
    static func select(_ config: HarnessConfig, names: [String], shard: Shard?) throws -> [CaseConfig] {
        let known = config.cases.map(\.name)
        var problems: [HarnessError] = []
        for name in names where !known.contains(name) {
            problems.append(.unknownName(SourceLocation(path: config.path), kind: "case", name: name, known: known))
        }
        if !problems.isEmpty { throw HarnessError.many(problems) }
        var selected = names.isEmpty ? config.cases : config.cases.filter { names.contains($0.name) }
        if let shard { selected = selected.filter { shard.contains($0.name) } }
        return selected
    }
}
