/// Contracts fed arbitrary documents and data: loading either rejects the contract with a
/// `HarnessError` or validates, never traps.
enum TableSchemaFuzz {
    static func run(_ bytes: [UInt8]) {
        let (contract, data) = FuzzCheck.split(bytes)
        let contractPath = FuzzCheck.file("contract.json", contract), dataPath = FuzzCheck.file("data.csv", data)
        do {
            let report = try ContractValidator.validate(data: dataPath, contract: contractPath, options: ValidateOptions(maxErrors: 5))
            FuzzCheck.require(report.valid == (report.errorCount == 0), "valid disagrees with the error count")
        } catch is HarnessError {
        } catch {
            FuzzCheck.require(false, "Table Schema validation threw a non-HarnessError: \(error)")
        }
    }
}

enum JSONSchemaFuzz {
    static func run(_ bytes: [UInt8]) {
        let (schemaBytes, instanceBytes) = FuzzCheck.split(bytes)
        do {
            let schemaValue = try JSONParser.parse(Array(schemaBytes), path: "schema.json")
            let instance = try JSONParser.parse(Array(instanceBytes), path: "instance.json")
            let schema = try JSONSchema(schemaValue, path: nil)
            let valid = try schema.isValid(instance)
            let (count, _) = try schema.validate(instance, maxFailures: 5)
            FuzzCheck.require(valid == (count == 0), "isValid says \(valid) but validate counts \(count) failures")
        } catch is HarnessError {
        } catch {
            FuzzCheck.require(false, "JSON Schema threw a non-HarnessError: \(error)")
        }
    }
}
