import Foundation

/// Reads a written workbook back as a zip of XML parts, independently of the writer under test.
public enum XlsxInspector {
    public struct Cell: Decodable, Equatable {
        /// The `t` attribute (`n` when absent): `s`, `inlineStr`, `b`, `n`.
        public let type: String
        /// The stored text or value, as in the XML.
        public let raw: String?
        /// What Excel displays for string cells: `raw` with `_xHHHH_` decoded.
        public let text: String?
        public let formula: Bool
        public let numberFormat: String?

        public init(type: String, raw: String?, text: String?, formula: Bool, numberFormat: String?) {
            self.type = type
            self.raw = raw
            self.text = text
            self.formula = formula
            self.numberFormat = numberFormat
        }
    }

    public struct Pane: Decodable, Equatable {
        public let xSplit: String
        public let ySplit: String
        public let topLeftCell: String
        public let state: String

        public init(xSplit: String, ySplit: String, topLeftCell: String, state: String) {
            self.xSplit = xSplit
            self.ySplit = ySplit
            self.topLeftCell = topLeftCell
            self.state = state
        }
    }

    public struct Sheet: Decodable {
        /// Rows of cell text (or raw values) by row number (1-based), columns A, B, … in order.
        public func rows() -> [Int: [String: String]] {
            var rows: [Int: [String: String]] = [:]
            for (reference, cell) in cells {
                let letters = String(reference.prefix(while: { $0.isLetter }))
                guard let row = Int(reference.dropFirst(letters.count)) else { continue }
                rows[row, default: [:]][letters] = cell.text ?? cell.raw ?? ""
            }
            return rows
        }

        /// Number of rows that have at least one cell, header included.
        public var rowCount: Int { rows().count }

        public let cells: [String: Cell]
        public let pane: Pane?
        public let autoFilter: String?
        public let formulaCount: Int
        /// `<pageSetup>` attributes (orientation, paperSize, fitToWidth, fitToHeight).
        public let pageSetup: [String: String]
        /// `<pageSetUpPr fitToPage>` is 1.
        public let fitToPage: Bool
        /// The `<oddFooter>` text, Excel codes included.
        public let footer: String?
        /// Internal hyperlinks: cell reference → location (`'Sheet'!A12`).
        public let links: [String: String]
        /// Chart parts drawn on this sheet (`xl/charts/chart1.xml`), via its drawing.
        public let charts: [String]
        /// `hidden` for hidden sheets, nil otherwise.
        public let state: String?
        /// Explicit row heights by row number.
        public let rowHeights: [String: String]
    }

    public struct DefinedName: Decodable {
        public let name: String
        public let localSheetId: String?
        public let value: String
    }

    public struct Workbook: Decodable {
        public let parts: [String]
        public let sheetNames: [String]
        public let sheets: [String: Sheet]
        public let definedNames: [DefinedName]
    }

    /// Parses every XML part (so a malformed part fails the test) and summarises the cells.
    public static func inspect(_ path: String) throws -> Workbook {
        let output = try run(["python3", "-c", script, path])
        return try JSONDecoder().decode(Workbook.self, from: output)
    }

    /// One part's raw XML, via `unzip -p`.
    public static func part(_ path: String, _ name: String) throws -> String {
        String(decoding: try run(["unzip", "-p", path, name]), as: UTF8.self)
    }

    public struct CommandFailed: Error, CustomStringConvertible {
        public let description: String
    }

    private static func run(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailed(
                description: "\(arguments.prefix(1)) exited \(process.terminationStatus): "
                    + String(decoding: errors, as: UTF8.self))
        }
        return data
    }

    private static let script = #"""
        import sys, zipfile, json, re, xml.dom.minidom as md
        z = zipfile.ZipFile(sys.argv[1])
        docs = {}
        for n in z.namelist():
            if n.endswith('.xml') or n.endswith('.rels'):
                docs[n] = md.parseString(z.read(n))
        def text(node):
            return ''.join(t.firstChild.data if t.firstChild else '' for t in node.getElementsByTagName('t'))
        def decode(s):
            return re.sub(r'_x([0-9A-Fa-f]{4})_', lambda m: chr(int(m.group(1), 16)), s)
        shared = []
        if 'xl/sharedStrings.xml' in docs:
            shared = [text(si) for si in docs['xl/sharedStrings.xml'].getElementsByTagName('si')]
        names = [s.getAttribute('name') for s in docs['xl/workbook.xml'].getElementsByTagName('sheet')]
        st = docs['xl/styles.xml']
        numfmts = {n.getAttribute('numFmtId'): n.getAttribute('formatCode') for n in st.getElementsByTagName('numFmt')}
        xfs = st.getElementsByTagName('cellXfs')[0].getElementsByTagName('xf')
        xf_fmt = [numfmts.get(x.getAttribute('numFmtId'), 'builtin:' + x.getAttribute('numFmtId')) for x in xfs]
        import posixpath
        def rels(part):
            folder, base = posixpath.split(part)
            r = docs.get(posixpath.join(folder, '_rels', base + '.rels'))
            if not r: return []
            return [(x.getAttribute('Type').split('/')[-1], posixpath.normpath(posixpath.join(folder, x.getAttribute('Target'))))
                    for x in r.getElementsByTagName('Relationship')]
        states = {s.getAttribute('name'): (s.getAttribute('state') or None) for s in docs['xl/workbook.xml'].getElementsByTagName('sheet')}
        defined = [{'name': n.getAttribute('name'), 'localSheetId': n.getAttribute('localSheetId') or None,
                    'value': n.firstChild.data if n.firstChild else ''} for n in docs['xl/workbook.xml'].getElementsByTagName('definedName')]
        out = {'parts': z.namelist(), 'sheetNames': names, 'sheets': {}, 'definedNames': defined}
        for i, name in enumerate(names):
            part = 'xl/worksheets/sheet%d.xml' % (i + 1)
            d = docs[part]
            cells = {}
            for c in d.getElementsByTagName('c'):
                t = c.getAttribute('t') or 'n'
                if t == 's':
                    raw = shared[int(c.getElementsByTagName('v')[0].firstChild.data)]
                elif t == 'inlineStr':
                    raw = text(c.getElementsByTagName('is')[0])
                else:
                    v = c.getElementsByTagName('v')
                    raw = v[0].firstChild.data if v and v[0].firstChild else None
                s = int(c.getAttribute('s') or 0)
                cells[c.getAttribute('r')] = {
                    'type': t, 'raw': raw,
                    'text': decode(raw) if raw is not None and t in ('s', 'inlineStr') else raw,
                    'formula': len(c.getElementsByTagName('f')) > 0,
                    'numberFormat': xf_fmt[s] if s < len(xf_fmt) else None}
            pane = d.getElementsByTagName('pane')
            af = d.getElementsByTagName('autoFilter')
            out['sheets'][name] = {
                'cells': cells,
                'pane': {k: pane[0].getAttribute(k) for k in ('xSplit', 'ySplit', 'topLeftCell', 'state')} if pane else None,
                'autoFilter': af[0].getAttribute('ref') if af else None,
                'formulaCount': len(d.getElementsByTagName('f')),
                'pageSetup': {k: v for k, v in (d.getElementsByTagName('pageSetup')[0].attributes.items() if d.getElementsByTagName('pageSetup') else [])},
                'fitToPage': any(p.getAttribute('fitToPage') == '1' for p in d.getElementsByTagName('pageSetUpPr')),
                'footer': (lambda f: f[0].firstChild.data if f and f[0].firstChild else None)(d.getElementsByTagName('oddFooter')),
                'links': {h.getAttribute('ref'): h.getAttribute('location') for h in d.getElementsByTagName('hyperlink') if h.getAttribute('location')},
                'charts': [t for (kind, drawing) in rels(part) if kind == 'drawing' for (k2, t) in rels(drawing) if k2 == 'chart'],
                'state': states.get(name),
                'rowHeights': {r.getAttribute('r'): r.getAttribute('ht') for r in d.getElementsByTagName('row') if r.getAttribute('ht')}}
        json.dump(out, sys.stdout)
        """#
}

/// A fresh directory under the system temporary directory, removed by `cleanUp()`.
public struct ScratchDirectory {
    public let path: String

    public init() throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("xlsxwriter-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { "\(path)/\(name)" }

    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    public func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
