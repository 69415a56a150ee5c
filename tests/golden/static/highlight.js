// On a page opened from a search result (?highlight=word): Pagefind's highlight script, from the
// site's own bundle (../pagefind/ beside this file's static/, so it works under any base path),
// then the quote anchor or the first highlighted word scrolled into view.
// One file for every article and actor page instead of the same lines inline in each (issue 13: bytes).
const words = new URLSearchParams(location.search).getAll("highlight");
const script = new URL("../pagefind/pagefind-highlight.js", import.meta.url);
if (words.length && script.origin === location.origin) {
  import(script.href).then(() => {
    new PagefindHighlight({highlightParam: "highlight"});
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    (target || document.querySelector("mark.pagefind__highlight, mark.pagefind-highlight"))?.scrollIntoView({block: "center"});
  });
}
