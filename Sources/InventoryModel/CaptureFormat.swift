/// The capture formats `inventory` recognises by content (see FORMATS.md). The raw value is the
/// stable name stored in `source_file.format` and printed by `ingest --json`.
public enum CaptureFormat: String, Sendable, CaseIterable, Codable {
    case ssmGetInventory = "ssm-get-inventory"
    case ssmGetInventoryAggregated = "ssm-get-inventory-aggregated"
    case ssmListInventoryEntries = "ssm-list-inventory-entries"
    case ssmResourceDataSync = "ssm-resource-data-sync"
    case ssmCustomInventoryFile = "ssm-custom-inventory-file"
    case ssmPutInventoryItems = "ssm-put-inventory-items"
    case ssmGetInventorySchema = "ssm-get-inventory-schema"
    case ssmDescribeInstanceInformation = "ssm-describe-instance-information"
    case ssmListResourceDataSync = "ssm-list-resource-data-sync"
    case ssmInventoryEvent = "ssm-eventbridge-inventory-event"
    case configResourceHistory = "config-get-resource-config-history"
    case configDeliveryFile = "config-s3-delivery-file"
    case configBatchGet = "config-batch-get-resource-config"
    case configAggregateItem = "config-get-aggregate-resource-config"
    case configSelect = "config-select-resource-config"
    case configNotification = "config-notification"
    case configEventBridge = "config-eventbridge-event"
    case configRuleEvent = "config-rule-event"
    case configSNSEnvelope = "sns-envelope"
    case configDeliveryNotice = "config-delivery-notice"
    case configItem = "config-configuration-item"
    case configDiscoveredResources = "config-list-discovered-resources"

    /// One line listing the families users can feed the tool, for "unrecognised format" errors.
    public static let knownFormatsSummary =
        "get-inventory, list-inventory-entries, Resource Data Sync JSON lines, custom inventory files, "
        + "put-inventory items, describe-instance-information, get-resource-config-history, "
        + "Config S3 snapshot/history files, batch-get/select-resource-config, "
        + "Config SNS/EventBridge/rule notifications, single configuration items"
}
