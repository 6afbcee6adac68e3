// The console's own script (no inline script anywhere, per the Content-Security-Policy).
// Buttons that remove or cancel ask first; htmx keeps the page's CSRF header on every request.
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  if (button && button.classList.contains("danger") && !window.confirm("确定要" + button.textContent.trim() + "吗？")) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
