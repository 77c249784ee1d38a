import { splitMath } from "../core/math-text.js";

/**
 * LaTeX in titles and abstracts as readable plain text for mail clients, which run no scripts and
 * drop MathML: "$\alpha$-divergence in $O(n^2)$" → "α-divergence in O(n²)". Unknown commands keep
 * their name without the backslash, so nothing turns into noise.
 */
const SYMBOLS: Record<string, string> = {
  alpha: "α",
  beta: "β",
  gamma: "γ",
  delta: "δ",
  epsilon: "ε",
  varepsilon: "ε",
  zeta: "ζ",
  eta: "η",
  theta: "θ",
  vartheta: "ϑ",
  iota: "ι",
  kappa: "κ",
  lambda: "λ",
  mu: "μ",
  nu: "ν",
  xi: "ξ",
  pi: "π",
  rho: "ρ",
  sigma: "σ",
  tau: "τ",
  upsilon: "υ",
  phi: "φ",
  varphi: "φ",
  chi: "χ",
  psi: "ψ",
  omega: "ω",
  Gamma: "Γ",
  Delta: "Δ",
  Theta: "Θ",
  Lambda: "Λ",
  Xi: "Ξ",
  Pi: "Π",
  Sigma: "Σ",
  Phi: "Φ",
  Psi: "Ψ",
  Omega: "Ω",
  infty: "∞",
  leq: "≤",
  le: "≤",
  geq: "≥",
  ge: "≥",
  neq: "≠",
  ne: "≠",
  approx: "≈",
  sim: "∼",
  times: "×",
  cdot: "·",
  pm: "±",
  to: "→",
  rightarrow: "→",
  leftarrow: "←",
  Rightarrow: "⇒",
  in: "∈",
  notin: "∉",
  subset: "⊂",
  subseteq: "⊆",
  cup: "∪",
  cap: "∩",
  sum: "∑",
  prod: "∏",
  int: "∫",
  partial: "∂",
  nabla: "∇",
  sqrt: "√",
  forall: "∀",
  exists: "∃",
  ell: "ℓ",
  ldots: "…",
  cdots: "⋯",
  dots: "…",
  log: "log",
  exp: "exp",
  min: "min",
  max: "max",
  sin: "sin",
  cos: "cos",
  emptyset: "∅",
  mid: "|",
  langle: "⟨",
  rangle: "⟩",
  lvert: "|",
  rvert: "|",
  star: "⋆",
  circ: "∘",
  otimes: "⊗",
  oplus: "⊕",
  propto: "∝",
  equiv: "≡",
  mapsto: "↦",
  top: "⊤",
  perp: "⊥",
};

const SUPERSCRIPTS: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "+": "⁺",
  "-": "⁻",
  n: "ⁿ",
  i: "ⁱ",
  T: "ᵀ",
};

const SUBSCRIPTS: Record<string, string> = {
  "0": "₀",
  "1": "₁",
  "2": "₂",
  "3": "₃",
  "4": "₄",
  "5": "₅",
  "6": "₆",
  "7": "₇",
  "8": "₈",
  "9": "₉",
  "+": "₊",
  "-": "₋",
  i: "ᵢ",
  j: "ⱼ",
  k: "ₖ",
  n: "ₙ",
  t: "ₜ",
};

const FONT_COMMANDS =
  /\\(?:mathbb|mathcal|mathbf|mathrm|mathit|mathsf|text|textbf|textit|emph|boldsymbol|operatorname|bm)\s*\{([^{}]*)\}/g;

/** "^{2}" → "²" when every character has a superscript form, else "^(…)". */
function script(body: string, table: Record<string, string>, mark: string): string {
  const chars = [...body];
  if (chars.every((char) => table[char] !== undefined)) return chars.map((char) => table[char]).join("");
  return chars.length === 1 ? `${mark}${body}` : `${mark}(${body})`;
}

/** Accents over a symbol, as the combining mark after it: "\hat{\theta}" reads "θ̂". */
const ACCENTS: Record<string, string> = {
  hat: "\u0302",
  widehat: "\u0302",
  tilde: "\u0303",
  widetilde: "\u0303",
  bar: "\u0304",
  overline: "\u0305",
  dot: "\u0307",
  ddot: "\u0308",
  vec: "\u20d7",
};
const ACCENT =
  /\\(hat|widehat|tilde|widetilde|bar|overline|dot|ddot|vec)(?![A-Za-z])\s*(?:\{([^{}]*)\}|(\\[A-Za-z]+|\S))/g;

/** Braces TeX escapes (\{ \}) stand for themselves; these stand in for them while grouping braces go. */
const OPEN_BRACE = "\u0001";
const CLOSE_BRACE = "\u0002";

function mathToText(math: string): string {
  return math
    .replaceAll("\\{", OPEN_BRACE)
    .replaceAll("\\}", CLOSE_BRACE)
    .replace(/\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])\s*\.?/g, "")
    .replace(ACCENT, (_whole, name: string, group: string | undefined, single: string | undefined) => {
      const base = group ?? single ?? "";
      return `${base}${ACCENTS[name] ?? ""}`;
    })
    .replace(FONT_COMMANDS, "$1")
    .replace(/\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, "($1)/($2)")
    .replace(/\\([A-Za-z]+)/g, (_whole, name: string) => SYMBOLS[name] ?? name)
    .replace(/\^\{([^{}]*)\}|\^(\S)/g, (_, group: string | undefined, single: string | undefined) =>
      script(group ?? single ?? "", SUPERSCRIPTS, "^"),
    )
    .replace(/_\{([^{}]*)\}|_(\S)/g, (_, group: string | undefined, single: string | undefined) =>
      script(group ?? single ?? "", SUBSCRIPTS, "_"),
    )
    .replace(/\\[,;:! ]/g, " ")
    .replace(/[{}]/g, "")
    .replaceAll(OPEN_BRACE, "{")
    .replaceAll(CLOSE_BRACE, "}")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Replaces every formula with its text form. Formulas and prose are read as the site reads them
 * (core/math-text.ts), so "under \$100" and "costs $5 and $10" stay prose in a mail too.
 */
export function mathAsText(text: string): string {
  return splitMath(text)
    .map((part) => (part.kind === "math" ? mathToText(part.tex) : part.text))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}
