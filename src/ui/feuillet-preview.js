// SPDX-License-Identifier: GPL-3.0-or-later
//
// The preview's update, run by FeuilletPreview on each change as the body of a function with
// these arguments (WebKit passes strings, numbers and dictionaries; flags are 0 or 1):
//   mode:     0, the body stays; 1, a splice: the body's blocks from start, removed of them,
//             give way to the blocks in html; 2, html is the whole body
//   start, removed
//   expected: how many blocks the body has before a splice: if it has another number, the
//             page is not what FeuilletPreview thinks and it sends the whole body next
//   html
//   shell:    the whole page as the core renders it with an empty body, when something around
//             the body changed (title, chapeau, kicker, byline, tags…), else ""
//   follow:   the id of an element to bring into view, or ""
//   block:    the index of the block the caret is in, or -1; fraction: how far into it
//   restore:  a scroll position to go back to (the page was loaded again), or -1
//   smooth:   whether to glide to the part being edited (0: jump, the page is new)
//   dump:     whether to return the page's text (the UI tests read it)
// It returns { reload, resync, blocks, scroll, text }: reload when the page's frame changed
// and the page is to be loaded again, with the scroll position to restore; resync when a
// splice did not fit; how many blocks the body has; the text when asked.
//
// It runs in a script world of its own, where nothing survives between calls (the page
// itself is the state), and the article's own scripts never run: WebKit drops JavaScript
// markup and the page's Content-Security-Policy forbids scripts.
//
// Only what changed is replaced: the body is never rewritten whole, so the page does not
// flicker, images are not decoded again and the scroll position stays. The data-source
// offsets of the blocks kept are left as they were: the caret's block comes as an index.

'use strict';

// What the core's page has around the body, each replaced when the core renders it anew.
const FRAME = ['feuillet-kicker', 'feuillet-title', 'feuillet-chapeau', 'feuillet-byline',
    'feuillet-date', 'feuillet-featured', 'feuillet-tags'];

const body = document.getElementById('feuillet-body');

// A template's content is inert: nothing in it loads or runs until it is in the page.
function parse(fragment) {
    const template = document.createElement('template');
    template.innerHTML = fragment;
    return template.content;
}

function splice() {
    const blocks = body.children;
    if (blocks.length !== expected)
        return false;
    for (let i = 0; i < removed; i++)
        blocks[start].remove();
    body.insertBefore(parse(html), blocks[start] ?? null);
    return true;
}

// A block's identity, less its place in the Markdown.
function keyOf(node) {
    if (node.nodeType !== Node.ELEMENT_NODE)
        return '#' + node.nodeType + node.textContent;
    const source = node.getAttribute('data-source');
    const outer = node.outerHTML;
    return source === null ? outer : outer.replace(' data-source="' + source + '"', '');
}

// The whole body: what is the same at its start and at its end is kept, the middle replaced.
function replaceBody() {
    const next = Array.from(parse(html).childNodes);
    const prev = Array.from(body.childNodes);
    const nextKeys = next.map(keyOf);
    const prevKeys = prev.map(keyOf);

    let same = 0;
    while (same < next.length && same < prev.length && nextKeys[same] === prevKeys[same])
        same++;
    let nextEnd = next.length;
    let prevEnd = prev.length;
    while (nextEnd > same && prevEnd > same && nextKeys[nextEnd - 1] === prevKeys[prevEnd - 1]) {
        nextEnd--;
        prevEnd--;
    }

    const anchor = prevEnd < prev.length ? prev[prevEnd] : null;
    for (let i = same; i < prevEnd; i++)
        prev[i].remove();
    for (let i = same; i < nextEnd; i++)
        body.insertBefore(next[i], anchor);
}

// Returns false when the new page is not the same frame with other words.
function patchShell() {
    const page = new DOMParser().parseFromString(shell, 'text/html');
    for (const id of FRAME) {
        const fresh = page.getElementById(id);
        const shown = document.getElementById(id);
        if (fresh === null && shown === null)
            continue;
        if (fresh === null || shown === null)
            return false;
        if (fresh.outerHTML !== shown.outerHTML)
            shown.replaceWith(document.importNode(fresh, true));
    }
    if (document.title !== page.title)
        document.title = page.title;
    const lang = page.documentElement.getAttribute('lang');
    if (lang !== null && document.documentElement.getAttribute('lang') !== lang)
        document.documentElement.setAttribute('lang', lang);
    return true;
}

// Where the part being edited is, as a height in the window: for the caret, that far down
// its block (a long paragraph's end is well below its top).
function editY() {
    if (follow !== '') {
        const element = document.getElementById(follow);
        return element === null ? null : element.getBoundingClientRect().top;
    }
    if (block < 0 || body === null || block >= body.children.length)
        return null;
    const box = body.children[block].getBoundingClientRect();
    return box.top + box.height * fraction;
}

function followEdit() {
    const y = editY();
    if (y === null)
        return;
    const margin = Math.min(80, window.innerHeight / 4);
    if (y < margin || y > window.innerHeight - margin) {
        window.scrollTo({
            top: window.scrollY + y - window.innerHeight / 3,
            behavior: smooth ? 'smooth' : 'instant',
        });
    }
}

if (shell !== '' && !patchShell())
    return { reload: true, resync: false, blocks: -1, scroll: window.scrollY, text: null };

let resync = false;
if (body !== null && mode === 1)
    resync = !splice();
else if (body !== null && mode === 2)
    replaceBody();

if (restore >= 0)
    window.scrollTo(0, restore);
else if (!resync)
    followEdit();

return {
    reload: false,
    resync,
    blocks: body === null ? -1 : body.children.length,
    scroll: window.scrollY,
    text: dump ? document.title + '\n' + location.href + '\n' + document.body.innerText : null,
};
