// "show passages": highlight the question's evidence in the reply and scroll to the first passage.
document.querySelectorAll(".show-evidence").forEach(function (button) {
  button.addEventListener("click", function () {
    document.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    var marks = document.querySelectorAll("mark.q" + button.dataset.question);
    marks.forEach(function (m) { m.classList.add("active"); });
    if (marks.length) { marks[0].scrollIntoView({block: "center"}); }
  });
});
