import Testing

extension Tag {
    /// Suites that start Python (notebooks, pipelines, virtual environments): the slow part of
    /// the suite. `swift test` selects by name only, so the README's command for the fast part
    /// names these suites: `ExecutionTests`, `RunEndToEndTests`, `RepositoryExamplesTests`.
    @Tag static var python: Self
}
