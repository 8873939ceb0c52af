import InventoryCore
import Testing

@Suite("Timestamp")
struct TimestampTests {
    /// 2019-02-15T20:11:12.003Z in every spelling FORMATS.md §0.1 lists (and a few neighbours).
    @Test(arguments: [
        "2019-02-15T20:11:12.003Z",
        "2019-02-15T20:11:12.003z",
        "2019-02-15t20:11:12.003Z",
        "2019-02-15T15:11:12.003000-05:00",
        "2019-02-15 15:11:12.003000-05:00",
        "2019-02-15T15:11:12.003-0500",
        "2019-02-15T21:11:12.003+01",
        "2019-02-15T20:11:12.003+00:00",
        "2019-02-15T20:11:12.003 +0000",
        "2019-02-15T20:11:12,003Z",
        "2019-02-15T20:11:12.0030Z",
        "2019-02-15T20:11:12.003000000Z",
        "2019-02-15T20:11:12.00299999Z",
        "2019-02-16T01:41:12.003+05:30",
        "2019-02-15T20:11:12.003",
        "  2019-02-15T20:11:12.003Z\n",
        "1550261472.003",
        "1550261472.0029999",
        "1.550261472003E9",
        "1.550261472003e+9",
        "15502614720.03e-1",
        "1550261472003",
    ])
    func spellingsOfOneInstant(text: String) throws {
        let timestamp = try #require(Timestamp.parse(text))
        #expect(timestamp.epochMilliseconds == 1_550_261_472_003)
        #expect(timestamp.iso8601 == "2019-02-15T20:11:12.003Z")
        #expect(timestamp.original == text)
    }

    @Test func jsonNumbersAndStrings() throws {
        let noise = try #require(Timestamp.parse(JSONValue.number("1414708529.9219999")))
        #expect(noise.epochMilliseconds == 1_414_708_529_922)
        #expect(noise.iso8601 == "2014-10-30T22:35:29.922Z")
        #expect(noise.original == "1414708529.9219999")
        let exponent = try #require(Timestamp.parse(JSONValue.number("1.444799479852E9")))
        #expect(exponent.iso8601 == "2015-10-14T05:11:19.852Z")
        let whole = try #require(Timestamp.parse(JSONValue.number("1582221233")))
        #expect(whole.epochMilliseconds == 1_582_221_233_000)
        #expect(whole.iso8601 == "2020-02-20T17:53:53Z")
        let stateId = try #require(Timestamp.parse(JSONValue.number("1675252787151")))
        #expect(stateId.iso8601 == "2023-02-01T11:59:47.151Z")
        #expect(Timestamp.parse(JSONValue.string("2024-05-02T10:00:00Z"))?.epochMilliseconds == 1_714_644_000_000)
        #expect(Timestamp.parse(JSONValue.null) == nil)
        #expect(Timestamp.parse(JSONValue.bool(true)) == nil)
        #expect(Timestamp.parse(JSONValue.array([])) == nil)
    }

    @Test func otherKnownSpellings() throws {
        #expect(Timestamp.parse("2014-02-26T22:56:35.0000+0000")?.iso8601 == "2014-02-26T22:56:35Z")
        #expect(Timestamp.parse("2014-02-26T22:56:35.0000+0000")?.epochMilliseconds == 1_393_455_395_000)
        #expect(Timestamp.parse("2022-03-16T13:08:12.263000-04:00")?.iso8601 == "2022-03-16T17:08:12.263Z")
        #expect(Timestamp.parse("2019-02-15T15:11:12-05:00")?.iso8601 == "2019-02-15T20:11:12Z")
        #expect(Timestamp.parse("2023-02-01T11:59:47.151Z")?.iso8601 == "2023-02-01T11:59:47.151Z")
        #expect(Timestamp.parse("2018-05-02T16:20:55.108Z")?.iso8601 == "2018-05-02T16:20:55.108Z")
        #expect(Timestamp.parse("2024-05-02T10:00Z")?.iso8601 == "2024-05-02T10:00:00Z")
        #expect(Timestamp.parse("2024-05-02")?.iso8601 == "2024-05-02T00:00:00Z")
        #expect(Timestamp.parse("2024-05-02T10:00:00.5Z")?.iso8601 == "2024-05-02T10:00:00.500Z")
        #expect(Timestamp.parse("2024-05-02T10:00:00.1234567891Z")?.iso8601 == "2024-05-02T10:00:00.123Z")
        #expect(Timestamp.parse("2024-01-01T00:00:00+14:00")?.iso8601 == "2023-12-31T10:00:00Z")
        #expect(Timestamp.parse("20161011")?.iso8601 == "2016-10-11T00:00:00Z")
        #expect(Timestamp.parse(JSONValue.number("20161011"))?.iso8601 == "2016-10-11T00:00:00Z")
        #expect(Timestamp.parse("20240502T100000Z")?.iso8601 == "2024-05-02T10:00:00Z")
        #expect(Timestamp.parse("20240502T120000.25+0200")?.iso8601 == "2024-05-02T10:00:00.250Z")
    }

    @Test func roundingIsHalfUpToMilliseconds() {
        #expect(Timestamp.parse("2024-12-31T23:59:59.9995Z")?.iso8601 == "2025-01-01T00:00:00Z")
        #expect(Timestamp.parse("2024-12-31T23:59:59.9994999Z")?.iso8601 == "2024-12-31T23:59:59.999Z")
        #expect(Timestamp.parse("0.0005")?.epochMilliseconds == 1)
        #expect(Timestamp.parse("0.00049999999")?.epochMilliseconds == 0)
        #expect(Timestamp.parse("1.0004999999999999999999")?.epochMilliseconds == 1000)
        #expect(Timestamp.parse("1.00050000000000000000001")?.epochMilliseconds == 1001)
        #expect(Timestamp.parse("-0.0015")?.epochMilliseconds == -1)
        #expect(Timestamp.parse("-0.0016")?.epochMilliseconds == -2)
        #expect(Timestamp.parse("-1")?.iso8601 == "1969-12-31T23:59:59Z")
    }

    @Test func millisecondsThreshold() {
        #expect(Timestamp.millisecondsThreshold == 100_000_000_000)
        #expect(Timestamp.parse("99999999999")?.epochMilliseconds == 99_999_999_999_000)
        // 10^11…10^12: seconds past 5138 or milliseconds before 2001; neither is guessed.
        #expect(Timestamp.parse("100000000000") == nil)
        #expect(Timestamp.parse("1e11") == nil)
        #expect(Timestamp.parse("253402300800") == nil)
        #expect(Timestamp.parse("999999999999.9") == nil)
        #expect(Timestamp.parse("1000000000000")?.iso8601 == "2001-09-09T01:46:40Z")
        #expect(Timestamp.parse("0")?.iso8601 == "1970-01-01T00:00:00Z")
    }

    @Test(arguments: [
        "", "   ", "abc", "Wednesday, October 15, 2014 12:00:00 AM", "03/09/2021", "20211309",
        "20240502T1000Z", "20240502X100000Z",
        "2024-13-01T00:00:00Z", "2024-00-10", "2023-02-29", "1900-02-29", "2024-04-31", "0000-01-01",
        "2024-05-02T24:00:00Z", "2024-05-02T10:60:00Z", "2024-05-02T10:00:60Z", "2024-05-02T10:00:00.Z",
        "2024-05-02T10:00:00+25:00", "2024-05-02T10:00:00+05:60", "2024-05-02T10:00:00Zjunk",
        "2024-05-02T10:00:00+5", "2024-05-02X10:00:00Z", "2024-5-2", "2024-05-02T1:00:00Z",
        "1e", "1.", ".5", "--1", "1.5.3", "0x10", "1e40", "99999999999999999999999", "12:00", "NaN",
        "2024-05-02T10:00:00 ", "10000-01-01",
    ])
    func garbageIsRejected(text: String) {
        // "2024-05-02T10:00:00 " is valid after trimming; everything else must be nil.
        if text == "2024-05-02T10:00:00 " {
            #expect(Timestamp.parse(text) != nil)
        } else {
            #expect(Timestamp.parse(text) == nil, "accepted: \(text)")
        }
    }

    @Test func leapYearsAndRangeEnds() {
        #expect(Timestamp.parse("2024-02-29T00:00:00Z") != nil)
        #expect(Timestamp.parse("2000-02-29") != nil)
        #expect(Timestamp.parse("0001-01-01T00:00:00Z")?.epochMilliseconds == Timestamp.minimumEpochMilliseconds)
        #expect(Timestamp.parse("9999-12-31T23:59:59.999Z")?.epochMilliseconds == Timestamp.maximumEpochMilliseconds)
        #expect(Timestamp.parse("0001-01-01T00:00:00+01:00") == nil)
        #expect(Timestamp.parse("9999-12-31T23:59:59.9995Z") == nil)
    }

    @Test func iso8601RoundTripsAcrossTheRange() throws {
        var state: UInt64 = 12_345
        let span = UInt64(Timestamp.maximumEpochMilliseconds - Timestamp.minimumEpochMilliseconds)
        for _ in 0..<5000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let milliseconds = Timestamp.minimumEpochMilliseconds + Int64((state >> 1) % span)
            let timestamp = Timestamp(epochMilliseconds: milliseconds)
            let reparsed = try #require(Timestamp.parse(timestamp.iso8601))
            #expect(reparsed.epochMilliseconds == milliseconds, "\(timestamp.iso8601)")
        }
    }

    @Test func equalityUsesTheInstantOnly() throws {
        let utc = try #require(Timestamp.parse("2019-02-15T20:11:12.003Z"))
        let local = try #require(Timestamp.parse("2019-02-15T15:11:12.003000-05:00"))
        let later = try #require(Timestamp.parse("2019-02-15T20:11:12.004Z"))
        #expect(utc == local)
        #expect(utc.original != local.original)
        #expect(Set([utc, local, later]).count == 2)
        #expect(utc < later)
        #expect([later, utc].sorted() == [utc, later])
        #expect(Timestamp(epochMilliseconds: 0).original == "1970-01-01T00:00:00Z")
        #expect(later.description == "2019-02-15T20:11:12.004Z")
    }
}
