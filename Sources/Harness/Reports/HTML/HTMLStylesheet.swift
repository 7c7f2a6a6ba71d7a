/// The report pages' CSS, inlined into every page so it reads offline. System fonts only;
/// status colours come with icons and words, and a dark palette follows the reader's setting.
/// The "show only failures" filter is pure CSS (`#only-failures:checked ~ main`), so it works
/// with scripts disabled.
enum HTMLStylesheet {
    static let css = page + "\n" + tables

    /// Colours, layout, header, cases, badges.
    static let page = """
    :root{--bg:#f4f5f7;--panel:#fff;--text:#1f2328;--muted:#5c6670;--border:#d8dee4;--soft:#f3f5f7;--pass:#1a7f37;\
    --pass-bg:#dff5e5;--fail:#c4232d;--fail-bg:#fde8e8;--error:#8646d0;--error-bg:#f3eafd;--skip:#5c6670;\
    --skip-bg:#eceff2;--change-bg:#fff3c2;--change-line:#c99a1c;--add:#0b5cad;--add-bg:#e2effd;--remove:#c4232d;\
    --remove-bg:#fde8e8;--hint:#0b5cad;\
    --mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace;\
    --sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Liberation Sans",Arial,sans-serif}
    @media (prefers-color-scheme:dark){:root{--bg:#0e1217;--panel:#161b22;--text:#e6edf3;--muted:#9aa4af;\
    --border:#30363d;--soft:#1c222a;--pass:#56d364;--pass-bg:#12301d;--fail:#ff7b72;--fail-bg:#3d1719;\
    --error:#d2a8ff;--error-bg:#2e2046;--skip:#9aa4af;--skip-bg:#232a33;--change-bg:#3d3213;--change-line:#d29922;\
    --add:#79c0ff;--add-bg:#0f2c48;--remove:#ff7b72;--remove-bg:#3d1719;--hint:#79c0ff}}
    *{box-sizing:border-box}
    body{margin:0;background:var(--bg);color:var(--text);font:14px/1.5 var(--sans)}
    code,pre{font-family:var(--mono);font-size:12.5px}
    h1,h2,h3{margin:0;line-height:1.3}
    h2{font-size:17px}
    h3{font-size:15px;margin:20px 0 8px;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
    a{color:inherit;text-underline-offset:2px}
    .muted{color:var(--muted)}
    .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    .top{background:var(--panel);border-top:6px solid var(--fail);border-bottom:1px solid var(--border);\
    padding:20px 32px;display:grid;grid-template-columns:1fr auto;gap:12px 32px;align-items:center}
    .top[data-verdict=passed]{border-top-color:var(--pass)}
    .verdict{display:flex;gap:16px;align-items:center}
    .verdict-icon{flex:none;display:grid;place-items:center;width:46px;height:46px;border-radius:50%;\
    font-size:26px;font-weight:700;color:#fff;background:var(--fail)}
    [data-verdict=passed] .verdict-icon{background:var(--pass)}
    .verdict h1{font-size:23px}
    .verdict p{margin:2px 0 0;color:var(--muted)}
    .stats{display:flex;gap:8px;margin:0}
    .stats div{min-width:76px;padding:6px 12px;border:1px solid var(--border);border-radius:8px;text-align:center;\
    background:var(--soft)}
    .stats dt{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
    .stats dd{margin:0;font-size:21px;font-weight:650;font-variant-numeric:tabular-nums}
    .stats .stat-passed dd{color:var(--pass)}
    .stats .stat-failed{border-color:var(--fail);background:var(--fail-bg)}
    .stats .stat-failed dd{color:var(--fail)}
    .stats .stat-error{border-color:var(--error);background:var(--error-bg)}
    .stats .stat-error dd{color:var(--error)}
    .meta{grid-column:1/-1;margin:0;color:var(--muted);display:flex;flex-wrap:wrap;gap:4px 22px}
    .meta code,.paths code{color:var(--text)}
    main{max-width:1280px;margin:0 auto;padding:20px 32px 56px;display:flex;flex-direction:column;gap:16px}
    .panel{background:var(--panel);border:1px solid var(--border);border-radius:10px;padding:16px 20px}
    .toolbar{display:flex;align-items:center;gap:18px;margin-bottom:12px;flex-wrap:wrap}
    .toolbar h2{margin-right:auto}
    .toggle{display:inline-flex;gap:8px;align-items:center;cursor:pointer;user-select:none;font-weight:600}
    .box{width:17px;height:17px;border:2px solid var(--muted);border-radius:4px;display:grid;place-items:center;\
    font-size:12px;line-height:1}
    #only-failures:checked~main .box{background:var(--text);border-color:var(--text)}
    #only-failures:checked~main .box::after{content:"✓";color:var(--panel);font-weight:700}
    #only-failures:focus-visible~main .toggle{outline:2px solid var(--hint);outline-offset:3px;border-radius:4px}
    #only-failures:checked~main [data-status=passed]{display:none}
    .only-when-filtered{display:none;margin:12px 0 0;color:var(--muted)}
    #only-failures:checked~main .only-when-filtered{display:block}
    .js-only{display:none}
    .js .js-only{display:inline-flex;gap:6px}
    button{font:inherit;font-size:13px;padding:3px 10px;border:1px solid var(--border);border-radius:6px;\
    background:var(--panel);color:var(--text);cursor:pointer}
    button:hover{background:var(--soft)}
    .note{color:var(--muted);font-size:12.5px;max-width:70ch}
    .badge,.count,.run{display:inline-flex;gap:4px;align-items:center;padding:1px 8px;border-radius:999px;\
    font-size:12px;font-weight:600;white-space:nowrap;background:var(--skip-bg);color:var(--skip)}
    .count,.run{margin:1px 4px 1px 0}
    [data-badge=passed],[data-badge=completed]{background:var(--pass-bg);color:var(--pass)}
    [data-badge=failed]{background:var(--fail-bg);color:var(--fail)}
    [data-badge=error]{background:var(--error-bg);\
    color:var(--error)}
    [data-badge=warning]{background:var(--change-bg);color:var(--text)}
    details.case{padding:0;border-left-width:6px}
    details.case[data-status=failed]{border-left-color:var(--fail)}
    details.case[data-status=error]{border-left-color:var(--error)}
    details.case[data-status=passed]{border-left-color:var(--pass)}
    details.case>summary{cursor:pointer;list-style:none;display:flex;gap:12px;align-items:center;padding:14px 20px}
    details.case>summary::-webkit-details-marker{display:none}
    details.case>summary::before{content:"▸";color:var(--muted);width:12px}
    details.case[open]>summary::before{content:"▾"}
    details.case[open]>summary{border-bottom:1px solid var(--border)}
    .case-name{font-weight:650;font-size:16px;font-family:var(--mono)}
    .case-body{padding:4px 20px 18px}
    .check{border-top:1px dashed var(--border);margin-top:20px}
    .check>h3{margin-top:16px}
    .message{margin:6px 0}
    .exception code{color:var(--fail);font-size:13.5px}
    .where,.files,.paths{color:var(--muted);margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 18px}
    .label{font-size:11px;font-weight:650;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);\
    margin-right:4px}
    .fix,.hint{display:flex;gap:10px;align-items:baseline;margin:10px 0;flex-wrap:wrap}
    .fix code{background:var(--soft);border:1px solid var(--border);border-radius:6px;padding:4px 10px;\
    user-select:all}
    .hint{border-left:3px solid var(--hint);background:var(--soft);padding:6px 12px;border-radius:0 6px 6px 0}
    .counts{list-style:none;display:flex;flex-wrap:wrap;gap:8px;padding:0;margin:10px 0}
    .counts li{padding:3px 10px;border-radius:6px;background:var(--soft);border:1px solid var(--border)}
    .counts li.nonzero{border-color:var(--change-line);background:var(--change-bg)}
    .counts strong{font-variant-numeric:tabular-nums}
    .columns,.by-column{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:baseline;margin:8px 0}
    .col-tag{padding:2px 8px;border-radius:6px;font-weight:600}
    .col-tag[data-change=removed]{background:var(--remove-bg);color:var(--remove)}
    .col-tag[data-change=added]{background:var(--add-bg);color:var(--add)}
    .cap{margin:8px 0;padding:6px 12px;border-left:3px solid var(--change-line);background:var(--soft);\
    border-radius:0 6px 6px 0}
    .relaxed{margin:8px 0;color:var(--muted,inherit)}
    td.context{color:var(--muted,inherit);font-style:italic}
    details.output{margin:10px 0}
    details.output>summary{cursor:pointer;font-weight:600}
    pre{margin:6px 0 0;padding:10px 12px;background:var(--soft);border:1px solid var(--border);border-radius:8px;\
    overflow:auto;max-height:360px;white-space:pre-wrap;overflow-wrap:anywhere}
    .golden ul{margin:8px 0 0;padding-left:20px}
    @media (max-width:820px){.top{grid-template-columns:1fr;padding:16px}main{padding:12px}}
    """
}
