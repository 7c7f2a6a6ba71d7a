#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one libFuzzer entry point of the fuzz binary; `HARNESS_FUZZ_TARGET` picks the target,
/// so the library is compiled once (with the fuzzer and AddressSanitizer) for all of them.
/// A target returns normally for any input the library rejects with a `HarnessError`; a
/// trap, a sanitizer report or a broken invariant (`FuzzCheck.require`) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzTargets.selected(bytes)
    return 0
}

enum FuzzTargets {
    static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "csv-reader": CSVReaderFuzz.run,
        "json-scanner": JSONScannerFuzz.run,
        "json-validate": JSONValidateFuzz.run,
        "csv-compare": CSVCompareFuzz.run,
        "json-compare": JSONCompareFuzz.run,
        "table-schema": TableSchemaFuzz.run,
        "json-schema": JSONSchemaFuzz.run,
        "config": ConfigFuzz.run,
    ]

    static let selected: @Sendable ([UInt8]) -> Void = {
        let name = getenv("HARNESS_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = all[name] else {
            let text = "HARNESS_FUZZ_TARGET must be one of: \(all.keys.sorted().joined(separator: ", "))\n"
            _ = text.utf8CString.withUnsafeBufferPointer { SystemCall.writeAll(2, $0.baseAddress, $0.count - 1) }
            exit(2)
        }
        return target
    }()
}
