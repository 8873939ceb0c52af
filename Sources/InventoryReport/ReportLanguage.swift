import InventoryDiff
import InventoryModel
import SnapshotStore

/// Languages for sheet names and headers (`--lang`). English is the default; Japanese serves the
/// teams this tool grew from. Data values are never translated.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en, ja

    /// The label for an English text; the English text itself when no translation exists.
    public func text(_ english: String) -> String {
        guard self == .ja else { return english }
        return Self.japanese[english] ?? english
    }

    private static let japanese: [String: String] = [
        "Summary": "概要", "Changes": "変更", "About": "情報",
        "Account ID": "アカウントID", "Region": "リージョン", "Node ID": "ノードID", "Computer name": "コンピューター名",
        "Platform": "プラットフォーム", "Platform version": "プラットフォームバージョン", "Agent version": "エージェントバージョン",
        "IP address": "IPアドレス", "Status": "ステータス", "Ping status": "Ping ステータス", "Last capture": "最終収集日時",
        "Rows": "行数", "Changes (count)": "変更数", "Total": "合計", "Nodes per platform": "プラットフォーム別ノード数", "Nodes per status": "ステータス別ノード数",
        "Nodes": "ノード数", "Capture time": "収集日時", "Schema version": "スキーマバージョン", "Map key": "マップキー",
        "Kind": "種類", "Type": "タイプ", "Key": "キー", "Field": "フィールド", "Before": "変更前", "After": "変更後",
        "Note": "備考", "Resource type": "リソースタイプ", "Resource ID": "リソースID", "Resource name": "リソース名",
        "ARN": "ARN", "Availability zone": "アベイラビリティーゾーン", "Configuration state ID": "設定状態ID",
        "Tags": "タグ", "Configuration": "設定", "Supplementary configuration": "補足設定", "Relationships": "関係",
        "Payload": "ペイロード", "Item": "項目", "Value": "値", "Path": "パス", "Format": "形式", "SHA-256": "SHA-256",
        "Bytes": "バイト数", "Records": "レコード数", "Message": "メッセージ", "Original name": "元の名前", "Sheet": "シート",
        "Warning": "警告", "added": "追加", "removed": "削除", "changed": "変更", "attributesAdded": "属性追加",
        "multiplicity": "重複数変更", "statusChanged": "ステータス変更", "notCaptured": "未収集", "newlyCaptured": "初回収集",
        "Version change": "バージョン変更", "upgrade": "アップグレード", "downgrade": "ダウングレード",
    ]
}
