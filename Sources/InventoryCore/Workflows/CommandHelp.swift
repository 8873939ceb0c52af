import InventoryDiff

/// What `inventory COMMAND --help` says: a one-line abstract and the discussion with examples.
/// Kept beside the workflows they describe so the CLI files hold only parsing and wiring.
public struct CommandHelp: Sendable {
    /// One line, shown in the command list.
    public let abstract: String
    /// Paragraphs, exit codes and examples (one command per line, continued with `\`).
    public let discussion: String

    /// `inventory` itself.
    public static let inventory = CommandHelp(
        abstract: "Captured AWS SSM Inventory and AWS Config JSON → SQLite snapshots → diffs and Excel workbooks.",
        discussion: """
            Reads capture files offline (no AWS credentials), keeps snapshots in one SQLite file, tells what really changed between two snapshots, and writes Excel workbooks.

            Exit codes: 0 success (diff, history: no changes), 1 diff or history found changes (find: no row found), 2 trouble (bad input, unknown snapshot, I/O, usage).
            """)

    /// `inventory diff`.
    public static let diff = CommandHelp(
        abstract: "Show what really changed between two snapshots.",
        discussion: """
            BASE and TARGET are snapshot references: an id, a label, latest, latest~N, or a UTC date/time (the latest snapshot taken at or before it). Default: the snapshot before TARGET against TARGET (latest). Rows are compared per node and inventory type as multisets; Config resources by type and id. A node or type missing from TARGET is "not captured", never "removed"; a node that became Terminated or ResourceDeleted is one status change.

            Noise ignored by default (--include-noise shows it, --ignore adds more):
              \(NoiseRules.defaults.joined(separator: "\n  "))

            Config lists are compared as sets, never by position, unless a rule says otherwise:
              \(DiffRules.helpLines.joined(separator: "\n  "))

            Exit codes: 0 no changes, 1 changes found, 2 trouble.

            Examples:
              inventory diff
              inventory diff t1 t2 --type AWS:Application
              inventory diff latest~1 latest --format json | jq .summary
              inventory diff -v latest~1 latest
              inventory diff 2026-11-01 latest --format csv \\
                  --ignore AWS:Application.InstalledTime > changes.csv
            """)

    /// `inventory export`.
    public static let export = CommandHelp(
        abstract: "Write a snapshot as an Excel workbook.",
        discussion: """
            Sheets: Dashboard (snapshots compared, key figures, charts), Nodes (one row per managed node, linked to its rows), Changes (against --base, default the previous snapshot; --no-changes leaves it out), one sheet per inventory type and per Config resource type, and About (snapshots, source files, tool version, warnings). The file is written beside the target under a temporary name and renamed; on failure nothing is left behind. The same snapshot exported twice gives a byte-identical file (creation time from the snapshot, or SOURCE_DATE_EPOCH).

            Examples:
              inventory export --output inventory.xlsx
              inventory export --snapshot t1 --no-changes --output t1.xlsx
              inventory export --lang ja --base 2026-11-01 --output 変更.xlsx
              inventory export --format csv --bom --output csv/
              inventory export --format dataset --all --output dataset/
            """)

    /// `inventory find`.
    public static let find = CommandHelp(
        abstract: "Find inventory rows across nodes by name, version and attributes.",
        discussion: """
            Version bounds use each node's own ordering: rpm (Amazon Linux, RHEL, …), dpkg (Debian, Ubuntu) or dotted numbers (Windows, macOS), so 3.0.9 is below 3.0.15 and 1.0~rc1 below 1.0. A bound without an epoch compares version and release only. PATTERN and VALUE take * and ? and ignore case.

            Exit codes: 0 rows found, 1 none, 2 trouble (an unknown --type, --node, --account or --region included).

            Examples:
              inventory find --name 'openssl*' --version-below 3.0.15
              inventory find --where Publisher='Amazon*' --format csv > amazon.csv
            """)

    /// `inventory history`.
    public static let history = CommandHelp(
        abstract: "Every change of the matching rows across the stored snapshots, oldest first.",
        discussion: """
            Each consecutive pair of snapshots is compared as diff compares it; each change is listed in the snapshot where it was first seen (label and capture time), with its kind and before → after.

            Exit codes: 0 no change, 1 changes listed, 2 trouble.

            Examples:
              inventory history --node ip-10-20-1-37.ec2.internal --name 'openssl*'
              inventory history --type AWS:Application --since 2026-11-01 --format csv \\
                  > timeline.csv
            """)

    /// `inventory ingest`.
    public static let ingest = CommandHelp(
        abstract: "Read capture files into a new snapshot.",
        discussion: """
            Each PATH is a file, a directory (walked recursively; .json, .jsonl, .ndjson, .gz and extension-less files) or - for standard input. Formats are recognised by content: get-inventory, list-inventory-entries, Resource Data Sync JSON lines, custom inventory files, put-inventory items, describe-instance-information, Config history, snapshot and batch/select output, Config notifications (SNS, SQS, EventBridge, rule events), gzip or not. One ingest is one snapshot, stored in one transaction; identical input is recognised and stores nothing.

            Examples:
              inventory ingest --label 2026-11-15 captures/2026-11-15/
              aws ssm get-inventory | inventory ingest -
              inventory ingest --keep-going --format json s3-download/
            """)

    /// `inventory nodes`.
    public static let nodes = CommandHelp(
        abstract: "List the managed nodes of a snapshot.",
        discussion: """
            One line per node: account, region, id, computer name, EC2 Name tag (when Config recorded the instance), platform, agent, status and last capture.

            Examples:
              inventory nodes
              inventory nodes --platform Windows --format csv > windows.csv
              inventory nodes --stale 7 --snapshot t2
            """)

    /// `inventory prune`.
    public static let prune = CommandHelp(
        abstract: "Delete old snapshots and reclaim space.",
        discussion: """
            Removes snapshots beyond the newest --keep N and/or taken more than --older-than ago (90d, 12w, 6m, 1y), then VACUUMs the store. The newest snapshot is always kept, and so are labelled snapshots unless --include-labelled.

            Examples:
              inventory prune --keep 30
              inventory prune --older-than 90d --dry-run
            """)

    /// `inventory report`.
    public static let report = CommandHelp(
        abstract: "Cron one-shot: ingest, then export a dated workbook with changes against the previous snapshot.",
        discussion: """
            Ingests PATH... as `inventory ingest` does (identical input stores nothing and reuses the stored snapshot), then writes the workbook with a Changes sheet against the previous snapshot. Given a directory, the file is named after the snapshot's capture time (inventory-20261129T030000Z.xlsx). Prints one summary line. Changes are not failures: exit 0, or 1 with --fail-on-changes (for CI gates); 2 for trouble.

            Examples:
              inventory report --db /var/lib/inventory/fleet.sqlite \\
                  --output /srv/reports/ /srv/captures/today/
              inventory report --output out/ --fail-on-changes \\
                  --summary-markdown "$GITHUB_STEP_SUMMARY" captures/
            """)

    /// `inventory show`.
    public static let show = CommandHelp(
        abstract: "Show one node: its facts, every captured type with its rows, its Config items.",
        discussion: """
            NODE is a node id or a computer name; a unique prefix of either will do (an ambiguous one lists the candidates, exit 2).

            Examples:
              inventory show i-0a3f9c27e81b4d5c6
              inventory show ip-10-20-1-37 --snapshot before --format json
            """)

    /// `inventory snapshots`.
    public static let snapshots = CommandHelp(
        abstract: "List the stored snapshots, oldest first.",
        discussion: """
            Examples:
              inventory snapshots
              inventory snapshots --format json | jq '.[-1].id'
            """)

    /// `inventory verify`.
    public static let verify = CommandHelp(
        abstract: "Check the store: SQLite integrity, foreign keys and schema version.",
        discussion: """
            Exit codes: 0 the store is sound, 2 problems were found (listed) or the store cannot be read.

            Examples:
              inventory verify --db fleet.sqlite
              inventory verify --format json
            """)
}
