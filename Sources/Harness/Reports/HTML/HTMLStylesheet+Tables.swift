/// Tables: sticky headers, the diff grid with its highlighted cells and marked columns and
/// rows, violation groups and the source excerpt. Data is monospace; column names keep
/// their case.
extension HTMLStylesheet {
    static let tables = """
    .table-wrap{overflow:auto;max-height:75vh;border:1px solid var(--border);border-radius:8px;margin:8px 0}
    table{border-collapse:separate;border-spacing:0;width:100%}
    th,td{padding:6px 10px;text-align:left;vertical-align:baseline;border-bottom:1px solid var(--border)}
    thead th{position:sticky;top:0;z-index:2;background:var(--soft);font-size:11.5px;font-family:var(--sans);\
    font-weight:650;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);white-space:nowrap}
    tbody:last-child tr:last-child>*{border-bottom:0}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .grid td,.pointers td,td.offending,th.row,.code td{font-family:var(--mono);font-size:12.5px}
    .grid thead th:not(.row){text-transform:none;letter-spacing:0;font-family:var(--mono);font-size:12.5px;\
    color:var(--text)}
    .legend{font-size:12.5px;color:var(--muted);margin:8px 0 0;display:flex;gap:12px;align-items:baseline}
    .legend del,td.changed del{color:var(--fail);text-decoration-thickness:1px}
    .legend ins,td.changed ins{text-decoration:none;font-weight:700}
    th.row{position:sticky;left:0;z-index:1;background:var(--panel);text-align:right;color:var(--muted);\
    font-weight:500;white-space:nowrap;width:1%}
    thead th.row{z-index:3;background:var(--soft);font-family:var(--sans);font-size:11.5px}
    td.changed{background:var(--change-bg);box-shadow:inset 3px 0 var(--change-line);min-width:9ch}
    td.changed del,td.changed ins{display:block}
    .delta{font-size:11px;color:var(--muted);white-space:nowrap;font-family:var(--sans)}
    td.changed .delta{display:block}
    .void{color:var(--muted);font-style:italic;font-family:var(--sans)}
    th[data-change=removed]{color:var(--remove);text-decoration:line-through}
    th[data-change=added]{color:var(--add)}
    td[data-change=removed]{background:repeating-linear-gradient(135deg,var(--remove-bg) 0 5px,transparent 5px 10px)}
    td[data-change=added]{background:repeating-linear-gradient(45deg,var(--add-bg) 0 5px,transparent 5px 10px)}
    tr[data-change=removed]>td{background:var(--remove-bg)}
    tr[data-change=added]>td{background:var(--add-bg)}
    .row-tag{font-family:var(--sans);font-weight:700;margin-right:6px}
    tr[data-change=removed] .row-tag{color:var(--remove)}
    tr[data-change=added] .row-tag{color:var(--add)}
    td.kind{white-space:nowrap;color:var(--muted);font-family:var(--sans)}
    td.expected{color:var(--muted)}
    .type-tag{font-family:var(--mono);font-size:12px;font-weight:600;padding:1px 7px;border-radius:4px;\
    border:1px solid var(--border);background:var(--soft)}
    tr.group th{background:var(--soft);font-family:var(--sans);font-size:13.5px}
    td.offending{background:var(--fail-bg);width:1%;white-space:pre}
    tr.more td{color:var(--muted);font-style:italic;font-family:var(--sans)}
    .code td{border:0;padding:1px 12px;white-space:pre}
    .code .ln{color:var(--muted);text-align:right;user-select:none;width:1%;white-space:nowrap}
    .code tr.failing td{background:var(--fail-bg)}
    .code tr.failing .ln{color:var(--fail);font-weight:700;box-shadow:inset 3px 0 var(--fail)}
    .marker{margin-right:6px}
    """
}
