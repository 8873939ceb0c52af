import ArgumentParser
import InventoryCore

extension CommandContext {
    /// Opens the store read-only, runs a facade question and prints its answer in `format`.
    func ask<A: AskAnswer>(_ store: StoreOptions, _ format: OutputFormat, _ question: (InventoryStore) throws(InventoryError) -> A) throws
        -> A
    {
        let inventory = try store.open(self, readOnly: true)
        let result = try core { () throws(InventoryError) in try question(inventory) }
        try answer(result, format: format)
        return result
    }

    /// Prints an answer of `nodes`, `show`, `find` or `history`: JSON, CSV, or aligned text with
    /// every value escaped for the terminal.
    func answer<A: AskAnswer>(_ answer: A, format: OutputFormat) throws {
        switch format {
        case .json: try json(answer)
        case .csv: writeOut(answer.csvRows.map { CSVWriter.record($0) }.joined())
        case .text:
            let blocks = answer.textBlocks
            if blocks.isEmpty { return out(TerminalText.escaped(answer.emptyText)) }
            out(
                blocks.map { block in
                    let table = TextTable.render(block.rows.map { $0.map(TerminalText.escaped) })
                    return block.title.map { TerminalText.escaped($0) + "\n" + table } ?? table
                }.joined(separator: "\n\n"))
        }
    }
}
