// Runs inside the rendered page: fills text containers to capacity, then reads the ground truth
// (character boxes via Range.getClientRects) back out of the DOM. Loaded by make.py.
window.__bp = (() => {
  const EPS = 0.5;  // CSS px of slack when testing whether a character lies inside its container

  function lastCharRect(el) {
    const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let last = null, n;
    while ((n = w.nextNode())) if (/\S/.test(n.data)) last = n;
    if (!last) return null;
    const s = last.data;
    let i = s.length;
    while (i > 0 && /\s/.test(s[i - 1])) i--;
    let j = i - 1;
    if (j > 0 && s.charCodeAt(j) >= 0xdc00 && s.charCodeAt(j) <= 0xdfff) j--;
    const r = document.createRange();
    r.setStart(last, j);
    r.setEnd(last, i);
    const rs = r.getClientRects();
    return rs.length ? rs[rs.length - 1] : null;
  }

  // Text flows in order, so when the last character is inside the container every character is.
  function fits(el) {
    const r = el.getBoundingClientRect();
    const c = lastCharRect(el);
    if (!c) return true;
    return c.right <= r.right + EPS && c.bottom <= r.bottom + EPS && c.left >= r.left - EPS && c.top >= r.top - EPS;
  }

  function mk(para, cont) {
    const p = document.createElement('p');
    p.className = (para.cls || '') + (cont ? ' cont' : '');
    p.dataset.p = para.p;
    p.textContent = para.t;
    return p;
  }

  const NO_LINE_START = '，。、；：！？）」』”’》〉…—·';

  // A chain of containers filled in order with paragraphs; a paragraph cut at the end of one container
  // continues (same paragraph id, no indent) in the next. A tail paragraph (jump line) stays last.
  function fill(chain) {
    const conts = chain.conts.map(id => document.getElementById(id));
    const last = conts[conts.length - 1];
    let tailEl = null;
    if (chain.tail) { tailEl = mk(chain.tail, false); last.appendChild(tailEl); }
    const add = (c, el) => (c === last && tailEl) ? c.insertBefore(el, tailEl) : c.appendChild(el);
    let ci = 0, used = 0;
    for (const para of chain.paras) {
      let text = para.t, el = mk(para, false);
      add(conts[ci], el);
      used++;
      while (!fits(conts[ci])) {
        let lo = 0, hi = text.length;   // text[:lo] fits (0: nothing), text[:hi] does not
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          el.textContent = text.slice(0, mid);
          if (fits(conts[ci])) lo = mid; else hi = mid;
        }
        while (lo > 0 && NO_LINE_START.includes(text[lo])) lo--;
        if (lo < chain.minChars) {
          el.remove();
          // nothing of it fits even an empty container (an unbreakable run): drop the paragraph
          if (!/\S/.test(conts[ci].textContent)) { text = ''; break; }
          lo = 0;
        } else el.textContent = text.slice(0, lo);
        ci++;
        if (ci >= conts.length) return {used, full: true};
        text = text.slice(lo);
        el = mk({...para, t: text}, lo > 0);
        add(conts[ci], el);
      }
    }
    return {used, full: false};
  }

  // Drop trailing [data-unit] children (table rows, listing lines) until the container fits.
  function trim(id) {
    const el = document.getElementById(id);
    let n = 0;
    while (!fits(el)) {
      const units = el.querySelectorAll('[data-unit]');
      if (!units.length) break;
      units[units.length - 1].remove();
      n++;
    }
    return n;
  }

  function columnSlots(el, cs) {
    const n = parseInt(cs.columnCount, 10);
    if (!(n > 1)) return null;
    const r = el.getBoundingClientRect();
    const pl = parseFloat(cs.paddingLeft) || 0, pr = parseFloat(cs.paddingRight) || 0;
    const bl = parseFloat(cs.borderLeftWidth) || 0, br = parseFloat(cs.borderRightWidth) || 0;
    const left = r.left + pl + bl, width = r.width - pl - pr - bl - br;
    const gap = parseFloat(cs.columnGap) || 0;
    const colW = (width - (n - 1) * gap) / n;
    return {left, colW, gap, n};
  }

  // The visible area of an element: its viewport box cut by every ancestor that clips overflow.
  function clipRect(el) {
    let c = [0, 0, window.innerWidth, window.innerHeight];
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (e === el || (cs.overflowX === 'visible' && cs.overflowY === 'visible')) continue;
      const r = e.getBoundingClientRect();
      c = [Math.max(c[0], r.left), Math.max(c[1], r.top), Math.min(c[2], r.right), Math.min(c[3], r.bottom)];
    }
    return c;
  }

  // opts.chars (make.py --ink-check only): each line also carries its characters' boxes and font-family
  // (cs: [[x0, y0, x1, y1, family], ...]); without it the output is as it always was.
  function extract(opts) {
    const withChars = !!(opts && opts.chars);
    const blocks = [];
    const rg = document.createRange();
    for (const el of document.querySelectorAll('[data-t]')) {
      const t = el.dataset.t;
      const r = el.getBoundingClientRect();
      const b = {t, a: +el.dataset.a, eid: el.id || null, kind: el.dataset.k || null,
                 cap: el.dataset.cap || null, box: [r.left, r.top, r.right, r.bottom], lines: []};
      blocks.push(b);
      if (t === 'image' || t === 'separator') continue;
      const cs = getComputedStyle(el);
      const vert = cs.writingMode.startsWith('vertical');
      b.vertical = vert;
      const slots = vert ? null : columnSlots(el, cs);
      const clip = clipRect(el);
      const chars = [];
      const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let n;
      while ((n = w.nextNode())) {
        if (n.parentElement.closest('[data-t]') !== el) continue;   // text of a nested block
        const pe = n.parentElement.closest('[data-p]');
        const p = pe ? pe.dataset.p : null;
        const s = n.data;
        // getClientRects gives the font's content area (ascent + descent, up to ~1.45 em for Noto CJK),
        // taller than the glyphs and overlapping the next line at tight leading: keep 1 em across the line.
        const fsz = parseFloat(getComputedStyle(n.parentElement).fontSize);
        for (let i = 0; i < s.length;) {
          const L = s.codePointAt(i) > 0xffff ? 2 : 1;
          const ch = s.substr(i, L);
          rg.setStart(n, i);
          rg.setEnd(n, i + L);
          i += L;
          if (/\s/.test(ch)) { chars.push({ws: true, p}); continue; }
          const rs = rg.getClientRects();
          if (!rs.length) continue;
          let q = rs[0];
          for (const x of rs) if (x.width * x.height > q.width * q.height) q = x;
          if (q.width <= 0 || q.height <= 0) continue;
          const mx = (q.left + q.right) / 2, my = (q.top + q.bottom) / 2;
          if (mx < clip[0] || mx > clip[2] || my < clip[1] || my > clip[3]) { b.clipped = (b.clipped || 0) + 1; continue; }
          let x0 = q.left, y0 = q.top, x1 = q.right, y1 = q.bottom;
          if (!vert && y1 - y0 > fsz) { const c = (y0 + y1) / 2; y0 = c - fsz / 2; y1 = c + fsz / 2; }
          if (vert && x1 - x0 > fsz) { const c = (x0 + x1) / 2; x0 = c - fsz / 2; x1 = c + fsz / 2; }
          chars.push(withChars ? {c: ch, p, x0, y0, x1, y1, ff: getComputedStyle(n.parentElement).fontFamily}
                               : {c: ch, p, x0, y0, x1, y1});
        }
      }
      let cur = null, ws = false;
      for (const c of chars) {
        if (c.ws) { if (cur && c.p === cur.p) ws = true; continue; }
        let nl = !cur || c.p !== cur.p;
        if (!nl && !vert) {
          const cy = (c.y0 + c.y1) / 2;
          nl = cy < cur.y0 || cy > cur.y1 || c.x0 < cur.lx - 0.5 * (c.y1 - c.y0);
        } else if (!nl) {
          const cx = (c.x0 + c.x1) / 2;
          nl = cx < cur.x0 || cx > cur.x1 || c.y0 < cur.ly - 0.5 * (c.x1 - c.x0);
        }
        if (nl) {
          cur = {p: c.p, t: c.c, x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1, lx: c.x1, ly: c.y1};
          if (withChars) cur.cs = [];
          b.lines.push(cur);
        } else {
          cur.t += (ws ? ' ' : '') + c.c;
          cur.x0 = Math.min(cur.x0, c.x0); cur.y0 = Math.min(cur.y0, c.y0);
          cur.x1 = Math.max(cur.x1, c.x1); cur.y1 = Math.max(cur.y1, c.y1);
          cur.lx = c.x1; cur.ly = c.y1;
        }
        if (withChars) cur.cs.push([c.x0, c.y0, c.x1, c.y1, c.ff]);
        ws = false;
      }
      for (const ln of b.lines) {
        ln.slot = 0;
        if (slots) {
          const cx = (ln.x0 + ln.x1) / 2;
          ln.slot = Math.max(0, Math.min(slots.n - 1, Math.floor((cx - slots.left + slots.gap / 2) / (slots.colW + slots.gap))));
        }
        delete ln.lx; delete ln.ly;
      }
    }
    return blocks;
  }

  return {fits, fill, trim, extract};
})();
