extension RunReport {
    /// The machine-readable form (`--json`); top-level names are fixed by DESIGN.md.
    public var json: JSONValue {
        .object([
            "cases": .array(cases.map(\.json)),
            "passed": .int(passed),
            "failed": .int(failed),
            "errors": .int(errors),
            "duration_seconds": .double(seconds),
            "exit_code": .int(Int(exitCode)),
            "config": .string(configPath),
            "update_golden": .bool(updateGolden),
            "update_golden_under_ci": .bool(updateGoldenUnderCI),
            "repeat": .int(repeatCount),
            "shard": .optionalString(shard),
            "golden": golden.json,
        ])
    }
}

extension GoldenSummary {
    var json: JSONValue {
        func list(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }
        return .object([
            "created": list(created), "updated": list(updated), "unchanged": list(unchanged),
            "skipped": list(skipped), "unused": list(unused), "pruned": list(pruned), "pending": list(pending),
        ])
    }
}

extension CaseReport {
    var json: JSONValue {
        .object([
            "name": .string(name),
            "status": .string(status.rawValue),
            "duration_seconds": .double(seconds),
            "checks": .array(checks.map(\.json)),
            "runs": .array(runs.indices.map { runs[$0].json(failure: failure(ofRun: $0)) }),
            "unexpected_outputs": .array(unexpectedOutputs.map {
                .object(["side": .string($0.side.rawValue), "path": .string($0.path)])
            }),
        ])
    }
}

extension CheckResult {
    var json: JSONValue {
        var members = [
            JSONMember("kind", .string(kind.rawValue)),
            JSONMember("output", .optionalString(output)),
            JSONMember("side", .optionalString(side?.rawValue)),
            JSONMember("status", .string(status.rawValue)),
            JSONMember("message", .string(message)),
            JSONMember("fix", .optionalString(fix)),
            JSONMember("duration_seconds", .double(seconds)),
        ]
        if let location {
            members.append(JSONMember("config_line", location.line.map { .int($0) } ?? .null))
        }
        if let run { members.append(JSONMember("run", .int(run))) }
        if let diff { members.append(JSONMember("diff", diff.json)) }
        if let validation { members.append(JSONMember("validation", validation.json)) }
        return .object(members)
    }
}

extension RunRecord {
    /// `failure` is its execution check's (`CaseReport.failure(ofRun:)`).
    func json(failure: RunFailure?) -> JSONValue {
        .object([
            "side": .string(side.rawValue),
            "repetition": .int(repetition),
            "outcome": .string(outcome.rawValue),
            "duration_seconds": .double(seconds),
            "sandbox": .optionalString(keptSandbox),
            "executed_notebook": .optionalString(executedNotebook),
            "stdout_tail": .string(stdoutTail),
            "stderr_tail": .string(stderrTail),
            "failure": failure?.json ?? .null,
        ])
    }
}

extension RunFailure {
    var json: JSONValue {
        .object([
            "summary": .string(summary),
            "cell": cellNumber.map { .int($0) } ?? .null,
            "cell_first_line": .optionalString(cellFirstLine),
            "line": lineInCell.map { .int($0) } ?? .null,
            "file": .optionalString(file),
            "exception": .optionalString(exceptionType),
            "message": .optionalString(message),
            "source": .optionalString(sourceExcerpt),
            "traceback": .optionalString(traceback),
            "hint": .optionalString(hint),
            "exit_code": exitCode.map { .int(Int($0)) } ?? .null,
        ])
    }
}
