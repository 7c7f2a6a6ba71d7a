/// Checks an output's `key`, `ignore` and contract against the output's format while the
/// config loads, so a pointer given for a CSV column (or a column name for a JSON member)
/// is a config error at its line instead of a failed run minutes later.
extension OutputConfigReader {
    static func checkFormat(_ options: CompareOptions, keys: [String: JSONMember], output name: String,
                            path: String, where where_: String, reader: inout ConfigReader) {
        let format = options.format(for: path)
        switch format.keyKind {
        case .none:
            if let member = keys["key"], !options.key.isEmpty {
                reader.report(member.offset, "\(where_).key does not apply: output \"\(name)\" is \(format.displayName), compared as one structure",
                              hint: "leave out \"key\", or set \"format\": \"jsonl\" when the file holds one record per line")
            }
            checkPointers(options.ignore, member: keys["ignore"], output: name, format: format, where: where_, reader: &reader)
        case .topLevelMembers:
            if let member = keys["key"] {
                for field in options.key where field.hasPrefix("/") {
                    reader.report(member.offset, "\(where_).key \"\(field)\" is a JSON Pointer, but JSON Lines records are matched by top-level member names",
                                  hint: "did you mean \"\(field.dropFirst())\"?")
                }
            }
            checkPointers(options.ignore, member: keys["ignore"], output: name, format: format, where: where_, reader: &reader)
        case .columns:
            for (key, list) in [("key", options.key), ("ignore", options.ignore)] {
                guard let member = keys[key] else { continue }
                for column in list where column.hasPrefix("/") {
                    reader.report(member.offset, "\(where_).\(key) \"\(column)\" is a JSON Pointer, but output \"\(name)\" is CSV, whose columns are named by their header",
                                  hint: "did you mean \"\(column.dropFirst())\"?")
                }
            }
        }
    }

    private static func checkPointers(_ ignore: [String], member: JSONMember?, output name: String, format: DiffReport.Format,
                                      where where_: String, reader: inout ConfigReader) {
        guard let member else { return }
        let kind = format.shortName
        for text in ignore {
            do {
                _ = try JSONPointerPattern(text)
            } catch {
                let suggestion = text.hasPrefix("/") ? "" : "did you mean \"/\(text)\"? "
                reader.report(member.offset, "\(where_).ignore \"\(text)\" is not a JSON Pointer, and output \"\(name)\" is \(kind), whose members are ignored by pointer",
                              hint: suggestion + "write \"/name\" for a top-level member, \"/runs/*/name\" for one in every element of an array, ~0 for '~' and ~1 for '/'")
            }
        }
    }

    /// Compiles the output's contract now, listing its problems with the config's.
    static func checkContract(_ contract: String, output path: String, reader: inout ConfigReader) {
        do {
            try ContractValidator.check(contract: contract, dataPath: path)
        } catch let error as HarnessError {
            reader.problems += error.problems
        } catch {
            reader.problems.append(.invalid(SourceLocation(path: contract), message: DiagnosticRenderer.render(error)))
        }
    }
}
