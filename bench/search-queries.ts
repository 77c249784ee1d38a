/**
 * The 200 benchmark queries for lexical search: 100 built from real titles' first words and
 * 100 two-to-three word topics. Deterministic: the same corpus gives the same queries.
 */
import type { PaperStore } from "../src/store/store.js";
import { seededRandom } from "./seeded-random.js";

/** Broad and narrow searches as a visitor types them: the load benchmark's search page requests. */
export const PAGE_QUERIES = [
  "graph neural networks",
  "diffusion models for image generation",
  "reinforcement learning from human feedback",
  "quantum error correction",
  "protein structure prediction",
  "large language model reasoning",
  "dark matter halos",
  "speech recognition transformers",
];

export const TOPICS = `
diffusion models, graph neural networks, reinforcement learning, large language models, vision transformer, contrastive learning
speech recognition, machine translation, object detection, semantic segmentation, knowledge distillation, federated learning
question answering, neural radiance fields, image generation, in-context learning, retrieval augmented generation, sentiment analysis
named entity recognition, text classification, adversarial robustness, domain adaptation, few-shot learning, self-supervised learning
point cloud, pose estimation, video understanding, code generation, mathematical reasoning, chain of thought
instruction tuning, preference optimization, reward model, hallucination detection, multimodal models, visual question answering
image captioning, depth estimation, optical flow, autonomous driving, medical imaging, protein structure
time series forecasting, anomaly detection, recommender systems, information retrieval, dense retrieval, sparse attention
linear attention, mixture of experts, model compression, quantization, pruning neural networks, low-rank adaptation
continual learning, catastrophic forgetting, meta learning, causal inference, uncertainty estimation, bayesian neural networks
gaussian processes, optimal transport, variational autoencoder, generative adversarial networks, normalizing flows, score matching
flow matching, speech synthesis, text to speech, audio classification, music generation, sign language
dialogue systems, summarization, fact checking, bias in language models, fairness, privacy
differential privacy, membership inference, jailbreak attacks, red teaming, alignment, interpretability
mechanistic interpretability, sparse autoencoders, scaling laws, tokenization, multilingual models, low-resource languages
cross-lingual transfer, embodied agents, robot manipulation, world models, video generation, 3d reconstruction
gaussian splatting, image editing, super resolution, locality inductive bias
`
  .split(/,|\n/)
  .map((topic) => topic.trim())
  .filter(Boolean);

export async function benchmarkQueries(store: PaperStore, count = 200): Promise<string[]> {
  const random = seededRandom(42);
  const titleQueries: string[] = [];
  // One title from every 2,000 papers in id order: a spread over the whole corpus.
  let cursor: string | null = null;
  for (;;) {
    const page: { id: string; title: string }[] = await store.papersAfter(cursor, 2_000);
    if (page.length === 0) break;
    const pick = page[Math.floor(random() * page.length)]!;
    titleQueries.push(
      pick.title
        .split(/\s+/)
        .slice(0, 2 + Math.floor(random() * 2))
        .join(" "),
    );
    cursor = page.at(-1)!.id;
  }
  const wanted = count / 2;
  const titles = Array.from({ length: wanted }, (_, i) => titleQueries[i % titleQueries.length]!);
  return [...titles, ...TOPICS.slice(0, wanted)];
}
