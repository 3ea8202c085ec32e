// The highlight palette (src/editor/palette.ts + the colours contributed in package.json): every colour
// readable on the default editor background of its theme kind (WCAG AA, AAA for high contrast), every
// pair of kinds and every kind and body text clearly different, and kinds that share a type style still
// different for readers with a colour-vision deficiency. Fails when someone edits a colour into a clash.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze } from '../../src/engine/index';
import { ENTITY_KINDS, enabledKinds } from '../../src/editor/kinds';
import { PALETTE, highlightStyle, paletteSpans, quotedFragments } from '../../src/editor/palette';
import { contrastRatio, deltaE2000, deltaE2000Lab, simulateVision, type ColourVision } from '../support/color';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';
const colours = new Map<string, Record<ThemeKind, string>>(
  manifest.contributes.colors.map((c: { id: string; defaults: Record<ThemeKind, string> }) => [c.id, c.defaults]),
);

// Default editor background and text of each theme kind: Light Modern, Dark Modern, the two high-contrast themes.
const THEMES: Record<ThemeKind, { background: string; text: string; minContrast: number }> = {
  light: { background: '#FFFFFF', text: '#3B3B3B', minContrast: 4.5 },
  dark: { background: '#1F1F1F', text: '#CCCCCC', minContrast: 4.5 },
  highContrast: { background: '#000000', text: '#FFFFFF', minContrast: 7 },
  highContrastLight: { background: '#FFFFFF', text: '#292929', minContrast: 7 },
};
/** CIEDE2000: about 2 is just noticeable side by side; 12 is a different colour at a glance. */
const MIN_BETWEEN_KINDS = 12;
const MIN_FROM_TEXT = 20;
const MIN_SAME_STYLE_CVD = 7;
const VISIONS: ColourVision[] = ['protanopia', 'deuteranopia', 'tritanopia'];

const styleOf = (p: (typeof PALETTE)[number]) => JSON.stringify([p.style.fontWeight ?? '', p.style.fontStyle ?? '', p.style.textDecoration ?? '']);
const colourOf = (id: string, theme: ThemeKind) => {
  const c = colours.get(id);
  assert.ok(c, `${id} is not contributed in package.json`);
  return c[theme];
};

describe('colour arithmetic (test/support/color.ts)', () => {
  it('WCAG contrast ratios of known pairs', () => {
    assert.equal(contrastRatio('#000000', '#FFFFFF').toFixed(2), '21.00');
    assert.equal(contrastRatio('#777777', '#FFFFFF').toFixed(2), '4.48');
    assert.equal(contrastRatio('#FFFFFF', '#FFFFFF').toFixed(2), '1.00');
    // Translucent colours are measured as painted over the background.
    assert.equal(contrastRatio('#00000000', '#FFFFFF').toFixed(2), '1.00');
  });

  it('CIEDE2000 matches Sharma, Wu & Dalal (2005) test pairs', () => {
    const pairs: Array<[number[], number[], number]> = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[50, 2.5, 0], [50, 3.2972, 0], 1.0],
      [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
      [[63.0109, -31.0961, -5.8663], [62.8187, -29.7946, -4.0864], 1.263],
    ];
    for (const [a, b, want] of pairs) assert.ok(Math.abs(deltaE2000Lab(a, b) - want) < 1e-4, `${a} / ${b}: ${deltaE2000Lab(a, b)} ≠ ${want}`);
  });

  it('colour-vision simulation: red and green collapse for deuteranopes, grey stays grey', () => {
    assert.ok(deltaE2000('#D62728', '#2CA02C') > 40);
    assert.ok(deltaE2000(simulateVision('#D62728', 'deuteranopia'), simulateVision('#2CA02C', 'deuteranopia')) < 15);
    assert.equal(simulateVision('#808080', 'protanopia'), '#808080');
  });
});

describe('highlight palette (package.json colours)', () => {
  it('every entity kind is painted by exactly one palette entry, and every colour is contributed and described', () => {
    for (const kind of ENTITY_KINDS) assert.equal(PALETTE.filter((p) => p.kinds.includes(kind)).length, 1, kind);
    for (const p of PALETTE) {
      const c = manifest.contributes.colors.find((x: { id: string }) => x.id === p.colorId);
      assert.ok(c, `${p.colorId} missing from contributes.colors`);
      const key = /^%(.+)%$/.exec(c.description)?.[1];
      assert.ok(key && typeof nls[key] === 'string', `${p.colorId}: description must be a %key% in package.nls.json`);
    }
  });

  for (const [theme, t] of Object.entries(THEMES) as Array<[ThemeKind, (typeof THEMES)[ThemeKind]]>) {
    it(`${theme}: every kind reaches ${t.minContrast}:1 on ${t.background} and stands apart from body text ${t.text}`, () => {
      const problems: string[] = [];
      for (const p of PALETTE) {
        const c = colourOf(p.colorId, theme);
        const ratio = contrastRatio(c, t.background);
        if (ratio < t.minContrast) problems.push(`${p.key} ${c}: contrast ${ratio.toFixed(2)}`);
        const fromText = deltaE2000(c, t.text, t.background);
        if (fromText < MIN_FROM_TEXT) problems.push(`${p.key} ${c}: ΔE ${fromText.toFixed(1)} from body text`);
      }
      assert.deepEqual(problems, []);
    });

    it(`${theme}: every two kinds differ by ΔE2000 ≥ ${MIN_BETWEEN_KINDS}`, () => {
      const problems: string[] = [];
      for (let i = 0; i < PALETTE.length; i++) {
        for (let j = i + 1; j < PALETTE.length; j++) {
          const [a, b] = [PALETTE[i]!, PALETTE[j]!];
          const d = deltaE2000(colourOf(a.colorId, theme), colourOf(b.colorId, theme), t.background);
          if (d < MIN_BETWEEN_KINDS) problems.push(`${a.key}/${b.key}: ${d.toFixed(1)}`);
        }
      }
      assert.deepEqual(problems, []);
    });

    it(`${theme}: kinds with the same type style stay apart (ΔE ≥ ${MIN_SAME_STYLE_CVD}) under protanopia, deuteranopia and tritanopia`, () => {
      const problems: string[] = [];
      for (let i = 0; i < PALETTE.length; i++) {
        for (let j = i + 1; j < PALETTE.length; j++) {
          const [a, b] = [PALETTE[i]!, PALETTE[j]!];
          if (styleOf(a) !== styleOf(b)) continue;
          for (const v of VISIONS) {
            const d = deltaE2000(simulateVision(colourOf(a.colorId, theme), v), simulateVision(colourOf(b.colorId, theme), v), t.background);
            if (d < MIN_SAME_STYLE_CVD) problems.push(`${a.key}/${b.key} (${v}): ${d.toFixed(1)}`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  it('at most one group of kinds shares a type style, and it holds no more than three', () => {
    const byStyle = new Map<string, string[]>();
    for (const p of PALETTE) byStyle.set(styleOf(p), [...(byStyle.get(styleOf(p)) ?? []), p.key]);
    const shared = [...byStyle.values()].filter((keys) => keys.length > 1);
    assert.ok(shared.length <= 1 && (shared[0]?.length ?? 0) <= 3, JSON.stringify(shared));
  });
});

describe('palette spans (src/editor/palette.ts)', () => {
  const text = readFileSync(join(root, 'seeds', 'trump-xi-tiktok-call.txt'), 'utf8');
  const analysis = analyze(text);
  const words = (spans: Array<{ start: number; end: number }> | undefined) => (spans ?? []).map((s) => text.slice(s.start, s.end));

  it('places and dates go to different palette entries (they shared one theme colour before)', () => {
    const spans = paletteSpans(text, analysis, enabledKinds(undefined));
    assert.ok(words(spans.get('place')).includes('Beijing'), words(spans.get('place')).join('|'));
    assert.ok(words(spans.get('date')).some((w) => /Friday|Thursday|September|2024|2025/.test(w)), words(spans.get('date')).join('|'));
    assert.ok(!words(spans.get('place')).some((w) => words(spans.get('date')).includes(w)));
    assert.ok(words(spans.get('person')).includes('Trump'));
  });

  it('a kind switched off in newsLens.highlight.kinds is not painted; the others still are', () => {
    const spans = paletteSpans(text, analysis, enabledKinds({ place: false }));
    assert.deepEqual(spans.get('place'), []);
    assert.ok((spans.get('person') ?? []).length > 0);
  });

  it('quotations: direct ones whole with their marks', () => {
    const quotes = words(paletteSpans(text, analysis, enabledKinds(undefined)).get('quotation'));
    assert.ok(quotes.some((q) => q.startsWith('“I like TikTok') && q.endsWith('”')), quotes.join('|'));
  });

  it('quoted fragments of a partial quotation, marks included', () => {
    const t = 'He said the talks were “pretty close to a deal” and "fair".';
    const frags = quotedFragments(t, { start: 0, end: t.length }).map((s) => s.text);
    assert.deepEqual(frags, ['“pretty close to a deal”', '"fair"']);
  });

  it('newsLens.highlight.style: "theme" turns the palette off; anything else means the palette', () => {
    assert.equal(highlightStyle('theme'), 'theme');
    assert.equal(highlightStyle('palette'), 'palette');
    assert.equal(highlightStyle(undefined), 'palette');
    assert.equal(highlightStyle(42), 'palette');
  });
});
