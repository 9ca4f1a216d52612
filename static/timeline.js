// The timeline chart: time on x, conditions on y. The server groups statements into marks
// (app/chart.py): one per day, condition, side, stance and date basis, with a count. Here,
// marks that would touch on screen (same or nearby days in one row) are stacked, so none
// hides another. Colour is the side, shape the stance, hollow a date known only to the
// month or year; three ECharts legends say so. The time axis spans the page's date filters
// and the slider under it sets them (and so the permalink); the chart takes keyboard focus:
// arrows move between marks, Enter opens one.
// Data comes from <script type="application/json" id="chart-data"> (JSON, never HTML); every
// string shown in a tooltip is escaped, and the live region is set as text.
(function () {
  "use strict";

  const STANCE_SYMBOLS = { demand: "circle", reject: "triangle", support: "rect", offer: "diamond" };
  const EXACT = "exact day";
  const APPROXIMATE = "month or year only (~)";
  const GREY = "#59606b";
  const DAY = 24 * 3600 * 1000;
  const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
  const SLOT = 10; // px between stacked marks
  const TOUCH = 12; // marks closer than this on the time axis are stacked
  const MAX_STACK = 10; // beyond this, stacked marks squeeze closer instead of growing the row
  const LEGEND_LINE = 22;
  let chart = null;
  let data = null;
  let marks = [];
  let focused = -1;
  let zoomTimer = null;
  let renderedWidth = 0;

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
    if (mark.span === "month") return MONTHS[p.m - 1] + " " + p.y + " (days binned into the month)";
    const day = p.d + " " + MONTHS[p.m - 1] + " " + p.y;
    return mark.basis === "publication" ? "reported " + day + " (the article's date)" : day;
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

  // Where a mark leads: its statement, or the timeline of the statements it stands for.
  function markUrl(mark) {
    if (mark.count === 1) return "/statements/" + mark.ids[0];
    const params = new URLSearchParams(window.location.search);
    const p = parts(mark.date);
    const period = mark.precision === "year" ? String(p.y)
      : mark.precision === "month" || mark.span === "month" ? mark.date.slice(0, 7) : mark.date;
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

  // The time axis: the date filters when set (a little padding so end marks show whole),
  // else the marks' own span, padded.
  function axisRange() {
    const times = marks.map(function (m) { return Date.parse(m.date); });
    const first = Math.min.apply(null, times);
    const last = Math.max.apply(null, times);
    const from = data.date_from ? Date.parse(data.date_from) : null;
    const to = data.date_to ? Date.parse(data.date_to) + DAY - 1 : null;
    const low = from !== null ? from : first;
    const high = to !== null ? to : last;
    const pad = Math.max((high - low) * 0.03, from !== null || to !== null ? DAY / 2 : 20 * DAY);
    return { min: low - pad, max: high + pad, from: from, to: to };
  }

  // A month- or year-only mark overlapping the date filters sits at the range's start.
  function placed(mark, range) {
    const time = Date.parse(mark.date);
    if (mark.precision === "day") return time;
    if (range.from !== null && time < range.from) return range.from;
    return time;
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

  // How many lines a plain legend wraps to in `width` px (ECharts wraps at its width).
  function legendLines(names, width) {
    let lines = 1;
    let used = 0;
    names.forEach(function (name) {
      const item = 14 + 5 + name.length * 7 + 14;
      if (used > 0 && used + item > width) { lines += 1; used = 0; }
      used += item;
    });
    return lines;
  }

  function legendSeries(name, itemStyle, symbol) {
    return { name: name, type: "scatter", data: [], symbol: symbol, itemStyle: itemStyle, silent: true };
  }

  function option(width, range) {
    const sides = Object.keys(data.colours);
    const stances = Object.keys(STANCE_SYMBOLS);
    const narrow = width < 560;
    const hollow = { color: "#fff", borderColor: GREY, borderWidth: 2 };
    // Three legends, one under the other, each wrapping to the chart's width; they are a
    // key, not a filter (the filters are the form's), so clicking them changes nothing.
    const groups = [sides, stances, [EXACT, APPROXIMATE]];
    let top = 0;
    const legends = groups.map(function (names, i) {
      const legend = {
        top: top, left: 0, width: width - 16, selectedMode: false, itemGap: 14, itemWidth: 14,
        data: i === 1 ? names.map(function (s) { return { name: s, icon: STANCE_SYMBOLS[s] }; }) : names,
      };
      top += legendLines(names, width - 16) * LEGEND_LINE;
      return legend;
    });
    return {
      useUTC: true,
      animation: false,
      aria: { enabled: false }, // the figure's label, caption and live region speak instead
      grid: { left: 8, right: 28, top: top + 14, bottom: 62, containLabel: true },
      legend: legends,
      tooltip: { trigger: "item", formatter: tooltip, confine: true, extraCssText: "max-width: 28rem; white-space: normal;" },
      xAxis: {
        type: "time",
        min: range.min,
        max: range.max,
        minInterval: DAY,
        splitNumber: narrow ? 3 : 7,
        axisLabel: {
          formatter: axisFormatter(range.max - range.min),
          hideOverlap: true,
          alignMinLabel: "left",
          alignMaxLabel: "right",
        },
        splitLine: { show: true, lineStyle: { color: "#eceef1" } },
      },
      yAxis: {
        type: "category",
        data: data.conditions,
        inverse: true,
        axisTick: { show: false },
        axisLabel: { width: narrow ? 110 : 180, overflow: "break", lineHeight: 13 },
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
          data: marks.filter(function (m) { return m.side === side; }).map(function (m) {
            const exact = m.precision === "day";
            return {
              value: [placed(m, range), m.label],
              mark: m,
              symbol: STANCE_SYMBOLS[m.stance] || "circle",
              symbolSize: Math.min(20, 10 + 3 * Math.sqrt(m.count - 1)),
              symbolOffset: [0, 0],
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

  // Stack the marks of each row that would touch at this zoom: walk a row left to right and
  // start a new stack when a mark is TOUCH px clear of the current stack's first mark.
  // Returns the deepest stack, and sets each mark's vertical offset.
  function stack(current) {
    const rows = {};
    current.series.forEach(function (series) {
      series.data.forEach(function (item) {
        item.x = chart.convertToPixel({ xAxisIndex: 0 }, item.value[0]);
        (rows[item.value[1]] = rows[item.value[1]] || []).push(item);
      });
    });
    let deepest = 1;
    const stacks = [];
    Object.keys(rows).forEach(function (label) {
      let stackNow = null;
      rows[label].sort(function (a, b) { return a.x - b.x; }).forEach(function (item) {
        if (!stackNow || item.x - stackNow[0].x >= TOUCH) { stackNow = []; stacks.push(stackNow); }
        stackNow.push(item);
      });
    });
    stacks.forEach(function (items) { deepest = Math.max(deepest, items.length); });
    const gap = deepest > MAX_STACK ? (SLOT * MAX_STACK) / deepest : SLOT;
    stacks.forEach(function (items) {
      items.forEach(function (item, i) {
        item.symbolOffset = [0, (i - (items.length - 1) / 2) * gap];
        delete item.x;
      });
    });
    return Math.min(deepest, MAX_STACK);
  }

  // Where a mark is drawn: its series and index within it.
  function locate(mark) {
    const seriesIndex = Object.keys(data.colours).indexOf(mark.side);
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

  // The nearest mark in time on the next condition row up or down, as the axis shows them.
  function rowNeighbour(step) {
    const here = marks[focused];
    const present = new Set(marks.map(function (m) { return m.label; }));
    const rows = data.conditions.filter(function (label) { return present.has(label); });
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

  // After the swap that a slider move causes, stay where the reader was.
  function keepScroll() {
    const y = window.scrollY;
    document.addEventListener("htmx:afterSettle", function restore() {
      document.removeEventListener("htmx:afterSettle", restore);
      window.scrollTo(0, y);
    });
  }

  // A handle moved from its end sets its date filter; one left at its end keeps the
  // filter as it was. The form's own HTMX request (and permalink) follows.
  function onZoom() {
    window.clearTimeout(zoomTimer);
    zoomTimer = window.setTimeout(function () {
      const zoom = chart.getOption().dataZoom[0];
      const from = document.getElementById("date_from");
      const to = document.getElementById("date_to");
      if (!from || !to || zoom.startValue == null) return;
      let moved = false;
      if (zoom.start > 0.1) { from.value = isoDay(zoom.startValue); moved = true; }
      if (zoom.end < 99.9) { to.value = isoDay(zoom.endValue); moved = true; }
      if (!moved) return;
      keepScroll();
      from.dispatchEvent(new Event("change", { bubbles: true }));
    }, 450);
  }

  function render() {
    const holder = document.getElementById("chart");
    const source = document.getElementById("chart-data");
    if (chart) { chart.dispose(); chart = null; }
    if (!holder || !source || !window.echarts) return;
    data = JSON.parse(source.textContent);
    // Each mark comes as a row of values, its field names once in mark_fields
    // (app/web/timeline.py); in date order (app/chart.py), the order the arrow keys follow.
    marks = data.marks.map(function (row) {
      const mark = {};
      data.mark_fields.forEach(function (name, i) { mark[name] = row[i]; });
      return mark;
    });
    focused = -1;
    if (marks.length === 0) return;
    const range = axisRange();
    const rowsHeight = function (deepest) {
      return data.conditions.length * Math.max(30, deepest * SLOT + 12);
    };
    const current = option(holder.clientWidth, range);
    const frame = current.grid.top + current.grid.bottom + 20;
    holder.style.height = Math.max(260, frame + rowsHeight(1)) + "px";
    chart = window.echarts.init(holder, null, { renderer: "svg" });
    chart.setOption(current);
    renderedWidth = holder.clientWidth;
    // Stacking needs the axis laid out (pixels per day); then the rows grow to hold it.
    const deepest = stack(current);
    const extra = rowsHeight(deepest) - rowsHeight(1);
    if (extra > 0) {
      holder.style.height = parseFloat(holder.style.height) + extra + "px";
      chart.resize();
    }
    chart.setOption({ series: current.series });
    chart.on("click", function (params) {
      if (params.data && params.data.mark) window.location.href = markUrl(params.data.mark);
    });
    chart.on("datazoom", onZoom);
    holder.onkeydown = onKey;
    holder.onfocus = function () { if (focused < 0) focusMark(0); };
  }

  // HTMX keeps the page's HTML for the back button, where the chart's styles (set on the
  // DOM, which the Content-Security-Policy allows) would come back as style attributes,
  // which it refuses: the chart goes before the copy is taken, and is drawn again when
  // the page comes back. Its holder is swapped for a bare copy, as the disposed chart
  // still writes to the old one's style.
  function forget() {
    if (chart) { chart.dispose(); chart = null; }
    const holder = document.getElementById("chart");
    if (!holder) return;
    const bare = holder.cloneNode(false);
    bare.removeAttribute("style");
    bare.removeAttribute("_echarts_instance_");
    holder.replaceWith(bare);
  }

  document.addEventListener("DOMContentLoaded", render);
  document.addEventListener("htmx:afterSettle", render);
  document.addEventListener("htmx:beforeHistorySave", forget);
  document.addEventListener("htmx:historyRestore", render);
  // Stacks depend on pixels per day: lay out again when the width changes (not the height,
  // which a phone's address bar changes while scrolling).
  window.addEventListener("resize", function () {
    const holder = document.getElementById("chart");
    if (chart && holder && holder.clientWidth !== renderedWidth) render();
  });
})();
