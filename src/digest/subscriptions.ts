import { normaliseEmail } from "../community/accounts.js";
import { CommunityError } from "../community/errors.js";
import { sendToPerson } from "../community/person-mail.js";
import type { RateLimiter } from "../community/rate-limiter.js";
import { newId } from "../community/secrets.js";
import type { Mailer } from "../mail/mailer.js";
import type { DigestStore, Feedback, FeedbackSignal, Subscriber } from "../store/digest-store.js";
import { type DigestLinks, signedUrl } from "./render.js";
import { DEFAULT_SETTINGS, parseSettings, type SettingsForm } from "./settings.js";
import { hasTopics, TopicsError } from "./topics.js";

/** A person's email digest in their data export: settings, status, and "more / less like this". */
export interface DigestDataExport {
  subscription: Omit<Subscriber, "id" | "userId">;
  feedback: Feedback[];
}

/**
 * Subscribing (double opt-in: nothing is sent before the confirmation link is followed), unsubscribing
 * (signed link, no login; its page's button or the one-click POST acts at once), the profile's
 * settings, and "more / less like this" feedback.
 */
export class SubscriptionService {
  constructor(
    private readonly digests: DigestStore,
    private readonly mailer: Mailer,
    private readonly links: DigestLinks,
    private readonly limiter: RateLimiter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get mailDelivers(): boolean {
    return this.mailer.delivers;
  }

  /**
   * Starts a subscription and mails the confirmation link. The answer is the same whether or not
   * the address is known; an active subscription is left as it is and gets no mail.
   */
  async subscribe(rawEmail: string, ip: string, userId: string | null = null): Promise<void> {
    const email = normaliseEmail(rawEmail);
    await this.limiter.hit("subscribe", [`email:${email}`, `ip:${ip}`]);
    const subscriber = await this.digests.ensureSubscriber({
      id: newId(),
      email,
      userId,
      createdAt: this.now().toISOString(),
      ...DEFAULT_SETTINGS,
    });
    if (subscriber.status === "active") return;
    if (subscriber.status !== "pending")
      await this.digests.setStatus(subscriber.id, "pending", this.now().toISOString());
    const link = signedUrl(this.links, "/digest/confirm", {
      s: subscriber.id,
      t: this.links.signer.sign("confirm", subscriber.id),
    });
    await sendToPerson(this.mailer, {
      to: email,
      subject: "Confirm your PaperPulse digest subscription",
      text: [
        "Someone (hopefully you) asked for PaperPulse paper digests at this address.",
        "",
        "Open this link to confirm:",
        "",
        link,
        "",
        "If you did not ask for it, ignore this mail: nothing will be sent.",
      ].join("\n"),
    });
  }

  private async signed(
    subscriberId: string,
    token: string,
    action: "confirm" | "unsubscribe",
  ): Promise<Subscriber> {
    const subscriber = await this.digests.subscriberById(subscriberId);
    if (!subscriber || !this.links.signer.verify(action, subscriberId, token)) {
      throw new CommunityError("not_found", "This link is not valid. Copy the whole link from the mail.");
    }
    return subscriber;
  }

  /** Follows the confirmation link; confirming twice is fine. */
  async confirm(subscriberId: string, token: string): Promise<Subscriber> {
    const subscriber = await this.signed(subscriberId, token, "confirm");
    if (subscriber.status === "active") return subscriber;
    if (subscriber.status === "unsubscribed")
      throw new CommunityError("conflict", "This subscription was cancelled. Subscribe again to restart it.");
    await this.digests.setStatus(subscriber.id, "active", this.now().toISOString());
    return { ...subscriber, status: "active" };
  }

  /** Whom a signed confirmation link names, checked and left as it is (the link's page asks first). */
  async confirming(subscriberId: string, token: string): Promise<Subscriber> {
    return this.signed(subscriberId, token, "confirm");
  }

  /** Whom a signed unsubscribe link names, checked and left as it is (the link's page asks first). */
  async unsubscribing(subscriberId: string, token: string): Promise<Subscriber> {
    return this.signed(subscriberId, token, "unsubscribe");
  }

  /** One-click unsubscribe: takes effect at once, and repeating it changes nothing. */
  async unsubscribe(subscriberId: string, token: string): Promise<Subscriber> {
    const subscriber = await this.signed(subscriberId, token, "unsubscribe");
    if (subscriber.status !== "unsubscribed")
      await this.digests.setStatus(subscriber.id, "unsubscribed", this.now().toISOString());
    return { ...subscriber, status: "unsubscribed" };
  }

  /** Checks a "more / less like this" link without recording it (the page that asks first). */
  async checkFeedback(
    subscriberId: string,
    paperId: string,
    action: "more" | "less",
    token: string,
  ): Promise<void> {
    const subscriber = await this.digests.subscriberById(subscriberId);
    if (!subscriber || !this.links.signer.verify(action, subscriberId, token, paperId)) {
      throw new CommunityError("not_found", "This link is not valid. Copy the whole link from the mail.");
    }
  }

  async feedback(
    subscriberId: string,
    paperId: string,
    action: "more" | "less",
    token: string,
  ): Promise<void> {
    await this.checkFeedback(subscriberId, paperId, action, token);
    const signal: FeedbackSignal = action === "more" ? 1 : -1;
    await this.digests.saveFeedback(subscriberId, paperId, signal, this.now().toISOString());
  }

  /** The signed-in person's subscription (by account, else by their email, which it then joins). */
  async forUser(userId: string, email: string): Promise<Subscriber | null> {
    const own = await this.digests.subscriberByUser(userId);
    if (own) return own;
    const byEmail = await this.digests.subscriberByEmail(email);
    if (!byEmail) return null;
    await this.digests.linkUser(byEmail.id, userId);
    return { ...byEmail, userId };
  }

  /**
   * Saves the profile's settings. A signed-in person's own address needs no confirmation mail: the
   * sign-in link already proved it, so the subscription is active at once.
   */
  async saveSettings(userId: string, email: string, form: SettingsForm): Promise<Subscriber> {
    let settings: ReturnType<typeof parseSettings>;
    try {
      settings = parseSettings(form);
    } catch (error) {
      if (error instanceof TopicsError) throw new CommunityError("invalid", error.message);
      throw error;
    }
    const own = await this.forUser(userId, email);
    if (settings.kind === "personal" && !hasTopics(settings.topics) && !(await this.hasLiked(own))) {
      throw new CommunityError(
        "invalid",
        "A personal digest needs a topic: a category, keyword, author or saved search, or papers like the ones you upvoted or saved. Without one it has nothing to pick.",
      );
    }
    const existing =
      own ??
      (await this.digests.ensureSubscriber({
        id: newId(),
        email,
        userId,
        createdAt: this.now().toISOString(),
        ...settings,
      }));
    await this.digests.updateSettings(existing.id, settings);
    if (existing.status !== "active")
      await this.digests.setStatus(existing.id, "active", this.now().toISOString());
    return { ...existing, ...settings, status: "active" };
  }

  /** Whether "more like this" marked a paper, which alone gives a personal digest something to pick. */
  private async hasLiked(subscriber: Subscriber | null): Promise<boolean> {
    if (!subscriber) return false;
    return (await this.digests.feedback(subscriber.id)).some((entry) => entry.signal === 1);
  }

  /**
   * The signed-in person's subscription and feedback, for their data export; read without linking an
   * address-only subscription to the account, since exporting changes nothing.
   */
  async exportFor(userId: string, email: string): Promise<DigestDataExport | null> {
    const subscriber =
      (await this.digests.subscriberByUser(userId)) ?? (await this.digests.subscriberByEmail(email));
    if (!subscriber) return null;
    const { id: _id, userId: _userId, ...subscription } = subscriber;
    return { subscription, feedback: await this.digests.feedback(subscriber.id) };
  }

  /** Stops the signed-in person's digests from the profile. */
  async stop(userId: string, email: string): Promise<void> {
    const subscriber = await this.forUser(userId, email);
    if (subscriber && subscriber.status !== "unsubscribed")
      await this.digests.setStatus(subscriber.id, "unsubscribed", this.now().toISOString());
  }
}
