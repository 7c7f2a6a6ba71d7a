extension DiffReport {
    /// The machine-readable form (`--json`); top-level names are fixed by DESIGN.md.
    public var json: JSONValue {
        .object([
            "equal": .bool(equal),
            "format": .string(format.rawValue),
            "expected_path": .string(expectedPath),
            "actual_path": .string(actualPath),
            "rows_compared": .int(rowsCompared),
            "differing_rows": .int(differingRows),
            "differing_cells": .int(differingCells),
            "missing_rows": .int(missingRows),
            "extra_rows": .int(extraRows),
            "missing_columns": .array(missingColumns.map { .string($0) }),
            "extra_columns": .array(extraColumns.map { .string($0) }),
            "key_columns": .array(keyColumns.map { .string($0) }),
            "total_diffs": .int(totalDiffs),
            "cells_by_column": .object(cellsByColumn.sorted { $0.key < $1.key }.map { JSONMember($0.key, .int($0.value)) }),
            "diffs": .array(diffs.map { $0.json(contextColumns: contextColumns) }),
            "rtol": .double(rtol),
            "atol": .double(atol),
            "column_tolerances": .array(columnTolerances.map {
                .object(["name": .string($0.name), "rtol": .double($0.rtol), "atol": .double($0.atol)])
            }),
            "masks": .array(masks.map { .object(["name": .string($0.name), "pattern": .string($0.pattern)]) }),
            "context_columns": .array(contextColumns.map { .string($0) }),
            "duration_seconds": .double(seconds),
        ])
    }
}

extension Difference {
    public var json: JSONValue { json(contextColumns: []) }

    /// With `context` (the values of the report's context columns) when it has some.
    public func json(contextColumns: [String]) -> JSONValue {
        var members: [JSONMember] = [
            JSONMember("kind", .string(kind.rawValue)),
            JSONMember("row", row.map { .int($0) } ?? .null),
        ]
        if let actualRow { members.append(JSONMember("actual_row", .int(actualRow))) }
        members.append(JSONMember("key", key.map { .array($0.map { .string($0) }) } ?? .null))
        if let pointer {
            members.append(JSONMember("pointer", .string(pointer)))
        } else {
            members.append(JSONMember("column", .optionalString(column)))
        }
        members.append(JSONMember("expected", .optionalString(expected)))
        members.append(JSONMember("actual", .optionalString(actual)))
        members.append(JSONMember("absolute_difference", absoluteDifference.map { .double($0) } ?? .null))
        members.append(JSONMember("relative_difference", relativeDifference.map { .double($0) } ?? .null))
        if let context, !contextColumns.isEmpty {
            members.append(JSONMember("context", .object(zip(contextColumns, context).map { JSONMember($0, .string($1)) })))
        }
        return .object(members)
    }
}
