#!/bin/bash
# The PostgreSQL CPU of a transactional group of `bench data`, replayed on one connection
# (docs/performance.md, "data: what a write costs the CPU, and what bounds it").
#
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=scratch benchmarks/scripts/group-cpu.sh
#
# Needs psql and a PostgreSQL on this machine (the backend's CPU is read from /proc/<pid>/stat).
# Creates and drops the schema group_cpu. Each line: a group shape and the backend's CPU per write
# (utime + stime over the replay, 10 ms ticks), for BEGIN; the fence (select … for update of N
# execution rows); the SAVE batch of N rows (SaveBatch's statement); the events insert (N x E rows);
# COMMIT. Wall-clock time is not measured: the figure holds on a loaded machine.
set -eu
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
work=$(mktemp -d)
trap 'rm -rf "$work"; psql -q -c "drop schema if exists group_cpu cascade" >/dev/null 2>&1 || true' EXIT
psql -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
drop schema if exists group_cpu cascade;
create schema group_cpu;
create table group_cpu.bench (id text primary key, step numeric, x numeric);
insert into group_cpu.bench select 'w' || g, g % 20, g from generate_series(1, 80000) g;
create table group_cpu.executions (id varchar(200) primary key, version bigint not null, lease_owner text,
    status text not null, cancel_reason text, pad text);
insert into group_cpu.executions select 'x' || g, 1, 'w', 'RUNNING', null, repeat('s', 300) from generate_series(1, 1000) g;
create table group_cpu.events (execution_id varchar(200) not null, seq bigint not null, type varchar(100) not null,
    payload json not null, created_at timestamptz not null default current_timestamp, primary key (execution_id, seq));
analyze;
SQL

export GROUP_CPU_PAYLOAD='"{\"type\":\"EffectCompleted\",\"line\":3,\"keyword\":\"SAVE\",\"value\":{\"type\":\"map\",\"value\":{\"id\":{\"type\":\"text\",\"value\":\"e5-3\"},\"step\":{\"type\":\"integer\",\"value\":3},\"x\":{\"type\":\"integer\",\"value\":5}}},\"attempt\":1,\"delta\":{\"i\":{\"type\":\"integer\",\"value\":3}},\"started\":{\"arguments\":{\"table\":\"bench\"},\"idempotencyKey\":\"abc/4\"}}"'
prepare='
prepare fence(text[], bigint[], text) as select e.id, e.cancel_reason from group_cpu.executions e
  join unnest($1::text[], $2::bigint[]) as v (id, version) on e.id = v.id and e.version = v.version
  where e.lease_owner = $3 and e.status = '"'RUNNING'"' order by e.id for update of e;
prepare save(text[], text[], text[]) as with v ("c0", "c1", "c2") as (select cast(x."a0" as "text"),
  cast(x."a1" as "numeric"), cast(x."a2" as "numeric") from unnest($1::text[], $2::text[], $3::text[]) as x ("a0", "a1", "a2")),
  u as (update group_cpu.bench as "basicflow_target" set "step" = v."c1", "x" = v."c2" from v
  where "basicflow_target"."id" = v."c0" returning "basicflow_target"."id")
  insert into group_cpu.bench ("id", "step", "x") select v."c0", v."c1", v."c2" from v where v."c0" not in (select "id" from u);
prepare events(text[], bigint[], text[], text[]) as insert into group_cpu.events (execution_id, seq, type, payload)
  select x.id, x.seq, x.type, x.payload::json from unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) as x (id, seq, type, payload);'

# group NAME GROUPS SIZE EVENTS_PER_WRITE [SESSION_SETTING]
group() {
  local name=$1 groups=$2 size=$3 per=$4 setting=${5:-}
  local script="$work/$name.sql"
  {
    echo "\\copy (select pg_backend_pid()) to $work/$name.pid"
    echo "$setting"
    echo "$prepare"
    # five groups to warm the connection up, then the measured ones between two readings of the CPU
    awk -v groups="$groups" -v size="$size" -v per="$per" -v tag="$RANDOM$RANDOM" -v work="$work" \
        -v name="$name" 'BEGIN {
      srand()
      for (i = 1; i <= groups + 5; i++) {
        if (i == 6) printf "\\! cat /proc/$(cat %s/%s.pid)/stat > %s/%s.before\n", work, name, work, name
        rows = ""; versions = ""; ids = ""; nums = ""; eids = ""; seqs = ""; types = ""; payloads = ""
        for (k = 1; k <= size; k++) {
          sep = k == 1 ? "" : ","
          rows = rows sep "x" int(rand() * 1000 + 1); versions = versions sep "1"
          ids = ids sep "k" tag "-" i "-" k; nums = nums sep k
          for (e = 1; e <= per; e++) {
            esep = (k == 1 && e == 1) ? "" : ","
            eids = eids esep "e" tag "-" i "-" k; seqs = seqs esep e
            types = types esep "EffectCompleted"; payloads = payloads esep ENVIRON["GROUP_CPU_PAYLOAD"]
          }
        }
        printf "begin; execute fence(\x27{%s}\x27,\x27{%s}\x27,\x27w\x27); execute save(\x27{%s}\x27,\x27{%s}\x27,\x27{%s}\x27);\n", rows, versions, ids, nums, nums
        printf "execute events(\x27{%s}\x27,\x27{%s}\x27,\x27{%s}\x27,\x27{%s}\x27); commit;\n", eids, seqs, types, payloads
      }
      printf "\\! cat /proc/$(cat %s/%s.pid)/stat > %s/%s.after\n", work, name, work, name
    }'
  } > "$script"
  psql -q -v ON_ERROR_STOP=1 -o /dev/null -f "$script"
  local before after
  before=$(awk '{print $14 + $15}' "$work/$name.before")
  after=$(awk '{print $14 + $15}' "$work/$name.after")
  echo "$name groups=$groups writes_per_group=$size events_per_write=$per backend_cpu_us_per_write=$(( (after - before) * 10000 / (groups * size) ))"
}

group g5 1800 5 2
group g15 900 15 2
group g30 450 30 2
group g15-one-event 900 15 1
group g15-async 900 15 2 "set synchronous_commit = off;"
