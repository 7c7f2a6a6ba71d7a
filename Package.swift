// swift-tools-version:6.0
// No dependencies: Foundation, Glibc and the toolchain only.
import PackageDescription

let package = Package(
    name: "harness",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "harness", targets: ["HarnessCLI"]),
        .library(name: "Harness", targets: ["Harness"]),
    ],
    targets: [
        // Python the binary carries: real .py files compiled into it as byte arrays
        // (`PackageResources.<file>_py`), so the binary stays one file. See PythonSource.swift.
        // One C header: the instruction that gathers vector compares into a bit mask
        // (pmovmskb), which Swift's SIMD types do not reach. See HarnessBytes.h.
        .target(name: "CHarnessBytes", path: "Sources/CHarnessBytes"),
        .target(name: "Harness", dependencies: ["CHarnessBytes"], path: "Sources/Harness",
                resources: [.embedInCode("Python/notebook_driver.py"), .embedInCode("Python/notebook_assess.py"),
                            .embedInCode("Python/open_trace.py")]),
        .executableTarget(name: "HarnessCLI", dependencies: ["Harness"], path: "Sources/HarnessCLI"),
        .testTarget(name: "HarnessTests", dependencies: ["Harness"], path: "Tests/HarnessTests",
                    exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
