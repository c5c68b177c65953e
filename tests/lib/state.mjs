// Reads the local D1 and R2 state that workerd keeps under --persist-to, straight from
// their SQLite files (read-only), so tests check what was really stored.
import { execFileSync } from 'node:child_process';

const PY = `
import glob, json, sqlite3, sys
persist, kind, sql = sys.argv[1], sys.argv[2], sys.argv[3]
folder = {'d1': 'd1/miniflare-D1DatabaseObject', 'r2': 'r2/miniflare-R2BucketObject'}[kind]
files = [f for f in glob.glob(f'{persist}/v3/{folder}/*.sqlite') if not f.endswith('metadata.sqlite')]
rows = []
for f in files:
    con = sqlite3.connect(f'file:{f}?mode=ro', uri=True)
    con.row_factory = sqlite3.Row
    rows += [dict(r) for r in con.execute(sql)]
print(json.dumps(rows))
`;

function query(persist, kind, sql) {
  return JSON.parse(execFileSync('python3', ['-c', PY, persist, kind, sql], { encoding: 'utf8', maxBuffer: 1 << 30 }));
}

export const d1 = (persist, sql) => query(persist, 'd1', sql);

/** Keys and sizes of every object in the local R2 bucket. */
export const r2Objects = (persist) => query(persist, 'r2', 'SELECT key, size FROM _mf_objects ORDER BY key');

// What the whole-database readers below share: the local D1's SQLite files and their
// own tables (not D1's or SQLite's internal ones).
const D1_TABLES_PY = `
import glob, json, sqlite3, sys
persist = sys.argv[1]
files = [f for f in glob.glob(f'{persist}/v3/d1/miniflare-D1DatabaseObject/*.sqlite') if not f.endswith('metadata.sqlite')]
def table_names(con):
    return [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'sqlite_%'")]
`;

const DUMP_PY = `${D1_TABLES_PY}
tables = {}
for f in files:
    con = sqlite3.connect(f'file:{f}?mode=ro', uri=True)
    con.row_factory = sqlite3.Row
    for name in table_names(con):
        tables.setdefault(name, []).extend(dict(r) for r in con.execute(f'SELECT * FROM "{name}"'))
print(json.dumps(tables))
`;

/** Every row of every D1 table, by table name (one read, for "is X stored anywhere?"). */
export const d1Dump = (persist) => JSON.parse(execFileSync('python3', ['-c', DUMP_PY, persist], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));

const FOOTPRINT_PY = `${D1_TABLES_PY}
out = {'bytes': 0, 'rows': {}}
for f in files:
    con = sqlite3.connect(f'file:{f}?mode=ro', uri=True)
    out['bytes'] += con.execute('PRAGMA page_count').fetchone()[0] * con.execute('PRAGMA page_size').fetchone()[0]
    for name in table_names(con):
        out['rows'][name] = out['rows'].get(name, 0) + con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
print(json.dumps(out))
`;

/** The local D1 database's size in bytes (pages in use) and its row count per table. */
export const d1Footprint = (persist) => JSON.parse(execFileSync('python3', ['-c', FOOTPRINT_PY, persist], { encoding: 'utf8' }));
