/// report.html's review mode: per answer card a right / partly / wrong choice and a note, and
/// one panel with "Review answers" (shows the controls) and "Export review" (downloads the
/// ratings as a `ReviewFile`, `quantorch-review/1`). Plain inline script, no URL, so it works
/// from file://; the ratings are kept in the browser's localStorage under
/// "quantorch-review:<run tag>" until exported. A browser with nothing stored for the run starts
/// from the committed review's ratings, which the page carries per answer.
///
/// Stable hooks for tests and people: the panel `#review` carries `data-model`, `data-revision`,
/// `data-run-id` and `data-tag`; buttons `#review-toggle`, `#review-export`; each card's
/// `.review[data-variant][data-form]` sits in `article[data-question-id]` and holds
/// `button[data-rating=right|partly|wrong]` (`aria-pressed` shows the choice; a second click
/// clears it) and `input.review-note`; `#review-status` reads "N of M answers rated".
public enum ReviewControls {
    /// The controls of one answer card: the answer of `answer.quantType` to a question's
    /// original form (the form report.json holds), with the committed review's rating of it
    /// (`data-committed-rating`, `data-committed-note`) for review mode to start from.
    static func controls(for answer: QuestionAnswer, committed: ReviewRating? = nil) -> String {
        let esc = MarkupEscaping.html
        let buttons = HumanRating.allCases.map { "<button type=\"button\" data-rating=\"\($0.rawValue)\" aria-pressed=\"false\">\($0.rawValue)</button>" }
        let seed = committed.map { " data-committed-rating=\"\($0.rating.rawValue)\" data-committed-note=\"\(esc($0.note))\"" } ?? ""
        return "<div class=\"review\" data-variant=\"\(esc(answer.quantType))\" data-form=\"\(ReviewSummary.originalForm)\"\(seed)>"
            + buttons.joined() + "<input type=\"text\" class=\"review-note\" placeholder=\"note\" aria-label=\"note on \(esc(answer.quantType))'s answer\"></div>"
    }

    /// The panel and the script, placed before the answers.
    static func panel(_ report: Report) -> [String] {
        let esc = MarkupEscaping.html
        let answers = report.questions.reduce(0) { $0 + $1.answers.count }
        let committed = report.review.map { " Committed: \($0.ratings) ratings, tag <code>\(esc($0.tag))</code> (importing again replaces them)." } ?? ""
        return ["<section id=\"review\" data-model=\"\(esc(report.model.slug))\" data-revision=\"\(esc(report.model.revision))\" data-run-id=\"\(esc(report.runID))\" data-tag=\"\(esc(ResultsRepository.tagName(for: report)))\">",
                "<strong>Review</strong> <button type=\"button\" id=\"review-toggle\">Review answers</button> <button type=\"button\" id=\"review-export\">Export review</button> <span id=\"review-status\">0 of \(answers) answers rated</span>",
                "<p class=\"legend\">Rate each answer right, partly or wrong (only right counts as correct). The ratings stay in this browser until exported; import the file with <code>quantorch review import \(esc(report.model.slug)) \(esc(String(report.model.revision.prefix(12)))) \(esc(report.runID)) FILE</code>.\(committed)</p>",
                "</section>",
                "<script>\n\(script)\n</script>"]
    }

    /// The review mode's script: static text, no data from the report (that is read from the
    /// panel's escaped attributes), so nothing a model wrote can run. It sits before the answers,
    /// so it starts once the page is parsed.
    public static let script = """
    document.addEventListener("DOMContentLoaded", function () {
      "use strict";
      var panel = document.getElementById("review");
      if (!panel) { return; }
      var storageKey = "quantorch-review:" + panel.dataset.tag;
      var status = document.getElementById("review-status");
      var controls = Array.prototype.slice.call(document.querySelectorAll(".review[data-variant]"));
      var ratings = {};
      var stored = null;
      try { stored = window.localStorage.getItem(storageKey); ratings = JSON.parse(stored || "{}") || {}; } catch (error) { ratings = {}; }
      function answerKey(control) {
        return JSON.stringify([control.dataset.question, control.dataset.form, control.dataset.variant]);
      }
      controls.forEach(function (control) {
        control.dataset.question = control.closest("article[data-question-id]").dataset.questionId;
        // A browser with no ratings of its own for this run starts from the committed review.
        if (stored === null && control.dataset.committedRating) {
          ratings[answerKey(control)] = {question_id: control.dataset.question, form: control.dataset.form, variant: control.dataset.variant,
                                         rating: control.dataset.committedRating, note: control.dataset.committedNote || ""};
        }
      });
      function entry(control) {
        var key = answerKey(control);
        if (!ratings[key]) {
          ratings[key] = {question_id: control.dataset.question, form: control.dataset.form, variant: control.dataset.variant, rating: null, note: ""};
        }
        return ratings[key];
      }
      function rated() {
        return controls.map(function (control) { return ratings[answerKey(control)]; })
          .filter(function (item) { return item && item.rating; });
      }
      function save() {
        try {
          window.localStorage.setItem(storageKey, JSON.stringify(ratings));
          status.textContent = rated().length + " of " + controls.length + " answers rated";
        } catch (error) {
          status.textContent = "not saved in this browser (" + error + "); export now";
        }
      }
      function show(control) {
        var item = ratings[answerKey(control)];
        control.querySelectorAll("button[data-rating]").forEach(function (button) {
          button.setAttribute("aria-pressed", String(Boolean(item && item.rating === button.dataset.rating)));
        });
        control.querySelector("input.review-note").value = item ? item.note : "";
      }
      controls.forEach(function (control) {
        control.addEventListener("click", function (event) {
          var button = event.target.closest("button[data-rating]");
          if (!button) { return; }
          var item = entry(control);
          item.rating = item.rating === button.dataset.rating ? null : button.dataset.rating;
          save();
          show(control);
        });
        control.querySelector("input.review-note").addEventListener("input", function (event) {
          entry(control).note = event.target.value;
          save();
        });
        show(control);
      });
      document.getElementById("review-toggle").addEventListener("click", function () {
        document.body.classList.toggle("reviewing");
      });
      document.getElementById("review-export").addEventListener("click", function () {
        var file = {format: "quantorch-review/1", model: panel.dataset.model, revision: panel.dataset.revision, run_id: panel.dataset.runId,
                    ratings: rated().map(function (item) {
                      return {question_id: item.question_id, form: item.form, variant: item.variant, rating: item.rating, note: item.note};
                    })};
        var blob = new Blob([JSON.stringify(file, null, 2) + "\\n"], {type: "application/json"});
        var link = document.createElement("a");
        link.href = window.URL.createObjectURL(blob);
        link.download = "review-" + panel.dataset.runId + ".json";
        document.body.appendChild(link);
        link.click();
        link.remove();
        window.setTimeout(function () { window.URL.revokeObjectURL(link.href); }, 1000);
      });
      if (rated().length > 0) { status.textContent = rated().length + " of " + controls.length + " answers rated"; }
    });
    """
}
