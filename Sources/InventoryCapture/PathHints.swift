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
        // Byte-level: a Data Sync folder has tens of thousands of paths, and Character-level
        // splitting and lowercasing of each was a tenth of such an ingest.
        let components = path.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
        for (index, component) in components.enumerated() {
            if Self.hasPrefixIgnoringCase(component, "accountid=") {
                accountId = String(component.utf8.dropFirst(10)) ?? accountId
            } else if Self.hasPrefixIgnoringCase(component, "region=") {
                region = String(component.utf8.dropFirst(7)) ?? region
            } else if Self.hasPrefixIgnoringCase(component, "resourcetype=") {
                isDataSyncKey = true
            } else if component == "AWSLogs", index + 3 < components.count, components[index + 2] == "Config" {
                accountId = accountId ?? String(components[index + 1])
                region = region ?? String(components[index + 3])
            }
            // Only pieces starting with AWS or Custom can name a type.
            guard component.utf8.contains(UInt8(ascii: "A")) || component.utf8.contains(UInt8(ascii: "C")) else { continue }
            for piece in component.utf8.split(separator: UInt8(ascii: ".")) {
                guard piece.starts(with: "AWS".utf8) || piece.starts(with: "Custom".utf8) else { continue }
                if let type = Self.typeName(fromFolder: String(Substring(piece))) { typeName = type }
            }
        }
        nodeId = NodeId.find(inPath: path)
    }

    /// `text` starts with the lowercase ASCII `prefix`, ignoring ASCII case.
    private static func hasPrefixIgnoringCase(_ text: Substring, _ prefix: StaticString) -> Bool {
        let bytes = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        var iterator = text.utf8.makeIterator()
        for expected in bytes {
            guard let byte = iterator.next() else { return false }
            let lower = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            if lower != expected { return false }
        }
        return true
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
