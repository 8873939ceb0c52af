import ArgumentParser
import InventoryCore

/// `--timezone ZONE`: the zone reports show date-times in; default `$INVENTORY_TIMEZONE`, then UTC.
enum ReportZone {
    /// The zone named by the option (or the environment); an unknown name is a usage error (exit 2).
    static func resolve(_ option: String?, environment: RunEnvironment) throws -> ReportTimeZone {
        let fromEnvironment = environment.variables["INVENTORY_TIMEZONE"].flatMap { $0.isEmpty ? nil : $0 }
        guard let text = option ?? fromEnvironment else { return .utc }
        do {
            return try ReportTimeZone.parse(text)
        } catch {
            throw ValidationError((option == nil ? "INVENTORY_TIMEZONE: " : "--timezone: ") + error.description)
        }
    }

    static let help = ArgumentHelp(
        "Time zone of every date-time shown: an IANA name (Asia/Tokyo), UTC, or an offset (+09:00) (default: $INVENTORY_TIMEZONE or UTC).",
        valueName: "zone")
}

extension PaperSize: ExpressibleByArgument {}
