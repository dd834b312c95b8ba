// The section form: show "why it does not apply" only for items marked not applicable, note the
// item being worked on so that a save comes back to it, and warn before leaving unsaved changes.
(function () {
  var form = document.querySelector(".answers-form");
  if (!form) return;
  var at = form.querySelector("input[name=at]");
  var unsaved = form.hasAttribute("data-unsaved");

  function showReason(item) {
    var reason = item.querySelector(".answer-reason");
    var notApplicable = item.querySelector(".result input[value='n/a']");
    if (!reason || !notApplicable) return;
    reason.hidden = !notApplicable.checked && !reason.querySelector(".field-error");
  }

  form.querySelectorAll(".answer").forEach(showReason);
  form.addEventListener("change", function (event) {
    unsaved = true;
    var item = event.target.closest(".answer");
    if (item) showReason(item);
  });
  form.addEventListener("input", function () {
    unsaved = true;
  });
  // "Saved" in the bar is true only until the next change.
  form.addEventListener(
    "change",
    function () {
      var saved = form.querySelector(".answer-saved");
      if (saved) saved.hidden = true;
    },
    { once: true },
  );
  form.addEventListener("focusin", function (event) {
    var item = event.target.closest(".answer");
    if (item) at.value = item.id.replace("answer-", "");
  });
  form.addEventListener("submit", function () {
    unsaved = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!unsaved) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
