// A static resource of the sample: behind the site gate like every page.
window.ssrGuardSample = { version: 1 };
