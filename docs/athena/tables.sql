-- Athena tables over `inventory export --format dataset --output DIR`, synced to S3 with
-- `aws s3 sync DIR s3://BUCKET/PREFIX/`. Partition projection: no crawler, no MSCK REPAIR.
-- Replace BUCKET/PREFIX, the first snapshot date, and the account and region lists (enum
-- projection wants the values; a few dozen at most, or see the README for `injected`).
-- The same statements work in Trino with the Hive connector (drop TBLPROPERTIES' projection.*
-- and register partitions with `CALL system.sync_partition_metadata`), and in Spark SQL with
-- `USING json` and `PARTITIONED BY` (Spark discovers snapshot_date=/account=/region= folders).

CREATE EXTERNAL TABLE inventory_nodes (
  snapshot_id bigint,
  snapshot_label string,
  snapshot_time string,
  resource_id string,
  computer_name string,
  platform_type string,
  platform_name string,
  platform_version string,
  agent_version string,
  ip_address string,
  status string,
  ping_status string,
  last_ping_time string,
  last_capture_time string,
  resource_type string
)
PARTITIONED BY (snapshot_date string, account string, region string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://BUCKET/PREFIX/nodes/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.snapshot_date.type' = 'date',
  'projection.snapshot_date.format' = 'yyyy-MM-dd',
  'projection.snapshot_date.range' = '2026-01-01,NOW',
  'projection.snapshot_date.interval' = '1',
  'projection.snapshot_date.interval.unit' = 'DAYS',
  'projection.account.type' = 'enum',
  'projection.account.values' = '111122223333,444455556666,unknown',
  'projection.region.type' = 'enum',
  'projection.region.values' = 'us-east-1,us-west-2,eu-west-1,ap-northeast-1,unknown',
  'storage.location.template' = 's3://BUCKET/PREFIX/nodes/snapshot_date=${snapshot_date}/account=${account}/region=${region}/'
);

CREATE EXTERNAL TABLE inventory_rows (
  snapshot_id bigint,
  snapshot_label string,
  snapshot_time string,
  resource_id string,
  type_name string,
  attributes map<string, string>
)
PARTITIONED BY (snapshot_date string, account string, region string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://BUCKET/PREFIX/inventory/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.snapshot_date.type' = 'date',
  'projection.snapshot_date.format' = 'yyyy-MM-dd',
  'projection.snapshot_date.range' = '2026-01-01,NOW',
  'projection.snapshot_date.interval' = '1',
  'projection.snapshot_date.interval.unit' = 'DAYS',
  'projection.account.type' = 'enum',
  'projection.account.values' = '111122223333,444455556666,unknown',
  'projection.region.type' = 'enum',
  'projection.region.values' = 'us-east-1,us-west-2,eu-west-1,ap-northeast-1,unknown',
  'storage.location.template' = 's3://BUCKET/PREFIX/inventory/snapshot_date=${snapshot_date}/account=${account}/region=${region}/'
);

CREATE EXTERNAL TABLE inventory_resources (
  snapshot_id bigint,
  snapshot_label string,
  snapshot_time string,
  resource_type string,
  resource_id string,
  resource_name string,
  arn string,
  availability_zone string,
  status string,
  capture_time string,
  configuration_state_id string,
  tags map<string, string>,
  -- The configuration item's configuration as JSON text: json_extract_scalar(configuration, '$.instanceType').
  configuration string
)
PARTITIONED BY (snapshot_date string, account string, region string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION 's3://BUCKET/PREFIX/resources/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.snapshot_date.type' = 'date',
  'projection.snapshot_date.format' = 'yyyy-MM-dd',
  'projection.snapshot_date.range' = '2026-01-01,NOW',
  'projection.snapshot_date.interval' = '1',
  'projection.snapshot_date.interval.unit' = 'DAYS',
  'projection.account.type' = 'enum',
  'projection.account.values' = '111122223333,444455556666,unknown',
  'projection.region.type' = 'enum',
  'projection.region.values' = 'us-east-1,us-west-2,eu-west-1,ap-northeast-1,unknown',
  'storage.location.template' = 's3://BUCKET/PREFIX/resources/snapshot_date=${snapshot_date}/account=${account}/region=${region}/'
);

-- One row per change of a snapshot against the one before it (the records of
-- `inventory diff --format json`, plus snapshot_id and base_snapshot_id).
CREATE EXTERNAL TABLE inventory_changes (
  snapshot_id bigint,
  base_snapshot_id bigint,
  change string,
  accountid string,
  region string,
  resourceid string,
  typename string,
  `key` string,
  fields array<struct<name: string, before: string, after: string>>
)
PARTITIONED BY (snapshot_date string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES ('case.insensitive' = 'true')
LOCATION 's3://BUCKET/PREFIX/changes/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.snapshot_date.type' = 'date',
  'projection.snapshot_date.format' = 'yyyy-MM-dd',
  'projection.snapshot_date.range' = '2026-01-01,NOW',
  'projection.snapshot_date.interval' = '1',
  'projection.snapshot_date.interval.unit' = 'DAYS',
  'storage.location.template' = 's3://BUCKET/PREFIX/changes/snapshot_date=${snapshot_date}/'
);
