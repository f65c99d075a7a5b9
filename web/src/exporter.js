// Table exports as CSV (UTF-8 with BOM so Excel reads the Chinese), built in the browser from
// what the table shows.
export function downloadCsv(name, rows) {
  const cell = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A table's rows exported as CSV by its columns: `columns` is [[header, (row) => cell], …], the
// same cells the table shows (Chinese headers, local times), so the file reads like the page.
export function exportRows(name, columns, rows) {
  downloadCsv(name, [columns.map(([header]) => header), ...rows.map((row) => columns.map(([, cell]) => cell(row)))]);
}
