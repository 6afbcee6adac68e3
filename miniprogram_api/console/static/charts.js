// The overview's charts, drawn from the numbers the page carries in data-charts.
(function () {
  var holder = document.getElementById("charts");
  if (!holder || !window.echarts) { return; }
  var data = JSON.parse(holder.getAttribute("data-charts"));
  var drawn = [];
  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element) { return; }
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(option);
    element.setAttribute("data-rendered", "true");
    drawn.push(chart);
  }
  draw("chart-per-1000", {
    grid: { left: 48, right: 64, top: 32, bottom: 32 },
    xAxis: { type: "category", data: ["全区"] },
    yAxis: { type: "value", name: "每千人", max: Math.ceil(Math.max(data.per_1000, data.target) * 1.2) },
    tooltip: { renderMode: "richText" },
    series: [{
      type: "bar", data: [data.per_1000], barMaxWidth: 64,
      markLine: { symbol: "none", data: [{ yAxis: data.target, name: "目标" }], label: { formatter: "目标 {c}" } }
    }]
  });
  draw("chart-towns", {
    grid: { left: 48, right: 16, top: 24, bottom: 64 },
    xAxis: { type: "category", data: data.towns, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value", name: "托位" },
    tooltip: { renderMode: "richText" },
    series: [{ type: "bar", data: data.places, barMaxWidth: 48 }]
  });
  draw("chart-care-types", {
    tooltip: { trigger: "item", renderMode: "richText" },
    legend: { bottom: 0 },
    series: [{ type: "pie", radius: ["35%", "65%"], data: data.care_types }]
  });
  draw("chart-natures", {
    tooltip: { trigger: "item", renderMode: "richText" },
    legend: { bottom: 0 },
    series: [{ type: "pie", radius: ["35%", "65%"], data: data.natures }]
  });
  draw("chart-overdue-checks", {
    grid: { left: 48, right: 16, top: 24, bottom: 64 },
    xAxis: { type: "category", data: data.overdue_checks.map(function (d) { return d.name; }), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value", name: "人", minInterval: 1 },
    tooltip: { renderMode: "richText" },
    series: [{ type: "bar", data: data.overdue_checks.map(function (d) { return d.value; }), barMaxWidth: 48, itemStyle: { color: "#c0392b" } }]
  });
  draw("chart-rectifications", {
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: "category", data: ["待整改", "已逾期"] },
    yAxis: { type: "value", name: "家", minInterval: 1 },
    tooltip: { renderMode: "richText" },
    series: [{
      type: "bar", barMaxWidth: 64,
      data: [data.rectifications.outstanding, { value: data.rectifications.overdue, itemStyle: { color: "#c0392b" } }]
    }]
  });
  window.addEventListener("resize", function () { drawn.forEach(function (c) { c.resize(); }); });
})();
