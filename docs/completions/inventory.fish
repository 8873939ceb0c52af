function __inventory_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __inventory_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __inventory_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __inventory_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __inventory_parse_tokens -S
    set -l unparsed_tokens (__inventory_tokens -pc)
    switch $unparsed_tokens[1]
    case 'inventory'
        __inventory_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'ingest'
            __inventory_parse_subcommand -r 1 'db=' 'busy-timeout=' 'label=' 'keep-going' 'strict' 'node-id=' 'type-name=' 'repair-utf8' 'max-value-bytes=' 'format=' 'q/quiet' 'v/verbose' 'log-format=' 'version' 'h/help'
        case 'snapshots'
            __inventory_parse_subcommand 0 'db=' 'busy-timeout=' 'format=' 'q/quiet' 'v/verbose' 'log-format=' 'version' 'h/help'
        case 'diff'
            __inventory_parse_subcommand 2 'db=' 'busy-timeout=' 'ignore=+' 'include-noise' 'ignore-new-attributes' 'type=+' 'node=+' 'account=+' 'region=+' 'format=' 'color=' 'summary-markdown=' 'timezone=' 'bom' 'q/quiet' 'v/verbose' 'log-format=' 'version' 'h/help'
        case 'export'
            __inventory_parse_subcommand 0 'db=' 'busy-timeout=' 'snapshot=' 'format=' 'since=' 'all' 'bom' 'no-bom' 'o/output=' 'base=' 'no-changes' 'history' 'lang=' 'paper=' 'timezone=' 'stale-days=' 'tmpdir=' 'json' 'q/quiet' 'v/verbose' 'log-format=' 'version' 'h/help'
        case 'report'
            __inventory_parse_subcommand -r 1 'db=' 'busy-timeout=' 'o/output=' 'fail-on-changes' 'summary-markdown=' 'lang=' 'paper=' 'timezone=' 'stale-days=' 'tmpdir=' 'format=' 'q/quiet' 'v/verbose' 'log-format=' 'label=' 'keep-going' 'strict' 'node-id=' 'type-name=' 'repair-utf8' 'max-value-bytes=' 'version' 'h/help'
        case 'prune'
            __inventory_parse_subcommand 0 'db=' 'busy-timeout=' 'keep=' 'older-than=' 'include-labelled' 'dry-run' 'format=' 'q/quiet' 'v/verbose' 'log-format=' 'version' 'h/help'
        case 'verify'
            __inventory_parse_subcommand 0 'db=' 'busy-timeout=' 'format=' 'q/quiet' 'v/verbose' 'log-format=' 'version' 'h/help'
        case 'nodes'
            __inventory_parse_subcommand 0 'db=' 'busy-timeout=' 'snapshot=' 'type=+' 'node=+' 'account=+' 'region=+' 'status=' 'platform=' 'stale=' 'format=' 'q/quiet' 'v/verbose' 'log-format=' 'version' 'h/help'
        case 'show'
            __inventory_parse_subcommand 1 'db=' 'busy-timeout=' 'snapshot=' 'format=' 'q/quiet' 'v/verbose' 'log-format=' 'version' 'h/help'
        case 'find'
            __inventory_parse_subcommand 0 'db=' 'busy-timeout=' 'snapshot=' 'type=+' 'node=+' 'account=+' 'region=+' 'name=' 'version-below=' 'version-at-least=' 'where=+' 'format=' 'q/quiet' 'v/verbose' 'log-format=' 'version' 'h/help'
        case 'history'
            __inventory_parse_subcommand 0 'db=' 'busy-timeout=' 'type=+' 'node=+' 'account=+' 'region=+' 'name=' 'since=' 'until=' 'format=' 'q/quiet' 'v/verbose' 'log-format=' 'version' 'h/help'
        case 'help'
            __inventory_parse_subcommand -r 1 'version'
        end
    end
end

function __inventory_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __inventory_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __inventory_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __inventory_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__inventory_tokens -p)
    if test -z "$(__inventory_tokens -t)"
        set -l index (count (__inventory_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'inventory' -f
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory" version' -l 'version' -d 'Show the version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory" -eq 1' -fa 'ingest' -d 'Read capture files into a new snapshot.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory" -eq 1' -fa 'snapshots' -d 'List the stored snapshots, oldest first.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory" -eq 1' -fa 'diff' -d 'Show what really changed between two snapshots.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory" -eq 1' -fa 'export' -d 'Write a snapshot as an Excel workbook.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory" -eq 1' -fa 'report' -d 'Cron one-shot: ingest, then export a dated workbook with changes against the previous snapshot.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory" -eq 1' -fa 'prune' -d 'Delete old snapshots and reclaim space.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory" -eq 1' -fa 'verify' -d 'Check the store: SQLite integrity, foreign keys and schema version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory" -eq 1' -fa 'nodes' -d 'List the managed nodes of a snapshot.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory" -eq 1' -fa 'show' -d 'Show one node: its facts, every captured type with its rows, its Config items.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory" -eq 1' -fa 'find' -d 'Find inventory rows across nodes by name, version and attributes.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory" -eq 1' -fa 'history' -d 'Every change of the matching rows across the stored snapshots, oldest first.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" db' -l 'db' -d 'The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'sqlite\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" busy-timeout' -l 'busy-timeout' -d 'Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" label' -l 'label' -d 'A unique name for the new snapshot.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" keep-going' -l 'keep-going' -d 'Store the good files and list the bad ones instead of storing nothing.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" strict' -l 'strict' -d 'Warnings fail the run (exit 2, nothing stored).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" node-id' -l 'node-id' -d 'Managed node id for files that do not name one (custom inventory files, put-inventory items).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" type-name' -l 'type-name' -d 'Inventory type for Resource Data Sync rows whose path names none (e.g. AWS:Application).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" repair-utf8' -l 'repair-utf8' -d 'Replace invalid UTF-8 with U+FFFD and warn, instead of refusing the file.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" max-value-bytes' -l 'max-value-bytes' -d 'The largest single JSON string or streamed Config item accepted, in bytes (default 64 MiB); larger ones fail their file. Files read whole are limited to 256 MiB expanded.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory ingest" -ge 1' -F
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" format' -l 'format' -d 'Output format on stdout: text or json (diff also csv).' -rfka 'text json csv'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" q quiet' -l 'quiet' -s 'q' -d 'Print only errors on stderr (no warnings, no progress).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" v verbose' -l 'verbose' -s 'v' -d 'Also print notes on stderr (diff: list new and gone nodes row by row).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" log-format' -l 'log-format' -d 'stderr lines: text (UTC time first when not a terminal) or json (one object per line).' -rfka 'text json'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" version' -l 'version' -d 'Show the version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory ingest" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory snapshots" db' -l 'db' -d 'The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'sqlite\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory snapshots" busy-timeout' -l 'busy-timeout' -d 'Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory snapshots" format' -l 'format' -d 'Output format on stdout: text or json (diff also csv).' -rfka 'text json csv'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory snapshots" q quiet' -l 'quiet' -s 'q' -d 'Print only errors on stderr (no warnings, no progress).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory snapshots" v verbose' -l 'verbose' -s 'v' -d 'Also print notes on stderr (diff: list new and gone nodes row by row).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory snapshots" log-format' -l 'log-format' -d 'stderr lines: text (UTC time first when not a terminal) or json (one object per line).' -rfka 'text json'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory snapshots" version' -l 'version' -d 'Show the version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory snapshots" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" db' -l 'db' -d 'The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'sqlite\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" busy-timeout' -l 'busy-timeout' -d 'Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff"' -l 'ignore' -d 'Also ignore TYPE.FIELD (repeatable; TYPE may be *).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" include-noise' -l 'include-noise' -d 'Report the default noise fields too.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" ignore-new-attributes' -l 'ignore-new-attributes' -d 'Leave out rows whose only difference is attributes reported for the first time.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff"' -l 'type' -d 'Only this inventory or resource type (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff"' -l 'node' -d 'Only this node (id or computer name) or resource id (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff"' -l 'account' -d 'Only this account (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff"' -l 'region' -d 'Only this region (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" format' -l 'format' -d 'Output format on stdout: text or json (diff also csv).' -rfka 'text json csv'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" color' -l 'color' -d 'Colour in text output: auto (terminal only, honours NO_COLOR), always, never.' -rfka 'auto always never'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" summary-markdown' -l 'summary-markdown' -d 'Also write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY; appended to).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" timezone' -l 'timezone' -d 'Time zone of every date-time shown: an IANA name (Asia/Tokyo), UTC, or an offset (+09:00) (default: $INVENTORY_TIMEZONE or UTC).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" bom' -l 'bom' -d 'With --format csv: start with a UTF-8 byte-order mark (for Excel).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" q quiet' -l 'quiet' -s 'q' -d 'Print only errors on stderr (no warnings, no progress).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" v verbose' -l 'verbose' -s 'v' -d 'Also print notes on stderr (diff: list new and gone nodes row by row).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" log-format' -l 'log-format' -d 'stderr lines: text (UTC time first when not a terminal) or json (one object per line).' -rfka 'text json'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" version' -l 'version' -d 'Show the version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" db' -l 'db' -d 'The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'sqlite\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" busy-timeout' -l 'busy-timeout' -d 'Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" snapshot' -l 'snapshot' -d 'Snapshot to export: id, label, latest, latest~N or a date.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" format' -l 'format' -d 'xlsx (one workbook), csv (one RFC 4180 file per sheet) or dataset (gzip JSON lines in Hive partitions) in --output.' -rfka 'xlsx csv dataset'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" since' -l 'since' -d 'With --format dataset: this snapshot and every later one.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" all' -l 'all' -d 'With --format dataset: every snapshot.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" bom' -l 'bom' -d 'With --format csv: start each file with a UTF-8 byte-order mark (for Excel; default with --lang ja).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" no-bom' -l 'no-bom' -d 'With --format csv: start each file with a UTF-8 byte-order mark (for Excel; default with --lang ja).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" o output' -l 'output' -s 'o' -d 'The workbook to write (.xlsx), or the directory for --format csv or dataset.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'xlsx\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" base' -l 'base' -d 'Snapshot to compare with for the Changes sheet (default: the previous one).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" no-changes' -l 'no-changes' -d 'Leave out the Changes sheet.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" history' -l 'history' -d 'Add a Timeline sheet: every change across the stored snapshots up to this one (as `inventory history`).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" lang' -l 'lang' -d 'Language of sheet names and headers.' -rfka 'en ja'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" paper' -l 'paper' -d 'Paper every sheet prints on.' -rfka 'a4 letter'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" timezone' -l 'timezone' -d 'Time zone of every date-time shown: an IANA name (Asia/Tokyo), UTC, or an offset (+09:00) (default: $INVENTORY_TIMEZONE or UTC).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" stale-days' -l 'stale-days' -d 'Nodes not captured within this many days count as stale on the dashboard.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" tmpdir' -l 'tmpdir' -d 'Directory for libxlsxwriter\'s temporary files.' -rfa '(__inventory_complete_directories)'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" json' -l 'json' -d 'Print the result as JSON on stdout.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" q quiet' -l 'quiet' -s 'q' -d 'Print only errors on stderr (no warnings, no progress).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" v verbose' -l 'verbose' -s 'v' -d 'Also print notes on stderr (diff: list new and gone nodes row by row).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" log-format' -l 'log-format' -d 'stderr lines: text (UTC time first when not a terminal) or json (one object per line).' -rfka 'text json'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" version' -l 'version' -d 'Show the version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" db' -l 'db' -d 'The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'sqlite\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" busy-timeout' -l 'busy-timeout' -d 'Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" o output' -l 'output' -s 'o' -d 'A directory (dated file name) or an .xlsx file.' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'xlsx\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" fail-on-changes' -l 'fail-on-changes' -d 'Exit 1 when the snapshot has changes against the previous one.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" summary-markdown' -l 'summary-markdown' -d 'Also write a Markdown summary of the changes (e.g. $GITHUB_STEP_SUMMARY).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" lang' -l 'lang' -d 'Language of sheet names and headers.' -rfka 'en ja'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" paper' -l 'paper' -d 'Paper every sheet prints on.' -rfka 'a4 letter'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" timezone' -l 'timezone' -d 'Time zone of every date-time shown: an IANA name (Asia/Tokyo), UTC, or an offset (+09:00) (default: $INVENTORY_TIMEZONE or UTC).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" stale-days' -l 'stale-days' -d 'Nodes not captured within this many days count as stale on the dashboard.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" tmpdir' -l 'tmpdir' -d 'Directory for libxlsxwriter\'s temporary files.' -rfa '(__inventory_complete_directories)'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" format' -l 'format' -d 'Output format on stdout: text or json (diff also csv).' -rfka 'text json csv'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" q quiet' -l 'quiet' -s 'q' -d 'Print only errors on stderr (no warnings, no progress).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" v verbose' -l 'verbose' -s 'v' -d 'Also print notes on stderr (diff: list new and gone nodes row by row).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" log-format' -l 'log-format' -d 'stderr lines: text (UTC time first when not a terminal) or json (one object per line).' -rfka 'text json'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" label' -l 'label' -d 'A unique name for the new snapshot.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" keep-going' -l 'keep-going' -d 'Store the good files and list the bad ones instead of storing nothing.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" strict' -l 'strict' -d 'Warnings fail the run (exit 2, nothing stored).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" node-id' -l 'node-id' -d 'Managed node id for files that do not name one (custom inventory files, put-inventory items).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" type-name' -l 'type-name' -d 'Inventory type for Resource Data Sync rows whose path names none (e.g. AWS:Application).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" repair-utf8' -l 'repair-utf8' -d 'Replace invalid UTF-8 with U+FFFD and warn, instead of refusing the file.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" max-value-bytes' -l 'max-value-bytes' -d 'The largest single JSON string or streamed Config item accepted, in bytes (default 64 MiB); larger ones fail their file. Files read whole are limited to 256 MiB expanded.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_positional "inventory report" -ge 1' -F
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" version' -l 'version' -d 'Show the version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory prune" db' -l 'db' -d 'The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'sqlite\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory prune" busy-timeout' -l 'busy-timeout' -d 'Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory prune" keep' -l 'keep' -d 'Keep the newest N snapshots.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory prune" older-than' -l 'older-than' -d 'Remove snapshots taken more than this long ago: Nd, Nw, Nm (30 days) or Ny.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory prune" include-labelled' -l 'include-labelled' -d 'Also remove labelled snapshots.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory prune" dry-run' -l 'dry-run' -d 'Only list what would be removed.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory prune" format' -l 'format' -d 'Output format on stdout: text or json (diff also csv).' -rfka 'text json csv'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory prune" q quiet' -l 'quiet' -s 'q' -d 'Print only errors on stderr (no warnings, no progress).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory prune" v verbose' -l 'verbose' -s 'v' -d 'Also print notes on stderr (diff: list new and gone nodes row by row).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory prune" log-format' -l 'log-format' -d 'stderr lines: text (UTC time first when not a terminal) or json (one object per line).' -rfka 'text json'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory prune" version' -l 'version' -d 'Show the version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory prune" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory verify" db' -l 'db' -d 'The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'sqlite\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory verify" busy-timeout' -l 'busy-timeout' -d 'Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory verify" format' -l 'format' -d 'Output format on stdout: text or json (diff also csv).' -rfka 'text json csv'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory verify" q quiet' -l 'quiet' -s 'q' -d 'Print only errors on stderr (no warnings, no progress).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory verify" v verbose' -l 'verbose' -s 'v' -d 'Also print notes on stderr (diff: list new and gone nodes row by row).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory verify" log-format' -l 'log-format' -d 'stderr lines: text (UTC time first when not a terminal) or json (one object per line).' -rfka 'text json'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory verify" version' -l 'version' -d 'Show the version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes" db' -l 'db' -d 'The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'sqlite\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes" busy-timeout' -l 'busy-timeout' -d 'Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes" snapshot' -l 'snapshot' -d 'Snapshot: id, label, latest, latest~N or a date.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes"' -l 'type' -d 'Only this inventory type (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes"' -l 'node' -d 'Only this node, by id or computer name (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes"' -l 'account' -d 'Only this account (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes"' -l 'region' -d 'Only this region (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes" status' -l 'status' -d 'Only nodes with this instance or ping status (Active, Terminated, Online, …).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes" platform' -l 'platform' -d 'Only this platform type (Linux, Windows) or name (Ubuntu, \'Amazon Linux*\').' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes" stale' -l 'stale' -d 'Only nodes not captured within this many days before the snapshot.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes" format' -l 'format' -d 'Output format on stdout: text or json (diff also csv).' -rfka 'text json csv'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes" q quiet' -l 'quiet' -s 'q' -d 'Print only errors on stderr (no warnings, no progress).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes" v verbose' -l 'verbose' -s 'v' -d 'Also print notes on stderr (diff: list new and gone nodes row by row).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes" log-format' -l 'log-format' -d 'stderr lines: text (UTC time first when not a terminal) or json (one object per line).' -rfka 'text json'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes" version' -l 'version' -d 'Show the version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory nodes" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory show" db' -l 'db' -d 'The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'sqlite\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory show" busy-timeout' -l 'busy-timeout' -d 'Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory show" snapshot' -l 'snapshot' -d 'Snapshot: id, label, latest, latest~N or a date.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory show" format' -l 'format' -d 'Output format on stdout: text or json (diff also csv).' -rfka 'text json csv'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory show" q quiet' -l 'quiet' -s 'q' -d 'Print only errors on stderr (no warnings, no progress).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory show" v verbose' -l 'verbose' -s 'v' -d 'Also print notes on stderr (diff: list new and gone nodes row by row).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory show" log-format' -l 'log-format' -d 'stderr lines: text (UTC time first when not a terminal) or json (one object per line).' -rfka 'text json'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory show" version' -l 'version' -d 'Show the version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find" db' -l 'db' -d 'The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'sqlite\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find" busy-timeout' -l 'busy-timeout' -d 'Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find" snapshot' -l 'snapshot' -d 'Snapshot: id, label, latest, latest~N or a date.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find"' -l 'type' -d 'Only this inventory type (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find"' -l 'node' -d 'Only this node, by id or computer name (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find"' -l 'account' -d 'Only this account (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find"' -l 'region' -d 'Only this region (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find" name' -l 'name' -d 'Rows whose Name matches (* and ?).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find" version-below' -l 'version-below' -d 'Rows whose version orders before V.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find" version-at-least' -l 'version-at-least' -d 'Rows whose version is V or later.' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find"' -l 'where' -d 'Rows whose attribute matches (repeatable; all must hold).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find" format' -l 'format' -d 'Output format on stdout: text or json (diff also csv).' -rfka 'text json csv'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find" q quiet' -l 'quiet' -s 'q' -d 'Print only errors on stderr (no warnings, no progress).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find" v verbose' -l 'verbose' -s 'v' -d 'Also print notes on stderr (diff: list new and gone nodes row by row).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find" log-format' -l 'log-format' -d 'stderr lines: text (UTC time first when not a terminal) or json (one object per line).' -rfka 'text json'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find" version' -l 'version' -d 'Show the version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory find" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history" db' -l 'db' -d 'The SQLite store (default: $INVENTORY_DB or ./inventory.sqlite).' -rfa '(for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.\'sqlite\';printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history" busy-timeout' -l 'busy-timeout' -d 'Seconds to wait for another inventory process holding the store (default: $INVENTORY_BUSY_TIMEOUT or 30).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history"' -l 'type' -d 'Only this inventory type (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history"' -l 'node' -d 'Only this node, by id or computer name (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history"' -l 'account' -d 'Only this account (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history"' -l 'region' -d 'Only this region (repeatable).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history" name' -l 'name' -d 'Rows whose Name matches (* and ?).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history" since' -l 'since' -d 'First snapshot of the walk (default: the oldest).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history" until' -l 'until' -d 'Last snapshot of the walk (default: latest).' -rfka ''
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history" format' -l 'format' -d 'Output format on stdout: text or json (diff also csv).' -rfka 'text json csv'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history" q quiet' -l 'quiet' -s 'q' -d 'Print only errors on stderr (no warnings, no progress).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history" v verbose' -l 'verbose' -s 'v' -d 'Also print notes on stderr (diff: list new and gone nodes row by row).'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history" log-format' -l 'log-format' -d 'stderr lines: text (UTC time first when not a terminal) or json (one object per line).' -rfka 'text json'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history" version' -l 'version' -d 'Show the version.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory history" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'inventory' -n '__inventory_should_offer_completions_for_flags_or_options "inventory help" version' -l 'version' -d 'Show the version.'
