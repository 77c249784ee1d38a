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

function mathToText(math: string): string {
  return math
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
    .replace(/\s+/g, " ")
    .trim();
}

/** Emphasis that abstracts use outside math: "\emph{zero-shot}" reads "zero-shot" in a mail. */
const TEXT_FONT_COMMANDS = /\\(?:emph|textbf|textit|texttt|textsc|underline)\s*\{([^{}$]*)\}/g;

/** Replaces every $…$, $$…$$, \(…\) and \[…\] span with its text form, and drops text-mode emphasis. */
export function mathAsText(text: string): string {
  return text
    .replace(/\$\$([^$]+)\$\$|\$([^$]+)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]/gs, (_, a, b, c, d) =>
      mathToText(a ?? b ?? c ?? d ?? ""),
    )
    .replace(TEXT_FONT_COMMANDS, "$1")
    .replace(/\s+/g, " ")
    .trim();
}
