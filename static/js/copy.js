// Reveal the "Copy text" buttons (hidden without JavaScript) and copy a message's plain text.
document.querySelectorAll(".copy-button").forEach(function (button) {
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var text = document.getElementById(button.dataset.copyTarget).textContent.trim();
    var status = button.parentElement.querySelector(".copy-status");
    navigator.clipboard.writeText(text).then(function () {
      status.textContent = button.dataset.copiedLabel;
    });
  });
});
