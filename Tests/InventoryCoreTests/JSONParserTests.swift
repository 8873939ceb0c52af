import Foundation
import InventoryCore
import Testing

/// `/work/shared/cases` style fixtures live beside the repository root (three levels above this file).
private func sharedCase(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // InventoryCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/cases/\(name)")
}

private func parseError(_ text: String, options: JSONParseOptions = .init()) -> JSONSyntaxError? {
    do {
        _ = try JSONParser.parse(Array(text.utf8), options: options)
        return nil
    } catch {
        return error
    }
}

private func parseError(bytes: [UInt8], options: JSONParseOptions = .init()) -> JSONSyntaxError? {
    do {
        _ = try JSONParser.parse(bytes, options: options)
        return nil
    } catch {
        return error
    }
}

/// Deterministic generator so fuzz failures reproduce.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("JSONParser")
struct JSONParserTests {
    @Test func numbersKeepTheirLexeme() throws {
        let value = try JSONParser.parse(
            #"{"v":1.10,"id":1234567890123456,"t":1.444799479852E9,"z":-0,"e":0.0e+00,"n":1414708529.9219999}"#)
        let object = try #require(value.objectValue)
        #expect(object["v"] == .number("1.10"))
        #expect(object["id"] == .number("1234567890123456"))
        #expect(object["t"] == .number("1.444799479852E9"))
        #expect(object["z"] == .number("-0"))
        #expect(object["e"] == .number("0.0e+00"))
        #expect(object["n"]?.scalarText == "1414708529.9219999")
        #expect(value.compactJSON() == #"{"v":1.10,"id":1234567890123456,"t":1.444799479852E9,"z":-0,"e":0.0e+00,"n":1414708529.9219999}"#)
    }

    @Test func scalarsAndAccessors() throws {
        let value = try JSONParser.parse(#"  [true, false, null, "s", {}, [] ]  "#)
        let elements = try #require(value.arrayValue)
        #expect(elements.map(\.kindName) == ["boolean", "boolean", "null", "string", "object", "array"])
        #expect(elements.map(\.scalarText) == ["true", "false", nil, "s", nil, nil])
        #expect(elements[2].isNull)
        #expect(elements[3].stringValue == "s")
        #expect(JSONValue.number("1").stringValue == nil)
        #expect(elements[4].objectValue?.isEmpty == true)
    }

    @Test func objectLookupKeepsOrderAndDuplicates() throws {
        let object = try #require(try JSONParser.parse(#"{"b":1,"HotFixID":"x","a":2,"b":3}"#).objectValue)
        #expect(object.keys == ["b", "HotFixID", "a", "b"])
        #expect(object.count == 4)
        #expect(object["b"] == .number("1"))
        #expect(object["hotfixid"] == nil)
        #expect(object.value(forKeyIgnoringCase: "HotFixId") == .string("x"))
        #expect(object.value(forKeyIgnoringCase: "a") == .number("2"))
        #expect(object.value(forKeyIgnoringCase: "missing") == nil)
    }

    @Test func canonicalJSONSortsKeysByUTF8Bytes() throws {
        let value = try JSONParser.parse(#"{"z":1,"é":2,"Z":3,"a":{"y":[2,1],"b":null},"b":"x","b":"first?"}"#)
        // "Z" (0x5A) < "a" < "b" < "z" (0x7A) < "é" (0xC3 0xA9); duplicate "b" stays in document order.
        #expect(value.canonicalJSON() == #"{"Z":3,"a":{"b":null,"y":[2,1]},"b":"x","b":"first?","z":1,"é":2}"#)
        #expect(value.compactJSON() == #"{"z":1,"é":2,"Z":3,"a":{"y":[2,1],"b":null},"b":"x","b":"first?"}"#)
    }

    @Test func canonicalJSONEscapesMinimally() throws {
        let value = JSONValue.string("q\" b\\ n\n r\r t\t b\u{8} f\u{C} nul\u{0} us\u{1F} del\u{7F} / 日本 😀")
        #expect(value.canonicalJSON() == #""q\" b\\ n\n r\r t\t b\b f\f nul\u0000 us\u001f del"# + "\u{7F} / 日本 😀\"")
        #expect(try JSONParser.parse(value.canonicalJSON()) == value)
    }

    @Test func escapesAndSurrogates() throws {
        let value = try JSONParser.parse(#"["a\u0000b", "\/\"\\\b\f\n\r\t", "\u00e9\u65E5", "\uD83D\uDE00", "C:\\new\\tmp\\x41"]"#)
        #expect(
            value
                == .array([
                    .string("a\u{0}b"), .string("/\"\\\u{8}\u{C}\n\r\t"), .string("é日"), .string("😀"),
                    .string(#"C:\new\tmp\x41"#),
                ]))
        let lone = try JSONParser.parseReportingRepairs(Array(#"["\uD800x", "\uDC00", "\uD800\u0041"]"#.utf8))
        #expect(lone.value == .array([.string("\u{FFFD}x"), .string("\u{FFFD}"), .string("\u{FFFD}A")]))
        #expect(lone.replacedLoneSurrogates == 3)
        #expect(lone.replacedInvalidUTF8 == 0)
    }

    @Test func validNonASCIIStringsRoundTrip() throws {
        let text = #"{"name":"Kaspersky für Windows","jp":"日本語アプリ","cyr":"Привет","fffd":"�","emoji":"😀"}"#
        let value = try JSONParser.parse(text)
        #expect(value.compactJSON() == text)
    }

    @Test(arguments: [
        (#"{"a":1"#, "unexpected end of input", 1, 7),
        (#"{"a":1 "b":2}"#, "expected ',' or '}' after object member", 1, 8),
        (#"{"a" 1}"#, "expected ':' after object key", 1, 6),
        (#"[1 2]"#, "expected ',' or ']' after array element", 1, 4),
        ("{\n  \"a\": 1,\n  \"b\": \"x\ny\"\n}", "unescaped line break inside a string (a raw newline; was a backslash lost?)", 3, 10),
        ("[\"a\rb\"]", "unescaped line break inside a string (a raw carriage return", 1, 4),
        ("[\"a\tb\"]", "unescaped control character U+0009 inside a string", 1, 4),
        ("[\"a\u{1}b\"]", "unescaped control character U+0001 inside a string", 1, 4),
        (#"["\x"]"#, #"invalid escape '\x'"#, 1, 3),
        (#"["\u12G4"]"#, #"invalid \u escape (expected 4 hex digits)"#, 1, 3),
        (#"{} x"#, "trailing content after the JSON value", 1, 4),
        (#"[01]"#, "invalid number '01'", 1, 2),
        (#"[1.]"#, "invalid number '1.'", 1, 2),
        (#"[1.5.3]"#, "invalid number '1.5.3'", 1, 2),
        (#"[-]"#, "invalid number '-'", 1, 2),
        (#"[1e+]"#, "invalid number '1e+'", 1, 2),
        (#"[+1]"#, "expected a JSON value, found '+'", 1, 2),
        (#"[.5]"#, "expected a JSON value, found '.'", 1, 2),
        (#"[tru]"#, "invalid literal 'tru'", 1, 2),
        (#"[True]"#, "invalid literal 'True' (JSON literals are lower-case", 1, 2),
        (#"[NaN]"#, "invalid literal 'NaN'", 1, 2),
        (#"[1,]"#, "expected a JSON value before ']' (a trailing comma?)", 1, 4),
        (#"{"a":1,}"#, "expected an object key after ',' (a trailing comma?)", 1, 8),
        (#"{a:1}"#, "expected '\"' to start an object key, found 'a'", 1, 2),
        (#"['a']"#, "expected a JSON value, found '''", 1, 2),
        ("", "unexpected end of input (the input is empty)", 1, 1),
        ("  \n ", "unexpected end of input", 2, 2),
        (#"["abc"#, "unexpected end of input inside a string", 1, 6),
        (#"[tr"#, "unexpected end of input", 1, 4),
        (#"[1."#, "unexpected end of input inside a number", 1, 4),
        ("[\"日本\", x]", "invalid literal 'x'", 1, 8),
        ("{\r\n\"a\" 1}", "expected ':' after object key", 2, 5),
    ])
    func errorMessagesAndPositions(input: String, message: String, line: Int, column: Int) throws {
        let error = try #require(parseError(input))
        #expect(error.message.hasPrefix(message), "got: \(error.message)")
        #expect(error.line == line, "\(error)")
        #expect(error.column == column, "\(error)")
        #expect(error.description == "line \(error.line), column \(error.column): \(error.message)")
    }

    @Test func columnCountsScalarsAndOffsetCountsBytes() throws {
        let error = try #require(parseError("[\"日本\", x]"))
        #expect(error.byteOffset == 11)
        #expect(error.column == 8)
        let moved = error.offset(byLines: 4, bytes: 100)
        #expect(moved.line == 5 && moved.column == 8 && moved.byteOffset == 111)
    }

    @Test func invalidUTF8Messages() throws {
        let latin1 = try #require(parseError(bytes: [0x5B, 0x22, 0x66, 0xFC, 0x72, 0x22, 0x5D]))
        #expect(latin1.message == "invalid UTF-8 byte 0xFC")
        #expect(latin1.column == 4 && latin1.byteOffset == 3)
        let surrogate = try #require(parseError(bytes: [0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D]))
        #expect(surrogate.message == "invalid UTF-8 sequence 0xED 0xA0 (an encoded UTF-16 surrogate)")
        let overlong = try #require(parseError(bytes: [0x22, 0xC0, 0xAF, 0x22]))
        #expect(overlong.message.contains("overlong"))
        let truncated = try #require(parseError(bytes: [0x22, 0xE6, 0x97, 0x22]))
        #expect(truncated.message.contains("truncated"))
        let tooLarge = try #require(parseError(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]))
        #expect(tooLarge.message.contains("U+10FFFF"))
        let outside = try #require(parseError(bytes: [0x5B, 0xFC, 0x5D]))
        #expect(outside.message == "expected a JSON value, found byte 0xFC")
        let bom = try #require(parseError(bytes: [0xEF, 0xBB, 0xBF, 0x7B, 0x7D]))
        #expect(bom.message.contains("byte-order mark"))
    }

    @Test func replacePolicyMatchesUnicodeMaximalSubparts() throws {
        let options = JSONParseOptions(invalidUTF8: .replace)
        let raw: [UInt8] = [0x22, 0x61, 0xFC, 0x62, 0xED, 0xA0, 0x80, 0xE6, 0x97, 0x63, 0xF0, 0x9F, 0x98, 0x80, 0x22]
        let result = try JSONParser.parseReportingRepairs(raw, options: options)
        let expected = String(decoding: raw[1..<(raw.count - 1)], as: UTF8.self)
        #expect(result.value == .string(expected))
        #expect(result.value == .string("a\u{FFFD}b\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}c😀"))
        #expect(result.replacedInvalidUTF8 == 5)
        #expect(result.firstInvalidUTF8Offset == 2)
        // Escapes after a repair still decode.
        let mixed = try JSONParser.parseReportingRepairs([0x22, 0xFF, 0x5C, 0x6E, 0x22], options: options)
        #expect(mixed.value == .string("\u{FFFD}\n"))
        #expect(try JSONParser.parseReportingRepairs(Array(#""ok""#.utf8), options: options).firstInvalidUTF8Offset == nil)
    }

    @Test func depthLimit() throws {
        let bomb = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let error = try #require(parseError(bytes: bomb))
        #expect(error.message == "nesting deeper than 512 levels")
        #expect(error.byteOffset == 512)
        let objects = Array(String(repeating: #"{"a":"#, count: 100_000).utf8)
        #expect(parseError(bytes: objects)?.message == "nesting deeper than 512 levels")
        let clamped = parseError(bytes: bomb, options: JSONParseOptions(maxDepth: 1_000_000))
        #expect(clamped?.message == "nesting deeper than \(JSONParseOptions.maxDepthLimit) levels")
        let exactly512 = Array((String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).utf8)
        #expect(throws: Never.self) { try JSONParser.parse(exactly512) }
        let balanced513 = Array((String(repeating: "[", count: 513) + String(repeating: "]", count: 513)).utf8)
        #expect(parseError(bytes: balanced513)?.message == "nesting deeper than 512 levels")
    }

    @Test func otherEntryPoints() throws {
        let bytes = Array(#"  {"a":[1,"x"]}  "#.utf8)
        let expected = try JSONParser.parse(bytes)
        #expect(try JSONParser.parse(Data(bytes)) == expected)
        #expect(try JSONParser.parse(bytes[0...]) == expected)
        #expect(try JSONParser.parse(bytes.lazy.map { $0 }) == expected)
        let fromRaw = try bytes.withUnsafeBytes { raw in try JSONParser.parse(raw) }
        #expect(fromRaw == expected)
    }

    @Test func rawNewlineCaseFile() throws {
        let url = sharedCase("BH-07.windows-update.bad-raw-newline.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            print("skipping: \(url.path) not found")
            return
        }
        let error = try #require(parseError(bytes: Array(data)))
        #expect(error.line == 11)
        #expect(error.column == 35)
        #expect(error.message.contains("unescaped line break inside a string"))
        let good = sharedCase("BH-07.windows-update.good.json")
        if let goodData = FileManager.default.contents(atPath: good.path) {
            let value = try JSONParser.parse(Array(goodData))
            #expect(value.compactJSON().contains(#"NT AUTHORITY\\SYSTEM"#))
        }
    }

    @Test func invalidUTF8CaseFile() throws {
        let url = sharedCase("BH-10.invalid-utf8.jsonl")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            print("skipping: \(url.path) not found")
            return
        }
        let bytes = Array(data)
        let lines = JSONParser.lines(of: bytes)
        #expect(lines.map(\.lineNumber) == [1, 2, 3])
        var rejected: [Int: JSONSyntaxError] = [:]
        var repaired: [Int: JSONParseResult] = [:]
        for line in lines {
            let slice = bytes[line.range]
            do {
                _ = try JSONParser.parse(slice)
            } catch {
                rejected[line.lineNumber] = error.offset(byLines: line.lineNumber - 1, bytes: line.range.lowerBound)
            }
            repaired[line.lineNumber] = try JSONParser.parseReportingRepairs(slice, options: .init(invalidUTF8: .replace))
        }
        #expect(rejected.keys.sorted() == [1, 3])
        #expect(rejected[1]?.message == "invalid UTF-8 byte 0xFC")
        #expect(rejected[1]?.line == 1)
        #expect(rejected[3]?.message.contains("0xED 0xA0") == true)
        #expect(rejected[3]?.line == 3)
        #expect(repaired[1]?.replacedInvalidUTF8 == 1)
        #expect(repaired[2]?.replacedInvalidUTF8 == 0)
        #expect(repaired[3]?.replacedInvalidUTF8 == 3)
        let name = repaired[1]?.value.objectValue?["Name"]?.stringValue
        #expect(name == "Kaspersky Endpoint Security f\u{FFFD}r Windows")
    }

    @Test func jsonLinesSplitting() {
        let text = "{\"a\":1}\r\n\r\n  \n{\"b\":2}\n{\"c\":3}"
        let lines = JSONParser.lines(of: Array(text.utf8))
        #expect(lines.map(\.lineNumber) == [1, 4, 5])
        let bytes = Array(text.utf8)
        #expect(lines.map { String(decoding: bytes[$0.range], as: UTF8.self) } == [#"{"a":1}"#, #"{"b":2}"#, #"{"c":3}"#])
        #expect(JSONParser.lines(of: []).isEmpty)
        #expect(JSONParser.lines(of: Array("\n\n".utf8)).isEmpty)
    }

    // MARK: Streaming

    private static let streamDocument = #"""
        {"fileVersion":"1.0","configurationItems":[{"id":1,"tags":{"a":[1,2]}},[],"s",2,{"nested":{"configurationItems":[9]}}],
         "Entries":[],"other":[1,2],"NextToken":null,"Entities":{"notAnArray":true}}
        """#

    @Test func streamingMatchesFullParse() throws {
        let bytes = Array(Self.streamDocument.utf8)
        let full = try #require(try JSONParser.parse(bytes).objectValue)
        var seen: [(String, JSONValue)] = []
        let rest = try JSONParser.forEachElement(
            in: bytes, arrayMembers: ["configurationItems", "Entries", "Entities"]
        ) { key, element in
            seen.append((key, element))
        }
        #expect(seen.map(\.0) == Array(repeating: "configurationItems", count: 5))
        #expect(full["configurationItems"] == .array(seen.map(\.1)))
        var expected = full
        for index in expected.members.indices
        where ["configurationItems", "Entries"].contains(expected.members[index].key) {
            expected.members[index].value = .array([])
        }
        #expect(rest == .object(expected))
        #expect(rest.objectValue?["Entities"] == .object(JSONObject([("notAnArray", .bool(true))])))
    }

    @Test func streamingNonObjectTopLevel() throws {
        var calls = 0
        let value = try JSONParser.forEachElement(in: Array("[1,2]".utf8), arrayMembers: ["x"]) { _, _ in calls += 1 }
        #expect(value == .array([.number("1"), .number("2")]))
        #expect(calls == 0)
    }

    private struct Stop: Error, Equatable { let at: Int }

    @Test func streamingPropagatesBodyErrorsAndSyntaxErrors() throws {
        var count = 0
        #expect(throws: Stop(at: 2)) {
            try JSONParser.forEachElement(in: Array(#"{"a":[1,2,3]}"#.utf8), arrayMembers: ["a"]) { _, _ in
                count += 1
                if count == 2 { throw Stop(at: 2) }
            }
        }
        #expect(count == 2)
        var delivered = 0
        do {
            _ = try JSONParser.forEachElement(in: Array(#"{"a":[1,2], "b": tru}"#.utf8), arrayMembers: ["a"]) { _, _ in
                delivered += 1
            }
            Issue.record("expected a syntax error")
        } catch let error as JSONSyntaxError {
            #expect(error.message == "invalid literal 'tru'")
            #expect(error.column == 18)
        }
        #expect(delivered == 2)
    }

    @Test func streamingLargeGeneratedDocumentEqualsFullParse() throws {
        var rng = SplitMix64(state: 7)
        var text = #"{"fileVersion":"1.0","configurationItems":["#
        for index in 0..<500 {
            if index > 0 { text += "," }
            text += #"{"resourceId":"i-\#(rng.next() % 100_000)","v":\#(Double(rng.next() % 1000) / 8),"tags":{"k":"日本\n"}}"#
        }
        text += "]}"
        let bytes = Array(text.utf8)
        let full = try JSONParser.parse(bytes)
        var elements: [JSONValue] = []
        _ = try JSONParser.forEachElement(in: bytes, arrayMembers: ["configurationItems"]) { _, element in
            elements.append(element)
        }
        #expect(full.objectValue?["configurationItems"] == .array(elements))
    }

    // MARK: Fuzz

    @Test func randomMutationsNeverCrash() throws {
        var seeds: [[UInt8]] = [
            Array(Self.streamDocument.utf8),
            Array(#"{"a":[1,-2.5e+3,true,false,null,"\u00e9\uD83D\uDE00\n\\\"",{"b":{}}],"日本":"ü"}"#.utf8),
            Array(#"[{"Name":"x","Version":"1.10","InstalledTime":"2024-05-02T10:00:00Z"}]"#.utf8),
        ]
        for name in ["BH-07.windows-update.good.json", "BH-10.valid-unicode.jsonl"] {
            if let data = FileManager.default.contents(atPath: sharedCase(name).path) {
                seeds.append(Array(data.prefix(4000)))
            }
        }
        let interesting: [UInt8] =
            Array(#"{}[]",:\/u0123456789eE.+-tfn "#.utf8) + [0x00, 0x0A, 0x0D, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE6, 0xED, 0xF0, 0xF4, 0xFF]
        var rng = SplitMix64(state: 0x5EED_1234)
        var parsedOK = 0
        for _ in 0..<2000 {
            var bytes = seeds[Int(rng.next() % UInt64(seeds.count))]
            let mutations = 1 + Int(rng.next() % 4)
            for _ in 0..<mutations {
                guard !bytes.isEmpty else { break }
                let index = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 6 {
                case 0: bytes[index] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes[index] = interesting[Int(rng.next() % UInt64(interesting.count))]
                case 2: bytes.insert(interesting[Int(rng.next() % UInt64(interesting.count))], at: index)
                case 3: bytes.remove(at: index)
                case 4: bytes.removeSubrange(index...)
                default:
                    let end = min(bytes.count, index + Int(rng.next() % 16))
                    bytes.insert(contentsOf: Array(bytes[index..<end]), at: index)
                }
            }
            for options in [JSONParseOptions(), JSONParseOptions(maxDepth: 3, invalidUTF8: .replace)] {
                if let result = try? JSONParser.parseReportingRepairs(bytes, options: options) {
                    parsedOK += 1
                    // Whatever parses must survive its own serialisation unchanged.
                    #expect(try JSONParser.parse(result.value.compactJSON()) == result.value)
                    #expect(try JSONParser.parse(result.value.canonicalJSON()).canonicalJSON() == result.value.canonicalJSON())
                } else if let error = parseError(bytes: bytes, options: options) {
                    #expect(error.line >= 1 && error.column >= 1 && error.byteOffset <= bytes.count)
                }
                _ = try? JSONParser.forEachElement(in: bytes, arrayMembers: ["configurationItems", "a"], options: options) { _, _ in }
            }
        }
        #expect(parsedOK > 0)
    }

    @Test func replaceModeEqualsStringDecodingOnRandomBytes() throws {
        var rng = SplitMix64(state: 42)
        for _ in 0..<2000 {
            let length = Int(rng.next() % 24)
            var body: [UInt8] = []
            for _ in 0..<length {
                var byte = UInt8(truncatingIfNeeded: rng.next())
                if byte == 0x22 || byte == 0x5C || byte < 0x20 { byte = 0x80 | byte }
                body.append(byte)
            }
            let value = try JSONParser.parse([0x22] + body + [0x22], options: .init(invalidUTF8: .replace))
            #expect(value == .string(String(decoding: body, as: UTF8.self)))
        }
    }
}
