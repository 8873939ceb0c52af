import InventoryModel
import XCTest

/// Pins the one "which configuration item is newer" rule (`ConfigurationItemRecency`) and checks
/// that both the full item and the snapshot builder's summary of it follow it.
final class ConfigurationItemRecencyTests: XCTestCase {
    private func item(captureTime: String?, stateId: String?) throws -> ConfigurationItem {
        var fields = [#""resourceType": "AWS::EC2::Instance""#, #""resourceId": "i-0abc""#]
        if let captureTime { fields.append(#""configurationItemCaptureTime": "\#(captureTime)""#) }
        if let stateId { fields.append(#""configurationStateId": "\#(stateId)""#) }
        let value = try JSONParser.parse(Array("{\(fields.joined(separator: ","))}".utf8))
        return try ConfigurationItem(XCTUnwrap(value.objectValue))
    }

    private func recency(_ captureTime: String?, _ stateId: String?) throws -> ConfigurationItemRecency {
        try item(captureTime: captureTime, stateId: stateId).recency
    }

    func testCaptureTimeDecidesFirst() throws {
        // The later capture wins even with a smaller state id.
        XCTAssertLessThan(
            try recency("2024-05-01T10:00:00Z", "9999999999999"), try recency("2024-05-01T10:00:01Z", "1"))
    }

    func testStateIdBreaksATieNumerically() throws {
        // Compared as numbers, not text: "9" < "10".
        XCTAssertLessThan(try recency("2024-05-01T10:00:00Z", "9"), try recency("2024-05-01T10:00:00Z", "10"))
    }

    func testMissingOrNonNumericValuesAreOldest() throws {
        XCTAssertLessThan(try recency(nil, "5"), try recency("1970-01-01T00:00:00Z", nil))
        XCTAssertLessThan(try recency("2024-05-01T10:00:00Z", nil), try recency("2024-05-01T10:00:00Z", "0"))
        XCTAssertEqual(try recency("2024-05-01T10:00:00Z", "abc"), try recency("2024-05-01T10:00:00Z", nil))
    }

    func testEqualRecencyIsNotNewer() throws {
        let a = try recency("2024-05-01T10:00:00Z", "7")
        let b = try recency("2024-05-01T10:00:00.000Z", "7")
        XCTAssertFalse(a < b)
        XCTAssertFalse(b < a)
    }

    func testSnapshotBuilderKeepsTheNewestAndTheFirstOfEquals() throws {
        let old = try item(captureTime: "2024-05-01T10:00:00Z", stateId: "1")
        let new = try item(captureTime: "2024-05-01T10:00:00Z", stateId: "2")
        XCTAssertEqual(SnapshotBuilder.ItemMeta(old, serial: 0).recency, old.recency)

        var builder = SnapshotBuilder()
        XCTAssertTrue(builder.noteItem(SnapshotBuilder.ItemMeta(new, serial: 0)))
        XCTAssertFalse(builder.noteItem(SnapshotBuilder.ItemMeta(old, serial: 1)), "an older item replaced a newer one")
        XCTAssertFalse(builder.noteItem(SnapshotBuilder.ItemMeta(new, serial: 2)), "an equal item replaced the first")

        var reversed = SnapshotBuilder()
        XCTAssertTrue(reversed.noteItem(SnapshotBuilder.ItemMeta(old, serial: 0)))
        XCTAssertTrue(reversed.noteItem(SnapshotBuilder.ItemMeta(new, serial: 1)), "a newer item did not win")
    }
}
