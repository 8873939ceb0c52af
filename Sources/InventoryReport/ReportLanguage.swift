import InventoryDiff
import InventoryModel
import SnapshotStore

/// Languages of the reports (`--lang`): every fixed label, header, kind, note and About row.
/// English is the default; Japanese serves the teams this tool grew from. Data values (names,
/// versions, statuses, type names) are never translated; the attributes of AWS's built-in
/// inventory types get Japanese headers that keep the AWS name (`名前 (Name)`).
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en, ja

    /// The label for an English text; the English text itself when no translation exists.
    public func text(_ english: String) -> String {
        guard self == .ja else { return english }
        return Self.japanese[english] ?? english
    }

    /// A change kind in words: `attributes added`, `status changed` (ja: `属性追加`, …).
    public func kind(_ kind: Change.Kind) -> String {
        let words: String
        switch kind {
        case .added: words = "added"
        case .removed: words = "removed"
        case .changed: words = "changed"
        case .attributesAdded: words = "attributes added"
        case .multiplicity: words = "multiplicity"
        case .statusChanged: words = "status changed"
        case .notCaptured: words = "not captured"
        case .newlyCaptured: words = "newly captured"
        }
        return text(words)
    }

    /// A header with its time zone: `Capture time (UTC)`, `収集日時 (Asia/Tokyo)`.
    public func timeHeader(_ english: String, zone: ReportTimeZone) -> String {
        "\(text(english)) (\(zone.name))"
    }

    /// The header of an inventory attribute column. English keeps AWS's name; Japanese gives the
    /// built-in attributes a Japanese name with the AWS name kept (`名前 (Name)`). Date-time
    /// attributes name the zone (`InstalledTime (UTC)`, `インストール日時 (InstalledTime, UTC)`);
    /// sizes name their unit.
    public func attributeHeader(_ name: String, zone: ReportTimeZone? = nil) -> String {
        let zoneText = zone.map(\.name)
        let unit = Self.attributeUnits[name]
        guard self == .ja, let japanese = Self.japaneseAttributes[name] else {
            let extras = [unit.map { text($0) }, zoneText].compactMap { $0 }
            return extras.isEmpty ? name : "\(name) (\(extras.joined(separator: ", ")))"
        }
        let extras = [name, unit.map { text($0) }, zoneText].compactMap { $0 }
        return "\(japanese) (\(extras.joined(separator: ", ")))"
    }

    /// A diff note (`Change.note`) in this language; `shift` shows the times it holds in the report's zone.
    public func note(_ note: String, zone: ReportTimeZone = .utc) -> String {
        // installed <time>, before the base snapshot: likely newly reported, not newly installed
        let installedPrefix = "installed "
        let installedSuffix = ", before the base snapshot: likely newly reported, not newly installed"
        if note.hasPrefix(installedPrefix), note.hasSuffix(installedSuffix) {
            let time = zone.shift(String(note.dropFirst(installedPrefix.count).dropLast(installedSuffix.count)))
            return self == .ja
                ? "インストール日時 \(time) は比較元スナップショットより前: 新規インストールではなく新たに報告された可能性が高い"
                : installedPrefix + time + installedSuffix
        }
        let rowsSuffix = " rows; the base snapshot did not capture this type"
        if note.hasSuffix(rowsSuffix), let count = Int(note.dropLast(rowsSuffix.count)) {
            return self == .ja ? "\(count) 行。比較元スナップショットはこのタイプを収集していない" : note
        }
        return text(note)
    }

    private static let japanese: [String: String] = [
        // Sheets.
        "Dashboard": "ダッシュボード", "Nodes": "ノード", "Changes": "変更", "About": "情報", "Chart data": "グラフデータ",
        "Summary": "概要",
        // Node and table headers.
        "Account ID": "アカウントID", "Region": "リージョン", "Node ID": "ノードID", "Computer name": "コンピューター名",
        "Platform": "プラットフォーム", "Platform version": "プラットフォームバージョン", "Agent version": "エージェントバージョン",
        "IP address": "IPアドレス", "Status": "ステータス", "Ping status": "疎通ステータス (PingStatus)", "Last capture": "最終収集日時",
        "Inventory rows": "インベントリ行数", "Changes (count)": "変更数", "Total": "合計",
        "Capture time": "収集日時", "Schema version": "スキーマバージョン", "Map key": "マップキー",
        "Kind": "種類", "Type": "タイプ", "Key": "キー", "Field": "フィールド", "Field or path": "フィールド／パス", "Before": "変更前", "After": "変更後",
        "Note": "備考", "Resource type": "リソースタイプ", "Resource ID": "リソースID", "Resource name": "リソース名",
        "ARN": "ARN", "Availability zone": "アベイラビリティーゾーン", "Configuration state ID": "設定状態ID",
        "Tags": "タグ", "Configuration": "設定", "Supplementary configuration": "補足設定", "Relationships": "関係",
        "Payload": "ペイロード",
        "Version change": "バージョン変更", "upgrade": "アップグレード", "downgrade": "ダウングレード",
        // About.
        "Item": "項目", "Value": "値", "Path": "パス", "Format": "形式", "SHA-256": "SHA-256", "Size (bytes)": "サイズ (バイト)",
        "Records": "レコード数", "Message": "メッセージ", "Original name": "元の名前", "Sheet": "シート", "Warning": "警告",
        "Warnings": "警告", "Tool": "ツール", "Snapshot": "スナップショット", "Ingested at": "取り込み日時", "Complete": "完全性",
        "Compared with": "比較元", "Counts": "件数", "Time zone": "タイムゾーン", "Paper": "用紙", "Generated at": "作成日時",
        "Source files": "入力ファイル", "Sheet names": "シート名の対応", "yes": "はい",
        "NO: a paged capture ended with a NextToken; some nodes may be missing":
            "いいえ: ページ分割された収集が NextToken 付きで終わっています。一部のノードが欠けている可能性があります",
        "ingested": "取り込み済み", "duplicate": "重複", "refused": "拒否", "failed": "失敗",
        // Dashboard.
        "AWS inventory dashboard": "AWS インベントリ ダッシュボード", "Snapshots": "スナップショット",
        "Captured at": "収集日時", "Base captured at": "比較元の収集日時", "Tool version": "ツールのバージョン",
        "(none: the first snapshot)": "(なし: 最初のスナップショット)", "Nodes by status": "ステータス別ノード数",
        "Nodes with changes": "変更のあったノード", "Real changes": "実際の変更", "Contents": "内容",
        "Config resources": "Config リソース", "Changes by kind": "種類別の変更数", "Changes by type": "タイプ別の変更数",
        "Most changed nodes": "変更の多いノード", "Nodes per platform": "プラットフォーム別ノード数",
        "Nodes per status": "ステータス別ノード数", "Agent versions": "エージェントバージョン別ノード数",
        "(no changes)": "(変更なし)", "(other)": "(その他)", "(unknown)": "(不明)", "(no status)": "(ステータスなし)",
        "Label": "ラベル", "Count": "件数",
        "Real changes exclude not captured and newly captured.": "実際の変更数には未収集・初回収集を含みません。",
        // Kinds.
        "added": "追加", "removed": "削除", "changed": "変更", "attributes added": "属性追加",
        "multiplicity": "重複数変更", "status changed": "ステータス変更", "not captured": "未収集", "newly captured": "初回収集",
        // Units.
        "bytes": "バイト", "days": "日",
        // Notes and payload texts.
        "node not in the target snapshot": "比較先スナップショットにノードがない",
        "target item is a summary; its configuration is in S3": "比較先の項目は要約のみ。設定は S3 にある",
        "included": "あり", "included; rows also on the inventory sheets": "あり。行はインベントリのシートにもある",
        "summary only": "要約のみ", "none: status only": "なし: ステータスのみ", "full item in S3": "完全な項目は S3",
    ]

    /// Units of built-in attributes whose name does not say them.
    private static let attributeUnits: [String: String] = ["Size": "bytes", "FileSize": "bytes"]

    /// Japanese names of the built-in types' attributes (FORMATS.md §5), shown with the AWS name.
    private static let japaneseAttributes: [String: String] = [
        "Name": "名前", "ApplicationType": "アプリケーションの種類", "Publisher": "発行元", "Version": "バージョン",
        "Release": "リリース", "Epoch": "エポック", "InstalledTime": "インストール日時", "Architecture": "アーキテクチャ",
        "URL": "URL", "Summary": "概要", "PackageId": "パッケージID", "HotFixId": "修正プログラムID", "Description": "説明",
        "InstalledBy": "インストール者", "SubnetMask": "サブネットマスク", "Gateway": "ゲートウェイ",
        "DHCPServer": "DHCPサーバー", "DNSServer": "DNSサーバー", "MacAddress": "MACアドレス", "IPV4": "IPv4アドレス",
        "IPV6": "IPv6アドレス", "AgentType": "エージェントの種類", "AgentVersion": "エージェントバージョン",
        "ComputerName": "コンピューター名", "InstanceId": "インスタンスID", "IpAddress": "IPアドレス",
        "PlatformName": "プラットフォーム名", "PlatformType": "プラットフォームの種類", "PlatformVersion": "プラットフォームバージョン",
        "ResourceType": "リソースタイプ", "AgentStatus": "エージェントの状態", "InstanceStatus": "インスタンスの状態",
        "DisplayName": "表示名", "ServiceType": "サービスの種類", "Status": "ステータス", "DependentServices": "依存するサービス",
        "ServicesDependedOn": "依存先のサービス", "StartType": "スタートアップの種類", "Path": "パス",
        "FeatureType": "機能の種類", "DependsOn": "依存先", "Installed": "インストール済み", "InstalledState": "インストール状態",
        "SubFeatures": "サブ機能", "ServerComponentDescriptor": "サーバーコンポーネント記述子", "Parent": "親",
        "KeyPath": "キーのパス", "ValueName": "値の名前", "ValueType": "値の種類", "Value": "値", "Size": "サイズ",
        "FileVersion": "ファイルバージョン", "InstalledDate": "インストール日", "ModificationTime": "更新日時",
        "LastAccessTime": "最終アクセス日時", "ProductName": "製品名", "InstalledDir": "インストール先",
        "ProductLanguage": "製品の言語", "CompanyName": "会社名", "ProductVersion": "製品バージョン",
        "CPUModel": "CPUモデル", "CPUCores": "CPUコア数", "CPUs": "CPU数", "CPUSpeedMHz": "CPU速度 (MHz)",
        "CPUSockets": "CPUソケット数", "CPUHyperThreadEnabled": "ハイパースレッディング有効", "OSServicePack": "OSサービスパック",
        "Key": "キー", "Arn": "ARN", "BillingProductId": "請求製品ID", "PatchGroup": "パッチグループ",
        "BaselineId": "ベースラインID", "SnapshotId": "スナップショットID", "OwnerInformation": "所有者情報",
        "InstalledCount": "インストール済み数", "InstalledPendingRebootCount": "再起動待ち数",
        "InstalledOtherCount": "その他インストール済み数", "InstalledRejectedCount": "拒否済みインストール数",
        "NotApplicableCount": "該当なし数", "UnreportedNotApplicableCount": "未報告の該当なし数", "MissingCount": "不足数",
        "FailedCount": "失敗数", "OperationType": "操作の種類", "OperationStartTime": "操作開始日時",
        "OperationEndTime": "操作終了日時", "InstallOverrideList": "インストール上書きリスト", "RebootOption": "再起動オプション",
        "LastNoRebootInstallOperationTime": "再起動なしの最終インストール日時", "ExecutionId": "実行ID",
        "NonCompliantSeverity": "非準拠の重要度", "SecurityNonCompliantCount": "セキュリティ非準拠数",
        "CriticalNonCompliantCount": "緊急の非準拠数", "OtherNonCompliantCount": "その他の非準拠数",
        "ComplianceType": "コンプライアンスの種類", "ExecutionType": "実行の種類", "ExecutionTime": "実行日時", "Id": "ID",
        "Title": "タイトル", "Severity": "重要度", "DocumentName": "ドキュメント名", "DocumentVersion": "ドキュメントバージョン",
        "Classification": "分類", "PatchBaselineId": "パッチベースラインID", "PatchSeverity": "パッチの重要度",
        "PatchState": "パッチの状態", "DetailedText": "詳細", "DetailedLink": "詳細リンク", "CVEIds": "CVE ID",
        "OverallSeverity": "全体の重要度", "CompliantCriticalCount": "準拠 (緊急) 数", "CompliantHighCount": "準拠 (高) 数",
        "CompliantMediumCount": "準拠 (中) 数", "CompliantLowCount": "準拠 (低) 数",
        "CompliantInformationalCount": "準拠 (情報) 数", "CompliantUnspecifiedCount": "準拠 (未指定) 数",
        "NonCompliantCriticalCount": "非準拠 (緊急) 数", "NonCompliantHighCount": "非準拠 (高) 数",
        "NonCompliantMediumCount": "非準拠 (中) 数", "NonCompliantLowCount": "非準拠 (低) 数",
        "NonCompliantInformationalCount": "非準拠 (情報) 数", "NonCompliantUnspecifiedCount": "非準拠 (未指定) 数",
        "StartTime": "開始日時", "CommandLine": "コマンドライン", "User": "ユーザー", "FileName": "ファイル名",
        "FileDescription": "ファイルの説明", "FileSize": "ファイルサイズ", "UsageId": "使用ID",
    ]
}
