import Foundation
import Testing
@testable import Harness

extension ExecutionTests {
    @Suite struct PipelineRunTests {
        typealias F = ExecutionFixtures

        /// A pipeline package under `src/`, writing what it sees into out/seen.json.
        static func writePackage(in folder: String, body: String) throws {
            try TestSupport.write("", to: folder + "/src/sales/__init__.py")
            try TestSupport.write(body, to: folder + "/src/sales/pipeline.py")
        }

        @Test func commandGetsParametersPythonpathEnvironmentAndTheInterpreter() throws {
            let folder = try TestSupport.temporaryFolder("pipe")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try Self.writePackage(in: folder, body: """
            import json, os, sys
            os.makedirs('out', exist_ok=True)
            json.dump({'argv': sys.argv[1:], 'params': json.loads(os.environ['HARNESS_PARAMETERS']),
                       'region': os.environ.get('SALES_REGION'), 'seed': os.environ.get('PYTHONHASHSEED'),
                       'mpl': os.environ.get('MPLBACKEND'), 'python': sys.executable,
                       'cwd': os.getcwd()}, open('out/seen.json', 'w'))
            """)
            let python = try F.plain()
            let job = RunJob(target: .pipeline(command: ["python", "-m", "sales.pipeline", "--min={param:min_revenue}", "{param:region}"],
                                               pythonpath: [folder + "/src"]),
                             label: "sales/pipeline",
                             parameters: [JSONMember("min_revenue", .number("1.5")), JSONMember("region", .string("EU"))],
                             environment: ["SALES_REGION": "APAC"], python: python)
            let result = try Runner.run(job, console: BufferConsole())
            #expect(result.isCompleted, "\(result.outcome) \(F.read(result.stderrPath))")
            let seen = try JSONParser.parse(fileAt: result.sandbox + "/out/seen.json")
            #expect(seen["argv"] == .array([.string("--min=1.5"), .string("EU")]))
            #expect(seen["params"]?.compactText == #"{"min_revenue":1.5,"region":"EU"}"#)
            #expect(seen["region"] == .string("APAC"))
            #expect(seen["seed"] == .string("0"))
            #expect(seen["mpl"] == .string("Agg"))
            #expect(seen["python"]?.stringValue?.hasPrefix(python.binFolder + "/") == true, "python on PATH is the run's interpreter")
            #expect(seen["cwd"]?.stringValue.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
                    == URL(fileURLWithPath: result.sandbox).resolvingSymlinksInPath().path)
            Runner.removeSandbox(result.sandbox)
        }

        @Test func failureShowsTheFileLineAndExceptionFromTheTraceback() throws {
            let folder = try TestSupport.temporaryFolder("pipe")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try Self.writePackage(in: folder, body: """
            import csv

            def load(path):
                with open(path) as handle:
                    return list(csv.reader(handle))

            rows = load('data/sales.csv')
            """)
            let job = RunJob(target: .pipeline(command: ["python", "-m", "sales.pipeline"], pythonpath: [folder + "/src"]),
                             label: "sales/pipeline", python: try F.plain())
            let result = try Runner.run(job, console: BufferConsole())
            let failure = try #require(F.failure(result))
            #expect(failure.exitCode == 1)
            #expect(failure.exceptionType == "FileNotFoundError")
            #expect(failure.summary.hasPrefix("sales/pipeline (sales/pipeline.py, line 4): FileNotFoundError"))
            #expect(failure.sourceExcerpt?.contains(">") == true)
            #expect(failure.hint?.contains("\"inputs\"") == true)
            Runner.removeSandbox(result.sandbox)
        }

        @Test func unknownPlaceholderCannotStart() throws {
            let job = RunJob(target: .pipeline(command: ["python", "-c", "pass", "{param:regoin}"], pythonpath: []),
                             label: "p", parameters: [JSONMember("region", .string("EU"))], python: try F.plain())
            #expect(throws: HarnessError.self) { try Runner.run(job, console: BufferConsole()) }
            #expect(throws: HarnessError.unknownName(nil, kind: "parameter", name: "regoin", known: ["region"],
                                                     hint: "add \"regoin\" to the case's \"parameters\", or fix the placeholder {param:regoin} in the pipeline command")) {
                try PipelineCommand.expand(["{param:regoin}"], parameters: [JSONMember("region", .string("EU"))])
            }
        }

        @Test func missingProgramCannotStart() throws {
            let job = RunJob(target: .pipeline(command: ["no-such-program-harness"], pythonpath: []), label: "p",
                             python: try F.plain())
            #expect(throws: HarnessError.self) { try Runner.run(job, console: BufferConsole()) }
        }
    }
}
