/// Reads an output's finer comparison settings: `columns` (a tolerance per CSV column or
/// per JSON Pointer pattern), `mask` (a regular expression per column or pattern) and
/// `context` (CSV columns shown beside each difference).
///
/// Everything that can be known before a run is checked here: names of the right kind for
/// the output's format, patterns that compile, no setting on an ignored column, and, when
/// the output's contract is a Table Schema, column names that its fields declare.
extension OutputConfigReader {
    static let columnKeys = ["rtol", "atol"]

    static func readComparison(_ keys: [String: JSONMember], at where_: String, name: String,
                               contract: String?, options: inout CompareOptions, reader: inout ConfigReader) {
        let format = options.format(for: name)
        let declared = contract.flatMap(declaredColumns)
        let ignored = Set(options.ignore)

        func checkName(_ entry: JSONMember, setting: String) -> Bool {
            let problemsBefore = reader.problems.count
            switch format.place {
            case .column:
                if entry.key.hasPrefix("/") {
                    reader.report(entry.offset, "\(where_).\(setting) \"\(entry.key)\" is a JSON Pointer but \"\(name)\" is a CSV output",
                                  hint: "CSV outputs name columns from the header, e.g. \"revenue\"")
                } else if let declared, !declared.contains(entry.key) {
                    reader.problems.append(.unknownName(reader.location(entry.offset), kind: "column in \(where_).\(setting)",
                                                        name: entry.key, known: declared,
                                                        hint: "the output's contract declares these columns"))
                }
            case .pointer where !entry.key.hasPrefix("/"):
                reader.report(entry.offset, "\(where_).\(setting) \"\(entry.key)\" is not a JSON Pointer; \"\(name)\" is a \(format.shortName) output",
                              hint: "write \"/\(entry.key)\", or \"/runs/*/\(entry.key)\" for one in every element of an array")
            case .pointer:
                do {
                    _ = try JSONPointerPattern(entry.key)
                } catch {
                    reader.report(entry.offset, "\(where_).\(setting) \"\(entry.key)\": '~' must be followed by 0 or 1 in a JSON Pointer")
                }
            }
            // A context column may well be ignored (shown, not compared); a tolerance or a
            // mask on an ignored column would never apply.
            if setting != "context" && ignored.contains(entry.key) {
                reader.report(entry.offset, "\(where_).\(setting) \"\(entry.key)\" is also ignored, so it would never apply",
                              hint: "remove it from \(where_).ignore or from \(where_).\(setting)")
            }
            return reader.problems.count == problemsBefore
        }

        if let member = keys["columns"] {
            for entry in reader.entries(member.value, at: member.offset, name: "\(where_).columns") {
                let settings = reader.members(entry.value, at: entry.offset, name: "\(where_).columns.\(entry.key)", allowed: columnKeys)
                let rtol = reader.number(settings["rtol"], name: "\(where_).columns.\(entry.key).rtol")
                let atol = reader.number(settings["atol"], name: "\(where_).columns.\(entry.key).atol")
                if settings.isEmpty, entry.value.objectMembers != nil {
                    reader.report(entry.offset, "\(where_).columns.\(entry.key) sets no tolerance",
                                  hint: "write {\"rtol\": 1e-6} or {\"atol\": 0.01}, or remove it")
                }
                guard checkName(entry, setting: "columns") else { continue }
                options.columns.append(ColumnTolerance(name: entry.key, rtol: rtol ?? options.rtol, atol: atol ?? options.atol))
            }
        }
        if let member = keys["mask"] {
            for entry in reader.entries(member.value, at: member.offset, name: "\(where_).mask") {
                guard let pattern = reader.string(entry, name: "\(where_).mask.\(entry.key)") else { continue }
                if let problem = ValueMask.problem(in: pattern) {
                    reader.report(entry.offset, "\(where_).mask.\(entry.key) \"\(pattern)\" is not a usable regular expression: \(problem)",
                                  hint: "a Perl-style regular expression, with backslashes doubled in JSON: \"run-\\\\d+\"")
                    continue
                }
                guard checkName(entry, setting: "mask") else { continue }
                options.masks.append(ValueMask(name: entry.key, pattern: pattern))
            }
        }
        if let member = keys["context"], let names = reader.strings(member, name: "\(where_).context") {
            switch format.shape {
            case .document, .records:
                // Context columns are shown beside a table's rows; a JSON difference has its pointer.
                reader.report(member.offset, "\(where_).context applies to CSV outputs; \"\(name)\" is \(format.shortName)",
                              hint: "differences in JSON are located by pointer; remove context")
            case .table:
                for column in names {
                    _ = checkName(JSONMember(column, .string(column), offset: member.offset), setting: "context")
                }
                options.context = names
            }
        }
    }

    /// The column names a Table Schema contract declares; nil when the contract is not one
    /// (or cannot be read here: its own checks report that).
    static func declaredColumns(_ contract: String) -> [String]? {
        guard let bytes = try? FileBytes.read(contract), let document = try? JSONParser.parse(bytes, path: contract),
              let top = document.objectMembers else { return nil }
        let schema = top.first { $0.key == "schema" }?.value.objectMembers ?? top
        guard let fields = schema.first(where: { $0.key == "fields" })?.value.arrayValue else { return nil }
        let names = fields.compactMap { $0.objectMembers?.first { $0.key == "name" }?.value.stringValue }
        return names.count == fields.count ? names : nil
    }
}
