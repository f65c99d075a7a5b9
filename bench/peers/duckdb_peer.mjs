// bench/peers/duckdb_peer.mjs — DuckDB (npm @duckdb/node-api, engine inside the package), 2 threads.
//   node duckdb_peer.mjs PAYMENTS.csv AS_OF OUT_DIR
// Prints one JSON line: load (CREATE TABLE AS read_csv), group (both aggregations on the table,
// best of 3), csv (both aggregations straight from the CSV, best of 3), peak RSS. Writes OUT_DIR/duckdb_{unit_month,line}.csv in 分.
import { DuckDBInstance } from '@duckdb/node-api';

const [file, asOf, out] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await instance.connect();
const columns = `{'unit_code': 'VARCHAR', 'fiscal_year': 'INTEGER', 'line_code': 'VARCHAR', 'date': 'DATE',
  'amount': 'DECIMAL(18,2)', 'economic_code': 'VARCHAR', 'voucher_number': 'VARCHAR'}`;
const source = `read_csv('${file}', header = true, columns = ${columns})`;
const queries = (from, tag) => [
  `COPY (SELECT unit_code, month(date) AS m, CAST(SUM(amount) * 100 AS BIGINT) AS fen FROM ${from}
         WHERE date <= DATE '${asOf}' GROUP BY ALL HAVING fen <> 0) TO '${out}/${tag}_unit_month.csv' (HEADER false)`,
  `COPY (SELECT unit_code, line_code, CAST(SUM(amount) * 100 AS BIGINT) AS fen FROM ${from}
         WHERE date <= DATE '${asOf}' GROUP BY ALL HAVING fen <> 0) TO '${out}/${tag}_line.csv' (HEADER false)`,
];
const time = async (f) => { const t = process.hrtime.bigint(); await f(); return Number(process.hrtime.bigint() - t) / 1e9; };

// Best of three, as for jixiao's CSV step (bench/run.sh): single runs vary with the VM's memory.
let csv = Infinity;
for (let k = 0; k < 3; ++k) csv = Math.min(csv, await time(async () => { for (const q of queries(source, 'duckdb_csv')) await con.run(q); }));
const load = await time(() => con.run(`CREATE TABLE payments AS SELECT * FROM ${source}`));
let group = Infinity;
for (let k = 0; k < 3; ++k) group = Math.min(group, await time(async () => { for (const q of queries('payments', 'duckdb')) await con.run(q); }));
const version = (await (await con.runAndReadAll('SELECT version()')).getRows())[0][0];
console.log(JSON.stringify({ engine: 'duckdb', version, load, group, csv, peak_mib: Math.round(process.resourceUsage().maxRSS / 1024) }));
