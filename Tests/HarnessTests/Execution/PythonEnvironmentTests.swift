import Foundation
import Testing
@testable import Harness

extension ExecutionTests {
    @Suite struct PythonEnvironmentTests {
        typealias F = ExecutionFixtures

        @Test func missingInterpreterSaysHowToSetOne() throws {
            for (executable, environment) in [("/nonexistent/python3", [String: String]()),
                                              (nil, ["HARNESS_PYTHON": "python-harness-missing", "PATH": "/usr/bin:/bin"])] {
                do {
                    _ = try PythonEnvironment.prepare(executable: executable, requirements: nil, cacheFolder: "/tmp",
                                                      environment: environment, console: BufferConsole())
                    Issue.record("expected an error")
                } catch let error as HarnessError {
                    let text = DiagnosticRenderer.render(error)
                    #expect(text.contains("python.executable"))
                    #expect(text.contains("HARNESS_PYTHON"))
                }
            }
        }

        @Test func interpreterResolvesToItsRealPathAndVersion() throws {
            let python = try PythonEnvironment.prepare(executable: nil, requirements: nil, cacheFolder: "/tmp",
                                                       environment: ProcessEnvironment.current, console: BufferConsole())
            #expect(python.executable.hasPrefix("/"))
            #expect(python.version.hasPrefix("3."))
            #expect(python.binFolder == AtomicFile.parentFolder(of: python.executable))
        }

        @Test func cachedEnvironmentIsReusedWithoutRebuilding() throws {
            let first = try F.plain()
            let console = BufferConsole()
            let again = try PythonEnvironment.prepare(executable: nil, requirements: F.fixtures + "/requirements-plain.txt",
                                                      cacheFolder: F.cacheFolder, environment: ProcessEnvironment.current,
                                                      console: console)
            #expect(again == first)
            #expect(console.errors.isEmpty, "a cached environment is not rebuilt")
            #expect(first.executable.hasPrefix(F.cacheFolder + "/venvs/py\(first.version)-"))
        }

        @Test func failedInstallShowsPipsLastLinesAndIsNotCached() throws {
            let cache = try TestSupport.temporaryFolder("venv")
            defer { try? FileManager.default.removeItem(atPath: cache) }
            let console = BufferConsole()
            do {
                _ = try PythonEnvironment.prepare(executable: nil, requirements: F.fixtures + "/requirements-broken.txt",
                                                  cacheFolder: cache, environment: ProcessEnvironment.current, console: console)
                Issue.record("expected pip to fail")
            } catch let error as HarnessError {
                let text = DiagnosticRenderer.render(error)
                #expect(text.contains("pip could not install"))
                #expect(text.contains("harness-no-such-package"))
            }
            #expect(console.errors.contains("building the Python environment"))
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: cache + "/venvs")) ?? []
            #expect(!leftovers.contains { !$0.contains(".") }, "no half-built environment is left: \(leftovers)")
        }
    }
}
