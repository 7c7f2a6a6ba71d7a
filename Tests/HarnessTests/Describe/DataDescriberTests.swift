import Foundation
import Testing
@testable import Harness

@Suite("harness describe")
struct DataDescriberTests {
    /// The drafted field named `name`.
    func field(_ contract: JSONValue, _ name: String) -> JSONValue? {
        contract["schema"]?["fields"]?.arrayValue?.first { $0["name"]?.stringValue == name }
    }

    func describe(_ text: String, file: String = "data.csv", options: DescribeOptions = DescribeOptions()) throws -> (DataDescription, String) {
        let folder = try TestSupport.temporaryFolder("describe")
        let path = folder + "/" + file
        try TestSupport.write(text, to: path)
        return (try DataDescriber.describe(path: path, options: options), path)
    }

    /// Equal values (-0.0 is 0.0, as every comparison and fingerprint takes it), or both NaN.
    func same(_ a: CellValue?, _ b: CellValue?) -> Bool {
        if case .number(let x)? = a, case .number(let y)? = b, x.isNaN && y.isNaN { return true }
        return a == b
    }

    /// The direct paths `TypeCandidate.cast` takes for the default-format candidates give
    /// what each candidate's own caster gives, on texts of every type and near misses.
    @Test func candidateShortcutsAgreeWithTheirCasters() {
        let texts = ["", "0", "1", "01", "-3", "12.5", "1e3", "true", "False", "TRUE", "yes", "2024", "0999", "20245",
                     "2024-02", "2024-2", "2024-13", "2024-02-29", "2023-02-29", "2024-1-5", "2024/01/05", "05/01/2024",
                     "10:30:00", "10:30", "-0", "-17", "123456789012345678", "-999999999999999999", "9007199254740993", "25:00:00", "10:30:00.5+01:00", "2024-01-05T10:30:00", "2024-01-05 10:30:00Z",
                     "2024-01-05T10:30", "NaN", "inf", "abc", " 1", "1 "]
        let candidates = TypeCandidate.all
        #expect(candidates[TypeCandidate.booleanIndex].type == .boolean)
        #expect(candidates[TypeCandidate.yearIndex].type == .year)
        #expect(candidates[TypeCandidate.yearmonthIndex].type == .yearmonth)
        #expect(candidates[TypeCandidate.dateIndex].type == .date && candidates[TypeCandidate.dateIndex].format == "default")
        #expect(candidates[TypeCandidate.timeIndex].type == .time && candidates[TypeCandidate.timeIndex].format == "default")
        #expect(candidates[TypeCandidate.datetimeIndex].type == .datetime && candidates[TypeCandidate.datetimeIndex].format == "default")
        for text in texts {
            // Padding after the cell, as a CSV reader's field has.
            let bytes = Array(text.utf8) + Array("0000000000000000".utf8)
            ByteRun.with(bytes) { buffer in
                let cell = buffer.run(0..<text.utf8.count)
                // What `ColumnProfile.observe` takes for the number candidate's reading of
                // a whole number other than 0.
                if case .integer(let whole)? = candidates[TypeCandidate.integerIndex].cast(cell), whole != 0 {
                    #expect(same(candidates[TypeCandidate.numberIndex].cast(cell), .number(Double(whole))), "\(text) as a number")
                }
                for index in candidates.indices {
                    let direct = TypeCandidate.cast(cell, index: index, candidates: candidates.span)
                    #expect(same(direct, candidates[index].cast(cell)), "candidate \(index) on \"\(text)\"")
                }
            }
        }
    }

    @Test("each field gets its narrowest type, bounds, required, unique, enum and missing values")
    func csvFields() throws {
        var text = "order_id,day,amount,paid,region,zip,year,at,count,month\n"
        for row in 1...12 {
            let amount = row == 5 ? "" : "\(Double(row) * 1.5)"
            let region = ["EU", "US", "APAC"][row % 3]
            let count = row == 7 ? "NA" : "\(row % 4)"
            text += "\(row),2024-01-\(String(format: "%02d", row)),\(amount),\(row % 2 == 0 ? "true" : "False"),\(region),0\(row + 1000),\(2000 + row),2024-03-01 10:00:\(String(format: "%02d", row)),\(count),2024-\(String(format: "%02d", row))\n"
        }
        let (description, _) = try describe(text)
        let contract = description.contract
        #expect(field(contract, "order_id")?["type"]?.stringValue == "integer")
        #expect(field(contract, "order_id")?["constraints"]?["unique"]?.boolValue == true)
        #expect(field(contract, "order_id")?["constraints"]?["minimum"] == .number("1"))
        #expect(field(contract, "order_id")?["constraints"]?["maximum"] == .number("12"))
        #expect(contract["schema"]?["primaryKey"] == .array([.string("order_id")]))
        #expect(field(contract, "day")?["type"]?.stringValue == "date")
        #expect(field(contract, "day")?["constraints"]?["minimum"] == .string("2024-01-01"))
        #expect(field(contract, "amount")?["type"]?.stringValue == "number")
        #expect(field(contract, "amount")?["constraints"]?["required"] == nil)
        #expect(field(contract, "amount")?["constraints"]?["maximum"] == .number("18.0"))
        #expect(field(contract, "paid")?["type"]?.stringValue == "boolean")
        #expect(field(contract, "region")?["type"]?.stringValue == "string")
        #expect(field(contract, "region")?["constraints"]?["enum"] == .array(["APAC", "EU", "US"].map { .string($0) }))
        #expect(field(contract, "zip")?["type"]?.stringValue == "string", "leading zeros keep codes as text")
        #expect(field(contract, "year")?["type"]?.stringValue == "year")
        #expect(field(contract, "at")?["type"]?.stringValue == "datetime")
        #expect(field(contract, "count")?["type"]?.stringValue == "integer")
        #expect(field(contract, "count")?["missingValues"] == .array([.string(""), .string("NA")]))
        #expect(field(contract, "count")?["constraints"]?["unique"] == nil)
        #expect(field(contract, "month")?["type"]?.stringValue == "yearmonth")
        #expect(description.rows == 12)
    }

    @Test("day-first dates get a strptime format, and numbers written two ways are one value")
    func formatsAndLogicalUniqueness() throws {
        let (description, path) = try describe("when,value\n13/01/2024,1\n14/01/2024,1.0\n15/01/2024,2\n")
        #expect(field(description.contract, "when")?["format"]?.stringValue == "%d/%m/%Y")
        #expect(field(description.contract, "value")?["type"]?.stringValue == "number")
        #expect(field(description.contract, "value")?["constraints"]?["unique"] == nil, "1 and 1.0 are the same number")
        try expectValid(path, description)
    }

    @Test("a four-digit id is an integer, not a year; text without repeats gets no enum")
    func noFalseYearOrEnum() throws {
        let (description, _) = try describe("code,name\n1001,ann\n1002,bob\n1003,cy\n")
        #expect(field(description.contract, "code")?["type"]?.stringValue == "integer")
        #expect(field(description.contract, "name")?["constraints"]?["enum"] == nil)
    }

    @Test("an unnamed index column (pandas' row numbers) is never the drafted or proposed key", arguments: ["", "Unnamed: 0"])
    func unnamedIndexIsNoKey(name: String) throws {
        let (description, _) = try describe("\(name),sku,amount\n0,a1,3\n1,a2,3\n2,a3,4\n")
        #expect(field(description.contract, name)?["constraints"]?["unique"]?.boolValue == true)
        #expect(description.contract["schema"]?["primaryKey"] == nil)
        #expect(NotebookAdoption.proposedKey(description) == ["sku"])
        // Only the index is unique: no key at all rather than the row numbers.
        let (onlyIndex, _) = try describe("\(name),amount\n0,3\n1,3\n")
        #expect(NotebookAdoption.proposedKey(onlyIndex) == [])
        // A named id column still is one.
        let (named, _) = try describe("\(name),id,amount\n0,7,3\n1,9,3\n")
        #expect(NotebookAdoption.proposedKey(named) == ["id"])
        #expect(named.contract["schema"]?["primaryKey"] == .array([.string("id")]))
    }

    @Test("semicolon files get a dialect; an empty column is any")
    func dialectAndEmpty() throws {
        let (description, path) = try describe("a;b\n1;\n2;\n")
        #expect(description.contract["dialect"]?["delimiter"]?.stringValue == ";")
        #expect(field(description.contract, "b")?["type"]?.stringValue == "any")
        #expect(description.notes == [.empty(field: "b")])
        try expectValid(path, description)
    }

    /// A header that uses two delimiters equally often always gets the same one: comma
    /// first, then `;`, tab, `|` (a fuzzed file drew two drafts in one process before).
    @Test func tiedDelimitersAreSniffedTheSameEveryTime() throws {
        let folder = try TestSupport.temporaryFolder("describe-ties")
        for (header, expected) in [("a;b|c", ";"), ("a|b;c", ";"), ("a,b;c", ","), ("a\tb|c", "\t"), ("a|b", "|")] {
            let path = folder + "/tie.csv"
            try TestSupport.write(header + "\n1\n", to: path)
            for _ in 0..<20 {
                #expect(try TableDescriber.sniffDialect(path).delimiter == UInt8(ascii: Unicode.Scalar(expected)!), "\(header)")
            }
        }
    }

    @Test("uniqueness stays within its memory budget and says when it gave up")
    func boundedUniqueness() throws {
        var options = DescribeOptions()
        options.uniqueBudget = 5
        let rows = (1...20).map { "\(($0 * 7919) % 1000),w\($0)" }.joined(separator: "\n")
        let (description, _) = try describe("n,word\n" + rows + "\n", options: options)
        #expect(field(description.contract, "n")?["constraints"]?["unique"] == nil)
        #expect(field(description.contract, "word")?["constraints"]?["unique"] == nil)
        #expect(description.notes.contains(.uniqueNotTracked(field: "word", budget: 5)))
        // Ordered ids cost nothing: twenty of them are still unique under the same budget.
        let (ordered, _) = try describe("id\n" + (1...20).map(String.init).joined(separator: "\n") + "\n", options: options)
        #expect(field(ordered.contract, "id")?["constraints"]?["unique"]?.boolValue == true)
    }

    /// Fingerprints enter their set in batches (`UniqueTracker.batch`): a repeat anywhere in
    /// a batch, in the last one that is not full, or across batches is still found.
    @Test("a repeated value is found wherever it falls among the batches of fingerprints")
    func repeatsAcrossBatches() throws {
        let batch = UniqueTracker.batch
        let values = (1...(3 * batch + 5)).map { ($0 * 7919) % 100_003 }
        for (first, second) in [(0, 1), (3, batch - 1), (batch - 1, batch), (2, 3 * batch + 4), (3 * batch + 1, 3 * batch + 4)] {
            var column = values
            column[second] = column[first]
            let (description, _) = try describe("n\n" + column.map(String.init).joined(separator: "\n") + "\n")
            #expect(field(description.contract, "n")?["constraints"]?["unique"] == nil, "value \(second) repeats value \(first)")
        }
        let (distinct, _) = try describe("n\n" + values.map(String.init).joined(separator: "\n") + "\n")
        #expect(field(distinct.contract, "n")?["constraints"]?["unique"]?.boolValue == true)
    }

    @Test("values in order past the kept ones, then out of order, give up unique with a note")
    func orderThenBreak() throws {
        let count = UniqueTracker.orderedKept + 10
        let text = "n\n" + (1...count).map(String.init).joined(separator: "\n") + "\n5\n"
        let (description, _) = try describe(text)
        #expect(field(description.contract, "n")?["constraints"]?["unique"] == nil)
        #expect(description.notes == [.uniqueUnknownAfterOrder(field: "n", row: count + 1)])
    }

    @Test("JSON Lines become a JSON Schema with required keys, ranges and enums")
    func jsonLines() throws {
        let lines = (1...6).map { "{\"id\": \($0), \"kind\": \"\($0 % 2 == 0 ? "a" : "b")\", \"score\": \(Double($0) / 4)\($0 == 3 ? "" : ", \"note\": null")}" }
        let (description, path) = try describe(lines.joined(separator: "\n") + "\n", file: "records.jsonl")
        let schema = description.contract
        #expect(schema["$schema"]?.stringValue == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["required"] == .array(["id", "kind", "score"].map { .string($0) }))
        #expect(schema["properties"]?["id"]?["type"]?.stringValue == "integer")
        #expect(schema["properties"]?["id"]?["maximum"] == .number("6"))
        #expect(schema["properties"]?["kind"]?["enum"] == .array([.string("a"), .string("b")]))
        #expect(schema["properties"]?["score"]?["type"]?.stringValue == "number")
        #expect(description.rows == 6)
        try expectValid(path, description)
    }

    @Test("a missing file or broken JSON is one clear error")
    func errors() throws {
        #expect(throws: HarnessError.self) { try DataDescriber.describe(path: "/nonexistent/data.csv") }
        #expect(throws: HarnessError.self) { try describe("{\"a\": ", file: "broken.json") }
    }

    /// Broken CSV deep in a file read by several threads is the one error one thread
    /// reports (the same message, naming the line), not a hang: every batch after the error
    /// is abandoned by all threads. Past the ring of batches, so that the reading thread
    /// has waited for the others before it meets the error.
    @Test(.timeLimit(.minutes(1))) func brokenCSVStopsEveryThread() throws {
        var text = "id,name,value\n"
        for row in 1...40_000 { text += "\(row),n\(row % 9),\(Double(row) / 3)\n" }
        text += "40001,\"never closed,1\n40002,b,2\n"
        let folder = try TestSupport.temporaryFolder("describe-broken")
        try TestSupport.write(text, to: folder + "/broken.csv")
        var messages: [String] = []
        for workers in [1, 2, 3] {
            var options = DescribeOptions()
            options.workers = workers
            options.parallelMinimumBytes = 0
            do {
                _ = try DataDescriber.describe(path: folder + "/broken.csv", options: options)
                Issue.record("\(workers) threads: no error")
            } catch let error as HarnessError {
                messages.append(DiagnosticRenderer.render(error))
            }
        }
        #expect(Set(messages).count == 1, "\(messages)")
        #expect(messages.first?.contains("broken.csv:40002") == true, "\(messages)")
    }

    /// The drafted contract validates its own file.
    func expectValid(_ path: String, _ description: DataDescription) throws {
        let contract = path + ".contract.json"
        try AtomicFile.write(description.contract.prettyText, to: contract)
        let report = try ContractValidator.validate(data: path, contract: contract, options: ValidateOptions())
        #expect(report.valid, "\(path): \(report.counts)")
    }

    /// Describing by columns on several threads draws what one thread draws: the same
    /// contract, rows, field summaries and notes, on the repository's and the corpus's CSV
    /// files and on a file built to exercise every profile (ragged rows, missing tokens,
    /// an order that breaks, repeats, quoted line ends, a type that dies late).
    @Test func threadsByColumnDrawWhatOneThreadDraws() throws {
        var text = "id,when,amount,flag,region,note,ratio,code,late\n"
        for row in 1...3_000 {
            let id = row == 2_500 ? "17" : "\(row)"
            let amount = row % 97 == 0 ? "NA" : "\(Double(row) * 0.37)"
            let note = row % 500 == 0 ? "\"two\nlines\"" : "n\(row % 7)"
            let late = row == 2_999 ? "x" : "\(row % 13)"
            let line = "\(id),2024-02-\(String(format: "%02d", row % 28 + 1)),\(amount),\(row % 2 == 0),\(["EU", "US"][row % 2]),\(note),\(1.0 / Double(row)),0\(row % 50),\(late)"
            text += row % 1_000 == 0 ? "\(row),short\n" : line + "\n"
        }
        let folder = try TestSupport.temporaryFolder("describe-threads")
        try TestSupport.write(text, to: folder + "/built.csv")
        var files = [folder + "/built.csv"] + ["examples/sales/data/sample.csv", "examples/churn/data/customers.csv",
                                                "golden/sales/clean_sales.csv", "golden/churn/predictions.csv"].map { TestSupport.repositoryRoot + "/" + $0 }
        let corpus = TestSupport.corpora + "/frictionless-data/data"
        if let names = try? FileManager.default.contentsOfDirectory(atPath: corpus) {
            files += names.filter { $0.hasSuffix(".csv") }.sorted().map { corpus + "/" + $0 }
        }
        var compared = 0
        for file in files {
            var one = DescribeOptions()
            one.workers = 1
            guard let serial = try? DataDescriber.describe(path: file, options: one) else { continue }
            for workers in [2, 3] {
                var many = DescribeOptions()
                many.workers = workers
                many.parallelMinimumBytes = 0
                #expect(TableDescriber.workerCount(path: file, width: serial.fields.count, options: many) == min(workers, serial.fields.count))
                let parallel = try DataDescriber.describe(path: file, options: many)
                #expect(parallel.contract == serial.contract, "\(file), \(workers) threads")
                #expect(parallel.rows == serial.rows && parallel.fields == serial.fields && parallel.notes == serial.notes,
                        "\(file), \(workers) threads")
            }
            compared += 1
        }
        #expect(compared >= 5)
        var many = DescribeOptions()
        many.workers = 2
        let built = try DataDescriber.describe(path: folder + "/built.csv", options: many)
        // Rows 1000, 2000 and 3000 are short; row 500's quoted line end puts row 1000 on line 1002.
        #expect(built.notes.contains(.ragged(rows: 3, firstLine: 1_002)), "\(built.notes)")
        #expect(built.fields.first { $0.name == "id" }?.unique == false)
        #expect(built.fields.first { $0.name == "late" }?.type == "string")
    }

    /// Columns go to threads by their estimated cost, not in turn: two costly columns at
    /// even places are split up; equal costs are dealt in turn; the deal is in column order.
    @Test func columnsAreDealtByTheirCost() throws {
        #expect(TableDescriber.deal(costs: [8, 1, 8, 1], workers: 2) == [[0, 1], [2, 3]])
        #expect(TableDescriber.deal(costs: [1, 1, 1, 1, 1], workers: 2) == [[0, 2, 4], [1, 3]])
        #expect(TableDescriber.deal(costs: [5, 3, 2, 2, 2], workers: 3) == [[0], [1, 4], [2, 3]])
        // Distinct long decimals cost more than a few words, and a few words more than blanks.
        var text = "word,decimal,blank\n"
        for row in 1...3_000 { text += "\(["a", "b", "c"][row % 3]),\(Double(row) / 7.0),\n" }
        let folder = try TestSupport.temporaryFolder("describe-costs")
        try TestSupport.write(text, to: folder + "/costs.csv")
        let costs = TableDescriber.sampleCosts(path: folder + "/costs.csv", dialect: CSVDialect(), names: ["word", "decimal", "blank"],
                                               options: DescribeOptions()).columns
        #expect(costs[1] > 2 * costs[0] && costs[0] > costs[2], "\(costs)")
        // The reading thread starts with the cost of reading.
        #expect(TableDescriber.deal(costs: [4, 4, 4], workers: 2, reading: 5) == [[2], [0, 1]])
    }

    /// Errors about a table's shape that no contract can prevent.
    static let structural: Set<String> = ["missing-cell", "extra-cell", "blank-row", "duplicate-label", "blank-label", "incorrect-label"]

    @Test("every drafted contract validates its source: the examples, the goldens and the public corpora")
    func draftsValidateTheirSources() throws {
        var files = ["examples/sales/data/sample.csv", "examples/churn/data/customers.csv", "golden/sales/monthly_revenue.csv",
                     "golden/sales/clean_sales.csv", "golden/sales/metrics.json", "golden/churn/predictions.csv",
                     "golden/churn/metrics.json"].map { TestSupport.repositoryRoot + "/" + $0 }
        let corpus = TestSupport.corpora + "/frictionless-data/data"
        if let names = try? FileManager.default.contentsOfDirectory(atPath: corpus) {
            files += names.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") }.sorted().map { corpus + "/" + $0 }
        } else {
            #expect(!ContinuousIntegration.isActive(ProcessInfo.processInfo.environment), "the frictionless corpus is missing at \(corpus)")
            print("skipping the frictionless corpus: not found at \(corpus)")
        }
        let folder = try TestSupport.temporaryFolder("describe-corpus")
        var checked = 0
        for (index, file) in files.enumerated() {
            // Files that are not data (empty, broken CSV) are errors to describe, not drafts.
            guard let description = try? DataDescriber.describe(path: file) else { continue }
            let contract = folder + "/\(index).json"
            try AtomicFile.write(description.contract.prettyText, to: contract)
            guard let report = try? ContractValidator.validate(data: file, contract: contract, options: ValidateOptions()) else {
                Issue.record("\(file): the drafted contract does not load")
                continue
            }
            let wrong = report.counts.keys.filter { !Self.structural.contains($0) }
            #expect(wrong.isEmpty, "\(file): \(report.counts)")
            checked += 1
        }
        #expect(checked >= 7)
    }
}

@Suite("harness describe command")
struct DescribeCommandTests {
    @Test("--help shows an example; a missing file exits 2 with one message; --out writes the draft")
    func commandLine() throws {
        let help = try TestSupport.runHarness(["describe", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("harness describe out/monthly_revenue.csv"))
        let missing = try TestSupport.runHarness(["describe", "/nonexistent/x.csv"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/x.csv"))
        let folder = try TestSupport.temporaryFolder("describe-cli")
        try TestSupport.write("id,v\n1,a\n2,b\n", to: folder + "/t.csv")
        let written = try TestSupport.runHarness(["describe", folder + "/t.csv", "--out", folder + "/c.json"])
        #expect(written.status == 0)
        let contract = try JSONParser.parse(fileAt: folder + "/c.json")
        #expect(contract["schema"]?["primaryKey"] == .array([.string("id")]))
    }
}
