import Testing
@testable import LiveActions

@Suite struct JSONScannerTests {
    func parse(_ text: String) throws -> JSONValue {
        try JSONScanner.withScanner(over: text) { s in
            let v = try s.readValue()
            try s.expectEnd()
            return v
        }
    }

    @Test func scalarsAndContainers() throws {
        #expect(try parse(#"{"a":[1,-2.5,3e2,true,false,null,"x"],"b":{}}"#)
            == ["a": [1, -2.5, 300, true, false, nil, "x"], "b": .object([:])])
        #expect(try parse("  [ ]  ") == .array([]))
        #expect(try parse("0") == 0)
        #expect(try parse("-0.0") == .number(-0.0))
    }

    @Test func escapesAndUnicode() throws {
        #expect(try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
        #expect(try parse(#""Łódź ⚽""#) == .string("Łódź ⚽"))
        // A lone surrogate becomes the replacement character rather than an error or a crash.
        #expect(try parse(#""\ud800x""#) == .string("\u{FFFD}x"))
        #expect(try parse(#"{"k\u0065y":1}"#) == ["key": 1])
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "tru", "01", "1.", "1e", "\"abc", "\"a\u{01}b\"",
        "{\"a\":1}x", "\"\\q\"", "\"\\u12\"", "[-]", "{1:2}", "nul",
    ])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONError.self) { try parse(text) }
    }

    @Test func depthIsBounded() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONError.self) { try parse(deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? parse(ok)) != nil)
    }

    @Test func hugeNumbersParseAsDoubles() throws {
        #expect(try parse("123456789012345678901234567890") == .number(1.2345678901234568e29))
        #expect(try parse("1e400").doubleValue == .infinity)
        #expect(JSONValue.number(1e30).intValue == nil)
        #expect(JSONValue.number(2.5).intValue == nil)
        #expect(JSONValue.number(42).intValue == 42)
    }

    /// Whole numbers read as integers where they lie are what the general way reads, made whole: the same value,
    /// nil, or the same error, with the scanner in the same place.
    @Test func integersReadWhereTheyLieAreTheNumbersReadMadeWhole() {
        var rng = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "7", "01", "-", "-01", "1.0", "1.5", "1e3", "1E3", "12e", "999999999999999", "9999999999999999",
                     "-999999999999999", "123456789012345678", "\"5\"", "null", "true", "[1]", " 5", "5 ", "5,", "5}", "0.", ".5", "+5"]
        for _ in 0..<5_000 {
            let digits = String(UInt64.random(in: 0...UInt64.max, using: &rng)).prefix(Int.random(in: 1...19, using: &rng))
            texts.append((Bool.random(using: &rng) ? "-" : "") + digits + ["", ",", "}", ".0", ".25", "e2", " "].randomElement(using: &rng)!)
        }
        for text in texts {
            var copy = text
            copy.withUTF8 { bytes in
                var fast = JSONScanner(bytes)
                var general = JSONScanner(bytes)
                let a = Result { try fast.readIntegerOrNil() }
                let b = Result { try general.readNumberOrNil().flatMap(FrameDecoder.exactInt) }
                switch (a, b) {
                case (.success(let x), .success(let y)): #expect(x == y && fast.offset == general.offset, "\(text)")
                case (.failure(let x as JSONError), .failure(let y as JSONError)): #expect(x == y, "\(text)")
                default: Issue.record("\(text): \(a) against \(b)")
                }
            }
        }
    }

    @Test func plainDecimalsReadExactlyAsTheStandardLibraryReadsThem() throws {
        var rng = SystemRandomNumberGenerator()
        var texts = ["0.0", "-0.0", "1.000006", "2.0000027000000110", "0.1", "0.3", "123456789.012345", "-99.5", "9.99999999999999"]
        // Every count of fraction digits the exact path takes (up to 15 digits in all), and one past it.
        texts += (1...16).map { "0." + String(repeating: "0", count: $0 - 1) + "7" }
        texts += (1...15).map { "9." + String("123456789012345".prefix($0)) }
        for _ in 0..<20_000 {
            let whole = Int.random(in: 0..<1_000_000, using: &rng)
            let fraction = String(Int.random(in: 0..<100_000_000, using: &rng)).prefix(Int.random(in: 1...9, using: &rng))
            texts.append("\(Bool.random(using: &rng) ? "-" : "")\(whole).\(fraction)")
        }
        for text in texts {
            #expect(try parse(text) == .number(try #require(Double(text))), "\(text)")
        }
    }

    @Test func writingRoundTrips() throws {
        let value: JSONValue = ["name": "Tessitori \"Amadeo\"\n\u{1B}[31m", "n": 3, "x": 0.25, "list": [true, nil], "inf": .number(.infinity)]
        let text = value.jsonText
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains(#""inf":null"#))
        var expected = value
        if case .object(var o) = expected { o["inf"] = .null; expected = .object(o) }
        #expect(try parse(text) == expected)
        #expect(JSONValue.string("Žalgiris 丁俊晖 plain").jsonText == "\"Žalgiris 丁俊晖 plain\"", "no escaping needed: written whole")
    }

    /// `true` and `false` read as a word where they stand (every message's `finished`) read as the general way
    /// reads them: the same value, the same error, the scanner left at the same byte.
    @Test func booleansReadAsAWordAreTheBooleansReadTheGeneralWay() {
        func general(_ s: inout JSONScanner) throws -> Bool? {
            switch try s.peekKind() {
            case .bool: return try s.readBool()
            case .string:
                switch try s.readString().lowercased() {
                case "true": return true
                case "false": return false
                default: return nil
                }
            default: try s.skipValue(); return nil
            }
        }
        let texts = ["true", "false", "true}", "false,", "fals", "tru", "t", "f", "", "truex", "falsee", " true", " false", #""true""#,
                     #""False""#, "null", "1", "falsy", "FALSE", "True", "trUe", "fal", "false}", "{}", "[true]", "truefalse"]
        for text in texts {
            var fast: Result<Bool?, JSONError> = .success(nil), slow: Result<Bool?, JSONError> = .success(nil)
            var (fastEnd, slowEnd) = (0, 0)
            JSONScanner.withScanner(over: text) { s in
                fast = Result { try s.readBoolOrNil() }.mapError { $0 as! JSONError }
                fastEnd = s.offset
            }
            JSONScanner.withScanner(over: text) { s in
                slow = Result { try general(&s) }.mapError { $0 as! JSONError }
                slowEnd = s.offset
            }
            #expect(fast == slow && fastEnd == slowEnd, "\(text.debugDescription)")
        }
    }

    /// A key that follows another in turns with a third (an optional field, present in one message and not the
    /// next) is the second guess (`KeyOrder`): both are remembered, found by their spelling, and read as the
    /// general reader reads them, up to an object's end right after either.
    @Test func aKeyThatTakesTurnsWithAnotherIsTheSecondGuess() throws {
        let known = ["a", "b", "c", "d"]
        let fields = FieldNames(id: 6, known)
        let cache = StringCache()
        let objects: [(text: String, keys: [String])] = [
            (#"{"a":1,"b":2,"c":3}"#, ["a", "b", "c"]), (#"{"a":1,"c":3}"#, ["a", "c"]), (#"{"a":1,"b":2}"#, ["a", "b"]),
            (#"{"a":1}"#, ["a"]), (#"{"a":1,"d":4,"c":3}"#, ["a", "d", "c"]), (#"{ "a":1 , "b":2 }"#, ["a", "b"]),
        ]
        for round in 0..<40 {
            let (text, keys) = objects[round % objects.count]
            var found: [String] = []
            try JSONScanner.withScanner(over: text, cache: cache) { s in
                var cursor = try s.beginObject(of: fields)
                while let (field, key) = try s.nextField(&cursor, fields) {
                    #expect(field == known.firstIndex(of: key.string), "\(text)")
                    found.append(key.string)
                    _ = try s.readNumber()
                }
                try s.expectEnd()
            }
            #expect(found == keys, "\(text)")
        }
        // After "a", the last rounds saw "b", "c", "b" (then the end, which is not learnt): "b" first, "c" second.
        #expect(cache.keyOrder.next(after: 0, in: 6) == 1 && cache.keyOrder.previous(after: 0, in: 6) == 2)
    }

    /// Keys found by the spelling expected next are the keys the general reader finds, in any order, with any
    /// spacing, escapes, unknown and repeated keys, one object after another as a stream's order is learnt.
    @Test func keysFoundByTheirSpellingAreTheKeysRead() throws {
        let known = ["actionId", "id", "fixtureSeqNum", "team", "name"]
        let fields = FieldNames(id: 7, known)
        let cache = StringCache()
        var rng = SystemRandomNumberGenerator()
        let order = known.shuffled(using: &rng)
        for round in 0..<300 {
            // Most objects in one order, as a stream sends them; some reordered, spaced, escaped or with others.
            var keys = round % 5 == 0 ? known.shuffled(using: &rng) : order
            if round % 7 == 0 { keys.insert(["other", "i", "names", "actionIds", ""].randomElement(using: &rng)!, at: Int.random(in: 0...keys.count, using: &rng)) }
            if round % 11 == 0 { keys.append(keys[0]) }
            keys = Array(keys.prefix(Int.random(in: 0...keys.count, using: &rng)))
            let spelt = keys.map { key -> String in
                var k = key
                if round % 13 == 0, let c = k.first { k = "\\u00\(String(c.asciiValue!, radix: 16))" + k.dropFirst() }
                return "\"\(k)\"" + (round % 3 == 0 ? " : " : ":") + "1"
            }
            let text = "{" + spelt.joined(separator: round % 4 == 0 ? " , " : ",") + "}"
            var found: [String] = []
            try JSONScanner.withScanner(over: text, cache: round % 2 == 0 ? cache : nil) { s in
                var cursor = try s.beginObject(of: fields)
                while let (field, key) = try s.nextField(&cursor, fields) {
                    #expect(field == (known.firstIndex(of: key.string) ?? fields.count), "\(text)")
                    found.append(key.string)
                    _ = try s.readNumber()
                }
                try s.expectEnd()
            }
            #expect(found == keys, "\(text)")
        }
    }
}
