import InventoryModel

/// What a capture's path says about its contents: Resource Data Sync keys carry
/// `accountid=`/`region=` partitions and the `AWS:Type` folder (also `AWS%3AType`, `AWS_Type`,
/// `AWS-Type`); Config S3 keys carry `AWSLogs/<account>/Config/<region>/`.
public struct PathHints: Sendable, Hashable {
    public var accountId: String?
    public var region: String?
    /// Inventory type normalised to `AWS:Name` / `Custom:Name`.
    public var typeName: String?
    public var nodeId: String?
    /// True when the path has Resource Data Sync's `resourcetype=` partition; `accountid=` alone
    /// is also used by people filing CLI output, so it only supplies the account.
    public var isDataSyncKey: Bool = false

    public init(path: String) {
        let components = path.split(separator: "/").map(String.init)
        for (index, component) in components.enumerated() {
            let lower = component.lowercased()
            if lower.hasPrefix("accountid=") {
                accountId = String(component.dropFirst("accountid=".count))
            } else if lower.hasPrefix("region=") {
                region = String(component.dropFirst("region=".count))
            } else if lower.hasPrefix("resourcetype=") {
                isDataSyncKey = true
            } else if component == "AWSLogs", index + 3 < components.count, components[index + 2] == "Config" {
                accountId = accountId ?? components[index + 1]
                region = region ?? components[index + 3]
            }
            for piece in component.split(separator: ".") {
                if let type = Self.typeName(fromFolder: String(piece)) { typeName = type }
            }
        }
        nodeId = NodeId.find(inPath: path)
    }

    /// `AWS:Application`, `AWS%3AApplication`, `AWS_Application`, `AWS-Application` → `AWS:Application`.
    public static func typeName(fromFolder text: String) -> String? {
        // Case matters: `AWS_Application` is a type folder, `aws-captures` or `custom-data` are not.
        for prefix in ["AWS", "Custom"] where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            for separator in [":", "%3A", "%3a", "_", "-"] where rest.hasPrefix(separator) {
                let name = rest.dropFirst(separator.count)
                guard let first = name.first, first.isLetter else { return nil }
                // Encoded colons are unambiguous; "_"/"-" need the capitalised names AWS uses.
                if separator == "_" || separator == "-", !first.isUppercase { return nil }
                return "\(prefix):\(name)"
            }
        }
        return nil
    }
}
