-- Example questions over the tables of tables.sql.

-- 1. Which nodes still run openssl older than 3.0.15 (latest snapshot)? Version strings are
--    compared as arrays of numbers, not as text: as text '3.0.9' sorts after '3.0.15'. This
--    handles dotted upstream versions; `inventory` itself orders rpm and dpkg versions exactly.
WITH latest AS (SELECT max(snapshot_date) AS day FROM inventory_rows)
SELECT r.account, r.region, r.resource_id, r.attributes['Name'] AS name, r.attributes['Version'] AS version
FROM inventory_rows r, latest
WHERE r.snapshot_date = latest.day
  AND r.type_name = 'AWS:Application'
  AND lower(r.attributes['Name']) LIKE 'openssl%'
  AND transform(split(regexp_extract(r.attributes['Version'], '^[0-9]+(\.[0-9]+)*'), '.'), x -> cast(x AS integer))
      < ARRAY[3, 0, 15]
ORDER BY r.account, r.region, r.resource_id;

-- 2. Changes per day and kind.
SELECT snapshot_date, change, count(*) AS changes
FROM inventory_changes
GROUP BY snapshot_date, change
ORDER BY snapshot_date, change;

-- 3. Managed nodes not captured for a week (their newest capture is older than 7 days).
WITH latest AS (SELECT max(snapshot_date) AS day FROM inventory_nodes)
SELECT n.account, n.region, n.resource_id, n.computer_name, n.last_capture_time
FROM inventory_nodes n, latest
WHERE n.snapshot_date = latest.day
  AND from_iso8601_timestamp(n.last_capture_time) < current_timestamp - INTERVAL '7' DAY
ORDER BY n.last_capture_time;
