// A link to a quote's old positional anchor (#quote-N, before quotes had anchors from their words)
// goes to the quote whose data-quote is N, at its stable anchor (the page keeps no empty quote-N
// span a quote: 1.3 MB of CNN's article pages).
const legacy = /^#quote-(\d+)$/.exec(location.hash);
const quote = legacy && !document.getElementById(legacy[0].slice(1))
  && document.querySelector(`.article-body [data-quote="${legacy[1]}"][id]`);
if (quote) location.replace("#" + quote.id);

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
