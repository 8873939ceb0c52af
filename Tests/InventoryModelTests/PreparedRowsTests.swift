import InventoryModel
import XCTest

/// `PreparedGroup(…, content:)` (straight from parsed objects) must give exactly what preparing
/// `ContentRows.rows(of:)` through attribute dictionaries gives: same text, hashes, keys, names.
final class PreparedRowsTests: XCTestCase {
    private func check(_ typeName: String, _ json: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let content = try JSONParser.parse(Array(json.utf8))
        let viaDictionaries = InventoryGroup(
            nodeId: "i-0abc", typeName: typeName, schemaVersion: "1.0", rows: ContentRows.rows(of: content).rows
        ).prepared()
        let direct = PreparedGroup(
            nodeId: "i-0abc", typeName: typeName, schemaVersion: "1.0", captureTime: nil, accountId: nil, region: nil,
            content: content)
        XCTAssertEqual(direct.rows, viaDictionaries.rows, file: file, line: line)
        XCTAssertEqual(direct.fingerprint, viaDictionaries.fingerprint, file: file, line: line)
        XCTAssertEqual(direct.attributeNames, viaDictionaries.attributeNames, file: file, line: line)
        XCTAssertEqual(direct.firstAttributes, viaDictionaries.firstAttributes, file: file, line: line)
    }

    func testSameRowsAsThroughDictionaries() throws {
        try check(
            "AWS:Application",
            #"""
            {"kernel":[{"Name":"kernel","Version":"6.1","Architecture":"x86_64","Publisher":"A"},
                       {"Name":"kernel","Version":"6.2","Architecture":"x86_64","Publisher":"A"}],
             "vim":{"Version":"9","Name":"vim","publisher":"B","Release":null,"Nested":{"z":[1,"a\"b"]}},
             "dup":{"Name":"x","Name":"y","Tab":"a\tb\u0001","Zed":1.10,"Ok":true}}
            """#)
        try check(
            "AWS:InstanceInformation",
            #"{"i-0abc":{"InstanceId":"i-0abc","AgentVersion":"3.3","PlatformName":"Amazon Linux","Gone":null}}"#)
        try check("Custom:Thing", #"[{"b":"2","a":"1","B":"3"},{"a":"1","b":"2","B":"3"},{"é":"x","e\u0301":"y","a":"z"},{}]"#)
        try check("AWS:WindowsUpdate", #"[{"HotFixID":"KB1","Description":"d"},{"HotFixId":"KB2","InstalledBy":"me"}]"#)
        try check("AWS:Network", #"[]"#)
        // Key lists that come back after another (each list's plan is reused).
        try check(
            "AWS:Application",
            #"[{"Name":"a","Version":"1"},{"Version":"2","Name":"b","Publisher":"p"},{"Name":"c","Version":"3"},{"Name":"a","Version":"1"}]"#
        )
    }
}
