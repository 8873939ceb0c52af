import Foundation

/// The built-in SSM inventory types (FORMATS.md §5): their attributes and the attributes that
/// identify a row of the type on one node. Attribute names match case-insensitively.
public enum BuiltInTypes {
    /// One built-in type.
    public struct TypeInfo: Sendable {
        public let typeName: String
        /// Lower-cased attribute names of the schema.
        public let attributes: Set<String>
        /// Attribute names as AWS spells them, in schema order (column order in workbooks).
        public let orderedAttributes: [String]
        /// Attribute names (as AWS spells them) forming the identity key; empty: one row per node.
        public let identity: [String]
        /// Extra key attributes used when the identity alone repeats on one node.
        public let tieBreakers: [String]
    }

    private static func info(_ name: String, _ attributes: String, identity: [String], tieBreakers: [String] = [])
        -> TypeInfo
    {
        let names = attributes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return TypeInfo(
            typeName: name, attributes: Set(names.map { $0.lowercased() }), orderedAttributes: names,
            identity: identity, tieBreakers: tieBreakers)
    }

    /// In inference priority order: the first whose schema holds every attribute of the rows wins.
    public static let all: [TypeInfo] = [
        info(
            "AWS:Application",
            "Name, ApplicationType, Publisher, Version, Release, Epoch, InstalledTime, Architecture, URL, Summary, PackageId",
            identity: ["Name", "Architecture", "Publisher"], tieBreakers: ["Version", "Release", "Epoch"]),
        info(
            "AWS:AWSComponent", "Name, ApplicationType, Publisher, Version, InstalledTime, Architecture, URL",
            identity: ["Name", "Architecture", "Publisher"], tieBreakers: ["Version"]),
        info("AWS:WindowsUpdate", "HotFixId, Description, InstalledTime, InstalledBy", identity: ["HotFixId"]),
        info(
            "AWS:Network", "Name, SubnetMask, Gateway, DHCPServer, DNSServer, MacAddress, IPV4, IPV6",
            identity: ["Name"], tieBreakers: ["MacAddress"]),
        info(
            "AWS:InstanceInformation",
            "AgentType, AgentVersion, ComputerName, InstanceId, IpAddress, PlatformName, PlatformType, PlatformVersion, ResourceType, AgentStatus, InstanceStatus",
            identity: []),
        info(
            "AWS:Service", "Name, DisplayName, ServiceType, Status, DependentServices, ServicesDependedOn, StartType",
            identity: ["Name"]),
        info(
            "AWS:WindowsRole",
            "Name, DisplayName, Path, FeatureType, DependsOn, Description, Installed, InstalledState, SubFeatures, ServerComponentDescriptor, Parent",
            identity: ["Name"]),
        info("AWS:WindowsRegistry", "KeyPath, ValueName, ValueType, Value", identity: ["KeyPath", "ValueName"]),
        info(
            "AWS:File",
            "Name, Size, Description, FileVersion, InstalledDate, ModificationTime, LastAccessTime, ProductName, InstalledDir, ProductLanguage, CompanyName, ProductVersion",
            identity: ["InstalledDir", "Name"]),
        info(
            "AWS:InstanceDetailedInformation",
            "CPUModel, CPUCores, CPUs, CPUSpeedMHz, CPUSockets, CPUHyperThreadEnabled, OSServicePack", identity: []),
        info("AWS:Tag", "Key, Value", identity: ["Key"]),
        info("AWS:ResourceGroup", "Name, Arn", identity: ["Name"]),
        info("AWS:BillingInfo", "BillingProductId", identity: ["BillingProductId"]),
        info(
            "AWS:PatchSummary",
            "PatchGroup, BaselineId, SnapshotId, OwnerInformation, InstalledCount, InstalledPendingRebootCount, InstalledOtherCount, InstalledRejectedCount, NotApplicableCount, UnreportedNotApplicableCount, MissingCount, FailedCount, OperationType, OperationStartTime, OperationEndTime, InstallOverrideList, RebootOption, LastNoRebootInstallOperationTime, ExecutionId, NonCompliantSeverity, SecurityNonCompliantCount, CriticalNonCompliantCount, OtherNonCompliantCount",
            identity: []),
        info(
            "AWS:ComplianceItem",
            "ComplianceType, ExecutionId, ExecutionType, ExecutionTime, Id, Title, Status, Severity, DocumentName, DocumentVersion, Classification, PatchBaselineId, PatchSeverity, PatchState, PatchGroup, InstalledTime, InstallOverrideList, DetailedText, DetailedLink, CVEIds",
            identity: ["ComplianceType", "Id"]),
        info(
            "AWS:ComplianceSummary",
            "ComplianceType, PatchGroup, PatchBaselineId, Status, OverallSeverity, ExecutionId, ExecutionType, ExecutionTime, CompliantCriticalCount, CompliantHighCount, CompliantMediumCount, CompliantLowCount, CompliantInformationalCount, CompliantUnspecifiedCount, NonCompliantCriticalCount, NonCompliantHighCount, NonCompliantMediumCount, NonCompliantLowCount, NonCompliantInformationalCount, NonCompliantUnspecifiedCount",
            identity: ["ComplianceType"]),
        info(
            "AWS:Process",
            "StartTime, CommandLine, User, FileName, FileVersion, FileDescription, FileSize, CompanyName, ProductName, ProductVersion, InstalledDate, InstalledDir, UsageId",
            identity: ["FileName", "CommandLine", "User"]),
    ]

    private static let byName: [String: TypeInfo] = {
        var map: [String: TypeInfo] = [:]
        for type in all { map[type.typeName.lowercased()] = type }
        return map
    }()

    /// The built-in type named `typeName` (case-insensitive), nil for custom types.
    public static func info(for typeName: String) -> TypeInfo? { byName[typeName.lowercased()] }

    /// Guesses the type of rows whose file did not name it: the first built-in type (in the
    /// order of `all`) whose schema holds every attribute the rows use and, for keyed types,
    /// the first identity attribute (`Name`, `HotFixId`, …). Nil when nothing fits.
    public static func inferTypeName(rows: [InventoryRow]) -> String? {
        var used = Set<String>()
        for row in rows { for key in row.attributes.keys { used.insert(key.lowercased()) } }
        guard !used.isEmpty else { return nil }
        for type in all where used.isSubset(of: type.attributes) {
            if type.identity.first.map({ used.contains($0.lowercased()) }) ?? true { return type.typeName }
        }
        return nil
    }
}
