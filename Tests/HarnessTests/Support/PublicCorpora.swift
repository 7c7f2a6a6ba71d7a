import Foundation
import Testing
import Harness

/// The public test suites (csv-spectrum, csvlint's fixtures, frictionless-py's data files,
/// JSON-Schema-Test-Suite) are read in place, never committed. A fresh clone without them
/// skips the tests that need them with one line saying where they go; CI (`CI=true`) must
/// never pass by skipping, so there a missing corpus fails.
enum PublicCorpora {
    /// `$HARNESS_CORPORA`, else `../shared/corpora` beside the repository.
    static let folder: String = {
        if let folder = ProcessInfo.processInfo.environment["HARNESS_CORPORA"], !folder.isEmpty { return folder }
        return URL(fileURLWithPath: TestSupport.repositoryRoot + "/../shared/corpora").standardizedFileURL.path
    }()

    /// The corpora the tests read, by folder name.
    static let names = ["csv-spectrum", "csvlint-fixtures", "frictionless-data", "json-schema-test-suite"]

    /// GitHub Actions, GitLab and most CI services set `CI=true`.
    static let required = ContinuousIntegration.isActive(ProcessInfo.processInfo.environment)

    static func isPresent(_ name: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder) && isFolder.boolValue
    }

    static func missingNote(_ name: String) -> String {
        "public corpus \(name) not found in \(folder): put the corpora in ../shared/corpora beside the repository or set HARNESS_CORPORA to their folder (scripts/fetch-corpora.sh FOLDER fetches them; under CI=true this is a failure)"
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when the corpus is present, or under CI, where its absence fails
    /// (`PublicCorporaTests`) instead of skipping.
    static func needsCorpus(_ name: String) -> Self {
        .enabled(if: PublicCorpora.isPresent(name) || PublicCorpora.required, Comment(rawValue: PublicCorpora.missingNote(name)))
    }
}

@Suite struct PublicCorporaTests {
    /// Under CI every corpus must be there, so a misconfigured runner cannot pass by skipping.
    @Test(.enabled(if: PublicCorpora.required)) func everyCorpusIsPresentUnderCI() {
        for name in PublicCorpora.names where !PublicCorpora.isPresent(name) {
            Issue.record(Comment(rawValue: PublicCorpora.missingNote(name)))
        }
    }
}
