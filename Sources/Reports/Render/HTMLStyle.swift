/// The page's inline CSS (report.html loads nothing: no stylesheet, script, font or image URL).
/// The font list ends in CJK-capable families so Chinese answers render on Linux
/// (WenQuanYi Micro Hei, Noto Sans CJK) as well as on macOS and Windows.
enum HTMLStyle {
    static let css = """
    :root { --ok: #1f8a4c; --bad: #c0392b; --base: #5b6b7f; --ink: #1d2330; --muted: #5d6778; --line: #d9dee7; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 1360px; padding: 24px 28px 60px; color: var(--ink); background: #fff;
      font: 14px/1.5 "DejaVu Sans", "Noto Sans", "Helvetica Neue", Arial, "WenQuanYi Micro Hei", "Noto Sans CJK SC",
      "PingFang SC", "Microsoft YaHei", sans-serif; }
    h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
    h3 { font-size: 15px; margin: 0 0 6px; }
    .meta { color: var(--muted); margin: 0; }
    code { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
    .selection { margin: 18px 0; padding: 12px 16px; border-radius: 6px; border-left: 6px solid var(--ok); background: #eef8f1; }
    .selection.none { border-left-color: #d68910; background: #fdf3e3; }
    .selection strong { font-size: 16px; }
    .selection pre.glance { margin: 8px 0 0; white-space: pre-wrap; font-size: 13px; background: none; }
    .notes { margin: 18px 0; padding: 10px 16px; border-radius: 6px; border-left: 6px solid #d68910; background: #fdf3e3; }
    .notes ul { margin: 6px 0 0; padding-left: 18px; }
    .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 14px; }
    .chart { background: #fbfcfe; border: 1px solid var(--line); border-radius: 6px; max-width: 100%; height: auto; }
    .chart text { font-family: inherit; fill: var(--ink); }
    .chart .chart-title { font-size: 13px; font-weight: bold; } .chart .tick, .chart .value { font-size: 11px; fill: var(--muted); }
    .chart .axis { font-size: 11px; fill: var(--muted); } .chart .point-label { font-size: 11px; }
    .chart .selected-label { font-weight: bold; fill: var(--ok); }
    .chart .grid { stroke: #e8ebf1; } .chart .frame { fill: none; stroke: #c7cdd8; }
    .chart .pareto { fill: none; stroke: #2e6fd8; stroke-width: 1.5; stroke-dasharray: 5 4; }
    .chart .whisker { stroke-width: 2; opacity: .45; } .chart .selected-ring { fill: none; stroke: var(--ok); stroke-width: 2.5; }
    .chart .threshold { stroke: var(--bad); stroke-dasharray: 4 3; } .chart .threshold-label { font-size: 10px; fill: var(--bad); }
    .legend { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
    .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin: 0 4px 0 10px; vertical-align: -1px; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; font-size: 13px; }
    th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: right; white-space: nowrap; vertical-align: top; }
    th { background: #f2f4f8; } td:first-child, th:first-child { text-align: left; font-weight: bold; }
    tr.selected td { background: #eef8f1; } tr.rejected td:first-child { color: var(--bad); } tr.baseline td:first-child { color: var(--base); }
    ul.reasons li { margin: 3px 0; } .verdict { font-weight: bold; } .verdict.no { color: var(--bad); } .verdict.yes { color: var(--ok); } .verdict.close { color: var(--ok); } .verdict.rejected { color: var(--bad); } .verdict.unsure { color: #9a6700; }
    tr.beyond td { background: #fde2e0; } tr.undecided td { background: #fff4d6; }
    td.why { white-space: normal; text-align: left; min-width: 24em; }
    .question { margin: 0 0 26px; }
    .facts-line { color: var(--muted); margin: 0 0 8px; }
    .answers { display: grid; gap: 10px; }
    .card { border: 1px solid var(--line); border-top: 5px solid var(--ok); border-radius: 6px; padding: 8px 10px; background: #fff; min-width: 0; }
    .card.wrong { border-top-color: var(--bad); }
    .card.looping { background: #fdf3e3; }
    .card .loop { color: #b9770e; font-weight: bold; }
    .card header { display: flex; justify-content: space-between; gap: 6px; font-size: 12px; color: var(--muted); margin-bottom: 6px; }
    .card header .quant { font-weight: bold; font-size: 14px; color: var(--ink); }
    .card .answer { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 8px; }
    mark.kept { background: #cdf0d8; color: #0b5d2a; border-bottom: 2px solid var(--ok); padding: 0 1px; }
    .fact { display: inline-block; font-size: 12px; border-radius: 10px; padding: 0 7px; margin: 2px 3px 0 0; }
    .fact.kept { background: #e1f5e8; color: #0b5d2a; } .fact.lost { background: #fde2e0; color: #a61b0f; font-weight: bold; } .fact.risk { background: #fff4d6; color: #7a4f00; font-weight: bold; }
    .fact.key { background: #eef1f6; color: var(--ink); }
    .diverge { position: relative; color: #7d3c98; font-weight: bold; cursor: help; white-space: normal; }
    .diverge .topk { display: none; position: absolute; z-index: 5; left: 0; top: 1.4em; min-width: 260px; background: #fff; border: 1px solid #7d3c98; border-radius: 4px; padding: 6px 8px; font-weight: normal; font-size: 12px; color: var(--ink); box-shadow: 0 2px 6px rgba(0,0,0,.15); }
    .diverge:hover .topk, .diverge:focus .topk { display: block; }
    .diverge .topk .head, .diverge .topk .row { display: block; }
    details.divergences li { margin: 4px 0; } details.divergences .answer { white-space: pre-wrap; }
    #review { margin: 18px 0; padding: 8px 12px; border: 1px solid var(--line); border-radius: 6px; background: #f7f9fc; }
    .review { display: none; gap: 4px; align-items: center; margin-top: 8px; font-size: 12px; }
    body.reviewing .review { display: flex; flex-wrap: wrap; }
    .review button[aria-pressed="true"] { background: var(--ink); color: #fff; }
    .review .review-note { flex: 1; min-width: 8em; font-size: 12px; }
    dl.run { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; } dl.run dt { color: var(--muted); } dl.run dd { margin: 0; }
    """
}
