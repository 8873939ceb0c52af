/// A managed node as one snapshot knows it: where it lives and the facts the Summary sheet shows.
/// Fields are nil when no capture in the snapshot said.
public struct ManagedNode: Sendable, Hashable, Codable {
    public var nodeId: String
    public var accountId: String?
    public var region: String?
    public var computerName: String?
    public var platformType: String?
    public var platformName: String?
    public var platformVersion: String?
    public var agentVersion: String?
    public var ipAddress: String?
    /// `AWS:InstanceInformation` `InstanceStatus`, Config's status for a deleted inventory CI
    /// (`ResourceDeleted`), or `supplementaryConfiguration.instanceStatus`.
    public var status: String?
    /// `describe-instance-information` `PingStatus`.
    public var pingStatus: String?
    public var lastPingTime: String?
    /// `EC2Instance` or `ManagedInstance`.
    public var resourceType: String?
    /// Latest capture time of any of the node's inventory types (UTC ISO 8601).
    public var lastCaptureTime: String?

    public init(nodeId: String) { self.nodeId = nodeId }

    /// Statuses that mean the node is gone; its rows are not diffed one by one.
    public static func isGone(_ status: String?) -> Bool {
        guard let status = status?.lowercased() else { return false }
        return status == "terminated" || status == "resourcedeleted" || status == "resourcedeletednotrecorded"
            || status == "deleted" || status == "deregistered"
    }

    /// Fills the fields this node lacks from `other`.
    mutating func absorb(_ other: NodeObservation) {
        accountId = accountId ?? other.accountId
        region = region ?? other.region
        pingStatus = pingStatus ?? other.pingStatus
        lastPingTime = lastPingTime ?? other.lastPingTime
        platformType = platformType ?? other.platformType
        platformName = platformName ?? other.platformName
        platformVersion = platformVersion ?? other.platformVersion
        agentVersion = agentVersion ?? other.agentVersion
        ipAddress = ipAddress ?? other.ipAddress
        computerName = computerName ?? other.computerName
        resourceType = resourceType ?? other.resourceType
    }
}
