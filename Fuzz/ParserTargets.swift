/// Parsers fed arbitrary bytes: they return a value or throw a `HarnessError`, never trap.
enum CSVReaderFuzz {
    static func run(_ bytes: [UInt8]) {
        // The first byte picks the dialect, so odd delimiters and quoting are explored too.
        let flags = bytes.first ?? 0
        let dialect = CSVDialect(delimiter: flags & 1 == 0 ? UInt8(ascii: ",") : UInt8(ascii: ";"),
                                 quoteChar: flags & 2 == 0 ? UInt8(ascii: "\"") : nil)
        let path = FuzzCheck.file("in.csv", bytes.dropFirst())
        do {
            let reader = try CSVReader(path: path, dialect: dialect)
            var records = 0
            while let record = try reader.next() {
                records += 1
                _ = record.strings
                if records > 100_000 { break }
            }
        } catch is HarnessError {
        } catch {
            FuzzCheck.require(false, "CSVReader threw a non-HarnessError: \(error)")
        }
    }
}

enum JSONScannerFuzz {
    static func run(_ bytes: [UInt8]) {
        do {
            let value = try JSONParser.parse(bytes, path: "fuzz.json")
            // What is written back is read back as the same value.
            let text = value.compactText
            let again = try JSONParser.parse(Array(text.utf8), path: "again.json")
            FuzzCheck.require(again.compactText == text, "a parsed value does not survive serialisation: \(text)")
        } catch is HarnessError {
        } catch {
            FuzzCheck.require(false, "JSONParser threw a non-HarnessError: \(error)")
        }
    }
}

enum ConfigFuzz {
    static func run(_ bytes: [UInt8]) {
        let path = FuzzCheck.file("harness.json", bytes[...])
        do {
            _ = try ConfigLoader.load(path: path)
        } catch is HarnessError {
        } catch {
            FuzzCheck.require(false, "ConfigLoader threw a non-HarnessError: \(error)")
        }
    }
}
