/// The report pages' only script, inlined. The page works without it (the failure filter is
/// CSS); it adds "expand/collapse all" and opens a closed case when a link points into it.
enum HTMLScript {
    static let source = """
    document.documentElement.classList.add("js");
    function openTarget() {
      var target = location.hash && document.getElementById(location.hash.slice(1));
      for (var node = target; node; node = node.parentElement) { if (node.tagName === "DETAILS") node.open = true; }
      if (target) target.scrollIntoView();
    }
    addEventListener("hashchange", openTarget);
    openTarget();
    document.querySelectorAll("[data-expand]").forEach(function (button) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("data-expand") === "open";
        document.querySelectorAll("details.case").forEach(function (item) { item.open = open; });
      });
    });
    """
}
