// The timeline chart: time on x, conditions on y. The server groups the statements into
// marks (app/chart.py): one per day, condition, side, stance and precision, with a count,
// and a slot among the marks sharing a spot, stacked here so none hides another.
// Colour is the side, shape the stance, hollow an approximate date; three ECharts legends
// say so. The slider under the chart sets the page's date filters (and so the permalink);
// the chart takes keyboard focus: arrows move between marks, Enter opens one.
// Data comes from <script type="application/json" id="chart-data"> (JSON, never HTML); every
// string shown in a tooltip or announced is escaped or set as text.
(function () {
  "use strict";

  const STANCE_SYMBOLS = { demand: "circle", reject: "triangle", support: "rect", offer: "diamond" };
  const EXACT = "exact day";
  const APPROXIMATE = "month or year only (~)";
  const GREY = "#59606b";
  const DAY = 24 * 3600 * 1000;
  const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
  const SLOT = 10; // px between stacked marks
  let chart = null;
  let marks = [];
  let sides = [];
  let focused = -1;
  let zoomTimer = null;

  function escapeHtml(value) {
    return window.echarts.format.encodeHTML(String(value == null ? "" : value));
  }

  function parts(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    return { y: y, m: m, d: d };
  }

  function dateText(mark) {
    const p = parts(mark.date);
    if (mark.precision === "year") return "~" + p.y + " (year only)";
    if (mark.precision === "month") return "~" + MONTHS[p.m - 1] + " " + p.y + " (month only)";
    return p.d + " " + MONTHS[p.m - 1] + " " + p.y;
  }

  function describe(mark) {
    const who = mark.speakers.slice(0, 3).join(", ") + (mark.speakers.length > 3 ? ", …" : "");
    const many = mark.count > 1 ? mark.count + " statements" : "";
    return [dateText(mark), mark.label + ": " + mark.stance, mark.side, who, many]
      .filter(Boolean).join(" · ");
  }

  function tooltip(params) {
    const mark = params.data && params.data.mark;
    if (!mark) return "";
    const heading = mark.count > 1
      ? mark.count + " statements · " + escapeHtml(mark.speakers.join(", "))
      : escapeHtml(mark.speakers[0]);
    return (
      "<strong>" + heading + "</strong> · " + escapeHtml(mark.side) + "<br>" +
      escapeHtml(dateText(mark)) + " · " + escapeHtml(mark.label) + ": " + escapeHtml(mark.stance) +
      (mark.text ? '<div class="chart-quote">' + escapeHtml(mark.text) + "</div>" : "") +
      '<div class="chart-hint">' + (mark.count > 1 ? "Click to list them" : "Click to open") + "</div>"
    );
  }

  // The timeline URL of a mark: its statement, or the statements it stands for.
  function markUrl(mark) {
    if (mark.count === 1) return "/statements/" + mark.ids[0];
    const params = new URLSearchParams(window.location.search);
    const p = parts(mark.date);
    const period = mark.precision === "year" ? String(p.y)
      : mark.precision === "month" ? mark.date.slice(0, 7) : mark.date;
    params.set("condition", mark.condition);
    params.set("side", mark.side);
    params.set("stance", mark.stance);
    params.set("precision", mark.precision);
    params.set("date_from", period);
    params.set("date_to", period);
    params.delete("page");
    return "/?" + params.toString();
  }

  function isoDay(time) {
    return new Date(time).toISOString().slice(0, 10);
  }

  // Labels that always say the year and never a clock time, at any range.
  function axisFormatter(span) {
    return function (value) {
      const date = new Date(value);
      const month = MONTHS[date.getUTCMonth()];
      if (span > 3 * 365 * DAY && date.getUTCMonth() === 0) return String(date.getUTCFullYear());
      if (span > 120 * DAY) return month + " " + date.getUTCFullYear();
      return date.getUTCDate() + " " + month + " " + date.getUTCFullYear();
    };
  }

  function legendSeries(name, itemStyle, symbol) {
    return { name: name, type: "scatter", data: [], symbol: symbol, itemStyle: itemStyle, silent: true };
  }

  function option(data, narrow) {
    const times = data.marks.map(function (m) { return Date.parse(m.date); });
    const first = Math.min.apply(null, times);
    const last = Math.max.apply(null, times);
    // Pad the ends so a mark is never cut in half by the plot's edge.
    const pad = Math.max((last - first) * 0.04, 20 * DAY);
    const span = last - first + 2 * pad;
    const stances = Object.keys(STANCE_SYMBOLS);
    const hollow = { color: "#fff", borderColor: GREY, borderWidth: 2 };
    const legendLine = { type: narrow ? "scroll" : "plain", left: 0, right: 0, itemGap: 14, itemWidth: 14 };
    return {
      animation: false,
      aria: { enabled: false }, // the figure's label, caption and live region speak instead
      grid: { left: 8, right: 24, top: 86, bottom: 62, containLabel: true },
      legend: [
        // One line each; on a phone a line that does not fit scrolls instead of wrapping.
        Object.assign({ top: 0, data: sides, selectedMode: true }, legendLine),
        Object.assign({
          top: 24, selectedMode: false,
          data: stances.map(function (s) { return { name: s, icon: STANCE_SYMBOLS[s] }; }),
        }, legendLine),
        Object.assign({ top: 48, selectedMode: false, data: [EXACT, APPROXIMATE] }, legendLine),
      ],
      tooltip: { trigger: "item", formatter: tooltip, confine: true, extraCssText: "max-width: 28rem; white-space: normal;" },
      xAxis: {
        type: "time",
        min: first - pad,
        max: last + pad,
        minInterval: DAY,
        splitNumber: narrow ? 3 : 7,
        axisLabel: { formatter: axisFormatter(span), hideOverlap: true },
        splitLine: { show: true, lineStyle: { color: "#eceef1" } },
      },
      yAxis: {
        type: "category",
        data: data.conditions,
        inverse: true,
        axisTick: { show: false },
        axisLabel: { width: narrow ? 110 : 180, overflow: "truncate" },
      },
      dataZoom: [{
        type: "slider",
        xAxisIndex: 0,
        filterMode: "none",
        bottom: 8,
        height: 22,
        labelFormatter: function (value) { return isoDay(value); },
      }],
      series: sides.map(function (side) {
        return {
          name: side,
          type: "scatter",
          cursor: "pointer",
          itemStyle: { color: data.colours[side], opacity: 0.9 },
          emphasis: { scale: 1.4 },
          data: data.marks.filter(function (m) { return m.side === side; }).map(function (m) {
            const exact = m.precision === "day";
            return {
              value: [m.date, m.label],
              mark: m,
              symbol: STANCE_SYMBOLS[m.stance] || "circle",
              symbolSize: Math.min(20, 10 + 3 * Math.sqrt(m.count - 1)),
              symbolOffset: [0, (m.slot - (m.slots - 1) / 2) * SLOT],
              itemStyle: exact ? {} : { color: "#fff", borderColor: data.colours[side], borderWidth: 2 },
              label: {
                show: m.count > 1,
                formatter: String(m.count),
                fontSize: 9,
                fontWeight: "bold",
                color: exact ? "#fff" : "#1f2328",
              },
            };
          }),
        };
      }).concat(
        stances.map(function (s) { return legendSeries(s, { color: GREY }, STANCE_SYMBOLS[s]); }),
        [legendSeries(EXACT, { color: GREY }, "circle"), legendSeries(APPROXIMATE, hollow, "circle")]
      ),
    };
  }

  // Where a mark is drawn: its series and index within it.
  function locate(mark) {
    const seriesIndex = sides.indexOf(mark.side);
    const inSeries = marks.filter(function (m) { return m.side === mark.side; });
    return { seriesIndex: seriesIndex, dataIndex: inSeries.indexOf(mark) };
  }

  function focusMark(index) {
    if (!chart || marks.length === 0) return;
    if (focused >= 0) chart.dispatchAction(Object.assign({ type: "downplay" }, locate(marks[focused])));
    focused = Math.max(0, Math.min(marks.length - 1, index));
    const target = locate(marks[focused]);
    chart.dispatchAction(Object.assign({ type: "highlight" }, target));
    chart.dispatchAction(Object.assign({ type: "showTip" }, target));
    const status = document.getElementById("chart-status");
    if (status) status.textContent = "Mark " + (focused + 1) + " of " + marks.length + ": " + describe(marks[focused]);
  }

  // The nearest mark in time on the next condition row up or down.
  function rowNeighbour(step) {
    const here = marks[focused];
    const rows = Array.from(new Set(marks.map(function (m) { return m.label; })));
    const row = rows[rows.indexOf(here.label) + step];
    if (row === undefined) return focused;
    let best = focused;
    let distance = Infinity;
    marks.forEach(function (m, i) {
      const d = Math.abs(Date.parse(m.date) - Date.parse(here.date));
      if (m.label === row && d < distance) { best = i; distance = d; }
    });
    return best;
  }

  function onKey(event) {
    if (!chart || marks.length === 0) return;
    const moves = {
      ArrowRight: function () { return focused + 1; },
      ArrowLeft: function () { return focused - 1; },
      ArrowDown: function () { return rowNeighbour(1); },
      ArrowUp: function () { return rowNeighbour(-1); },
      Home: function () { return 0; },
      End: function () { return marks.length - 1; },
    };
    if (moves[event.key]) {
      event.preventDefault();
      focusMark(focused < 0 ? 0 : moves[event.key]());
    } else if (event.key === "Enter" && focused >= 0) {
      event.preventDefault();
      window.location.href = markUrl(marks[focused]);
    } else if (event.key === "Escape") {
      chart.dispatchAction({ type: "hideTip" });
    }
  }

  // The slider's range becomes the form's dates; the form's own HTMX request follows.
  function onZoom() {
    window.clearTimeout(zoomTimer);
    zoomTimer = window.setTimeout(function () {
      const zoom = chart.getOption().dataZoom[0];
      const from = document.getElementById("date_from");
      const to = document.getElementById("date_to");
      if (!from || !to || zoom.startValue == null) return;
      from.value = isoDay(zoom.startValue);
      to.value = isoDay(zoom.endValue);
      from.dispatchEvent(new Event("change", { bubbles: true }));
    }, 450);
  }

  function render() {
    const holder = document.getElementById("chart");
    const source = document.getElementById("chart-data");
    if (chart) { chart.dispose(); chart = null; }
    if (!holder || !source || !window.echarts) return;
    const data = JSON.parse(source.textContent);
    marks = data.marks; // in date order (app/chart.py), the order the arrow keys follow
    sides = Object.keys(data.colours);
    focused = -1;
    if (marks.length === 0) return;
    const narrow = holder.clientWidth < 560;
    const deepest = Math.max.apply(null, marks.map(function (m) { return m.slots; }));
    const rowHeight = Math.max(30, deepest * SLOT + 12);
    holder.style.height = Math.max(260, 150 + data.conditions.length * rowHeight) + "px";
    chart = window.echarts.init(holder, null, { renderer: "svg" });
    chart.setOption(option(data, narrow));
    chart.on("click", function (params) {
      if (params.data && params.data.mark) window.location.href = markUrl(params.data.mark);
    });
    chart.on("datazoom", onZoom);
    holder.onkeydown = onKey;
    holder.onfocus = function () { if (focused < 0) focusMark(0); };
  }

  document.addEventListener("DOMContentLoaded", render);
  document.addEventListener("htmx:afterSettle", render);
  document.addEventListener("htmx:historyRestore", render);
  window.addEventListener("resize", function () { if (chart) chart.resize(); });
})();
