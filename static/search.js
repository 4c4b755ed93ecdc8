// The search page's interface: pagefind's, told where the index is.
// A file of its own, not a script inside the page, so that the page works
// under a Content-Security-Policy that refuses inline scripts.
const box = document.getElementById("search");
new PagefindUI({ element: box, bundlePath: box.dataset.bundle, showSubResults: true, showImages: false });
