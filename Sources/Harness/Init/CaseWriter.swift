import Foundation

/// Reads and extends `harness.json` for `harness init`, keeping everything else in it.
enum CaseWriter {
    /// The config document, or an empty one when the file does not exist yet.
    static func existing(_ path: String) throws -> JSONValue {
        guard FileBytes.exists(path) else {
            return .object([JSONMember("golden", .string("golden")), JSONMember("cases", .object([]))])
        }
        return try JSONParser.parse(fileAt: path)
    }

    static func hasCase(_ config: JSONValue, _ name: String) -> Bool {
        config["cases"]?[name] != nil
    }

    static func pythonExecutable(_ config: JSONValue) -> String? {
        config["python"]?["executable"]?.stringValue
    }

    static func requirements(_ config: JSONValue, folder: String) -> String? {
        config["python"]?["requirements"]?.stringValue.map { $0.hasPrefix("/") ? $0 : folder + "/" + $0 }
    }

    /// `path` relative to `folder` (with `..` where needed).
    static func relative(_ path: String, to folder: String) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let base = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    static func caseValue(notebook: String, inputs: [(sandbox: String, source: String)], parameters: [JSONMember],
                          workingFolder: String? = nil, outputs: [AdoptedOutput]) -> JSONValue {
        var members = [JSONMember("inputs", .object(inputs.map { JSONMember($0.sandbox, .string($0.source)) }))]
        if !parameters.isEmpty { members.append(JSONMember("parameters", .object(parameters))) }
        members.append(JSONMember("notebook", .string(notebook)))
        if let workingFolder { members.append(JSONMember("cwd", .string(workingFolder))) }
        members.append(JSONMember("outputs", .object(outputs.map { output in
            var fields = [JSONMember("path", .string(output.path))]
            if !output.key.isEmpty { fields.append(JSONMember("key", .array(output.key.map { .string($0) }))) }
            if !output.ignore.isEmpty { fields.append(JSONMember("ignore", .array(output.ignore.map { .string($0) }))) }
            if let contract = output.contract { fields.append(JSONMember("contract", .string(contract))) }
            return JSONMember(output.name, .object(fields))
        })))
        return .object(members)
    }

    /// The config with `value` as case `name` (replacing one of that name).
    static func adding(_ value: JSONValue, named name: String, to config: JSONValue) -> JSONValue {
        var members = config.objectMembers ?? []
        var cases = members.first(where: { $0.key == "cases" })?.value.objectMembers ?? []
        cases.removeAll { $0.key == name }
        cases.append(JSONMember(name, value))
        if let index = members.firstIndex(where: { $0.key == "cases" }) {
            members[index].value = .object(cases)
        } else {
            members.append(JSONMember("cases", .object(cases)))
        }
        return .object(members)
    }
}
