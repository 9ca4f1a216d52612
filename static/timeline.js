// The timeline chart: time on x, conditions on y, one mark per statement and condition,
// coloured by side. Data comes from the page's <script type="application/json" id="chart-data">
// (JSON, never HTML); every string shown in a tooltip is escaped before display.
(function () {
  "use strict";

  const STANCE_SYMBOLS = { demand: "circle", reject: "triangle", support: "rect", offer: "diamond" };
  let chart = null;

  function escapeHtml(value) {
    return window.echarts.format.encodeHTML(String(value == null ? "" : value));
  }

  function dateText(point) {
    const [y, m, d] = point.date.split("-");
    const months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
    if (point.precision === "year") return "~" + y + " (year)";
    if (point.precision === "month") return "~" + months[Number(m) - 1] + " " + y + " (month)";
    return Number(d) + " " + months[Number(m) - 1] + " " + y;
  }

  function tooltip(params) {
    const p = params.data.point;
    return (
      "<strong>" + escapeHtml(p.speaker) + "</strong> · " + escapeHtml(p.side) + "<br>" +
      escapeHtml(dateText(p)) + " · " + escapeHtml(p.label) + ": " + escapeHtml(p.stance) +
      '<div class="chart-quote">' + escapeHtml(p.text) + "</div>"
    );
  }

  function render() {
    const holder = document.getElementById("chart");
    const source = document.getElementById("chart-data");
    if (!holder || !source || !window.echarts) return;
    if (chart) chart.dispose();
    const data = JSON.parse(source.textContent);
    holder.hidden = data.points.length === 0;
    if (data.points.length === 0) { chart = null; return; }
    const sides = Object.keys(data.colours);
    const rows = data.conditions.length;
    holder.style.height = Math.max(220, 60 + rows * 34) + "px";
    chart = window.echarts.init(holder, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      aria: { enabled: true },
      grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
      legend: { top: 0, data: sides },
      tooltip: { trigger: "item", formatter: tooltip, confine: true, extraCssText: "max-width: 28rem; white-space: normal;" },
      xAxis: { type: "time", splitLine: { show: true, lineStyle: { color: "#eceef1" } } },
      yAxis: { type: "category", data: data.conditions, inverse: true, axisTick: { show: false } },
      series: sides.map(function (side) {
        return {
          name: side,
          type: "scatter",
          cursor: "pointer",
          itemStyle: { color: data.colours[side], opacity: 0.85 },
          data: data.points.filter(function (p) { return p.side === side; }).map(function (p) {
            return {
              value: [p.date, p.label],
              point: p,
              symbol: STANCE_SYMBOLS[p.stance] || "circle",
              symbolSize: p.precision === "day" ? 12 : 10,
              itemStyle: p.precision === "day" ? {} : { color: "#fff", borderColor: data.colours[side], borderWidth: 2 },
            };
          }),
        };
      }),
    });
    chart.on("click", function (params) {
      if (params.data && params.data.point) window.location.href = "/statements/" + params.data.point.id;
    });
  }

  document.addEventListener("DOMContentLoaded", render);
  document.addEventListener("htmx:afterSettle", render);
  document.addEventListener("htmx:historyRestore", render);
  window.addEventListener("resize", function () { if (chart) chart.resize(); });
})();
