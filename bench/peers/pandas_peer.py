# bench/peers/pandas_peer.py — pandas (Debian python3-pandas; run with /usr/bin/python3).
#   /usr/bin/python3 pandas_peer.py PAYMENTS.csv AS_OF OUT_DIR
# Prints one JSON line: load (read_csv), group (both aggregations), peak RSS; writes
# OUT_DIR/pandas_{unit_month,line}.csv in 分 (amounts rounded to 分 per row, then summed as int64).
import json, resource, sys, time
import pandas as pd

file, as_of, out = sys.argv[1:4]
t = time.perf_counter()
df = pd.read_csv(file, usecols=['unit_code', 'line_code', 'date', 'amount'],
                 dtype={'unit_code': str, 'line_code': str, 'date': str, 'amount': float})
load = time.perf_counter() - t
group = float('inf')
for _ in range(2):
    t = time.perf_counter()
    d = df[df['date'] <= as_of]
    fen = (d['amount'] * 100).round().astype('int64')
    month = d['date'].str.slice(5, 7).astype('int64')
    um = fen.groupby([d['unit_code'], month]).sum()
    ln = fen.groupby([d['unit_code'], d['line_code']]).sum()
    group = min(group, time.perf_counter() - t)
um[um != 0].to_csv(f'{out}/pandas_unit_month.csv', header=False)
ln[ln != 0].to_csv(f'{out}/pandas_line.csv', header=False)
print(json.dumps({'engine': 'pandas', 'version': pd.__version__, 'load': load, 'group': group,
                  'peak_mib': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
